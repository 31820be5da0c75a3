package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bytedeco.javacpp.Pointer;

/**
 * {@code torch.utils.data.DataLoader(dataset, batch_size=1, shuffle=False, sampler=None, num_workers=0,
 * collate_fn=None, pin_memory=False, drop_last=False, generator=None)}: iterating yields {@link Batch}es.
 *
 * <pre>{@code
 * var trainLoader = new DataLoader<>(trainDataset, new DataLoader.Options().batchSize(64).shuffle(true));
 * for (Batch batch : trainLoader) {            // for inputs, labels in train_loader:
 *     Tensor inputs = batch.get(0), labels = batch.get(1);
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Random numbers are used as PyTorch uses them, so a ported loop gives Python's numbers: each iteration draws
 *       a base seed from the generator (the global one unless {@code generator} is set) even without shuffling, and
 *       a shuffling sampler draws its own seed and permutes with a private generator.</li>
 *   <li>A {@link TensorDataset} is batched with one native gather per tensor ({@code index_select}); other datasets
 *       are collated sample by sample (stacking tensors), on {@code numWorkers} background threads when set, in
 *       order.</li>
 *   <li>Each batch has its own {@link TensorScope}, closed when the loop takes the next batch or ends: the batch and
 *       every tensor the loop body made are released, so a training loop runs in flat memory as written.
 *       {@code break}, exceptions and nested loops are safe (see {@link TensorScope#scoped}).</li>
 *   <li>Workers ({@code numWorkers > 0} on a dataset other than a {@link TensorDataset}) are daemon threads named
 *       {@code "DataLoader worker 0"}, {@code "DataLoader worker 1"}, ..., one pool per iteration. They end when the
 *       loop completes; when a worker's {@code dataset.get} (or {@code collate}) throws, the loop gets that same
 *       exception (a checked one wrapped in an {@link IllegalStateException}) and the workers end. A loop left
 *       early by {@code break} or an exception ends its workers, and frees the batches they prefetched, as soon as
 *       one of these happens: the {@link BatchIterator} is closed (try-with-resources, below); the scope that
 *       encloses the loop closes; the iterator becomes unreachable and is collected (as PyTorch's iterator does
 *       in {@code __del__}). Without an enclosing scope or an explicit close, that last one waits for the garbage
 *       collector, so a program that abandons many loops should use one of the first two:
 *       <pre>{@code
 * try (DataLoader.BatchIterator batches = loader.iterator()) {
 *     while (batches.hasNext()) {
 *         Batch batch = batches.next();
 *         if (done(batch)) break;                  // workers end here
 *     }
 * }
 * }</pre></li>
 * </ul>
 *
 * @param <T> the dataset's sample type
 */
public class DataLoader<T> implements Iterable<Batch> {

    /** PyTorch's options and defaults for {@link DataLoader}. */
    public static final class Options {
        private long batchSize = 1;
        private boolean shuffle;
        private boolean dropLast;
        private Generator generator;
        private Sampler sampler;
        private Function<List<?>, Batch> collate;
        private int numWorkers;
        private int prefetchFactor = 2;
        private boolean pinMemory;

        /** Python's {@code batch_size} (default 1). */
        public Options batchSize(long batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                        + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Python's {@code shuffle} (default false). */
        public Options shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Python's {@code drop_last}: drop the last incomplete batch (default false). */
        public Options dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Python's {@code generator}: the generator for seeds and shuffling (default the global one). */
        public Options generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /** Python's {@code sampler}: where indices come from (exclusive with {@code shuffle}). */
        public Options sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Python's {@code collate_fn}: turns a list of samples into a batch. */
        public Options collate(Function<List<?>, Batch> collate) {
            this.collate = collate;
            return this;
        }

        /** Python's {@code num_workers}: background threads that fetch batches (default 0: the loop's thread). */
        public Options numWorkers(int numWorkers) {
            if (numWorkers < 0) {
                throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to "
                        + "disable multiprocessing.");
            }
            this.numWorkers = numWorkers;
            return this;
        }

        /** Python's {@code prefetch_factor}: batches fetched ahead per worker (default 2). */
        public Options prefetchFactor(int prefetchFactor) {
            if (prefetchFactor <= 0) {
                throw new IllegalArgumentException("prefetch_factor must be positive, got " + prefetchFactor);
            }
            this.prefetchFactor = prefetchFactor;
            return this;
        }

        /** Python's {@code pin_memory}: batches in page-locked memory, for fast copies to CUDA. */
        public Options pinMemory(boolean pinMemory) {
            this.pinMemory = pinMemory;
            return this;
        }
    }

    private final Dataset<T> dataset;
    private final Options options;
    private final Sampler sampler;

    /** {@code DataLoader(dataset)} with batch size 1. */
    public DataLoader(Dataset<T> dataset) {
        this(dataset, new Options());
    }

    /** {@code DataLoader(dataset, ...)}. */
    public DataLoader(Dataset<T> dataset, Options options) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        if (options.sampler != null && options.shuffle) {
            throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
        }
        if (options.sampler != null) {
            this.sampler = options.sampler;
        } else if (options.shuffle) {
            this.sampler = new RandomSampler(dataset.size(), options.generator);
        } else {
            this.sampler = new SequentialSampler(dataset.size());
        }
    }

    /** Python's {@code loader.dataset}. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** Python's {@code loader.batch_size}. */
    public long batchSize() {
        return options.batchSize;
    }

    /** Python's {@code len(loader)}: the number of batches. */
    public long size() {
        long n = sampler.size();
        return options.dropLast ? n / options.batchSize : (n + options.batchSize - 1) / options.batchSize;
    }

    /**
     * Python's {@code iter(loader)}: draws the base seed now (as PyTorch does) and yields batches, each in its own
     * scope. With workers, they start fetching now; {@link BatchIterator#close()} ends them early.
     */
    @Override
    public BatchIterator iterator() {
        Generator.drawSeed(options.generator);
        Iterator<long[]> indices = new BatchIndices(sampler.iterator(), options.batchSize, options.dropLast);
        Workers workers = null;
        Iterator<Batch> batches;
        if (options.numWorkers > 0 && !(dataset instanceof TensorDataset)) {
            workers = new Workers(options.numWorkers);
            try {
                batches = new Prefetching(indices, workers);
            } catch (RuntimeException | Error e) {
                workers.shutdown();
                throw e;
            }
        } else {
            batches = new Fetching(indices);
        }
        return new BatchIterator(TensorScope.scoped(() -> batches, "batch").iterator(), workers);
    }

    /** Shuts down the workers of iterators that became unreachable before they were closed or ran out. */
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "DataLoader cleaner");
        t.setDaemon(true);
        return t;
    });

    /**
     * The iterator of a {@link DataLoader} (Python's {@code _DataLoaderIter}): yields the batches, each in its own
     * {@link TensorScope}, and is {@link AutoCloseable} so that a loop left early can end its workers at once:
     *
     * <pre>{@code
     * try (DataLoader.BatchIterator batches = loader.iterator()) {
     *     while (batches.hasNext()) {
     *         Batch batch = batches.next();
     *         ...                                  // break or throw: the workers end when the try block is left
     *     }
     * }
     * }</pre>
     *
     * A plain {@code for (Batch b : loader)} loop needs no {@code close()}: its workers end when the loop completes,
     * when the scope enclosing the loop closes, or when the iterator is collected.
     */
    public static final class BatchIterator implements Iterator<Batch>, AutoCloseable {
        private final Iterator<Batch> scoped;
        private final Workers workers;
        private boolean closed;

        BatchIterator(Iterator<Batch> scoped, Workers workers) {
            this.scoped = scoped;
            this.workers = workers;
            if (workers != null) {
                CLEANER.register(this, workers); // workers must not (and do not) reference this iterator
            }
        }

        /** Whether there is another batch; false once closed. When there is none, the last batch's scope closes. */
        @Override
        public boolean hasNext() {
            return !closed && scoped.hasNext();
        }

        /**
         * The next batch, in a new scope (the previous batch's scope closes first).
         *
         * @throws NoSuchElementException when there is none, or the iterator is closed
         */
        @Override
        public Batch next() {
            if (closed) {
                throw new NoSuchElementException("DataLoader iterator is closed");
            }
            if (workers != null) {
                workers.movingOn(); // the batch scope closing now is the loop's own doing, not an abandonment
            }
            return scoped.next();
        }

        /**
         * Ends the iteration: the workers stop (the batch each is fetching is freed when it is done), batches
         * prefetched but not taken are freed, and the current batch's scope closes (so call it on the loop's
         * thread, as try-with-resources does). Closing twice does nothing.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (workers != null) {
                workers.shutdown();
            }
            if (scoped instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The sampler's indices grouped into batches (Python's {@code BatchSampler}). */
    private static final class BatchIndices implements Iterator<long[]> {
        private final Iterator<Long> source;
        private final long batchSize;
        private final boolean dropLast;
        private long[] next;

        BatchIndices(Iterator<Long> source, long batchSize, boolean dropLast) {
            this.source = source;
            this.batchSize = batchSize;
            this.dropLast = dropLast;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                List<Long> b = new ArrayList<>();
                while (b.size() < batchSize && source.hasNext()) {
                    b.add(source.next());
                }
                if (!b.isEmpty() && !(dropLast && b.size() < batchSize)) {
                    next = b.stream().mapToLong(Long::longValue).toArray();
                }
            }
            return next != null;
        }

        @Override
        public long[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long[] b = next;
            next = null;
            return b;
        }
    }

    /** Fetches each batch on the loop's thread (inside the batch's scope). */
    private final class Fetching implements Iterator<Batch> {
        private final Iterator<long[]> indices;

        Fetching(Iterator<long[]> indices) {
            this.indices = indices;
        }

        @Override
        public boolean hasNext() {
            return indices.hasNext();
        }

        @Override
        public Batch next() {
            return fetch(indices.next());
        }
    }

    /**
     * Fetches batches on background threads, a bounded number ahead, delivering them in order; each delivered
     * batch's tensors are adopted by the batch's scope. Everything the threads and the clean-up need is in
     * {@link Workers}, which references neither this iterator nor the {@link BatchIterator}.
     */
    private final class Prefetching implements Iterator<Batch> {
        private final Iterator<long[]> indices;
        private final Workers workers;

        Prefetching(Iterator<long[]> indices, Workers workers) {
            this.indices = indices;
            this.workers = workers;
            fill();
        }

        private void fill() {
            long ahead = (long) options.numWorkers * options.prefetchFactor;
            while (workers.pending() < ahead && !workers.isShutDown() && indices.hasNext()) {
                workers.submit(DataLoader.this, indices.next());
            }
            if (workers.pending() == 0) {
                workers.shutdown();
            }
        }

        @Override
        public boolean hasNext() {
            return workers.pending() > 0;
        }

        @Override
        public Batch next() {
            Slot slot = workers.poll();
            if (slot == null) {
                throw new NoSuchElementException();
            }
            Batch b;
            try {
                b = slot.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.shutdown();
                throw new IllegalStateException("interrupted while waiting for a DataLoader worker", e);
            }
            if (b == null) {
                Throwable failure = slot.failure();
                workers.shutdown();
                if (failure == null) { // discarded: the iteration was ended meanwhile
                    throw new NoSuchElementException("DataLoader iterator is closed");
                }
                throw reraise(failure, slot.worker());
            }
            TensorScope scope = TensorScope.current();
            if (scope != null) {
                for (Tensor t : b.tensors()) {
                    scope.adopt(t); // made outside any scope, counted by GcPressure until now
                }
                workers.watch(); // in this batch's scope: its closing, unless the loop moved on, ends the workers
            }
            fill();
            return b;
        }
    }

    /**
     * The exception of a worker, for the loop's thread (PyTorch's {@code ExceptionWrapper.reraise}): the same
     * exception when unchecked, noting where it was caught; a checked one wrapped.
     */
    private static RuntimeException reraise(Throwable failure, String worker) {
        String where = "Caught " + failure.getClass().getSimpleName() + " in " + worker + ".";
        if (failure instanceof RuntimeException re) {
            re.addSuppressed(new IllegalStateException(where + " (the loop's thread re-raised it here)"));
            return re;
        }
        if (failure instanceof Error err) {
            err.addSuppressed(new IllegalStateException(where + " (the loop's thread re-raised it here)"));
            throw err;
        }
        return new IllegalStateException(where + " Original: " + failure, failure);
    }

    /** One batch on its way from a worker: its result, or its failure, or discarded (closed on arrival). */
    private static final class Slot {
        private Batch batch;
        private Throwable failure;
        private String worker;
        private boolean done;
        private boolean discarded;

        synchronized boolean isDiscarded() {
            return discarded;
        }

        /** Called by the worker: stores the result, or frees it when the iteration has ended meanwhile. */
        void complete(Batch b, Throwable f, String by) {
            synchronized (this) {
                if (!discarded) {
                    batch = b;
                    failure = f;
                    worker = by;
                    done = true;
                    notifyAll();
                    return;
                }
            }
            free(b);
        }

        /** Waits for the worker; null when the batch failed (see {@link #failure()}) or was discarded. */
        synchronized Batch await() throws InterruptedException {
            while (!done && !discarded) {
                wait();
            }
            Batch b = batch;
            batch = null;
            return b;
        }

        synchronized Throwable failure() {
            return failure;
        }

        synchronized String worker() {
            return worker;
        }

        /** Ends this slot: a batch already here is freed, one still being fetched is freed by its worker. */
        void discard() {
            Batch b;
            synchronized (this) {
                discarded = true;
                b = batch;
                batch = null;
                notifyAll();
            }
            free(b);
        }

        private static void free(Batch b) {
            if (b == null) {
                return;
            }
            for (Tensor t : b.tensors()) {
                try {
                    t.close();
                } catch (RuntimeException e) {
                    // already released elsewhere: nothing left to free
                }
            }
        }
    }

    /**
     * The worker threads of one iteration and the batches on their way, in order. Also the clean-up action of its
     * {@link BatchIterator} (run when that becomes unreachable), so it must never reference the iterator.
     */
    private static final class Workers implements Runnable {
        private final ThreadPoolExecutor pool;
        private final ArrayDeque<Slot> pending = new ArrayDeque<>();
        private boolean shutDown;
        /** The watch in the current batch's scope, if any. */
        private WatchPointer.Watch watch;

        Workers(int n) {
            AtomicInteger next = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(n, n, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "DataLoader worker " + next.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }

        synchronized int pending() {
            return pending.size();
        }

        synchronized boolean isShutDown() {
            return shutDown;
        }

        synchronized Slot poll() {
            return pending.poll();
        }

        /** Queues the fetch of one batch (on the loop's thread; the task holds the loader, the indices, the slot). */
        void submit(DataLoader<?> loader, long[] idx) {
            Slot slot = new Slot();
            synchronized (this) {
                if (shutDown) {
                    return;
                }
                pending.add(slot);
            }
            pool.execute(() -> {
                if (slot.isDiscarded()) {
                    return;
                }
                Batch b = null;
                Throwable failure = null;
                try {
                    b = loader.fetch(idx);
                } catch (Throwable t) {
                    failure = t;
                }
                slot.complete(b, failure, Thread.currentThread().getName());
            });
        }

        /**
         * Puts a watch into the current scope (the batch's): a native-less JavaCPP pointer whose deallocator runs
         * when that scope closes. The loop moving on disarms it first ({@link #movingOn}); any other closing (the
         * scope enclosing an abandoned loop closing it) ends the workers.
         */
        void watch() {
            WatchPointer.Watch w = new WatchPointer.Watch(this);
            new WatchPointer(w);
            WatchPointer.Watch old;
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
            WatchPointer.Watch w;
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
            List<Slot> dropped;
            synchronized (this) {
                if (shutDown) {
                    return;
                }
                shutDown = true;
                dropped = new ArrayList<>(pending);
                pending.clear();
                watch = null;
            }
            pool.shutdown(); // idle workers end now, busy ones after their batch (which their slot then frees)
            pool.getQueue().clear();
            for (Slot s : dropped) {
                s.discard();
            }
        }

        /** The cleaner's action: the iterator was collected. */
        @Override
        public void run() {
            shutdown();
        }
    }

    /**
     * A pointer to nothing, with a {@link Watch} as deallocator: created inside a batch's scope, JavaCPP attaches it
     * to that scope, which runs the deallocator when it closes.
     */
    private static final class WatchPointer extends Pointer {
        WatchPointer(Watch watch) {
            super((Pointer) null);
            deallocator(watch);
        }

        /** The deallocator of a {@link WatchPointer}: ends the workers unless disarmed. References no iterator. */
        static final class Watch implements Deallocator {
            private volatile Workers workers;

            Watch(Workers workers) {
                this.workers = workers;
            }

            void disarm() {
                workers = null;
            }

            @Override
            public void deallocate() {
                Workers w = workers;
                workers = null;
                if (w != null) {
                    w.shutdown();
                }
            }
        }
    }

    /** One batch: a gather per tensor for a TensorDataset, else the collated samples. */
    private Batch fetch(long[] idx) {
        Batch batch;
        if (dataset instanceof TensorDataset td && options.collate == null) {
            Tensor index = Torch.tensor(idx);
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : td.tensors()) {
                out.add(t.indexSelect(0, index));
            }
            index.close();
            batch = new Batch(out);
        } else {
            List<T> samples = new ArrayList<>(idx.length);
            for (long i : idx) {
                samples.add(dataset.get(i));
            }
            batch = options.collate != null ? options.collate.apply(samples) : Collate.defaultCollate(samples);
        }
        if (options.pinMemory && Torch.cudaIsAvailable()) {
            List<Tensor> pinned = new ArrayList<>();
            for (Tensor t : batch.tensors()) {
                pinned.add(t.pinMemory());
            }
            batch = new Batch(pinned);
        }
        return batch;
    }
}
