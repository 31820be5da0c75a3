package dev.jtorch.optim.lr;

import dev.jtorch.PyEnum;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None,
 * mode='triangular', gamma=1.0, scale_fn=None, scale_mode='cycle', cycle_momentum=True, base_momentum=0.8,
 * max_momentum=0.9, last_epoch=-1)}: cycles each group's learning rate between {@code baseLr} and {@code maxLr}
 * (stepped after every batch), and the momentum inversely between {@code maxMomentum} and {@code baseMomentum}.
 *
 * <p>As in PyTorch 1.13, momentum cycling needs a {@code momentum} option (SGD, RMSprop); an optimizer without one
 * (Adam's {@code betas}) needs {@code cycleMomentum(false)}.
 *
 * <pre>{@code
 * new CyclicLR(optimizer, new CyclicLR.Options(0.01, 0.1).stepSizeUp(20).mode(CyclicLR.Mode.TRIANGULAR2));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html">torch.optim.lr_scheduler.CyclicLR</a>.
 */
public final class CyclicLR extends LRScheduler {

    /** Python's {@code mode}: the built-in amplitude policies. */
    public enum Mode implements PyEnum {
        /** {@code 'triangular'}: constant amplitude. */
        TRIANGULAR("triangular"),
        /** {@code 'triangular2'}: the amplitude halves every cycle. */
        TRIANGULAR2("triangular2"),
        /** {@code 'exp_range'}: the amplitude scales by {@code gamma^iteration}. */
        EXP_RANGE("exp_range");

        private final String pythonName;

        Mode(String pythonName) {
            this.pythonName = pythonName;
        }

        /** The Python spelling, as in state dicts. */
        @Override
        public String pythonName() {
            return pythonName;
        }
    }

    /** Python's {@code scale_mode}: what a custom {@code scale_fn} is evaluated on. */
    public enum ScaleMode implements PyEnum {
        /** {@code 'cycle'}: the cycle number. */
        CYCLE("cycle"),
        /** {@code 'iterations'}: the iteration count since the start. */
        ITERATIONS("iterations");

        private final String pythonName;

        ScaleMode(String pythonName) {
            this.pythonName = pythonName;
        }

        /** The Python spelling, as in state dicts. */
        @Override
        public String pythonName() {
            return pythonName;
        }
    }

    /** PyTorch's arguments of {@link CyclicLR}; {@code base_lr} and {@code max_lr} are required. */
    public static final class Options extends BaseOptions<Options> {
        final PerGroup baseLr;
        final PerGroup maxLr;
        int stepSizeUp = 2000;
        Integer stepSizeDown;
        Mode mode = Mode.TRIANGULAR;
        double gamma = 1.0;
        DoubleUnaryOperator scaleFn;
        ScaleMode scaleMode = ScaleMode.CYCLE;
        boolean cycleMomentum = true;
        PerGroup baseMomentum = PerGroup.of(0.8);
        PerGroup maxMomentum = PerGroup.of(0.9);

        /** Options with one {@code base_lr} and one {@code max_lr} for every group. */
        public Options(double baseLr, double maxLr) {
            this.baseLr = PerGroup.of(baseLr);
            this.maxLr = PerGroup.of(maxLr);
        }

        /** Options with a {@code base_lr} and a {@code max_lr} per group. */
        public Options(double[] baseLr, double[] maxLr) {
            this.baseLr = PerGroup.of(baseLr);
            this.maxLr = PerGroup.of(maxLr);
        }

        /** Python's {@code step_size_up}: iterations in the increasing half of a cycle (default 2000). */
        public Options stepSizeUp(int stepSizeUp) {
            this.stepSizeUp = stepSizeUp;
            return this;
        }

        /** Python's {@code step_size_down} (default: {@code step_size_up}). */
        public Options stepSizeDown(int stepSizeDown) {
            this.stepSizeDown = stepSizeDown;
            return this;
        }

        /** Python's {@code mode} (default {@link Mode#TRIANGULAR}); ignored when a {@code scaleFn} is given. */
        public Options mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Python's {@code gamma}, the base of {@link Mode#EXP_RANGE} (default 1.0). */
        public Options gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** Python's {@code scale_fn}: a custom amplitude policy with values in [0, 1]; replaces {@code mode}. */
        public Options scaleFn(DoubleUnaryOperator scaleFn) {
            this.scaleFn = Objects.requireNonNull(scaleFn, "scaleFn");
            return this;
        }

        /** Python's {@code scale_mode} for a custom {@code scaleFn} (default {@link ScaleMode#CYCLE}). */
        public Options scaleMode(ScaleMode scaleMode) {
            this.scaleMode = Objects.requireNonNull(scaleMode, "scaleMode");
            return this;
        }

        /** Python's {@code cycle_momentum} (default true). */
        public Options cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /** Python's {@code base_momentum} for every group (default 0.8). */
        public Options baseMomentum(double baseMomentum) {
            this.baseMomentum = PerGroup.of(baseMomentum);
            return this;
        }

        /** Python's {@code base_momentum}, one per group. */
        public Options baseMomentum(double[] baseMomentum) {
            this.baseMomentum = PerGroup.of(baseMomentum);
            return this;
        }

        /** Python's {@code max_momentum} for every group (default 0.9). */
        public Options maxMomentum(double maxMomentum) {
            this.maxMomentum = PerGroup.of(maxMomentum);
            return this;
        }

        /** Python's {@code max_momentum}, one per group. */
        public Options maxMomentum(double[] maxMomentum) {
            this.maxMomentum = PerGroup.of(maxMomentum);
            return this;
        }
    }

    private List<Double> maxLrs;
    private double totalSize;
    private double stepRatio;
    private Mode mode;
    private double gamma;
    private final DoubleUnaryOperator customScaleFn;
    private final DoubleUnaryOperator scaleFn;
    private ScaleMode scaleMode;
    private boolean cycleMomentum;
    private List<Double> baseMomentums;
    private List<Double> maxMomentums;

    /** {@code CyclicLR(optimizer, base_lr, max_lr)}. */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr) {
        this(optimizer, new Options(baseLr, maxLr));
    }

    /**
     * {@code CyclicLR(optimizer, base_lr, max_lr, ...)}.
     *
     * @throws IllegalArgumentException where PyTorch 1.13's constructor raises {@code ZeroDivisionError: float
     *     division by zero}: {@code step_size_up} 0, or {@code step_size_up + step_size_down} 0 (checked before any
     *     group changes)
     */
    public CyclicLR(Optimizer optimizer, Options options) {
        super(optimizer);
        int down0 = options.stepSizeDown != null ? options.stepSizeDown : options.stepSizeUp;
        if (options.stepSizeUp + down0 == 0) {
            throw new IllegalArgumentException("CyclicLR step_size_up + step_size_down must not be 0, got "
                    + options.stepSizeUp + " + " + down0 + " (PyTorch 1.13 raises ZeroDivisionError: float division "
                    + "by zero)");
        }
        if (options.stepSizeUp == 0) {
            throw new IllegalArgumentException("CyclicLR step_size_up must not be 0 (PyTorch 1.13 raises "
                    + "ZeroDivisionError: float division by zero)");
        }
        List<ParamGroup> groups = groups();
        double[] baseLrValues = options.baseLr.expand("base_lr", groups.size());
        if (options.lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                groups.get(i).lr(baseLrValues[i]);
            }
        }
        this.maxLrs = PyState.copy(options.maxLr.expand("max_lr", groups.size()));
        double up = options.stepSizeUp;
        double down = options.stepSizeDown != null ? options.stepSizeDown : up;
        this.totalSize = up + down;
        this.stepRatio = up / totalSize;
        this.mode = options.mode;
        this.gamma = options.gamma;
        this.customScaleFn = options.scaleFn;
        if (customScaleFn == null) {
            this.scaleFn = switch (mode) {
                case TRIANGULAR -> x -> 1.0;
                case TRIANGULAR2 -> x -> 1 / Math.pow(2.0, x - 1);
                case EXP_RANGE -> x -> Math.pow(this.gamma, x);
            };
            this.scaleMode = mode == Mode.EXP_RANGE ? ScaleMode.ITERATIONS : ScaleMode.CYCLE;
        } else {
            this.scaleFn = customScaleFn;
            this.scaleMode = options.scaleMode;
        }
        this.cycleMomentum = options.cycleMomentum;
        if (cycleMomentum) {
            if (!optimizer.defaults().containsKey("momentum")) {
                throw new IllegalArgumentException(
                        "optimizer must support momentum with `cycle_momentum` option enabled");
            }
            double[] base = options.baseMomentum.expand("base_momentum", groups.size());
            if (options.lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    groups.get(i).momentum(base[i]);
                }
            }
            this.baseMomentums = new ArrayList<>();
            for (ParamGroup g : groups) {
                baseMomentums.add(g.getDouble("momentum"));
            }
            this.maxMomentums = PyState.copy(options.maxMomentum.expand("max_momentum", groups.size()));
        }
        start(options.lastEpoch);
        this.baseLrs = PyState.copy(baseLrValues);
    }

    @Override
    protected double[] getLr() {
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1. + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scaleArg = scaleMode == ScaleMode.CYCLE ? cycle : lastEpoch;
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            double baseHeight = (maxLrs.get(i) - baseLrs.get(i)) * scaleFactor;
            lrs[i] = baseLrs.get(i) + baseHeight * scaleFn.applyAsDouble(scaleArg);
        }
        if (cycleMomentum) {
            List<ParamGroup> groups = groups();
            for (int i = 0; i < baseMomentums.size(); i++) {
                double baseHeight = (maxMomentums.get(i) - baseMomentums.get(i)) * scaleFactor;
                groups.get(i).momentum(maxMomentums.get(i) - baseHeight * scaleFn.applyAsDouble(scaleArg));
            }
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("max_lrs", new ArrayList<>(maxLrs));
        out.put("total_size", totalSize);
        out.put("step_ratio", stepRatio);
        out.put("mode", mode.pythonName());
        out.put("gamma", gamma);
        // Python holds the policy as a function in one of these two entries and None in the other; only the None
        // entry is plain data.
        out.put(customScaleFn == null ? "_scale_fn_custom" : "_scale_fn_ref", null);
        out.put("scale_mode", scaleMode.pythonName());
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("base_momentums", new ArrayList<>(baseMomentums));
            out.put("max_momentums", new ArrayList<>(maxMomentums));
        }
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("max_lrs")) {
            maxLrs = PyState.toDoubles(in.get("max_lrs"));
        }
        if (in.containsKey("total_size")) {
            totalSize = PyState.toDouble(in.get("total_size"));
        }
        if (in.containsKey("step_ratio")) {
            stepRatio = PyState.toDouble(in.get("step_ratio"));
        }
        if (in.containsKey("mode")) {
            mode = parse(Mode.values(), in.get("mode"), Mode::pythonName, "mode is invalid");
        }
        if (in.containsKey("gamma")) {
            gamma = PyState.toDouble(in.get("gamma"));
        }
        if (in.containsKey("scale_mode")) {
            scaleMode = parse(ScaleMode.values(), in.get("scale_mode"), ScaleMode::pythonName,
                    "scale_mode is invalid");
        }
        if (in.containsKey("cycle_momentum")) {
            cycleMomentum = PyState.toBoolean(in.get("cycle_momentum"));
        }
        if (in.containsKey("base_momentums")) {
            baseMomentums = PyState.toDoubles(in.get("base_momentums"));
        }
        if (in.containsKey("max_momentums")) {
            maxMomentums = PyState.toDoubles(in.get("max_momentums"));
        }
    }

    private static <E> E parse(E[] values, Object name, java.util.function.Function<E, String> pythonName,
            String message) {
        for (E e : values) {
            if (pythonName.apply(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(message + ": " + name);
    }
}
