package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Access to golden/nn_modules.json (written by src/test/python/gen_nn_golden.py) and comparisons against it. */
final class NnGolden {
    /** The parsed golden file. */
    static final JsonNode ROOT = Golden.load("nn_modules.json");

    /**
     * Tolerance for computed values: 1e-6, absolute or relative. libtorch 2.10's float32 kernels (matmul,
     * convolution, reductions) may round the last bit differently from Python's 1.13.
     */
    static final double TOL = 1e-6;

    private NnGolden() {}

    /** Asserts shape, dtype and values; {@code tol} 0 demands the exact float32 values. */
    static void assertTensor(JsonNode expected, Tensor actual, double tol, String what) {
        assertArrayEquals(Golden.shape(expected), actual.shape().toArray(), what + ": shape");
        assertEquals(Golden.dtype(expected), actual.dtype(), what + ": dtype");
        if (!actual.dtype().isFloatingPoint()) {
            assertArrayEquals(Golden.longs(expected), actual.toLongArray(), what);
            return;
        }
        double[] want = Golden.doubles(expected);
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs(want[i] - got[i]);
            boolean ok = tol == 0 ? Double.compare(want[i], got[i]) == 0 || want[i] == got[i]
                    : diff <= tol || diff <= tol * Math.abs(want[i]) || Double.compare(want[i], got[i]) == 0;
            if (!ok) {
                fail(what + ": element " + i + " expected " + want[i] + " but was " + got[i] + " (diff " + diff + ")");
            }
        }
    }

    /** Compares a list of named golden tensors (a state dict, gradients) with Java's, keys in order. */
    static void assertNamed(JsonNode expected, Map<String, ? extends Tensor> actual, double tol, String what) {
        assertEquals(Golden.names(expected), new ArrayList<>(actual.keySet()), what + ": keys");
        for (JsonNode c : expected) {
            String k = c.get("name").asText();
            assertTensor(c, actual.get(k), tol, what + " " + k);
        }
    }

    /** Draws an input as the generator does: ["randn", shape] or ["randint", low, high, shape]. */
    static Tensor draw(JsonNode spec) {
        String kind = spec.get(0).asText();
        if (kind.equals("randn")) {
            return Torch.randn(longs(spec.get(1)));
        }
        if (kind.equals("randint")) {
            return Torch.randint(spec.get(1).asLong(), spec.get(2).asLong(), longs(spec.get(3)));
        }
        throw new IllegalArgumentException("unknown input spec " + spec);
    }

    static long[] longs(JsonNode array) {
        return Golden.longArray(array);
    }

    /** The gradients of a module's parameters that have one, by name. */
    static Map<String, Tensor> grads(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            Tensor g = e.getValue().grad();
            if (g != null) {
                out.put(e.getKey(), g);
            }
        }
        return out;
    }

    /** The golden tensors of a case's "tensors" list, rebuilt by name. */
    static Map<String, Tensor> tensors(JsonNode list) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode c : list) {
            out.put(c.get("name").asText(), Golden.tensor(c));
        }
        return out;
    }
}
