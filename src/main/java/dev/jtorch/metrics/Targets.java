package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/** Label and score conversions and checks shared by the metrics ({@code sklearn.utils.multiclass} and friends). */
final class Targets {
    static final System.Logger LOG = System.getLogger("dev.jtorch.metrics");

    private Targets() {}

    static long[] toLong(int[] y) {
        Objects.requireNonNull(y, "labels");
        long[] out = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }

    /**
     * A tensor of class labels as int64 values; a floating tensor must hold whole numbers (like the tutorials'
     * float 0/1 targets), as scikit-learn refuses continuous targets.
     */
    static long[] labels(Tensor t, String name) {
        Objects.requireNonNull(t, name);
        if (t.dtype().isFloatingPoint()) {
            double[] v = t.toDoubleArray();
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] != Math.rint(v[i]) || Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("Classification metrics can't handle continuous targets: "
                            + name + " holds " + v[i]);
                }
                out[i] = (long) v[i];
            }
            return out;
        }
        return t.toLongArray();
    }

    /** A tensor of scores or values, flattened. */
    static double[] values(Tensor t, String name) {
        Objects.requireNonNull(t, name);
        return t.toDoubleArray();
    }

    static void checkConsistentLength(int... lengths) {
        for (int n : lengths) {
            if (n != lengths[0]) {
                throw new IllegalArgumentException(
                        "Found input variables with inconsistent numbers of samples: " + Arrays.toString(lengths));
            }
        }
    }

    /** {@code unique_labels(y_true, y_pred)}: the sorted union. */
    static long[] uniqueLabels(long[] a, long[] b) {
        return java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    static long[] unique(long[] a) {
        return Arrays.stream(a).distinct().sorted().toArray();
    }

    /** {@code type_of_target} of integer labels: "binary" for at most two values, else "multiclass". */
    static String typeOf(long[] y) {
        return unique(y).length > 2 ? "multiclass" : "binary";
    }

    /** {@code _check_targets}: "binary" or "multiclass" for the pair. */
    static String checkTargets(long[] yTrue, long[] yPred) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        checkConsistentLength(yTrue.length, yPred.length);
        return uniqueLabels(yTrue, yPred).length > 2 ? "multiclass" : "binary";
    }

    static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code str(list)} of integers: {@code [0, 1]}. */
    static String pyList(long[] a) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (long v : a) {
            j.add(Long.toString(v));
        }
        return j.toString();
    }

    /** {@code assert_all_finite}. */
    static void checkFinite(double[] a) {
        for (double v : a) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("Input contains NaN.");
            }
        }
        for (double v : a) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "Input contains infinity or a value too large for dtype('float64').");
            }
        }
    }

    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Logs scikit-learn's warning text once per distinct message, as Python shows a warning once per place. */
    /** Forgets which warnings were shown (for tests). */
    static void resetWarnings() {
        WARNED.clear();
    }

    static void warn(String message) {
        if (WARNED.add(message)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }
}
