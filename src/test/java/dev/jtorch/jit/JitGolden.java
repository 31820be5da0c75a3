package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.testing.Golden;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The golden files of {@code src/test/python/gen_jit_golden.py}: {@code jit.json} and the scripted models. */
final class JitGolden {
    private static JsonNode doc;

    private JitGolden() {}

    static synchronized JsonNode doc() {
        if (doc == null) {
            doc = Golden.load("jit.json");
        }
        return doc;
    }

    /** A committed model file under {@code golden/jit/}. */
    static Path model(String name) {
        try {
            return Path.of(JitGolden.class.getResource("/golden/jit/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing golden model " + name, e);
        }
    }

    static Tensor tensor(String key) {
        return Golden.tensor(doc().get(key));
    }

    /** The names of a golden state dict, in order. */
    static List<String> keys(JsonNode state) {
        return Golden.names(state);
    }

    static List<String> strings(JsonNode array) {
        return Golden.strings(array);
    }

    /** Asserts a state dict has Python's keys in Python's order, shapes, dtypes and values (within rtol/atol). */
    static void assertState(JsonNode expected, Map<String, Tensor> actual, double rtol, double atol) {
        assertEquals(keys(expected), new ArrayList<>(actual.keySet()), "state-dict keys");
        for (JsonNode c : expected) {
            String name = c.get("name").asText();
            Tensor t = actual.get(name);
            assertTensor(c, t, rtol, atol, name);
        }
    }

    static void assertTensor(JsonNode c, Tensor t, double rtol, double atol, String what) {
        assertEquals(c.get("dtype").asText(), t.dtype().toString(), what + ": dtype");
        assertEquals(List.of(toObjects(Golden.shape(c))), List.of(toObjects(t.shape().toArray())), what + ": shape");
        if (t.dtype().isFloatingPoint()) {
            Golden.assertClose(Golden.doubles(c), t.detach().cpu().toDouble().toDoubleArray(), rtol, atol, what);
        } else {
            org.junit.jupiter.api.Assertions.assertArrayEquals(Golden.longs(c), t.cpu().toLong().toLongArray(), what);
        }
    }

    private static Object[] toObjects(long[] a) {
        Object[] o = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }

    static double[] doubles(JsonNode array) {
        return Golden.doubleArray(array);
    }
}
