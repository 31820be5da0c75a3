package dev.jtorch.optim.lr;

import dev.jtorch.PyEnum;
import dev.jtorch.PyFormat;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None, steps_per_epoch=None,
 * pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0,
 * final_div_factor=1e4, three_phase=False, last_epoch=-1)}: the 1cycle policy, stepped after every batch. The
 * momentum is cycled inversely: {@code momentum} for SGD-like optimizers, {@code betas[0]} for Adam-like ones.
 *
 * <pre>{@code
 * new OneCycleLR(optimizer, 0.01, 1000);                        // OneCycleLR(opt, max_lr=0.01, total_steps=1000)
 * new OneCycleLR(optimizer, new OneCycleLR.Options(0.01).epochs(10).stepsPerEpoch(len)
 *         .annealStrategy(OneCycleLR.AnnealStrategy.LINEAR).threePhase(true));
 * }</pre>
 *
 * <p>Stepping past {@code total_steps} throws {@link IllegalStateException} with PyTorch's message
 * ({@code Tried to step 1002 times. The specified number of total steps is 1000}).
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html">torch.optim.lr_scheduler.OneCycleLR</a>.
 */
public final class OneCycleLR extends LRScheduler {

    /** Python's {@code anneal_strategy}. */
    public enum AnnealStrategy implements PyEnum {
        /** {@code 'cos'}: cosine annealing. */
        COS,
        /** {@code 'linear'}: linear annealing. */
        LINEAR;

        /** Python's name. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** PyTorch's arguments of {@link OneCycleLR}; {@code max_lr} is required, and the length of the cycle. */
    public static final class Options extends BaseOptions<Options> {
        final PerGroup maxLr;
        Integer totalSteps;
        Integer epochs;
        Integer stepsPerEpoch;
        double pctStart = 0.3;
        AnnealStrategy annealStrategy = AnnealStrategy.COS;
        boolean cycleMomentum = true;
        PerGroup baseMomentum = PerGroup.of(0.85);
        PerGroup maxMomentum = PerGroup.of(0.95);
        double divFactor = 25.0;
        double finalDivFactor = 1e4;
        boolean threePhase;

        /** Options with one {@code max_lr} for every group. */
        public Options(double maxLr) {
            this.maxLr = PerGroup.of(maxLr);
        }

        /** Options with a {@code max_lr} per group. */
        public Options(double[] maxLr) {
            this.maxLr = PerGroup.of(maxLr);
        }

        /** Python's {@code total_steps}; otherwise {@code epochs * steps_per_epoch}. */
        public Options totalSteps(int totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /** Python's {@code epochs}, with {@code stepsPerEpoch}, where no {@code totalSteps} is given. */
        public Options epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Python's {@code steps_per_epoch}, with {@code epochs}, where no {@code totalSteps} is given. */
        public Options stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /** Python's {@code pct_start}: the fraction of the cycle spent increasing the rate (default 0.3). */
        public Options pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** Python's {@code anneal_strategy} (default {@link AnnealStrategy#COS}). */
        public Options annealStrategy(AnnealStrategy annealStrategy) {
            this.annealStrategy = Objects.requireNonNull(annealStrategy, "annealStrategy");
            return this;
        }

        /** Python's {@code cycle_momentum} (default true). */
        public Options cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /** Python's {@code base_momentum} for every group (default 0.85). */
        public Options baseMomentum(double baseMomentum) {
            this.baseMomentum = PerGroup.of(baseMomentum);
            return this;
        }

        /** Python's {@code base_momentum}, one per group. */
        public Options baseMomentum(double[] baseMomentum) {
            this.baseMomentum = PerGroup.of(baseMomentum);
            return this;
        }

        /** Python's {@code max_momentum} for every group (default 0.95). */
        public Options maxMomentum(double maxMomentum) {
            this.maxMomentum = PerGroup.of(maxMomentum);
            return this;
        }

        /** Python's {@code max_momentum}, one per group. */
        public Options maxMomentum(double[] maxMomentum) {
            this.maxMomentum = PerGroup.of(maxMomentum);
            return this;
        }

        /** Python's {@code div_factor}: {@code initial_lr = max_lr / div_factor} (default 25). */
        public Options divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /** Python's {@code final_div_factor}: {@code min_lr = initial_lr / final_div_factor} (default 1e4). */
        public Options finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /** Python's {@code three_phase} (default false). */
        public Options threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }
    }

    /** One entry of Python's {@code _schedule_phases}; the keys name group options. */
    private record Phase(double endStep, boolean intEndStep, String startLr, String endLr, String startMomentum,
            String endMomentum) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end_step", intEndStep ? (Object) (int) endStep : (Object) endStep);
            m.put("start_lr", startLr);
            m.put("end_lr", endLr);
            m.put("start_momentum", startMomentum);
            m.put("end_momentum", endMomentum);
            return m;
        }

        static Phase fromMap(Object o) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("expected a phase dict, got " + o);
            }
            Object end = m.get("end_step");
            return new Phase(PyState.toDouble(end), end instanceof Integer || end instanceof Long,
                    (String) m.get("start_lr"), (String) m.get("end_lr"), (String) m.get("start_momentum"),
                    (String) m.get("end_momentum"));
        }
    }

    private int totalSteps;
    private List<Phase> phases;
    private final AnnealStrategy annealStrategy;
    private boolean cycleMomentum;
    private boolean useBeta1;

    /** {@code OneCycleLR(optimizer, max_lr, total_steps)}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, new Options(maxLr).totalSteps(totalSteps));
    }

    /**
     * {@code OneCycleLR(optimizer, max_lr, ...)}.
     *
     * @throws IllegalArgumentException with PyTorch's messages for its checks, and, where PyTorch 1.13 raises
     *     {@code ZeroDivisionError}, for {@code div_factor} or {@code final_div_factor} 0 and for a phase of no length
     *     that the schedule steps into; all before any group changes
     */
    public OneCycleLR(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.totalSteps == null && options.epochs == null && options.stepsPerEpoch == null) {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        } else if (options.totalSteps != null) {
            if (options.totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got "
                        + options.totalSteps);
            }
            this.totalSteps = options.totalSteps;
        } else {
            if (options.epochs == null || options.stepsPerEpoch == null) {
                throw new IllegalArgumentException(
                        "You must define either total_steps OR (epochs AND steps_per_epoch)");
            }
            if (options.epochs <= 0) {
                throw new IllegalArgumentException("Expected positive integer epochs, but got " + options.epochs);
            }
            if (options.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got "
                        + options.stepsPerEpoch);
            }
            this.totalSteps = options.epochs * options.stepsPerEpoch;
        }
        double pct = options.pctStart;
        this.phases = new ArrayList<>();
        phases.add(new Phase(pct * totalSteps - 1, false, "initial_lr", "max_lr", "max_momentum", "base_momentum"));
        if (options.threePhase) {
            phases.add(new Phase(2 * pct * totalSteps - 2, false, "max_lr", "initial_lr", "base_momentum",
                    "max_momentum"));
            phases.add(new Phase(totalSteps - 1, true, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        } else {
            phases.add(new Phase(totalSteps - 1, true, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        }
        if (pct < 0 || pct > 1) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got "
                    + PyFormat.repr(pct));
        }
        checkNoEmptyPhaseIsReached(pct);
        this.annealStrategy = options.annealStrategy;
        List<ParamGroup> groups = groups();
        double[] maxLrs = options.maxLr.expand("max_lr", groups.size());
        if (options.lastEpoch == -1 && (options.divFactor == 0 || options.finalDivFactor == 0)) {
            // Python: initial_lr = max_lr / div_factor, min_lr = initial_lr / final_div_factor
            String which = options.divFactor == 0 ? "div_factor" : "final_div_factor";
            throw new IllegalArgumentException("OneCycleLR " + which + " must not be 0 (PyTorch 1.13 raises "
                    + "ZeroDivisionError: float division by zero)");
        }
        if (options.lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                g.set("initial_lr", maxLrs[i] / options.divFactor);
                g.set("max_lr", maxLrs[i]);
                g.set("min_lr", g.getDouble("initial_lr") / options.finalDivFactor);
            }
        }
        this.cycleMomentum = options.cycleMomentum;
        if (cycleMomentum) {
            Map<String, Object> defaults = optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException(
                        "optimizer must support momentum with `cycle_momentum` option enabled");
            }
            this.useBeta1 = defaults.containsKey("betas");
            double[] maxMomentums = options.maxMomentum.expand("max_momentum", groups.size());
            double[] baseMomentums = options.baseMomentum.expand("base_momentum", groups.size());
            if (options.lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    ParamGroup g = groups.get(i);
                    setMomentum(g, maxMomentums[i]);
                    g.set("max_momentum", maxMomentums[i]);
                    g.set("base_momentum", baseMomentums[i]);
                }
            }
        }
        start(options.lastEpoch);
    }

    /**
     * Refuses a schedule that steps into a phase of no length, where PyTorch 1.13's {@code get_lr} divides by zero
     * ({@code ZeroDivisionError: float division by zero}): the first phase when {@code pct_start * total_steps} is 1
     * (at construction in PyTorch), the last when it ends where the one before does (at the last step). A middle
     * phase of no length is never stepped into.
     */
    private void checkNoEmptyPhaseIsReached(double pct) {
        double previousMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < phases.size(); i++) {
            double start = i == 0 ? 0 : phases.get(i - 1).endStep();
            double end = phases.get(i).endStep();
            boolean reached = i == 0 || (i == phases.size() - 1 && totalSteps > previousMax);
            if (end - start == 0 && reached) {
                throw new IllegalArgumentException("OneCycleLR phase " + i + " of " + phases.size()
                        + " has no steps with pct_start=" + PyFormat.repr(pct) + " and total_steps=" + totalSteps
                        + " (PyTorch 1.13 raises ZeroDivisionError: float division by zero when it steps into it)");
            }
            previousMax = Math.max(previousMax, end);
        }
    }

    /** Python's {@code total_steps}. */
    public int totalSteps() {
        return totalSteps;
    }

    private void setMomentum(ParamGroup g, double momentum) {
        if (useBeta1) {
            double[] betas = g.getDoubles("betas");
            betas[0] = momentum;
            g.set("betas", betas);
        } else {
            g.momentum(momentum);
        }
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy == AnnealStrategy.COS) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected double[] getLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1)
                    + " times. The specified number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = groups();
        double[] lrs = new double[groups.size()];
        for (int g = 0; g < lrs.length; g++) {
            ParamGroup group = groups.get(g);
            double startStep = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                double endStep = phase.endStep();
                if (stepNum <= endStep || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    lrs[g] = anneal(group.getDouble(phase.startLr()), group.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        setMomentum(group, anneal(group.getDouble(phase.startMomentum()),
                                group.getDouble(phase.endMomentum()), pct));
                    }
                    break;
                }
                startStep = phase.endStep();
            }
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        List<Map<String, Object>> packed = new ArrayList<>();
        for (Phase p : phases) {
            packed.add(p.toMap());
        }
        out.put("_schedule_phases", packed);
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("use_beta1", useBeta1);
        }
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("total_steps")) {
            totalSteps = PyState.toInt(in.get("total_steps"));
        }
        if (in.containsKey("_schedule_phases")) {
            List<Phase> loaded = new ArrayList<>();
            for (Object o : (List<?>) in.get("_schedule_phases")) {
                loaded.add(Phase.fromMap(o));
            }
            phases = loaded;
        }
        if (in.containsKey("cycle_momentum")) {
            cycleMomentum = PyState.toBoolean(in.get("cycle_momentum"));
        }
        if (in.containsKey("use_beta1")) {
            useBeta1 = PyState.toBoolean(in.get("use_beta1"));
        }
    }
}
