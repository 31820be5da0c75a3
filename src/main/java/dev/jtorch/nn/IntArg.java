package dev.jtorch.nn;

import java.util.Arrays;

/**
 * An "int or tuple" argument as a Python module stores it: {@code MaxPool2d(2)} keeps the int 2 and prints
 * {@code kernel_size=2}, {@code MaxPool2d((2, 2))} keeps the tuple and prints {@code kernel_size=(2, 2)}; a
 * {@code null} element prints {@code None}. The values are expanded to one per spatial dimension.
 */
final class IntArg {
    private final Long[] values;
    private final boolean single;

    private IntArg(Long[] values, boolean single) {
        this.values = values;
        this.single = single;
    }

    /** Python's int {@code v}, used for each of {@code dims} dimensions. */
    static IntArg of(long v, int dims) {
        Long[] a = new Long[dims];
        Arrays.fill(a, v);
        return new IntArg(a, true);
    }

    /** Python's tuple {@code (v0, v1, ...)}; it must have {@code dims} elements. */
    static IntArg tuple(String name, int dims, long... v) {
        if (v.length != dims) {
            throw new IllegalArgumentException(name + " must have " + dims + " elements, got " + v.length);
        }
        Long[] a = new Long[dims];
        for (int i = 0; i < dims; i++) {
            a[i] = v[i];
        }
        return new IntArg(a, false);
    }

    /** Python's tuple with optional elements ({@code (None, 7)}); null is {@code None}. */
    static IntArg optionalTuple(Long... v) {
        return new IntArg(v.clone(), false);
    }

    /** The value per dimension; fails on a {@code None} element. */
    long[] values() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            if (values[i] == null) {
                throw new IllegalStateException("size argument has a None element");
            }
            out[i] = values[i];
        }
        return out;
    }

    /** The value per dimension, with null for {@code None}. */
    Long[] optionalValues() {
        return values.clone();
    }

    boolean isSingle() {
        return single;
    }

    /** Python's {@code str()} of the argument: {@code 2}, {@code (2, 3)}, {@code (3,)}, {@code (None, 2)}. */
    @Override
    public String toString() {
        if (single) {
            return String.valueOf(values[0]);
        }
        return tuple(values);
    }

    /** Python's repr of a tuple of ints. */
    static String tuple(Object[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(v[i] == null ? "None" : v[i].toString());
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** Python's repr of a tuple of ints. */
    static String tuple(long[] v) {
        Long[] boxed = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            boxed[i] = v[i];
        }
        return tuple(boxed);
    }
}
