package dev.jtorch.train;

import dev.jtorch.Mode;

import dev.jtorch.PyFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Grid and random search over a {@link SearchSpace}: runs a function that trains with the given hyperparameters
 * and returns a validation metric, and collects the results (scikit-learn's {@code GridSearchCV} /
 * {@code RandomizedSearchCV} without the estimator API).
 *
 * <pre>{@code
 * var result = HyperparameterSearch.grid(space, p -> trainAndScore(p.getDouble("lr")), Mode.MAX);
 * System.out.println(result.table());
 * System.out.println("Best: " + result.best().params());
 * }</pre>
 *
 * <p>jtorch's own; no PyTorch counterpart. The closest are scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.GridSearchCV.html">sklearn.model_selection.GridSearchCV</a>
 * and
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.RandomizedSearchCV.html">sklearn.model_selection.RandomizedSearchCV</a>.
 */
public final class HyperparameterSearch {
    private HyperparameterSearch() {}

    /** One evaluated point: its hyperparameters and metric. */
    public record Trial(int index, SearchSpace.Params params, double metric) {}

    /** All trials, in the order they ran, and the best one. */
    public record Result(List<Trial> trials, Mode goal) {
        /** The trial with the best metric (the first one on ties). */
        public Trial best() {
            Comparator<Trial> byMetric = Comparator.comparingDouble(Trial::metric);
            return goal == Mode.MAX ? Collections.max(trials, byMetric.thenComparing(Trial::index,
                    Comparator.reverseOrder())) : Collections.min(trials, byMetric.thenComparingInt(Trial::index));
        }

        /** The results as a text table: one row per trial, the best marked with {@code *}. */
        public String table() {
            List<String> names = new ArrayList<>(trials.get(0).params().values().keySet());
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>();
            header.add("trial");
            header.addAll(names);
            header.add("metric");
            rows.add(header);
            Trial best = best();
            for (Trial t : trials) {
                List<String> r = new ArrayList<>();
                r.add((t == best ? "*" : "") + t.index());
                for (String n : names) {
                    Object v = t.params().values().get(n);
                    r.add(v instanceof Double d ? PyFormat.repr(d) : String.valueOf(v));
                }
                r.add(PyFormat.fixed(t.metric(), 4));
                rows.add(r);
            }
            int[] width = new int[header.size()];
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            }
            StringBuilder b = new StringBuilder();
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    b.append(i == 0 ? "" : "  ").append(" ".repeat(width[i] - r.get(i).length())).append(r.get(i));
                }
                b.append('\n');
            }
            return b.toString();
        }
    }

    /** Tries every combination of the space's choices. */
    public static Result grid(SearchSpace space, ToDoubleFunction<SearchSpace.Params> objective, Mode goal) {
        return run(space.grid(), objective, goal);
    }

    /** Tries {@code trials} random points of the space, reproducibly for {@code seed}. */
    public static Result random(SearchSpace space, int trials, long seed,
            ToDoubleFunction<SearchSpace.Params> objective, Mode goal) {
        return run(space.sample(trials, seed), objective, goal);
    }

    private static Result run(List<SearchSpace.Params> points, ToDoubleFunction<SearchSpace.Params> objective,
            Mode goal) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(goal, "goal");
        List<Trial> trials = new ArrayList<>();
        for (SearchSpace.Params p : points) {
            double metric = objective.applyAsDouble(p);
            if (Double.isNaN(metric)) {
                throw new IllegalArgumentException("the objective returned NaN for " + p);
            }
            trials.add(new Trial(trials.size(), p, metric));
        }
        return new Result(List.copyOf(trials), goal);
    }
}
