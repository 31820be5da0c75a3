package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.TensorScope;
import dev.jtorch.internal.ThreadGenerator;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The worker threads of one iteration and the batches on their way, in order. Also the clean-up action of its
 * {@link DataLoader.BatchIterator} (run when that becomes unreachable), so it must never reference the iterator.
 *
 * <p>As in PyTorch's worker processes: worker {@code i} has its own default generator, seeded
 * {@code base_seed + i} (the seed the iterator drew), which everything drawing "the default generator" on that
 * thread uses; batch {@code k} goes to worker {@code k % n}, whose single thread fetches its batches in order. So
 * the random transforms of a dataset draw the same numbers as in PyTorch, whatever the threads' timing.
 */
final class WorkerPool implements Runnable {

    /** Shuts down the workers of iterators that became unreachable before they were closed or ran out. */
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "DataLoader cleaner");
        t.setDaemon(true);
        return t;
    });

    private final ThreadPoolExecutor[] workers;
    /** The exception each worker's {@code worker_init_fn} threw, if any (written and read on that worker). */
    private final Throwable[] initFailures;
    /** The index of the next batch submitted (batch k goes to worker k % n). */
    private long submitted;
    private final ArrayDeque<BatchSlot> pending = new ArrayDeque<>();
    private boolean shutDown;
    /** The watch in the current batch's scope, if any. */
    private Watch watch;

    /**
     * {@code n} workers; worker {@code i}'s default generator is seeded {@code baseSeed + i}, then
     * {@code initFn} (if any) runs on it with {@code i}.
     */
    WorkerPool(int n, long baseSeed, Dataset<?> dataset, IntConsumer initFn) {
        this.workers = new ThreadPoolExecutor[n];
        this.initFailures = new Throwable[n];
        for (int i = 0; i < n; i++) {
            String name = "DataLoader worker " + i;
            int id = i;
            long seed = baseSeed + i; // wraps as Python's seed does modulo 2**64 in manual_seed
            workers[i] = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(() -> {
                    ThreadGenerator.set(new Generator().manualSeed(seed)); // torch.manual_seed(base_seed + worker_id)
                    Data.WORKER.set(new WorkerInfo(id, n, seed, dataset));
                    if (initFn != null) {
                        try {
                            initFn.accept(id);
                        } catch (Throwable e) {
                            initFailures[id] = e; // read by this worker's tasks, on this thread
                        }
                    }
                    r.run();
                }, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Shuts these workers down once {@code owner} (the iterator) becomes unreachable. */
    void shutdownWhenUnreachable(Object owner) {
        CLEANER.register(owner, this); // this pool must not (and does not) reference the owner
    }

    synchronized int pending() {
        return pending.size();
    }

    synchronized boolean isShutDown() {
        return shutDown;
    }

    synchronized BatchSlot poll() {
        return pending.poll();
    }

    /** Queues the fetch of one batch (on the loop's thread; the task holds the fetcher, the indices, the slot). */
    void submit(BatchFetcher<?> fetcher, long[] idx) {
        BatchSlot slot = new BatchSlot();
        ThreadPoolExecutor worker;
        int id;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            pending.add(slot);
            id = (int) (submitted++ % workers.length);
            worker = workers[id];
        }
        worker.execute(() -> {
            if (slot.isDiscarded()) {
                return;
            }
            Batch b = null;
            Throwable failure = initFailures[id];
            try {
                if (failure == null) {
                    b = fetcher.fetch(idx);
                }
            } catch (Throwable t) {
                failure = t;
            }
            slot.complete(b, failure, Thread.currentThread().getName());
        });
    }

    /**
     * The close action a batch's scope runs ({@link TensorScope#onClose}): ends the workers unless disarmed.
     * References the pool, never the iterator (so that the iterator can still be collected).
     */
    private static final class Watch implements Runnable {
        private volatile WorkerPool workers;

        Watch(WorkerPool workers) {
            this.workers = workers;
        }

        void disarm() {
            workers = null;
        }

        @Override
        public void run() {
            WorkerPool w = workers;
            workers = null;
            if (w != null) {
                w.shutdown();
            }
        }
    }

    /**
     * Puts a watch on {@code scope} (the batch's): it runs when that scope closes. The loop moving on disarms it
     * first ({@link #movingOn}); any other closing (the scope enclosing an abandoned loop closing it) ends the
     * workers.
     */
    void watch(TensorScope scope) {
        Watch w = new Watch(this);
        scope.onClose(w);
        Watch old;
        synchronized (this) {
            old = watch;
            watch = w;
        }
        if (old != null) {
            old.disarm();
        }
    }

    /** The loop takes the next batch: the current batch's scope closing is no abandonment. */
    void movingOn() {
        Watch w;
        synchronized (this) {
            w = watch;
            watch = null;
        }
        if (w != null) {
            w.disarm();
        }
    }

    /** Ends the workers and frees the batches not taken; idempotent, from any thread. */
    void shutdown() {
        List<BatchSlot> dropped;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            dropped = new ArrayList<>(pending);
            pending.clear();
            watch = null;
        }
        for (ThreadPoolExecutor w : workers) {
            w.shutdown(); // an idle worker ends now, a busy one after its batch (which its slot then frees)
            w.getQueue().clear();
        }
        for (BatchSlot s : dropped) {
            s.discard();
        }
    }

    /** The cleaner's action: the iterator was collected. */
    @Override
    public void run() {
        shutdown();
    }
}
