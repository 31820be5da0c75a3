package dev.jtorch.optim.lr;

import dev.jtorch.PyEnum;
import dev.jtorch.Mode;

import dev.jtorch.Tensor;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
 * threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)}: multiplies each group's learning rate by {@code factor}
 * when a metric has stopped improving for {@code patience} epochs.
 *
 * <pre>{@code
 * var scheduler = new ReduceLROnPlateau(optimizer, new ReduceLROnPlateau.Options().mode(Mode.MIN).factor(0.1).patience(5));
 * scheduler.step(valLoss);
 * }</pre>
 *
 * <p>As in PyTorch 1.13 it is not an {@link LRScheduler}: its {@code step} takes the metric. {@link #getLastLr()}
 * (PyTorch 2's addition) gives the groups' rates after the last step, or their current ones before the first.
 * {@code verbose} is not supported.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">torch.optim.lr_scheduler.ReduceLROnPlateau</a>.
 */
public final class ReduceLROnPlateau implements dev.jtorch.Stateful {

    /** Python's {@code threshold_mode}. */
    public enum ThresholdMode implements PyEnum {
        /** {@code 'rel'}: better means beyond {@code best * (1 -/+ threshold)}. */
        REL,
        /** {@code 'abs'}: better means beyond {@code best -/+ threshold}. */
        ABS;

        /** Python's name: {@code rel} or {@code abs}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** PyTorch's arguments of {@link ReduceLROnPlateau}, all optional. */
    public static final class Options {
        Mode mode = Mode.MIN;
        double factor = 0.1;
        int patience = 10;
        double threshold = 1e-4;
        ThresholdMode thresholdMode = ThresholdMode.REL;
        int cooldown;
        PerGroup minLr = PerGroup.of(0);
        double eps = 1e-8;

        /** Options with PyTorch's defaults. */
        public Options() {}

        /** Python's {@code mode} (default {@link Mode#MIN}). */
        public Options mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Python's {@code factor}: {@code new_lr = lr * factor}, below 1 (default 0.1). */
        public Options factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Python's {@code patience}: epochs without improvement to wait (default 10). */
        public Options patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Python's {@code threshold}: the least change that counts as an improvement (default 1e-4). */
        public Options threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Python's {@code threshold_mode} (default {@link ThresholdMode#REL}). */
        public Options thresholdMode(ThresholdMode thresholdMode) {
            this.thresholdMode = Objects.requireNonNull(thresholdMode, "thresholdMode");
            return this;
        }

        /** Python's {@code cooldown}: epochs to wait after a reduction (default 0). */
        public Options cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Python's {@code min_lr} for every group (default 0). */
        public Options minLr(double minLr) {
            this.minLr = PerGroup.of(minLr);
            return this;
        }

        /** Python's {@code min_lr}, one per group. */
        public Options minLr(double[] minLr) {
            this.minLr = PerGroup.of(minLr);
            return this;
        }

        /** Python's {@code eps}: reductions smaller than this are skipped (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }
    }

    private final Optimizer optimizer;
    private double factor;
    private List<Double> minLrs;
    private int patience;
    private int cooldown;
    private int cooldownCounter;
    private Mode mode;
    private double threshold;
    private ThresholdMode thresholdMode;
    private double best;
    private int numBadEpochs;
    private double modeWorse;
    private double eps;
    private int lastEpoch;
    private List<Double> lastLr;

    /** {@code ReduceLROnPlateau(optimizer)} with PyTorch's defaults. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, new Options());
    }

    /** {@code ReduceLROnPlateau(optimizer, ...)}. */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        Objects.requireNonNull(options, "options");
        if (options.factor >= 1.0) {
            throw new IllegalArgumentException("Factor should be < 1.0.");
        }
        this.factor = options.factor;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        int groups = optimizer.paramGroups().size();
        if (options.minLr.values() != null && options.minLr.values().length != groups) {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got "
                    + options.minLr.values().length);
        }
        this.minLrs = PyState.copy(options.minLr.expand("min_lr", groups));
        this.patience = options.patience;
        this.cooldown = options.cooldown;
        this.eps = options.eps;
        this.lastEpoch = 0;
        initIsBetter(options.mode, options.threshold, options.thresholdMode);
        reset();
    }

    private void reset() {
        best = modeWorse;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** Python's {@code scheduler.optimizer}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Python's {@code scheduler.step(metrics)}: records one epoch's metric and reduces the rates on a plateau. */
    public void step(double metrics) {
        double current = metrics;
        int epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(current, best)) {
            best = current;
            numBadEpochs = 0;
        } else {
            numBadEpochs += 1;
        }
        if (inCooldown()) {
            cooldownCounter -= 1;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    /** Python's {@code scheduler.step(metrics)} with a one-element tensor (Python's {@code float(metrics)}). */
    public void step(Tensor metrics) {
        step(Objects.requireNonNull(metrics, "metrics").item());
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            double oldLr = g.lr();
            double newLr = Math.max(oldLr * factor, minLrs.get(i));
            if (oldLr - newLr > eps) {
                g.lr(newLr);
            }
        }
    }

    private List<Double> currentLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            out.add(g.lr());
        }
        return Collections.unmodifiableList(out);
    }

    /** Python's {@code scheduler.in_cooldown}. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** Python's {@code scheduler.is_better(a, best)} under the mode and threshold. */
    public boolean isBetter(double a, double best) {
        if (mode == Mode.MIN && thresholdMode == ThresholdMode.REL) {
            return a < best * (1. - threshold);
        } else if (mode == Mode.MIN) {
            return a < best - threshold;
        } else if (thresholdMode == ThresholdMode.REL) {
            return a > best * (threshold + 1.);
        }
        return a > best + threshold;
    }

    private void initIsBetter(Mode mode, double threshold, ThresholdMode thresholdMode) {
        this.modeWorse = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.mode = mode;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
    }

    /** Python's {@code scheduler.best}: the best metric so far. */
    public double best() {
        return best;
    }

    /** Python's {@code scheduler.num_bad_epochs}. */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** Python's {@code scheduler.cooldown_counter}. */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /** Python's {@code scheduler.last_epoch}: how many metrics have been seen. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The groups' learning rates after the last step (their current ones before the first). */
    public List<Double> getLastLr() {
        return lastLr != null ? lastLr : currentLrs();
    }

    /**
     * Python's {@code state_dict()}, in Python's order: {@code factor}, {@code min_lrs}, {@code patience},
     * {@code verbose}, {@code cooldown}, {@code cooldown_counter}, {@code mode} ("min"/"max"), {@code threshold},
     * {@code threshold_mode} ("rel"/"abs"), {@code best}, {@code num_bad_epochs}, {@code mode_worse}, {@code eps},
     * {@code last_epoch}, and {@code _last_lr} once stepped.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("min_lrs", new ArrayList<>(minLrs));
        out.put("patience", patience);
        out.put("verbose", false);
        out.put("cooldown", cooldown);
        out.put("cooldown_counter", cooldownCounter);
        out.put("mode", mode.pythonName());
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode.pythonName());
        out.put("best", best);
        out.put("num_bad_epochs", numBadEpochs);
        out.put("mode_worse", modeWorse);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        if (lastLr != null) {
            out.put("_last_lr", new ArrayList<>(lastLr));
        }
        return out;
    }

    /**
     * Python's {@code load_state_dict(state_dict)}: sets every attribute the map names, then re-checks the mode and
     * threshold mode with PyTorch's messages ({@code mode avg is unknown!}).
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        if (stateDict.containsKey("factor")) {
            factor = PyState.toDouble(stateDict.get("factor"));
        }
        if (stateDict.containsKey("min_lrs")) {
            minLrs = PyState.toDoubles(stateDict.get("min_lrs"));
        }
        if (stateDict.containsKey("patience")) {
            patience = PyState.toInt(stateDict.get("patience"));
        }
        if (stateDict.containsKey("cooldown")) {
            cooldown = PyState.toInt(stateDict.get("cooldown"));
        }
        if (stateDict.containsKey("cooldown_counter")) {
            cooldownCounter = PyState.toInt(stateDict.get("cooldown_counter"));
        }
        if (stateDict.containsKey("best")) {
            best = PyState.toDouble(stateDict.get("best"));
        }
        if (stateDict.containsKey("num_bad_epochs")) {
            numBadEpochs = PyState.toInt(stateDict.get("num_bad_epochs"));
        }
        if (stateDict.containsKey("eps")) {
            eps = PyState.toDouble(stateDict.get("eps"));
        }
        if (stateDict.containsKey("last_epoch")) {
            lastEpoch = PyState.toInt(stateDict.get("last_epoch"));
        }
        if (stateDict.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(PyState.toDoubles(stateDict.get("_last_lr")));
        }
        Object modeName = stateDict.containsKey("mode") ? stateDict.get("mode") : mode.pythonName();
        Object thresholdModeName = stateDict.containsKey("threshold_mode") ? stateDict.get("threshold_mode")
                : thresholdMode.pythonName();
        double newThreshold = stateDict.containsKey("threshold") ? PyState.toDouble(stateDict.get("threshold"))
                : threshold;
        Mode newMode = null;
        for (Mode m : Mode.values()) {
            if (m.pythonName().equals(modeName)) {
                newMode = m;
            }
        }
        if (newMode == null) {
            throw new IllegalArgumentException("mode " + modeName + " is unknown!");
        }
        ThresholdMode newThresholdMode = null;
        for (ThresholdMode m : ThresholdMode.values()) {
            if (m.pythonName().equals(thresholdModeName)) {
                newThresholdMode = m;
            }
        }
        if (newThresholdMode == null) {
            throw new IllegalArgumentException("threshold mode " + thresholdModeName + " is unknown!");
        }
        initIsBetter(newMode, newThreshold, newThresholdMode);
    }
}
