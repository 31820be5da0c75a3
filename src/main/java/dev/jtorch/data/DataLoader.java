package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.TensorScope;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
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
 *   <li>With workers, random transforms draw what they draw in PyTorch's worker processes: worker {@code i} has its
 *       own default generator, seeded {@code base_seed + i} ({@code torch.manual_seed} in PyTorch's worker loop),
 *       used by everything on that thread that draws from the default generator ({@code Torch.rand},
 *       {@code Torch.randint}, {@code Tensor.uniform_}, dropout, {@code Torch.manualSeed} itself), and batch
 *       {@code k} is fetched by worker {@code k % numWorkers}, so the batches are the same as PyTorch's for the
 *       same seed; the loop's generator only gives the base seed (as in PyTorch).</li>
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
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>.
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
        private java.util.function.IntConsumer workerInitFn;

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

        /**
         * Python's {@code worker_init_fn}: called with the worker's id on each worker thread, after its default
         * generator was seeded and before it fetches a batch. When it throws, each batch of that worker re-raises
         * the exception in the loop (as PyTorch's worker sends its init exception).
         */
        public Options workerInitFn(java.util.function.IntConsumer workerInitFn) {
            this.workerInitFn = workerInitFn;
            return this;
        }

        /** The {@code collate_fn} set, or null for the default collation (read by {@link BatchFetcher}). */
        Function<List<?>, Batch> collateFn() {
            return collate;
        }

        /** Whether {@code pin_memory} is set (read by {@link BatchFetcher}). */
        boolean pinsMemory() {
            return pinMemory;
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
        long baseSeed = Generator.drawSeed(options.generator);
        if (TensorBatches.applies(dataset, sampler, options)) {
            Iterator<Batch> direct = new TensorBatches((TensorDataset) dataset, sampler, options.batchSize,
                    options.dropLast, options.pinMemory);
            return new BatchIterator(TensorScope.scoped(() -> direct, "batch").iterator(), null);
        }
        Iterator<long[]> indices = new BatchIndices(sampler.iterator(), options.batchSize, options.dropLast);
        BatchFetcher<T> fetcher = new BatchFetcher<>(dataset, options);
        WorkerPool workers = null;
        Iterator<Batch> batches;
        if (options.numWorkers > 0 && !(dataset instanceof TensorDataset)) {
            workers = new WorkerPool(options.numWorkers, baseSeed, dataset, options.workerInitFn);
            try {
                batches = new PrefetchingBatches(indices, workers, fetcher,
                        (long) options.numWorkers * options.prefetchFactor);
            } catch (RuntimeException | Error e) {
                workers.shutdown();
                throw e;
            }
        } else {
            batches = fetcher.onLoopThread(indices);
        }
        return new BatchIterator(TensorScope.scoped(() -> batches, "batch").iterator(), workers);
    }


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
        private final WorkerPool workers;
        private boolean closed;

        BatchIterator(Iterator<Batch> scoped, WorkerPool workers) {
            this.scoped = scoped;
            this.workers = workers;
            if (workers != null) {
                workers.shutdownWhenUnreachable(this); // workers must not (and do not) reference this iterator
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
}
