package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python values from the golden JSON ("inf", "-inf", "nan" spelled out) and their comparison with Java's. */
final class PyJson {
    static final double RTOL = 1e-12;

    private PyJson() {}

    static boolean isSpecialFloat(JsonNode n) {
        return n.isTextual() && (n.asText().equals("inf") || n.asText().equals("-inf") || n.asText().equals("nan"));
    }

    static double toDouble(JsonNode n) {
        if (isSpecialFloat(n)) {
            return switch (n.asText()) {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
        }
        assertTrue(n.isNumber(), "not a number: " + n);
        return n.asDouble();
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(array.get(i));
        }
        return out;
    }

    /** The JSON as the plain Java values Python's state dict holds (int as Integer, float as Double, ...). */
    static Object toJava(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(toJava(x)));
            return l;
        }
        if (isSpecialFloat(n)) {
            return toDouble(n);
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.asInt() : (Object) n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNull()) {
            return null;
        }
        return n.asText();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toJavaMap(JsonNode n) {
        return (Map<String, Object>) toJava(n);
    }

    static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        return expected == actual || Math.abs(expected - actual) <= RTOL * Math.max(Math.abs(expected), Math.abs(actual));
    }

    static void assertClose(double expected, double actual, String where) {
        if (!close(expected, actual)) {
            fail(where + ": expected " + expected + " but was " + actual + " (relative difference "
                    + Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual)) + ")");
        }
    }

    /** A Java state dict equals Python's: same keys in the same order, numbers within {@link #RTOL}. */
    static void assertPyEquals(JsonNode expected, Object actual, String path) {
        if (expected.isObject()) {
            Map<?, ?> m = assertInstanceOf(Map.class, actual, path);
            List<String> keys = new ArrayList<>();
            Iterator<String> it = expected.fieldNames();
            it.forEachRemaining(keys::add);
            List<String> actualKeys = new ArrayList<>();
            m.keySet().forEach(k -> actualKeys.add(String.valueOf(k)));
            assertEquals(keys, actualKeys, path + " keys");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertPyEquals(expected.get(String.valueOf(e.getKey())), e.getValue(), path + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            List<?> l = assertInstanceOf(List.class, actual, path);
            assertEquals(expected.size(), l.size(), path + " length");
            for (int i = 0; i < l.size(); i++) {
                assertPyEquals(expected.get(i), l.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber() || isSpecialFloat(expected)) {
            Number n = assertInstanceOf(Number.class, actual, path);
            if (n instanceof Integer || n instanceof Long) {
                assertTrue(expected.isIntegralNumber(), path + ": Java has the int " + n + ", Python the float "
                        + expected);
            }
            assertClose(toDouble(expected), n.doubleValue(), path);
        } else if (expected.isBoolean()) {
            assertEquals(expected.asBoolean(), actual, path);
        } else if (expected.isNull()) {
            assertNull(actual, path);
        } else {
            assertEquals(expected.asText(), actual, path);
        }
    }
}
