package dev.jtorch.optim;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code optimizer.param_groups}: its parameters and its options under Python's keys ({@code lr},
 * {@code momentum}, {@code betas}, ...). Options not set on a group take the optimizer's defaults when the group is
 * added, as in PyTorch:
 *
 * <pre>{@code
 * new SGD(List.of(new ParamGroup(model.base.parameters()),
 *                 new ParamGroup(model.classifier.parameters()).lr(1e-3)),
 *         new SGD.Options(1e-2).momentum(0.9));
 * optimizer.paramGroups().get(0).lr();          // optimizer.param_groups[0]['lr']
 * }</pre>
 *
 * Values are {@link Double}, {@link Integer} (where PyTorch's default is an int, such as {@code momentum: 0}),
 * {@link Boolean}, {@code double[]} (for tuples such as {@code betas}) or null (Python's {@code None}).
 *
 * <p>Mirrors one entry of {@code optimizer.param_groups}; see
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.add_param_group.html">torch.optim.Optimizer.add_param_group</a>.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    /** A group of parameters with no options of its own yet. */
    public ParamGroup(List<? extends Tensor> params) {
        Objects.requireNonNull(params, "params");
        this.params = new ArrayList<>(params.size());
        for (Tensor p : params) {
            this.params.add(Objects.requireNonNull(p, "params contains null"));
        }
    }

    /** Python's {@code group['params']}. */
    public List<Tensor> params() {
        return params;
    }

    /** Python's {@code group['lr']}. */
    public double lr() {
        return getDouble("lr");
    }

    /** Python's {@code group['lr'] = lr} (what schedulers do). Returns this group. */
    public ParamGroup lr(double lr) {
        options.put("lr", lr);
        return this;
    }

    /** Python's {@code group['weight_decay'] = value}. Returns this group. */
    public ParamGroup weightDecay(double weightDecay) {
        options.put("weight_decay", weightDecay);
        return this;
    }

    /** Python's {@code group['momentum'] = value}. Returns this group. */
    public ParamGroup momentum(double momentum) {
        options.put("momentum", momentum);
        return this;
    }

    /** Python's {@code group[key] = value}. Returns this group. */
    public ParamGroup set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (key.equals("params")) {
            throw new IllegalArgumentException("params are given to the constructor");
        }
        options.put(key, value instanceof Float f ? Double.valueOf(f) : value);
        return this;
    }

    /** Python's {@code group[key]}. */
    public Object get(String key) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException("parameter group has no option '" + key + "'");
        }
        return options.get(key);
    }

    /** Whether the group has the option. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** Python's {@code group[key]} as a double. */
    public double getDouble(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("option '" + key + "' is not a number: " + v);
    }

    /** Python's {@code group[key]} as a boolean. */
    public boolean getBoolean(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("option '" + key + "' is not a bool: " + v);
    }

    /** Python's {@code group[key]} as a tuple of doubles (e.g. {@code betas}). */
    public double[] getDoubles(String key) {
        Object v = get(key);
        if (v instanceof double[] d) {
            return d.clone();
        }
        throw new IllegalArgumentException("option '" + key + "' is not a tuple: " + v);
    }

    /** The options in Python's insertion order, without {@code params}. A live view. */
    public Map<String, Object> options() {
        return options;
    }

    /** Fills the options this group lacks from the defaults (Python's {@code setdefault}). */
    void applyDefaults(Map<String, Object> defaults) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            merged.put(e.getKey(), options.containsKey(e.getKey()) ? options.get(e.getKey()) : e.getValue());
        }
        for (Map.Entry<String, Object> e : options.entrySet()) {
            merged.putIfAbsent(e.getKey(), e.getValue());
        }
        options.clear();
        options.putAll(merged);
    }

    /** Python's text of one option value: {@code 0.001}, {@code 0}, {@code False}, {@code (0.9, 0.999)}. */
    public static String pythonValue(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return PyFormat.repr(d);
        }
        if (v instanceof double[] t) {
            List<String> parts = new ArrayList<>();
            for (double d : t) {
                parts.add(PyFormat.repr(d));
            }
            return "(" + String.join(", ", parts) + (t.length == 1 ? ",)" : ")");
        }
        return String.valueOf(v);
    }
}
