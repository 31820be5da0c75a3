package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import org.junit.jupiter.api.Test;

/** Same seed, same numbers: jtorch's random factories against Python's (golden/tensor_core.json). */
class RandomParityTest {
    private static final JsonNode RANDOM = Golden.load("tensor_core.json").get("random");

    private static void assertSame(String name, Tensor actual) {
        JsonNode c = Golden.find(RANDOM, name);
        assertArrayEquals(Golden.shape(c), actual.shape().toArray(), name + " shape");
        assertEquals(Golden.dtype(c), actual.dtype(), name + " dtype");
        if (actual.dtype().isFloatingPoint()) {
            assertArrayEquals(Golden.doubles(c), actual.toDoubleArray(), 0.0, name);
        } else {
            assertArrayEquals(Golden.longs(c), actual.toLongArray(), name);
        }
    }

    @Test
    void manualSeed42Randn2x3GivesPythonsNumbers() {
        Torch.manualSeed(42);
        Tensor t = Torch.randn(2, 3);
        assertSame("seed42_randn_2x3", t);
        assertEquals(Golden.find(RANDOM, "seed42_randn_2x3").get("str").asText(), t.toString());
    }

    @Test
    void aSequenceOfDrawsConsumesTheGeneratorAsPythonDoes() {
        Torch.manualSeed(42);
        assertSame("seq_randn_1000x10", Torch.randn(1000, 10));
        assertSame("seq_randn_10x1", Torch.randn(10, 1));
        assertSame("seq_randn_1", Torch.randn(1));
        assertSame("seq_rand_7", Torch.rand(7));
        assertSame("seq_randperm_10", Torch.randperm(10));
        assertSame("seq_randint_8", Torch.randint(0, 10, 8));
        assertSame("seq_randn_20", Torch.randn(20));
        assertSame("seq_rand_3x17", Torch.rand(3, 17));
    }
}
