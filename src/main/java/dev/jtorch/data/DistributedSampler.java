package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.distributed.Dist;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code torch.utils.data.distributed.DistributedSampler(dataset, num_replicas=None, rank=None, shuffle=True,
 * seed=0, drop_last=False)} (<a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.distributed.DistributedSampler">docs</a>):
 * each rank of a data-parallel job iterates its own share of the dataset, the same indices PyTorch gives it.
 *
 * <pre>{@code
 * var trainSampler = new DistributedSampler(trainDataset, new DistributedSampler.Options().seed(SEED));
 * var trainLoader = new DataLoader<>(trainDataset, new DataLoader.Options().batchSize(32).sampler(trainSampler));
 * for (int epoch = 0; epoch < numEpochs; epoch++) {
 *     trainSampler.setEpoch(epoch);            // a new shuffle each epoch, the same on every rank
 *     for (Batch batch : trainLoader) { ... }
 * }
 * }</pre>
 *
 * <p>As in PyTorch: when shuffling, a private generator seeded {@code seed + epoch} permutes the indices (the global
 * generator is not touched); without {@code dropLast} the list is padded to a multiple of the number of replicas
 * by repeating its first indices, with it the tail is dropped; rank {@code r} takes
 * {@code indices[r::numReplicas]}. The number of replicas and the rank default to the default process group's.
 */
public class DistributedSampler implements Sampler {

    /** PyTorch's optional arguments and defaults. */
    public static final class Options {
        private Integer numReplicas;
        private Integer rank;
        private boolean shuffle = true;
        private long seed;
        private boolean dropLast;

        /** Python's {@code num_replicas}: processes taking part (default the world size). */
        public Options numReplicas(int numReplicas) {
            if (numReplicas < 1) {
                throw new IllegalArgumentException("num_replicas should be a positive integer, got " + numReplicas);
            }
            this.numReplicas = numReplicas;
            return this;
        }

        /** Python's {@code rank}: this process's rank among them (default the group's rank). */
        public Options rank(int rank) {
            this.rank = rank;
            return this;
        }

        /** Python's {@code shuffle} (default true). */
        public Options shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Python's {@code seed}: the shuffle's seed, the same on every rank (default 0). */
        public Options seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Python's {@code drop_last}: drop the tail instead of padding (default false). */
        public Options dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }
    }

    private final long datasetSize;
    private final int numReplicas;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final long numSamples;
    private final long totalSize;
    private long epoch;

    /** A sampler over {@code dataset} with PyTorch's defaults, for the default process group. */
    public DistributedSampler(Dataset<?> dataset) {
        this(dataset, new Options());
    }

    /** A sampler over {@code dataset}. */
    public DistributedSampler(Dataset<?> dataset, Options options) {
        this(dataset.size(), options);
    }

    /** A sampler over the indices {@code 0 .. datasetSize-1}. */
    public DistributedSampler(long datasetSize, Options options) {
        if (datasetSize < 0) {
            throw new IllegalArgumentException("dataset size must not be negative, got " + datasetSize);
        }
        this.datasetSize = datasetSize;
        this.numReplicas = options.numReplicas != null ? options.numReplicas : Dist.getWorldSize();
        this.rank = options.rank != null ? options.rank : Dist.getRank();
        if (rank >= numReplicas || rank < 0) {
            throw new IllegalArgumentException("Invalid rank " + rank + ", rank should be in the interval [0, "
                    + (numReplicas - 1) + "]");
        }
        this.shuffle = options.shuffle;
        this.seed = options.seed;
        this.dropLast = options.dropLast;
        if (dropLast && datasetSize % numReplicas != 0) {
            // math.ceil((len - num_replicas) / num_replicas), in Python's float arithmetic
            this.numSamples = (long) Math.ceil((double) (datasetSize - numReplicas) / numReplicas);
        } else {
            this.numSamples = (long) Math.ceil((double) datasetSize / numReplicas);
        }
        this.totalSize = numSamples * numReplicas;
    }

    /**
     * Python's {@code set_epoch(epoch)}: call it before each epoch's iteration so that shuffling differs between
     * epochs (and stays the same across ranks).
     */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** Python's {@code len(sampler)}: this rank's number of indices. */
    @Override
    public long size() {
        return numSamples;
    }

    /** This rank's indices for the current epoch, in order. */
    public long[] indices() {
        long[] all;
        if (shuffle) {
            Generator g = new Generator().manualSeed(seed + epoch);
            try (TensorScope s = new TensorScope("DistributedSampler")) {
                all = Torch.randperm(datasetSize, g).toLongArray();
            }
        } else {
            all = new long[Math.toIntExact(datasetSize)];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }
        long[] padded;
        if (!dropLast) {
            padded = Arrays.copyOf(all, Math.toIntExact(totalSize));
            for (int i = all.length; i < padded.length; i++) {
                padded[i] = all[(i - all.length) % all.length]; // repeats the list as often as needed
            }
        } else {
            padded = Arrays.copyOf(all, Math.toIntExact(totalSize));
        }
        long[] mine = new long[Math.toIntExact(numSamples)];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = padded[rank + i * numReplicas];
        }
        return mine;
    }

    @Override
    public Iterator<Long> iterator() {
        long[] mine = indices();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < mine.length;
            }

            @Override
            public Long next() {
                if (i >= mine.length) {
                    throw new NoSuchElementException();
                }
                return mine[i++];
            }
        };
    }

    /** The number of replicas. */
    public int numReplicas() {
        return numReplicas;
    }

    /** This sampler's rank. */
    public int rank() {
        return rank;
    }

    /** The current epoch. */
    public long epoch() {
        return epoch;
    }
}
