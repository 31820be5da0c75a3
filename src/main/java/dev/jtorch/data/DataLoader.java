package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

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
     * scope.
     */
    @Override
    public Iterator<Batch> iterator() {
        Generator.drawSeed(options.generator);
        Iterator<long[]> indices = new BatchIndices(sampler.iterator(), options.batchSize, options.dropLast);
        Iterator<Batch> batches = options.numWorkers > 0 && !(dataset instanceof TensorDataset)
                ? new Prefetching(indices) : new Fetching(indices);
        return TensorScope.scoped(() -> batches, "batch").iterator();
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
     * batch's tensors are adopted by the batch's scope.
     */
    private final class Prefetching implements Iterator<Batch> {
        private final Iterator<long[]> indices;
        private final ExecutorService pool;
        private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();

        Prefetching(Iterator<long[]> indices) {
            this.indices = indices;
            this.pool = Executors.newFixedThreadPool(options.numWorkers, r -> {
                Thread t = new Thread(r, "DataLoader worker");
                t.setDaemon(true);
                return t;
            });
            fill();
        }

        private void fill() {
            while (pending.size() < (long) options.numWorkers * options.prefetchFactor && indices.hasNext()) {
                long[] idx = indices.next();
                pending.add(pool.submit(() -> fetch(idx)));
            }
            if (pending.isEmpty()) {
                pool.shutdown();
            }
        }

        @Override
        public boolean hasNext() {
            return !pending.isEmpty();
        }

        @Override
        public Batch next() {
            if (pending.isEmpty()) {
                throw new NoSuchElementException();
            }
            Batch b;
            try {
                b = pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new IllegalStateException("interrupted while waiting for a DataLoader worker", e);
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("DataLoader worker failed", cause);
            }
            TensorScope scope = TensorScope.current();
            if (scope != null) {
                for (Tensor t : b.tensors()) {
                    scope.adopt(t); // made outside any scope, counted by GcPressure until now
                }
            }
            fill();
            return b;
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
