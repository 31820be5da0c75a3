package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** Conversions between scheduler fields and Python-shaped state dicts, and the optimizer step counter. */
final class PyState {
    /** Where each optimizer's {@code _step_count} was last reset to 0 (PyTorch resets it in every _initial_step). */
    private static final Map<Optimizer, Long> STEP_COUNT_RESET = new WeakHashMap<>();

    private PyState() {}

    static synchronized void resetOptimizerStepCount(Optimizer optimizer) {
        STEP_COUNT_RESET.put(optimizer, optimizer.stepCount());
    }

    /** Python's {@code optimizer._step_count}: steps since the last scheduler reset it. */
    static synchronized long optimizerStepCount(Optimizer optimizer) {
        return optimizer.stepCount() - STEP_COUNT_RESET.getOrDefault(optimizer, 0L);
    }

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
