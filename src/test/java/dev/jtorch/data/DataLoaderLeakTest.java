package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 ("No leaks"): a {@code DataLoader} with worker threads on a Java-side dataset must end its workers when
 * the loop is abandoned, whichever way: closed explicitly, left inside an enclosing {@link TensorScope} that then
 * closes, or simply dropped (the garbage collector's turn). 2,000 abandoned loops once left 4,025 live threads.
 */
class DataLoaderLeakTest {
    private static final int LOOPS = 2_000;
    /** Workers that may still be winding down when the bounded wait ends. */
    private static final int SLACK = 4;

    private int baseline;

    @BeforeEach
    void countWorkersBefore() {
        baseline = awaitWorkersAtMost(Integer.MAX_VALUE);
    }

    @AfterEach
    void noScopeLeftOpen() {
        System.gc();
        Torch.ones(1);
    }

    /** A dataset implemented in Java (not a TensorDataset), so batches are collated on the worker threads. */
    private static Dataset<List<Tensor>> javaDataset(int n) {
        return new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                return List.of(Torch.tensor(new float[] {index, -index}), Torch.scalarTensor(index, DType.INT64));
            }

            @Override
            public long size() {
                return n;
            }
        };
    }

    private static DataLoader<List<Tensor>> loader() {
        return new DataLoader<>(javaDataset(64), new DataLoader.Options().batchSize(4).numWorkers(2));
    }

    private static List<Thread> workers() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("DataLoader worker")) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Polls (collecting garbage each time) for up to 10 s until at most {@code limit} workers are alive; returns
     * the number alive at the end.
     */
    private static int awaitWorkersAtMost(int limit) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int alive = workers().size();
        while (alive > limit && System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = workers().size();
        }
        return alive;
    }

    private void assertWorkersEnded(String how) {
        int alive = awaitWorkersAtMost(baseline + SLACK);
        assertTrue(alive <= baseline + SLACK, how + ": " + alive + " DataLoader workers alive after " + LOOPS
                + " abandoned loops (" + baseline + " before; " + held.size() + " iterators still reachable)");
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super("stop", null, false, false);
        }
    }

    /**
     * Iterators kept reachable until the workers have been counted, so that the collector (the third way) cannot be
     * what ends them in the tests of the first two.
     */
    private final List<Iterator<Batch>> held = new ArrayList<>();

    /** The loader, recording each iterator it hands out in {@link #held}. */
    private Iterable<Batch> holding(DataLoader<List<Tensor>> loader) {
        return () -> {
            DataLoader.BatchIterator it = loader.iterator();
            held.add(it);
            return it;
        };
    }

    @AfterEach
    void releaseHeld() {
        held.clear();
    }

    // ------------------------------------------------------------------ explicit close

    @Test
    void closingTheIteratorEndsItsWorkersAfterBreak() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            int take = 1 + i % 2;
            try (DataLoader.BatchIterator it = loader.iterator()) {
                held.add(it);
                for (int k = 0; k < take && it.hasNext(); k++) {
                    it.next();
                }
            }
        }
        assertWorkersEnded("explicit close after break");
    }

    @Test
    void closingTheIteratorEndsItsWorkersAfterAnException() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            int take = 1 + i % 2;
            try (DataLoader.BatchIterator it = loader.iterator()) {
                held.add(it);
                int k = 0;
                while (it.hasNext()) {
                    it.next();
                    if (++k == take) {
                        throw new Stop();
                    }
                }
            } catch (Stop expected) {
                // the loop body failed
            }
        }
        assertWorkersEnded("explicit close after an exception");
    }

    // ------------------------------------------------------------------ enclosing scope

    @Test
    void breakInsideAnEnclosingScopeEndsTheWorkersWhenTheScopeCloses() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            int take = 1 + i % 2;
            try (var scope = new TensorScope("epoch")) {
                int k = 0;
                for (Batch b : holding(loader)) {
                    b.inputs().sum();
                    if (++k == take) {
                        break;
                    }
                }
            }
        }
        assertWorkersEnded("break inside a closed enclosing scope");
    }

    @Test
    void anExceptionInsideAnEnclosingScopeEndsTheWorkersWhenTheScopeCloses() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            int take = 1 + i % 2;
            try (var scope = new TensorScope("epoch")) {
                int k = 0;
                for (Batch b : holding(loader)) {
                    b.inputs().sum();
                    if (++k == take) {
                        throw new Stop();
                    }
                }
            } catch (Stop expected) {
                // the loop body failed
            }
        }
        assertWorkersEnded("exception inside a closed enclosing scope");
    }

    // ------------------------------------------------------------------ garbage collection

    /** One loop left by {@code break}, in its own frame so that its iterator is unreachable once it returns. */
    private static void breakAfter(DataLoader<List<Tensor>> loader, int take) {
        int k = 0;
        for (Batch b : loader) {
            if (++k == take) {
                break;
            }
        }
    }

    private static void throwAfter(DataLoader<List<Tensor>> loader, int take) {
        int k = 0;
        for (Batch b : loader) {
            if (++k == take) {
                throw new Stop();
            }
        }
    }

    @Test
    void aDroppedIteratorEndsItsWorkersOnceCollected() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            breakAfter(loader, 1 + i % 2);
        }
        assertWorkersEnded("plain break, iterator dropped");
    }

    @Test
    void aLoopLeftByAnExceptionEndsItsWorkersOnceCollected() {
        var loader = loader();
        for (int i = 0; i < LOOPS; i++) {
            try {
                throwAfter(loader, 1 + i % 2);
            } catch (Stop expected) {
                // the loop body failed
            }
        }
        assertWorkersEnded("exception, iterator dropped");
    }

    // ------------------------------------------------------------------ normal end, failures, names

    @Test
    void aCompletedLoopEndsItsWorkers() {
        var loader = new DataLoader<>(javaDataset(10), new DataLoader.Options().batchSize(4).numWorkers(2));
        for (int i = 0; i < LOOPS; i++) {
            long seen = 0;
            for (Batch b : loader) {
                seen += b.labels().size(0);
            }
            assertEquals(10, seen);
        }
        assertWorkersEnded("completed loops");
    }

    @Test
    void anExceptionFromTheDatasetOnAWorkerReachesTheLoopAndEndsTheWorkers() {
        Dataset<List<Tensor>> failing = new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                if (index == 13) {
                    throw new IndexOutOfBoundsException("sample 13 is unreadable");
                }
                return List.of(Torch.tensor(new float[] {index}), Torch.scalarTensor(index, DType.INT64));
            }

            @Override
            public long size() {
                return 40;
            }
        };
        var loader = new DataLoader<>(failing, new DataLoader.Options().batchSize(4).numWorkers(2));
        for (int round = 0; round < 200; round++) {
            List<Long> labels = new ArrayList<>();
            Iterator<Batch> it = loader.iterator();
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> {
                while (it.hasNext()) {
                    for (long v : it.next().labels().toLongArray()) {
                        labels.add(v);
                    }
                }
            });
            assertEquals("sample 13 is unreadable", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertTrue(e.getSuppressed()[0].getMessage().matches(
                    "Caught IndexOutOfBoundsException in DataLoader worker [01]\\. .*"), e.getSuppressed()[0].getMessage());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), labels,
                    "the batches before the failing one arrive, in order");
            assertFalse(it.hasNext(), "a failed iteration is over");
        }
        assertWorkersEnded("dataset failures");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void aCheckedExceptionFromAWorkerIsWrapped() {
        Dataset<List<Tensor>> failing = new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                if (index == 5) {
                    DataLoaderLeakTest.<RuntimeException>sneakyThrow(new java.io.IOException("disk gone"));
                }
                return List.of(Torch.tensor(new float[] {index}));
            }

            @Override
            public long size() {
                return 12;
            }
        };
        var loader = new DataLoader<>(failing, new DataLoader.Options().batchSize(2).numWorkers(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (Batch b : loader) {
                b.get(0).sum();
            }
        });
        assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
        assertEquals("disk gone", e.getCause().getMessage());
        assertTrue(e.getMessage().matches("Caught IOException in DataLoader worker [01]\\. Original: "
                + "java.io.IOException: disk gone"), e.getMessage());
        assertWorkersEnded("a checked failure");
    }

    @Test
    void workersAreNumberedDaemonThreads() {
        Set<String> names = new TreeSet<>();
        ConcurrentLinkedQueue<Boolean> daemon = new ConcurrentLinkedQueue<>();
        Dataset<List<Tensor>> recording = new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                synchronized (names) {
                    names.add(Thread.currentThread().getName());
                }
                daemon.add(Thread.currentThread().isDaemon());
                try {
                    Thread.sleep(2); // let both workers take part
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(Torch.tensor(new float[] {index}));
            }

            @Override
            public long size() {
                return 32;
            }
        };
        for (Batch b : new DataLoader<>(recording, new DataLoader.Options().batchSize(2).numWorkers(2))) {
            b.get(0).sum();
        }
        synchronized (names) {
            assertEquals(Set.of("DataLoader worker 0", "DataLoader worker 1"), names);
        }
        assertFalse(daemon.contains(false), "workers are daemon threads");
    }

    @Test
    void closingFreesTheBatchesPrefetchedButNotTaken() throws Exception {
        ConcurrentLinkedQueue<Tensor> made = new ConcurrentLinkedQueue<>();
        var loader = new DataLoader<>(javaDataset(64), new DataLoader.Options().batchSize(4).numWorkers(2)
                .collate(samples -> {
                    Batch b = Collate.defaultCollate(samples);
                    made.addAll(b.tensors());
                    return b;
                }));
        DataLoader.BatchIterator it = loader.iterator();
        Batch first;
        try (it) {
            first = it.next();
            // 2 workers x prefetch factor 2 = 4 batches ahead: the first and 4 more are collated (2 tensors each)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (made.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(10, made.size(), "5 batches collated");
            for (Tensor t : made) {
                assertFalse(t.isReleased());
            }
        }
        assertTrue(first.inputs().isReleased(), "the batch taken is released with its scope");
        // a batch whose worker was still handing it over when the iterator closed is freed by that worker
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!allReleased(made) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (Tensor t : made) {
            assertTrue(t.isReleased(), "a batch prefetched but not taken is freed when the iterator closes");
        }
        assertFalse(it.hasNext(), "a closed iterator has no more batches");
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    private static boolean allReleased(ConcurrentLinkedQueue<Tensor> made) {
        for (Tensor t : made) {
            if (!t.isReleased()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void anIteratorClosedTwiceOrAfterTheEndIsFine() {
        var loader = new DataLoader<>(javaDataset(8), new DataLoader.Options().batchSize(4).numWorkers(2));
        DataLoader.BatchIterator it = loader.iterator();
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        assertEquals(2, n);
        it.close();
        it.close();
        assertFalse(it.hasNext());
    }
}
