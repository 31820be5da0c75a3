package dev.jtorch.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;

/**
 * Arrays out of the prep and metrics golden files (read by {@link Golden}), and comparisons of doubles as those
 * tests make them.
 */
public final class GoldenArrays {
    /** The tolerance of every comparison of doubles with NumPy/scikit-learn. */
    public static final double TOL = 1e-12;

    private GoldenArrays() {}

    /** A JSON number, or "nan"/"inf"/"-inf". */
    public static double num(JsonNode x) {
        return Golden.number(x);
    }

    /** A JSON array of numbers. */
    public static double[] doubles(JsonNode a) {
        return Golden.doubleArray(a);
    }

    /** A JSON array of arrays of numbers. */
    public static double[][] matrix(JsonNode a) {
        return Golden.doubleMatrix(a);
    }

    /** A JSON array of integers. */
    public static long[] longs(JsonNode a) {
        return Golden.longArray(a);
    }

    /** A JSON array of integers, as ints. */
    public static int[] ints(JsonNode a) {
        return Golden.intArray(a);
    }

    /** {@code |actual - expected| <= 1e-12 * max(1, |expected|)}, NaN equal to NaN. */
    public static void assertClose(double expected, double actual, String message) {
        boolean ok = Double.isNaN(expected) ? Double.isNaN(actual)
                : expected == actual || Math.abs(actual - expected) <= TOL * Math.max(1.0, Math.abs(expected));
        if (!ok) {
            fail(message + ": expected " + expected + " but was " + actual);
        }
    }

    /** Elementwise {@link #assertClose(double, double, String)}. */
    public static void assertClose(double[] expected, double[] actual, String message) {
        assertEquals(expected.length, actual.length, message + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], message + "[" + i + "]");
        }
    }

    /** Row by row {@link #assertClose(double[], double[], String)}. */
    public static void assertClose(double[][] expected, double[][] actual, String message) {
        assertEquals(expected.length, actual.length, message + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], message + "[" + i + "]");
        }
    }

    /** How many elements are bit-for-bit equal. */
    public static int bitExact(double[][] expected, double[][] actual) {
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (Double.doubleToLongBits(expected[i][j]) == Double.doubleToLongBits(actual[i][j])
                        || expected[i][j] == actual[i][j]) {
                    n++;
                }
            }
        }
        return n;
    }
}
