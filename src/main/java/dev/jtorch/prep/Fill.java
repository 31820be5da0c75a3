package dev.jtorch.prep;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Arrays of draws in NumPy's order (row by row), with NumPy's message for a negative size. */
final class Fill {
    private Fill() {}

    static double[] vector(int size, DoubleSupplier draw) {
        double[] out = new double[RandomState.checkSize(size)];
        for (int i = 0; i < out.length; i++) {
            out[i] = draw.getAsDouble();
        }
        return out;
    }

    static double[][] matrix(int rows, int cols, DoubleSupplier draw) {
        double[][] out = new double[RandomState.checkSize(rows)][RandomState.checkSize(cols)];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = draw.getAsDouble();
            }
        }
        return out;
    }

    static long[] longs(int size, LongSupplier draw) {
        long[] out = new long[RandomState.checkSize(size)];
        for (int i = 0; i < out.length; i++) {
            out[i] = draw.getAsLong();
        }
        return out;
    }

    static long[][] longMatrix(int rows, int cols, LongSupplier draw) {
        long[][] out = new long[RandomState.checkSize(rows)][RandomState.checkSize(cols)];
        for (long[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = draw.getAsLong();
            }
        }
        return out;
    }
}
