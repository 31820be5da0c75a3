package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DistributedSampler gives every rank PyTorch's indices (golden file of src/test/python/gen_sampler_golden.py). */
class DistributedSamplerTest {

    @Test
    void everyRankGetsPyTorchsIndices() {
        JsonNode cases = Golden.load("distributed_sampler.json").get("cases");
        int checked = 0;
        for (JsonNode c : cases) {
            var options = new DistributedSampler.Options().numReplicas(c.get("num_replicas").asInt())
                    .rank(c.get("rank").asInt()).shuffle(c.get("shuffle").asBoolean()).seed(c.get("seed").asLong())
                    .dropLast(c.get("drop_last").asBoolean());
            DistributedSampler sampler = new DistributedSampler(c.get("n").asLong(), options);
            sampler.setEpoch(c.get("epoch").asLong());
            String what = c.toString().replaceAll(",\"indices\".*", "");
            assertEquals(c.get("len").asLong(), sampler.size(), what);
            long[] expected = new long[c.get("indices").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("indices").get(i).asLong();
            }
            List<Long> iterated = new ArrayList<>();
            sampler.forEach(iterated::add);
            assertArrayEquals(expected, iterated.stream().mapToLong(Long::longValue).toArray(), what);
            checked++;
        }
        assertEquals(cases.size(), checked);
        org.junit.jupiter.api.Assertions.assertTrue(checked > 1000, "the golden file has " + checked + " cases");
    }

    @Test
    void invalidRanksAreRefusedInPyTorchsWords() {
        for (JsonNode e : Golden.load("distributed_sampler.json").get("errors")) {
            if (!e.has("rank") || !e.has("num_replicas") || e.get("num_replicas").asInt() < 1) {
                continue;
            }
            var options = new DistributedSampler.Options().numReplicas(e.get("num_replicas").asInt())
                    .rank(e.get("rank").asInt());
            var ex = assertThrows(IllegalArgumentException.class,
                    () -> new DistributedSampler(e.get("n").asLong(), options));
            assertEquals(e.get("message").asText(), ex.getMessage());
        }
    }

    @Test
    void withoutAProcessGroupTheWorldSizeMustBeGiven() {
        var ex = assertThrows(IllegalStateException.class,
                () -> new DistributedSampler(10, new DistributedSampler.Options().rank(0)));
        assertEquals("Default process group has not been initialized, please make sure to call init_process_group.",
                ex.getMessage());
    }

    @Test
    void shufflingUsesItsOwnGeneratorNotTheGlobalOne() {
        Torch.manualSeed(0);
        double before = Torch.rand(1).item();
        Torch.manualSeed(0);
        var sampler = new DistributedSampler(100, new DistributedSampler.Options().numReplicas(2).rank(1).seed(4));
        sampler.indices();
        assertEquals(before, Torch.rand(1).item(), "the global generator moved");
        long[] epoch0 = sampler.indices();
        sampler.setEpoch(1);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(epoch0, sampler.indices()),
                "set_epoch must change the shuffle");
    }

    @Test
    void aDataLoaderOverTheSamplerBatchesThisRanksShare() {
        TensorDataset ds = new TensorDataset(Torch.arange(10));
        var sampler = new DistributedSampler(ds, new DistributedSampler.Options().numReplicas(3).rank(2)
                .shuffle(false));
        var loader = new DataLoader<>(ds, new DataLoader.Options().batchSize(2).sampler(sampler));
        List<Long> seen = new ArrayList<>();
        for (Batch b : loader) {
            for (long v : b.get(0).toLongArray()) {
                seen.add(v);
            }
        }
        assertEquals(List.of(2L, 5L, 8L, 1L), seen, "indices[2::3] of 0..9 padded with 0, 1");
    }
}
