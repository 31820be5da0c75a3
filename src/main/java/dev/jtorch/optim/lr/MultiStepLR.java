package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1)}: multiplies each
 * group's learning rate by {@code gamma} at each milestone (by {@code gamma^k} at a milestone listed k times).
 *
 * <pre>{@code
 * new MultiStepLR(optimizer, List.of(30, 80));                               // MultiStepLR(opt, [30, 80])
 * new MultiStepLR(optimizer, new MultiStepLR.Options(List.of(30, 80)).gamma(0.5));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html">torch.optim.lr_scheduler.MultiStepLR</a>.
 */
public final class MultiStepLR extends LRScheduler {

    /** PyTorch's arguments of {@link MultiStepLR}; {@code milestones} is required. */
    public static final class Options extends BaseOptions<Options> {
        final List<Integer> milestones;
        double gamma = 0.1;

        /** Options with Python's {@code milestones} (epoch indices; repeats multiply the decay). */
        public Options(List<Integer> milestones) {
            this.milestones = List.copyOf(Objects.requireNonNull(milestones, "milestones"));
        }

        /** Python's {@code gamma}: the decay factor (default 0.1). */
        public Options gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }
    }

    /** Python's {@code Counter(milestones)}: milestone to multiplicity, in first-seen order. */
    private Map<Integer, Integer> milestones = new LinkedHashMap<>();
    private double gamma;

    /** {@code MultiStepLR(optimizer, milestones)}. */
    public MultiStepLR(Optimizer optimizer, List<Integer> milestones) {
        this(optimizer, new Options(milestones));
    }

    /** {@code MultiStepLR(optimizer, milestones, ...)}. */
    public MultiStepLR(Optimizer optimizer, Options options) {
        super(optimizer);
        for (int m : options.milestones) {
            milestones.merge(m, 1, Integer::sum);
        }
        this.gamma = options.gamma;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        Integer count = milestones.get(lastEpoch);
        if (count == null) {
            return currentLrs();
        }
        return currentLrsTimes(Math.pow(gamma, count));
    }

    @Override
    protected double[] getClosedFormLr() {
        int passed = 0;
        for (Map.Entry<Integer, Integer> e : milestones.entrySet()) {
            if (e.getKey() <= lastEpoch) {
                passed += e.getValue();
            }
        }
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * Math.pow(gamma, passed);
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("milestones", new LinkedHashMap<>(milestones));
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("milestones")) {
            Object v = in.get("milestones");
            Map<Integer, Integer> loaded = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    loaded.put(Integer.parseInt(String.valueOf(e.getKey())), PyState.toInt(e.getValue()));
                }
            } else {
                for (int x : PyState.toInts(v)) {
                    loaded.merge(x, 1, Integer::sum);
                }
            }
            milestones = loaded;
        }
        if (in.containsKey("gamma")) {
            gamma = PyState.toDouble(in.get("gamma"));
        }
    }

    /** The milestones with their repeats, sorted (Python's {@code sorted(scheduler.milestones.elements())}). */
    public List<Integer> milestones() {
        List<Integer> out = new ArrayList<>();
        milestones.forEach((m, c) -> out.addAll(Collections.nCopies(c, m)));
        Collections.sort(out);
        return out;
    }
}
