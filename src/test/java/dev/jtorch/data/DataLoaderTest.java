package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    @AfterEach
    void noScopeLeftOpen() {
        System.gc();
        Torch.ones(1);
    }

    private static TensorDataset numbered(int n) {
        return new TensorDataset(Torch.arange(n).toFloat().view(n, 1), Torch.arange(n));
    }

    @Test
    void batchesSizesAndLength() {
        var loader = new DataLoader<>(numbered(10), new DataLoader.Options().batchSize(4));
        assertEquals(3, loader.size());
        List<Long> sizes = new ArrayList<>();
        for (Batch b : loader) {
            sizes.add(b.labels().size(0));
            assertEquals("torch.Size([" + b.labels().size(0) + ", 1])", b.inputs().shape().toString());
        }
        assertEquals(List.of(4L, 4L, 2L), sizes);
        var drop = new DataLoader<>(numbered(10), new DataLoader.Options().batchSize(4).dropLast(true));
        assertEquals(2, drop.size());
        int count = 0;
        for (Batch b : drop) {
            count++;
        }
        assertEquals(2, count);
    }

    @Test
    void eachBatchAndTheTensorsMadeFromItAreReleasedWhenTheLoopMovesOn() {
        var loader = new DataLoader<>(numbered(12), new DataLoader.Options().batchSize(3));
        List<Tensor> seen = new ArrayList<>();
        List<Tensor> made = new ArrayList<>();
        double total = 0;
        for (Batch b : loader) {
            Tensor doubled = b.inputs().mul(2);
            total += doubled.sum().item();
            seen.add(b.inputs());
            made.add(doubled);
        }
        assertEquals(2 * (0 + 11) * 12 / 2.0, total);
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(seen.get(i).isReleased());
            assertTrue(made.get(i).isReleased());
        }
        assertNull(TensorScope.current());
    }

    @Test
    void breakAndNestedLoadersAreSafe() {
        var outer = new DataLoader<>(numbered(6), new DataLoader.Options().batchSize(2));
        var inner = new DataLoader<>(numbered(4), new DataLoader.Options().batchSize(1).shuffle(true));
        Tensor kept = null;
        int pairs = 0;
        for (Batch a : outer) {
            for (Batch b : inner) {
                assertFalse(a.inputs().isReleased());
                a.inputs().add(b.inputs());
                pairs++;
                if (pairs % 3 == 0) {
                    break;
                }
            }
            kept = a.labels().sum().keep();
        }
        assertEquals(4 + 5, kept.itemLong(), "the last outer batch held 4 and 5");
        Tensor after = Torch.ones(2);
        assertArrayEquals(new float[] {1, 1}, after.toFloatArray());
    }

    @Test
    void javaDatasetsAreCollatedAndWorkersKeepTheOrder() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Dataset<List<Tensor>> squares = new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                threads.add(Thread.currentThread().getName());
                return List.of(Torch.tensor((double) index * index), Torch.scalarTensor(index, dev.jtorch.DType.INT64));
            }

            @Override
            public long size() {
                return 50;
            }
        };
        for (int workers : new int[] {0, 3}) {
            threads.clear();
            var loader = new DataLoader<>(squares, new DataLoader.Options().batchSize(8).numWorkers(workers));
            List<Long> labels = new ArrayList<>();
            List<Tensor> batches = new ArrayList<>();
            for (Batch b : loader) {
                assertEquals(dev.jtorch.DType.FLOAT32, b.get(0).dtype());
                for (long v : b.get(1).toLongArray()) {
                    labels.add(v);
                }
                assertEquals(b.get(1).toFloat().pow(2).sum().item(), b.get(0).sum().item(), 1e-3);
                batches.add(b.get(0));
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < 50; i++) {
                expected.add(i);
            }
            assertEquals(expected, labels, "order preserved with " + workers + " workers");
            for (Tensor t : batches) {
                assertTrue(t.isReleased(), "worker batches are adopted by the batch scope");
            }
            if (workers > 0) {
                assertTrue(threads.stream().allMatch(n -> n.startsWith("DataLoader worker")), threads.toString());
            }
        }
    }

    @Test
    void badArgumentsAreClear() {
        assertEquals("batch_size should be a positive integer value, but got batch_size=0",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options().batchSize(0))
                        .getMessage());
        assertEquals("Size mismatch between tensors", assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Torch.zeros(3, 2), Torch.zeros(4))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options().numWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(numbered(3),
                new DataLoader.Options().shuffle(true).sampler(new SequentialSampler(3))));
        assertEquals("Sum of input lengths does not equal the length of the input dataset!",
                assertThrows(IllegalArgumentException.class,
                        () -> Data.randomSplit(numbered(5), new long[] {2, 2}, null)).getMessage());
    }

    @Test
    void subsetsAndConcatenation() {
        TensorDataset ds = numbered(5);
        Subset<List<Tensor>> sub = new Subset<>(ds, new long[] {4, 0});
        assertEquals(2, sub.size());
        assertEquals(4L, sub.get(0).get(1).itemLong());
        ConcatDataset<List<Tensor>> both = new ConcatDataset<>(List.of(ds, sub));
        assertEquals(7, both.size());
        assertEquals(0L, both.get(6).get(1).itemLong());
        assertEquals(4L, both.get(-3).get(1).itemLong());
        var loader = new DataLoader<>(both, new DataLoader.Options().batchSize(7));
        for (Batch b : loader) {
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 4, 0}, b.labels().toLongArray());
        }
    }
}
