package dev.jtorch;

import java.util.Arrays;

/**
 * A tensor's shape, mirroring {@code torch.Size}: {@code toString()} prints {@code torch.Size([800, 2])}.
 * Immutable.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/size.html">torch.Size</a>.
 */
public final class Size {
    private final long[] dims;

    /** A shape with the given dimensions. */
    public Size(long... dims) {
        this.dims = dims.clone();
    }

    /** The size of dimension {@code i}; negative indices count from the end, as in Python. */
    public long get(int i) {
        int n = dims.length;
        int k = i < 0 ? i + n : i;
        if (k < 0 || k >= n) {
            throw new IndexOutOfBoundsException("tuple index out of range: " + i + " for " + this);
        }
        return dims[k];
    }

    /** Python's {@code len(size)}: the number of dimensions. */
    public int size() {
        return dims.length;
    }

    /** Python's {@code size.numel()}: the product of the dimensions. */
    public long numel() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** A copy of the dimensions. */
    public long[] toArray() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Python's text, e.g. {@code torch.Size([800, 2])}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("torch.Size([");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i]);
        }
        return b.append("])").toString();
    }
}
