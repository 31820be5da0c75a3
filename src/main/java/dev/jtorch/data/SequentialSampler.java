package dev.jtorch.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code torch.utils.data.SequentialSampler}: 0, 1, ..., n-1.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.SequentialSampler">torch.utils.data.SequentialSampler</a>.
 */
public class SequentialSampler implements Sampler {
    private final long n;

    /** A sampler over {@code n} indices. */
    public SequentialSampler(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + n);
        }
        this.n = n;
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public Iterator<Long> iterator() {
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Long next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return i++;
            }
        };
    }
}
