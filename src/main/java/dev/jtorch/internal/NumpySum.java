package dev.jtorch.internal;

/**
 * Sums that add in NumPy's order, so that means and variances round as {@code numpy.sum} rounds them.
 *
 * <p>NumPy reduces a contiguous run of float64 values with pairwise summation (blocks of up to 128 values summed
 * in eight interleaved partial sums, larger runs halved recursively), feeding the reduction at most 8192 values
 * at a time. Summing the columns of a C-ordered matrix with more than one column adds the rows one after another
 * instead. The order matters only in the last bits, but it is what makes results identical to scikit-learn's.
 */
public final class NumpySum {
    private static final int BUFFER = 8192;
    private static final int BLOCK = 128;

    private NumpySum() {}

    /** {@code numpy.sum(a)} of a 1-D float64 array. */
    public static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** {@code numpy.sum(a[from:from + n])}. */
    public static double sum(double[] a, int from, int n) {
        double total = 0.0;
        for (int start = 0; start < n; start += BUFFER) {
            total += pairwise(a, from + start, Math.min(BUFFER, n - start));
        }
        return total;
    }

    /** {@code numpy.mean(a)}: the sum divided by the count. */
    public static double mean(double[] a) {
        return sum(a) / a.length;
    }

    /**
     * {@code numpy.sum(x, axis=0)} of a C-ordered matrix given by its rows: pairwise down a single column,
     * row after row when there are several columns.
     */
    public static double[] sumColumns(double[][] x, int nColumns) {
        double[] out = new double[nColumns];
        if (nColumns == 1) {
            double[] col = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                col[i] = x[i][0];
            }
            out[0] = sum(col);
            return out;
        }
        for (double[] row : x) {
            for (int j = 0; j < nColumns; j++) {
                out[j] += row[j];
            }
        }
        return out;
    }

    /** {@code numpy.average(a, weights=w)}: {@code sum(a * w) / sum(w)}. */
    public static double average(double[] a, double[] w) {
        double[] prod = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            prod[i] = a[i] * w[i];
        }
        return sum(prod) / sum(w);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            int end = n - n % 8;
            for (; i < end; i += 8) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
