package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code torch.utils.data.RandomSampler(data_source, generator=None)} without replacement: each pass is
 * {@code torch.randperm(n, generator)}. Without a generator it draws a seed from the global generator when a pass
 * starts (its first element is taken) and permutes with a private generator, exactly as PyTorch does, so a ported
 * training loop shuffles the same way. Like PyTorch's, a pass ends by drawing one more (unused) permutation.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.RandomSampler">torch.utils.data.RandomSampler</a>.
 */
public class RandomSampler implements Sampler {
    private final long n;
    private final Generator generator;

    /** A sampler over {@code n} indices drawing from the global generator. */
    public RandomSampler(long n) {
        this(n, null);
    }

    /** A sampler over {@code n} indices drawing from {@code generator} (null for the global one). */
    public RandomSampler(long n, Generator generator) {
        if (n < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + n);
        }
        this.n = n;
        this.generator = generator;
    }

    @Override
    public long size() {
        return n;
    }

    /** The generator given at construction, or null for the global one (read by {@link TensorBatches}). */
    Generator generator() {
        return generator;
    }

    @Override
    public Iterator<Long> iterator() {
        return new Iterator<>() {
            Generator g;
            long[] order;
            int i;
            boolean exhausted;

            private void start() {
                if (order == null) {
                    g = generator != null ? generator : new Generator().manualSeed(Generator.drawSeed(null));
                    try (TensorScope s = new TensorScope("randperm")) {
                        order = Torch.randperm(n, g).toLongArray();
                    }
                }
            }

            @Override
            public boolean hasNext() {
                start();
                if (i >= order.length && !exhausted) {
                    // PyTorch's sampler ends each pass with randperm(n)[:num_samples % n], an empty slice of one more
                    // permutation: it advances the generator, which matters when the generator is shared.
                    exhausted = true;
                    try (TensorScope s = new TensorScope("randperm")) {
                        Torch.randperm(n, g);
                    }
                }
                return i < order.length;
            }

            @Override
            public Long next() {
                start();
                if (i >= order.length) {
                    throw new NoSuchElementException();
                }
                return order[i++];
            }
        };
    }
}
