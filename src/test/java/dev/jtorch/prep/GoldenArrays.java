package dev.jtorch.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads arrays out of the prep and metrics golden files, and compares doubles as those tests do. */
public final class GoldenArrays {
    /** The tolerance of every comparison of doubles with NumPy/scikit-learn. */
    public static final double TOL = 1e-12;

    private GoldenArrays() {}

    /** A JSON number, or "nan"/"inf"/"-inf". */
    public static double num(JsonNode x) {
        if (x.isTextual()) {
            return Double.parseDouble(x.asText().replace("inf", "Infinity").replace("nan", "NaN"));
        }
        return x.asDouble();
    }

    /** A JSON array of numbers. */
    public static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(a.get(i));
        }
        return out;
    }

    /** A JSON array of arrays of numbers. */
    public static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i));
        }
        return out;
    }

    /** A JSON array of integers. */
    public static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    /** A JSON array of integers, as ints. */
    public static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
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
