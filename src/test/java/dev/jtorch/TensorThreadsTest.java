package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tensors used from several threads: a release never races a use. Each hammer runs 100,000 rounds on 4 threads;
 * before {@code TensorOwnership} the first of them crashed the JVM (SIGSEGV in {@code at::native::abs}) within about
 * a thousand rounds.
 */
class TensorThreadsTest {
    private static final int ROUNDS = 100_000;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tensor-threads-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static Throwable cause(Future<?> f) throws InterruptedException {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aScopedTensorUsedOnAnotherThreadThrowsAndNamesTheScope() throws Exception {
        try (TensorScope scope = new TensorScope("batch 3")) {
            Tensor x = Torch.ones(4);
            Future<?> f = pool.submit(() -> x.abs().sum().item());
            Throwable e = cause(f);
            assertTrue(e instanceof IllegalStateException, String.valueOf(e));
            assertEquals("This tensor belongs to TensorScope 'batch 3', opened on thread "
                    + Thread.currentThread().getName() + ", and cannot be used on thread tensor-threads-test: the scope"
                    + " frees it when it closes. Call keep() on it (on thread " + Thread.currentThread().getName()
                    + ") before handing it to another thread", e.getMessage());
            // still fine on its own thread
            assertEquals(4.0, x.sum().item());
            assertEquals("tensor(<belongs to TensorScope 'batch 3' of thread " + Thread.currentThread().getName()
                    + ">)", pool.submit(x::toString).get());
        }
    }

    /** The form that crashed: submit work on a batch's output and let the loop's scope close. */
    @Test
    void scopedTensorsHandedToAPoolWithoutKeepAlwaysThrowNeverCrash() throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (TensorScope scope = new TensorScope("round " + round)) {
                Tensor out = Torch.randn(16).mul(2);
                futures.add(pool.submit(() -> out.abs().mean().item()));
            }
            if (futures.size() >= 4096) {
                assertAllRefused(futures);
            }
        }
        assertAllRefused(futures);
    }

    private static void assertAllRefused(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            Throwable e = cause(f);
            assertTrue(e instanceof IllegalStateException, "expected IllegalStateException, got " + e);
        }
        futures.clear();
    }

    /** The documented hand-over: keep() it, then any thread may use it and gets the right value. */
    @Test
    void keptTensorsAreUsableFromFourThreads() throws Exception {
        List<Future<Double>> futures = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (TensorScope scope = new TensorScope("round " + round)) {
                Tensor out = Torch.arange(8).toFloat().mul(round % 7).keep();
                expected.add(3.5 * (round % 7));
                futures.add(pool.submit(() -> out.abs().mean().item()));
            }
            if (futures.size() >= 4096) {
                check(futures, expected);
            }
        }
        check(futures, expected);
    }

    private static void check(List<Future<Double>> futures, List<Double> expected) throws Exception {
        for (int i = 0; i < futures.size(); i++) {
            assertEquals(expected.get(i), futures.get(i).get(), 1e-6);
        }
        futures.clear();
        expected.clear();
    }

    /** close() racing four threads that compute on the same kept tensor: each use succeeds or throws, nothing else. */
    @Test
    void closingAKeptTensorWhileOtherThreadsUseItIsSafe() throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int round = 0; round < ROUNDS / 4; round++) {
            Tensor t;
            try (TensorScope scope = new TensorScope("round " + round)) {
                t = Torch.full(new long[] {32}, 2.0).keep();
            }
            for (int k = 0; k < 4; k++) {
                futures.add(pool.submit(() -> {
                    try {
                        double v = t.mul(t).sum().item();
                        assertEquals(128.0, v);
                        ok.incrementAndGet();
                    } catch (IllegalStateException e) {
                        assertEquals("This tensor was released by close() and can no longer be used", e.getMessage());
                        refused.incrementAndGet();
                    }
                }));
            }
            t.close();
            assertTrue(t.isReleased());
            assertThrows(IllegalStateException.class, t::sum);
            if (futures.size() >= 4096) {
                waitAll(futures);
            }
        }
        waitAll(futures);
        assertEquals(ROUNDS, ok.get() + refused.get());
    }

    private static void waitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get();
        }
        futures.clear();
    }

    /** A kept tensor closed on its own thread before any other thread touched it is freed at once. */
    @Test
    void closeFreesAtOnceWhenNoOtherThreadUsedTheTensorAndDefersOtherwise() throws Exception {
        Tensor alone = Torch.ones(3);
        org.bytedeco.pytorch.Tensor aloneHandle = alone.nativeTensor();
        alone.close();
        assertTrue(aloneHandle.isNull(), "freed by close()");

        Tensor handed = Torch.ones(3);
        org.bytedeco.pytorch.Tensor handedHandle = handed.nativeTensor();
        assertEquals(3.0, pool.submit(() -> handed.sum().item()).get());
        handed.close();
        assertTrue(handed.isReleased());
        assertFalse(handedHandle.isNull(), "left to the garbage collector: another thread may still be using it");
        assertTrue(cause(pool.submit(() -> handed.sum())) instanceof IllegalStateException);
    }

    /** Inside a DataLoader loop, as the issue found it. */
    @Test
    void dataLoaderBatchesGoToAnExecutorSafely() throws Exception {
        Torch.manualSeed(0);
        TensorDataset ds = new TensorDataset(Torch.randn(4000, 4).keep(), Torch.randn(4000).keep());
        DataLoader<?> loader = new DataLoader<>(ds, new DataLoader.Options().batchSize(4));
        List<Future<?>> refused = new ArrayList<>();
        List<Future<Double>> kept = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            for (var batch : loader) {
                Tensor out = batch.get(0).mul(3);
                refused.add(pool.submit(() -> out.abs().mean().item()));
                Tensor shared = out.sum().keep();
                expected.add(shared.item());
                kept.add(pool.submit(shared::item));
            }
        }
        assertEquals(5000, refused.size());
        assertAllRefused(refused);
        check(kept, expected);
    }

    @Test
    void aScopeAdoptsOnlyTensorsNoSecondThreadUsed() throws Exception {
        Tensor made = pool.submit(() -> Torch.ones(2)).get(); // made on a pool thread, outside any scope
        try (TensorScope scope = new TensorScope("adopter")) {
            scope.adopt(made);
            assertEquals(2.0, made.sum().item());
        }
        assertTrue(made.isReleased());

        Tensor both = Torch.ones(2);
        assertEquals(2.0, pool.submit(() -> both.sum().item()).get());
        try (TensorScope scope = new TensorScope("adopter")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.adopt(both));
            assertEquals("This tensor has been used by more than one thread, so no scope can free it safely:"
                    + " TensorScope 'adopter' cannot adopt it (keep it, or adopt a clone)", e.getMessage());
        }
        assertFalse(both.isReleased());
        assertEquals(2.0, both.sum().item());
    }
}
