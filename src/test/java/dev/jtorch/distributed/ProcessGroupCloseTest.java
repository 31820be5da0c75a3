package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessGroup#close()} and {@link Dist#destroyProcessGroup()} racing collectives on other threads: the
 * native group is never freed under a running collective, the collectives that come after are refused with a clear
 * exception, and {@link Work} handles outlive their group. Real threads, real gloo groups; no timing assertions,
 * and every test is bounded (a hang fails it).
 */
class ProcessGroupCloseTest {
    private static final String CLOSED = "The process group has been destroyed";

    @AfterEach
    void destroy() {
        if (Dist.isInitialized()) {
            Dist.destroyProcessGroup();
        }
    }

    private static ProcessGroup single(Path dir, String name) {
        return Dist.initProcessGroup(Backend.GLOO, new InitOptions().initMethod("file://" + dir.resolve(name))
                .rank(0).worldSize(1).timeout(Duration.ofSeconds(20)));
    }

    @Test
    void destroyingWhileThreadsRunCollectivesStopsThemWithClearExceptions(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            for (int round = 0; round < 40; round++) {
                ProcessGroup g = single(dir, "store" + round);
                int threads = 4;
                AtomicInteger completed = new AtomicInteger();
                List<String> endings = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                for (int t = 0; t < threads; t++) {
                    int kind = t;
                    pool.submit(() -> endings.add(hammer(g, kind, completed)));
                }
                while (completed.get() < 50 * threads && endings.isEmpty()) {
                    Thread.onSpinWait();
                }
                if (round % 2 == 0) {
                    Dist.destroyProcessGroup();
                } else {
                    g.close(); // the group object itself, on this thread
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "threads still running");
                assertEquals(threads, endings.size(), endings.toString());
                for (String e : endings) {
                    assertTrue(e.equals("refused: " + DistTest.NOT_INITIALIZED) || e.startsWith("refused: " + CLOSED),
                            "round " + round + ": " + endings);
                }
                assertFalse(Dist.isInitialized());
                assertTrue(g.isDestroyed());
            }
        });
    }

    /** Runs collectives of one kind until one is refused; returns how the loop ended. */
    private static String hammer(ProcessGroup g, int kind, AtomicInteger completed) {
        try {
            while (true) {
                try (TensorScope s = new TensorScope("hammer")) {
                    Tensor x = Torch.full(new long[] {512}, 3.0);
                    switch (kind) {
                        case 0 -> Dist.allReduce(x); // through the default group
                        case 1 -> g.allReduce(x, ReduceOp.SUM, true).waitFor(); // asynchronous, on the group
                        case 2 -> g.broadcast(x, 0, false);
                        default -> {
                            List<Tensor> out = new ArrayList<>(List.of(Torch.zeros(512)));
                            Dist.allGather(out, x);
                            x = out.get(0);
                        }
                    }
                    if (x.toFloatArray()[511] != 3.0f) {
                        return "wrong value " + x.toFloatArray()[511];
                    }
                }
                completed.incrementAndGet();
            }
        } catch (IllegalStateException e) {
            return "refused: " + e.getMessage();
        } catch (Throwable e) {
            return "unexpected: " + e;
        }
    }

    @Test
    void workHandlesOutliveTheirGroup(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20; i++) {
                ProcessGroup g = single(dir, "store" + i);
                Tensor a = Torch.full(new long[] {1000}, 2.0).keep();
                Work w = g.allReduce(a, ReduceOp.AVG, true);
                List<Tensor> out = new ArrayList<>(List.of(Torch.zeros(3).keep()));
                Work gather = g.allGather(out, Torch.tensor(1.0, 2.0, 3.0), true);
                Dist.destroyProcessGroup();
                System.gc();
                assertTrue(w.waitFor());
                assertTrue(w.isCompleted());
                assertEquals(2.0f, a.toFloatArray()[999]);
                assertTrue(gather.waitFor(Duration.ofSeconds(10)));
                assertEquals("[1.0, 2.0, 3.0]", java.util.Arrays.toString(out.get(0).toFloatArray()));
                assertTrue(w.waitFor(), "waiting again is a no-op");
                a.close();
                out.get(0).close();
            }
        });
    }

    @Test
    void callsAfterCloseSayWhy(@TempDir Path dir) {
        ProcessGroup g = single(dir, "store");
        g.close(); // the group object, not destroy_process_group: the default group is gone all the same
        assertFalse(Dist.isInitialized());
        var onGroup = assertThrows(IllegalStateException.class, () -> g.barrier(false));
        assertTrue(onGroup.getMessage().startsWith(CLOSED), onGroup.getMessage());
        assertThrows(IllegalStateException.class, () -> g.withNative(pg -> pg));
        var onDist = assertThrows(IllegalStateException.class, () -> Dist.allReduce(Torch.ones(1)));
        assertEquals(DistTest.NOT_INITIALIZED, onDist.getMessage());
        assertThrows(IllegalStateException.class, Dist::destroyProcessGroup);
        g.close(); // idempotent
        ProcessGroup again = single(dir, "store2"); // a new default group may be made
        assertTrue(Dist.isInitialized());
        var inside = assertThrows(IllegalStateException.class, () -> again.withNative(pg -> {
            again.close(); // would wait for itself: refused instead of a deadlock
            return null;
        }));
        assertTrue(inside.getMessage().startsWith("close() called while"), inside.getMessage());
        assertFalse(again.isDestroyed());
    }

    @Test
    void aDdpModelOutlivingItsGroupRefusesToForwardAndItsPendingBackwardDoesNotCrash(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 20; i++) {
                single(dir, "store" + i);
                var ddp = new dev.jtorch.nn.parallel.DistributedDataParallel<>(new dev.jtorch.nn.Linear(3, 2));
                Tensor loss = ddp.forward(Torch.randn(4, 3)).sum().keep(); // a graph with the Reducer's hooks
                Dist.destroyProcessGroup(); // frees the Reducer, which takes its hooks off the parameters
                loss.backward();
                assertTrue(ddp.module().weight.grad() != null, "the local gradient is there");
                var e = assertThrows(IllegalStateException.class, () -> ddp.forward(Torch.randn(4, 3)));
                assertTrue(e.getMessage().startsWith(CLOSED), e.getMessage());
                loss.close();
            }
        });
    }

    @Test
    void twoRanksDestroyingTheirGroupUnderACollectiveLoopEndCleanly() {
        Ranks.Job job = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Ranks.run(
                new Launcher.Options().nprocPerNode(2).graceMillis(2000), "close-race"));
        assertEquals(0, job.exitCode(), job.toString());
        assertEquals("OK destroy_process_group during collectives on another thread: the thread stopped with a clear "
                + "exception\n", job.out(), job.toString());
    }
}
