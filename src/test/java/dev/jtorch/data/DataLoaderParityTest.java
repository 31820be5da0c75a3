package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataLoader and random_split draw random numbers exactly as PyTorch 1.13 (golden/data_loader.json). */
class DataLoaderParityTest {
    private static final JsonNode G = Golden.load("data_loader.json");

    private static List<List<Long>> expected(JsonNode batches) {
        List<List<Long>> out = new ArrayList<>();
        for (JsonNode b : batches) {
            List<Long> l = new ArrayList<>();
            b.forEach(v -> l.add(v.asLong()));
            out.add(l);
        }
        return out;
    }

    private static List<List<Long>> labels(DataLoader<?> loader) {
        List<List<Long>> out = new ArrayList<>();
        for (Batch b : loader) {
            List<Long> l = new ArrayList<>();
            for (long v : b.get(1).toLongArray()) {
                l.add(v);
            }
            out.add(l);
        }
        return out;
    }

    private static List<Long> indices(Subset<?> s) {
        List<Long> l = new ArrayList<>();
        for (long i : s.indices()) {
            l.add(i);
        }
        return l;
    }

    private static TensorDataset dataset() {
        Tensor X = Torch.randn(100, 3);
        Tensor y = Torch.arange(100);
        return new TensorDataset(X, y);
    }

    @Test
    void shuffledAndSequentialLoadersConsumeTheGlobalGeneratorAsPyTorch() {
        Torch.manualSeed(42);
        TensorDataset ds = dataset();
        var train = new DataLoader<>(ds, new DataLoader.Options().batchSize(16).shuffle(true));
        var val = new DataLoader<>(ds, new DataLoader.Options().batchSize(30));
        assertEquals(G.get("len_train").asLong(), train.size());
        assertEquals(G.get("len_val").asLong(), val.size());
        int epoch = 0;
        for (JsonNode e : G.get("shuffled_epochs")) {
            epoch++;
            assertEquals(expected(e.get("train")), labels(train), "train batches of epoch " + epoch);
            assertEquals(expected(e.get("val")), labels(val), "val batches of epoch " + epoch);
            assertEquals(e.get("after").asDouble(), Torch.randn(1).item(), "generator state after epoch " + epoch);
        }
    }

    @Test
    void dropLast() {
        Torch.manualSeed(42);
        TensorDataset ds = dataset();
        Torch.manualSeed(1);
        var drop = new DataLoader<>(ds, new DataLoader.Options().batchSize(16).shuffle(true).dropLast(true));
        JsonNode d = G.get("drop_last");
        assertEquals(d.get("len").asLong(), drop.size());
        assertEquals(expected(d.get("batches")), labels(drop));
        assertEquals(d.get("after").asDouble(), Torch.randn(1).item());
    }

    @Test
    void anExplicitGeneratorLeavesTheGlobalOneAlone() {
        Torch.manualSeed(42);
        TensorDataset ds = dataset();
        Torch.manualSeed(2);
        var loader = new DataLoader<>(ds, new DataLoader.Options().batchSize(25).shuffle(true)
                .generator(new Generator().manualSeed(123)));
        JsonNode e = G.get("explicit_generator");
        assertEquals(expected(e.get("epoch1")), labels(loader));
        assertEquals(expected(e.get("epoch2")), labels(loader));
        assertEquals(e.get("after").asDouble(), Torch.randn(1).item());
    }

    @Test
    void randomSplitByFractionsAndLengths() {
        Torch.manualSeed(42);
        TensorDataset ds = dataset();
        Torch.manualSeed(3);
        JsonNode r = G.get("random_split");
        List<Subset<List<Tensor>>> ab = Data.randomSplit(ds, new double[] {0.7, 0.3}, null);
        assertEquals(expected(r.get("fractions")), List.of(indices(ab.get(0)), indices(ab.get(1))));
        List<Subset<List<Tensor>>> cde = Data.randomSplit(ds, new long[] {50, 30, 20}, new Generator().manualSeed(0));
        assertEquals(expected(r.get("lengths_with_generator")),
                List.of(indices(cde.get(0)), indices(cde.get(1)), indices(cde.get(2))));
        assertEquals(r.get("after").asDouble(), Torch.randn(1).item());
        TensorDataset small = new TensorDataset(Torch.arange(10));
        List<Long> sizes = new ArrayList<>();
        for (Subset<?> s : Data.randomSplit(small, new double[] {0.33, 0.33, 0.34}, new Generator().manualSeed(1))) {
            sizes.add(s.size());
        }
        List<Long> expectedSizes = new ArrayList<>();
        G.get("random_split_remainder").forEach(v -> expectedSizes.add(v.asLong()));
        assertEquals(expectedSizes, sizes);
    }
}
