package dev.jtorch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the golden files that {@code src/test/python/*.py} wrote from Python PyTorch: the one golden-file reader of
 * the tests (parsing a file, a case's values, shape and dtype, plain JSON arrays of numbers); the per-package
 * helpers ({@code NnGolden}, {@code JitGolden}, {@code VisionGolden}, {@code GoldenArrays}) delegate their reading
 * to it and add only their own comparisons.
 */
public final class Golden {
    private Golden() {}

    /** The parsed JSON of {@code /golden/<name>}. */
    public static JsonNode load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed JSON of a file on disk, e.g. what a generator has just written for a freshness check. */
    public static JsonNode read(java.nio.file.Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code /golden/<name>} (an example's committed standard output, say), as UTF-8. */
    public static String text(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case of {@code array} whose {@code name} field equals {@code name}. */
    public static JsonNode find(JsonNode array, String name) {
        for (JsonNode c : array) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    /** The case's values as doubles ("nan", "inf" and "-inf" are spelled out in the JSON). */
    public static double[] doubles(JsonNode c) {
        return doubleArray(c.get("values"));
    }

    /** The case's values as longs. */
    public static long[] longs(JsonNode c) {
        return longArray(c.get("values"));
    }

    /** The case's shape. */
    public static long[] shape(JsonNode c) {
        return longArray(c.get("shape"));
    }

    /** A JSON number, or Python's non-finite values spelled out: "nan", "inf", "-inf". */
    public static double number(JsonNode x) {
        return x.isTextual() ? Double.parseDouble(x.asText().replace("inf", "Infinity").replace("nan", "NaN"))
                : x.asDouble();
    }

    /** A JSON array of numbers (see {@link #number(JsonNode)}). */
    public static double[] doubleArray(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    /** A JSON array of arrays of numbers, row by row. */
    public static double[][] doubleMatrix(JsonNode array) {
        double[][] out = new double[array.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubleArray(array.get(i));
        }
        return out;
    }

    /** A JSON array of integers. */
    public static long[] longArray(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** A JSON array of integers, as ints. */
    public static int[] intArray(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A JSON array of texts. */
    public static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode x : array) {
            out.add(x.asText());
        }
        return out;
    }

    /** The {@code name} fields of a list of golden cases, in order (a state dict's keys, say). */
    public static java.util.List<String> names(JsonNode cases) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode c : cases) {
            out.add(c.get("name").asText());
        }
        return out;
    }

    /** The case's dtype, from Python's name. */
    public static DType dtype(JsonNode c) {
        String name = c.get("dtype").asText();
        for (DType d : DType.values()) {
            if (d.toString().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + name);
    }

    /** Rebuilds the case's tensor from its values, dtype and shape. */
    public static Tensor tensor(JsonNode c) {
        DType dtype = dtype(c);
        long[] shape = shape(c);
        Tensor flat;
        if (dtype == DType.BOOL) {
            JsonNode v = c.get("values");
            boolean[] b = new boolean[v.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = v.get(i).asBoolean();
            }
            flat = Torch.tensor(b);
        } else if (dtype.isFloatingPoint()) {
            flat = Torch.tensor(doubles(c), dtype);
        } else {
            flat = Torch.tensor(longs(c), dtype);
        }
        return flat.reshape(shape);
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} elementwise (numpy's allclose), for float32
     * results that libtorch 2.10 and Python 1.13 may round differently in the last bits.
     */
    public static void assertClose(double[] expected, double[] actual, double rtol, double atol, String message) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, message + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                org.junit.jupiter.api.Assertions.fail(message + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }

    /**
     * The differences between two JSON trees: texts, booleans, integers and structure must be equal; other numbers
     * may differ by {@code tol}, absolutely or relatively (Python's matrix products depend on the BLAS that Debian's
     * alternatives select, and on threads).
     */
    public static java.util.List<String> jsonDiffs(JsonNode committed, JsonNode fresh, double tol) {
        java.util.List<String> diffs = new java.util.ArrayList<>();
        compare("$", committed, fresh, tol, diffs);
        return diffs;
    }

    private static void compare(String path, JsonNode committed, JsonNode fresh, double tol,
            java.util.List<String> diffs) {
        if (committed.isNumber() && fresh.isNumber()) {
            boolean integral = committed.isIntegralNumber() && fresh.isIntegralNumber();
            double a = committed.asDouble();
            double b = fresh.asDouble();
            double diff = Math.abs(a - b);
            if (integral ? committed.asLong() != fresh.asLong() : diff > tol && diff > tol * Math.abs(a)) {
                diffs.add(path + ": " + a + " vs " + b);
            }
        } else if (committed.isObject() && fresh.isObject()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            committed.fieldNames().forEachRemaining(names::add);
            java.util.List<String> freshNames = new java.util.ArrayList<>();
            fresh.fieldNames().forEachRemaining(freshNames::add);
            if (!names.equals(freshNames)) {
                diffs.add(path + ": fields " + names + " vs " + freshNames);
                return;
            }
            for (String n : names) {
                compare(path + "." + n, committed.get(n), fresh.get(n), tol, diffs);
            }
        } else if (committed.isArray() && fresh.isArray()) {
            if (committed.size() != fresh.size()) {
                diffs.add(path + ": length " + committed.size() + " vs " + fresh.size());
                return;
            }
            for (int i = 0; i < committed.size(); i++) {
                compare(path + "[" + i + "]", committed.get(i), fresh.get(i), tol, diffs);
            }
        } else if (!committed.equals(fresh)) {
            diffs.add(path + ": " + committed + " vs " + fresh);
        }
    }

    /**
     * A generator's recorded Python error ({@code "ValueError: ..."} under {@code errors[key]}) without its exception
     * type: the text jtorch's exception must carry.
     */
    public static String errorMessage(JsonNode errors, String key) {
        String full = errors.get(key).asText();
        return full.substring(full.indexOf(": ") + 2);
    }

    /** {@code f} throws {@code type} with the message of Python's error {@code errors[key]}. */
    public static void assertError(JsonNode errors, String key, Class<? extends Throwable> type,
            org.junit.jupiter.api.function.Executable f) {
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(type, f, key);
        org.junit.jupiter.api.Assertions.assertEquals(errorMessage(errors, key), t.getMessage(), key);
    }
}
