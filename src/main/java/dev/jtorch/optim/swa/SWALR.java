package dev.jtorch.optim.swa;

import dev.jtorch.PyEnum;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.lr.LRScheduler;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.swa_utils.SWALR(optimizer, swa_lr, anneal_epochs=10, anneal_strategy='cos', last_epoch=-1)}:
 * anneals each group's learning rate from its value to {@code swa_lr} over {@code anneal_epochs} epochs (cosine or
 * linear), then keeps it there. It records {@code swa_lr} in every parameter group, as PyTorch does. Its state dict
 * has Python's entries but {@code anneal_func} (a Python function, left out as for the other schedulers): a loaded
 * scheduler keeps the annealing strategy it was built with.
 *
 * <pre>{@code
 * var swaScheduler = new SWALR(optimizer, new SWALR.Options(0.05).annealEpochs(5)
 *         .annealStrategy(SWALR.AnnealStrategy.LINEAR));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/optim.html#stochastic-weight-averaging">torch.optim.swa_utils.SWALR</a>.
 */
public final class SWALR extends LRScheduler {

    /** Python's {@code anneal_strategy}. */
    public enum AnnealStrategy implements PyEnum {
        /** {@code 'cos'}: {@code (1 - cos(pi * t)) / 2}. */
        COS,
        /** {@code 'linear'}: {@code t}. */
        LINEAR;

        /** Python's name. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** PyTorch's arguments of {@link SWALR}; {@code swa_lr} is required. */
    public static final class Options {
        final double[] swaLr;
        int annealEpochs = 10;
        AnnealStrategy annealStrategy = AnnealStrategy.COS;
        int lastEpoch = -1;

        /** Options with one {@code swa_lr} for every group. */
        public Options(double swaLr) {
            this.swaLr = new double[] {swaLr};
        }

        /** Options with one {@code swa_lr} per group (Python's list form). */
        public Options(double... swaLrs) {
            this.swaLr = swaLrs.clone();
            if (swaLrs.length == 0) {
                throw new IllegalArgumentException("swa_lr needs a value");
            }
            perGroup = true;
        }

        private boolean perGroup;

        /** Python's {@code anneal_epochs} (default 10). */
        public Options annealEpochs(int annealEpochs) {
            this.annealEpochs = annealEpochs;
            return this;
        }

        /** Python's {@code anneal_strategy} (default {@link AnnealStrategy#COS}). */
        public Options annealStrategy(AnnealStrategy annealStrategy) {
            this.annealStrategy = Objects.requireNonNull(annealStrategy, "annealStrategy");
            return this;
        }

        /** Python's {@code last_epoch} (default -1). */
        public Options lastEpoch(int lastEpoch) {
            this.lastEpoch = lastEpoch;
            return this;
        }
    }

    private final AnnealStrategy annealStrategy;
    private int annealEpochs;

    /** {@code SWALR(optimizer, swa_lr)}. */
    public SWALR(Optimizer optimizer, double swaLr) {
        this(optimizer, new Options(swaLr));
    }

    /**
     * {@code SWALR(optimizer, swa_lr, ...)}.
     *
     * @throws IllegalArgumentException with PyTorch's messages for a negative {@code anneal_epochs} or a list of
     *     {@code swa_lr} of another length than the groups
     */
    public SWALR(Optimizer optimizer, Options options) {
        super(optimizer);
        List<ParamGroup> groups = groups();
        double[] swaLrs;
        if (options.perGroup) {
            if (options.swaLr.length != groups.size()) {
                throw new IllegalArgumentException("swa_lr must have the same length as optimizer.param_groups: "
                        + "swa_lr has " + options.swaLr.length + ", optimizer.param_groups has " + groups.size());
            }
            swaLrs = options.swaLr;
        } else {
            swaLrs = new double[groups.size()];
            java.util.Arrays.fill(swaLrs, options.swaLr[0]);
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).set("swa_lr", swaLrs[i]);
        }
        this.annealStrategy = options.annealStrategy;
        if (options.annealEpochs < 0) {
            throw new IllegalArgumentException("anneal_epochs must be equal or greater than 0, got "
                    + options.annealEpochs);
        }
        this.annealEpochs = options.annealEpochs;
        start(options.lastEpoch);
    }

    /** Python's {@code anneal_epochs}. */
    public int annealEpochs() {
        return annealEpochs;
    }

    /** Python's {@code anneal_strategy}. */
    public AnnealStrategy annealStrategy() {
        return annealStrategy;
    }

    private double anneal(double t) {
        // _cosine_anneal: (1 - math.cos(math.pi * t)) / 2; _linear_anneal: t
        return annealStrategy == AnnealStrategy.COS ? (1 - Math.cos(Math.PI * t)) / 2 : t;
    }

    /** Python's {@code _get_initial_lr(lr, swa_lr, alpha)}. */
    private static double initialLr(double lr, double swaLr, double alpha) {
        if (alpha == 1) {
            return swaLr;
        }
        return (lr - alpha * swaLr) / (1 - alpha);
    }

    /** PyTorch 1.13's {@code SWALR.get_lr()}, line by line. */
    @Override
    protected double[] getLr() {
        int step = stepCount() - 1;
        if (annealEpochs == 0) {
            step = Math.max(1, step);
        }
        double prevT = Math.max(0, Math.min(1, (step - 1) / (double) Math.max(1, annealEpochs)));
        double prevAlpha = anneal(prevT);
        List<ParamGroup> groups = groups();
        double[] out = new double[groups.size()];
        double t = Math.max(0, Math.min(1, step / (double) Math.max(1, annealEpochs)));
        double alpha = anneal(t);
        for (int i = 0; i < out.length; i++) {
            ParamGroup g = groups.get(i);
            double swaLr = g.getDouble("swa_lr");
            double prevLr = initialLr(g.lr(), swaLr, prevAlpha);
            out[i] = swaLr * alpha + prevLr * (1 - alpha);
        }
        return out;
    }

    /** Python's {@code anneal_epochs} entry ({@code anneal_func}, a function, is left out). */
    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("anneal_epochs", annealEpochs);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("anneal_epochs")) {
            annealEpochs = ((Number) in.get("anneal_epochs")).intValue();
        }
    }
}
