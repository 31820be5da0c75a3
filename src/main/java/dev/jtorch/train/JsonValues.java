package dev.jtorch.train;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns arbitrary values into what JSON can hold: numbers (finite), strings, booleans, lists and maps. */
final class JsonValues {
    private static final int MAX_DEPTH = 16;

    private JsonValues() {}

    /** A map with string keys and JSON-able values (non-finite numbers become null, other objects strings). */
    static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()), plain(e.getValue(), 0));
        }
        return out;
    }

    /** A copy of metric values in order, non-finite values as {@code null}; a {@code null} name is refused. */
    static Map<String, Double> finiteOrNull(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            Double v = e.getValue();
            out.put(java.util.Objects.requireNonNull(e.getKey(), "value name"),
                    v == null || !Double.isFinite(v) ? null : v);
        }
        return out;
    }

    private static Object plain(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            return String.valueOf(v);
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger
                || v instanceof java.math.BigDecimal) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? (Object) d : null;
        }
        if (v instanceof CharSequence || v instanceof Character || v instanceof Path) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue(), depth + 1));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                out.add(plain(o, depth + 1));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                out.add(plain(Array.get(v, i), depth + 1));
            }
            return out;
        }
        return v.toString();
    }
}
