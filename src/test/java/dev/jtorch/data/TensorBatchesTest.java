package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct batching of a {@link TensorDataset} ({@link TensorBatches}) against the generic path (the same tensors
 * behind a dataset that is not a TensorDataset, collated sample by sample from {@link BatchIndices}): the same
 * batches, and the generators left in the same state, for every batch size, remainder, drop_last, shuffle, explicit
 * generator, and for loops left early.
 */
class TensorBatchesTest {

    /** The same samples, but not a TensorDataset: the loader takes its generic path. */
    private static final class Plain implements Dataset<List<Tensor>> {
        private final TensorDataset inner;

        Plain(TensorDataset inner) {
            this.inner = inner;
        }

        @Override
        public List<Tensor> get(long index) {
            return inner.get(index);
        }

        @Override
        public long size() {
            return inner.size();
        }
    }

    private static TensorDataset dataset(int n) {
        Tensor x = Torch.arange(n * 3).toFloat().view(n, 3).keep();
        Tensor y = Torch.arange(n).keep();
        return new TensorDataset(x, y);
    }

    /** Every batch's tensors as float arrays, then one number drawn from each generator. */
    private static List<String> run(Dataset<?> ds, int batchSize, boolean shuffle, boolean dropLast, Generator g,
            int stopAfter) {
        List<String> out = new ArrayList<>();
        var options = new DataLoader.Options().batchSize(batchSize).shuffle(shuffle).dropLast(dropLast);
        if (g != null) {
            options.generator(g);
        }
        var loader = new DataLoader<>(ds, options);
        try (var scope = new TensorScope()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                int k = 0;
                for (Batch b : loader) {
                    StringBuilder s = new StringBuilder();
                    for (Tensor t : b.tensors()) {
                        s.append(t.shape()).append(java.util.Arrays.toString(t.toFloat().toFloatArray()));
                    }
                    out.add(s.toString());
                    if (++k == stopAfter) {
                        break;
                    }
                }
            }
            out.add("global " + Torch.rand(1).item());
            if (g != null) {
                out.add("generator " + Torch.rand(new long[] {1}, g).item());
            }
        }
        return out;
    }

    @Test
    void sameBatchesAndRandomStateAsTheGenericPath() {
        for (int n : new int[] {0, 1, 7, 16, 17}) {
            for (int bs : new int[] {1, 4, 8, 16, 32}) {
                for (boolean shuffle : new boolean[] {false, true}) {
                    for (boolean dropLast : new boolean[] {false, true}) {
                        for (boolean withGenerator : new boolean[] {false, true}) {
                            for (int stop : new int[] {Integer.MAX_VALUE, 1}) {
                                String what = "n=" + n + " bs=" + bs + " shuffle=" + shuffle + " dropLast=" + dropLast
                                        + " generator=" + withGenerator + " stop=" + stop;
                                TensorDataset td = dataset(n);
                                Torch.manualSeed(3);
                                List<String> direct = run(td, bs, shuffle, dropLast,
                                        withGenerator ? new Generator().manualSeed(5) : null, stop);
                                Torch.manualSeed(3);
                                List<String> generic = run(new Plain(td), bs, shuffle, dropLast,
                                        withGenerator ? new Generator().manualSeed(5) : null, stop);
                                assertEquals(generic, direct, what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void takesTheDirectPathOnlyForJtorchSamplersAndDefaultCollation() {
        TensorDataset td = dataset(10);
        assertTrue(TensorBatches.applies(td, new RandomSampler(10), new DataLoader.Options()));
        assertTrue(TensorBatches.applies(td, new SequentialSampler(10), new DataLoader.Options()));
        assertFalse(TensorBatches.applies(td, new RandomSampler(10) { }, new DataLoader.Options()));
        assertFalse(TensorBatches.applies(td, new RandomSampler(5), new DataLoader.Options()));
        assertFalse(TensorBatches.applies(td, new SequentialSampler(10),
                new DataLoader.Options().collate(Collate::defaultCollate)));
        assertFalse(TensorBatches.applies(new Plain(td), new SequentialSampler(10), new DataLoader.Options()));
    }

    @Test
    void batchesAreCopiesNotViewsOfTheDataset() {
        TensorDataset td = dataset(8);
        var loader = new DataLoader<>(td, new DataLoader.Options().batchSize(4));
        for (Batch b : loader) {
            b.get(1).zero_();
        }
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, td.tensors().get(1).toLongArray());
    }
}
