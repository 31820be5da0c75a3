package dev.jtorch.optim.lr;

import java.util.ArrayList;
import java.util.List;

/** Conversions between scheduler fields and Python-shaped state dicts. */
final class PyState {
    private PyState() {}

    static int toInt(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException("expected an integer, got " + v);
            }
            return n.intValue();
        }
        throw new IllegalArgumentException("expected an integer, got " + v);
    }

    static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number, got " + v);
    }

    static boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected a bool, got " + v);
    }

    static List<Double> toDoubles(Object v) {
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, got " + v);
        }
        List<Double> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(toDouble(o));
        }
        return out;
    }

    static List<Integer> toInts(Object v) {
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, got " + v);
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(toInt(o));
        }
        return out;
    }

    static List<Double> copy(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    static double[] array(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
