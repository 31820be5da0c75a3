package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code Tensor.toString()} against Python's {@code str(tensor)} (golden/tensor_core.json). */
class TensorPrintTest {
    private static final JsonNode GOLDEN = Golden.load("tensor_core.json");

    static Stream<Arguments> printingCases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : GOLDEN.get("printing")) {
            out.add(Arguments.of(c.get("name").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printingCases")
    void printsLikePyTorch(String name, JsonNode c) {
        Tensor t = Golden.tensor(c);
        assertEquals(c.get("str").asText(), t.toString(), name);
    }

    @Test
    void printsRequiresGradAndGradFnSuffixes() {
        JsonNode s = GOLDEN.get("autograd_strings");
        Tensor leaf = Torch.ones(2).requiresGrad_();
        assertEquals(s.get("requires_grad").asText(), leaf.toString());
        assertEquals(s.get("grad_fn_mul").asText(), leaf.mul(2).toString());
        assertEquals(s.get("grad_fn_add").asText(), leaf.add(1).toString());
        assertEquals(s.get("grad_fn_sum").asText(), leaf.mul(3).sum().toString());
    }

    @Test
    void shapePrintsAsTorchSize() {
        assertEquals(GOLDEN.get("size_str").asText(), Torch.zeros(800, 2).shape().toString());
        assertEquals("torch.Size([])", Torch.scalarTensor(1.0).shape().toString());
    }
}
