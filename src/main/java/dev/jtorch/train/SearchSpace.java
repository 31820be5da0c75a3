package dev.jtorch.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The hyperparameters a search explores, each a list of choices or a distribution (uniform, log-uniform, uniform
 * integer), in the spirit of scikit-learn's {@code ParameterGrid}/{@code ParameterSampler}. Grid search needs
 * choices only; random search samples every kind.
 *
 * <pre>{@code
 * var space = new SearchSpace()
 *         .choice("lr", 0.1, 0.01, 0.001)
 *         .logUniform("weight_decay", 1e-6, 1e-3)
 *         .choice("optimizer", "adam", "sgd");
 * }</pre>
 *
 * <p>jtorch's own; no PyTorch counterpart. The closest are scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.ParameterGrid.html">sklearn.model_selection.ParameterGrid</a>
 * and
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.ParameterSampler.html">sklearn.model_selection.ParameterSampler</a>.
 */
public final class SearchSpace {
    /** One dimension of the space. */
    sealed interface Dim permits Choice, Uniform, LogUniform, IntUniform {}

    record Choice(List<Object> values) implements Dim {}

    record Uniform(double low, double high) implements Dim {}

    record LogUniform(double low, double high) implements Dim {}

    record IntUniform(long low, long high) implements Dim {}

    private final Map<String, Dim> dims = new LinkedHashMap<>();

    /** A dimension taking one of the given values. */
    public SearchSpace choice(String name, Object... values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("choice '" + name + "' needs at least one value");
        }
        return add(name, new Choice(List.of(values)));
    }

    /** A dimension uniform in [low, high). */
    public SearchSpace uniform(String name, double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("uniform '" + name + "' needs low < high, got " + low + ", " + high);
        }
        return add(name, new Uniform(low, high));
    }

    /** A dimension whose logarithm is uniform: between low and high, both positive. */
    public SearchSpace logUniform(String name, double low, double high) {
        if (!(low > 0 && low < high)) {
            throw new IllegalArgumentException("logUniform '" + name + "' needs 0 < low < high, got " + low + ", "
                    + high);
        }
        return add(name, new LogUniform(low, high));
    }

    /** An integer dimension uniform in [low, high] (both included). */
    public SearchSpace intUniform(String name, long low, long high) {
        if (low > high) {
            throw new IllegalArgumentException("intUniform '" + name + "' needs low <= high");
        }
        return add(name, new IntUniform(low, high));
    }

    private SearchSpace add(String name, Dim dim) {
        Objects.requireNonNull(name, "name");
        if (dims.containsKey(name)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' is declared twice");
        }
        dims.put(name, dim);
        return this;
    }

    /** The names, in declaration order. */
    public List<String> names() {
        return new ArrayList<>(dims.keySet());
    }

    /** Every combination of the choices, the last dimension varying fastest (scikit-learn's ParameterGrid order). */
    public List<Params> grid() {
        List<Params> out = new ArrayList<>();
        out.add(new Params(new LinkedHashMap<>()));
        for (Map.Entry<String, Dim> e : dims.entrySet()) {
            if (!(e.getValue() instanceof Choice c)) {
                throw new IllegalArgumentException("grid search needs choices; '" + e.getKey()
                        + "' is a distribution (use random search)");
            }
            List<Params> next = new ArrayList<>();
            for (Params p : out) {
                for (Object v : c.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(p.values());
                    m.put(e.getKey(), v);
                    next.add(new Params(m));
                }
            }
            out = next;
        }
        return out;
    }

    /** {@code n} independent samples of the space, reproducible for a seed. */
    public List<Params> sample(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of trials must be positive, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Params> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Dim> e : dims.entrySet()) {
                Dim d = e.getValue();
                Object v;
                if (d instanceof Choice c) {
                    v = c.values().get(rng.nextInt(c.values().size()));
                } else if (d instanceof Uniform u) {
                    v = u.low() + rng.nextDouble() * (u.high() - u.low());
                } else if (d instanceof LogUniform l) {
                    v = Math.exp(Math.log(l.low()) + rng.nextDouble() * (Math.log(l.high()) - Math.log(l.low())));
                } else {
                    IntUniform iu = (IntUniform) d;
                    v = iu.low() + rng.nextLong(iu.high() - iu.low() + 1);
                }
                m.put(e.getKey(), v);
            }
            out.add(new Params(m));
        }
        return out;
    }

    /** One point of the space: hyperparameter values by name. */
    public record Params(Map<String, Object> values) {
        /** The value of a hyperparameter. */
        public Object get(String name) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no hyperparameter '" + name + "' in " + values.keySet());
            }
            return values.get(name);
        }

        /** A numeric hyperparameter as a double. */
        public double getDouble(String name) {
            return ((Number) get(name)).doubleValue();
        }

        /** A numeric hyperparameter as an int. */
        public int getInt(String name) {
            return ((Number) get(name)).intValue();
        }

        /** A hyperparameter as a string. */
        public String getString(String name) {
            return String.valueOf(get(name));
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }
}
