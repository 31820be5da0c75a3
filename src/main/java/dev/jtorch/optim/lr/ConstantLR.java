package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1/3, total_iters=5, last_epoch=-1)}: multiplies each
 * group's learning rate by {@code factor} until epoch {@code totalIters}, then restores it.
 *
 * <pre>{@code
 * new ConstantLR(optimizer, new ConstantLR.Options().factor(0.5).totalIters(4));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ConstantLR.html">torch.optim.lr_scheduler.ConstantLR</a>.
 */
public final class ConstantLR extends LRScheduler {

    /** PyTorch's arguments of {@link ConstantLR}, all optional. */
    public static final class Options extends BaseOptions<Options> {
        double factor = 1.0 / 3;
        int totalIters = 5;

        /** Options with PyTorch's defaults. */
        public Options() {}

        /** Python's {@code factor}, between 0 and 1 (default 1/3). */
        public Options factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Python's {@code total_iters} (default 5). */
        public Options totalIters(int totalIters) {
            this.totalIters = totalIters;
            return this;
        }
    }

    private double factor;
    private int totalIters;

    /** {@code ConstantLR(optimizer)} with PyTorch's defaults. */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, new Options());
    }

    /**
     * {@code ConstantLR(optimizer, ...)}.
     *
     * @throws IllegalArgumentException for a factor outside [0, 1] (PyTorch's message), or a factor of 0 with
     *     {@code total_iters > 0}, which PyTorch divides by when it restores the learning rate at {@code total_iters}
     */
    public ConstantLR(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.factor > 1.0 || options.factor < 0) {
            throw new IllegalArgumentException("Constant multiplicative factor expected to be between 0 and 1.");
        }
        if (options.factor == 0 && options.totalIters > 0) {
            throw new IllegalArgumentException("ConstantLR factor 0 cannot be undone after total_iters="
                    + options.totalIters + " (PyTorch 1.13 raises ZeroDivisionError: float division by zero when it "
                    + "steps to total_iters)");
        }
        this.factor = options.factor;
        this.totalIters = options.totalIters;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch == 0) {
            return currentLrsTimes(factor);
        }
        if (lastEpoch != totalIters) {
            return currentLrs();
        }
        return currentLrsTimes(1.0 / factor);
    }

    @Override
    protected double[] getClosedFormLr() {
        double[] out = PyState.array(baseLrs);
        double m = factor + (lastEpoch >= totalIters ? 1 - factor : 0.0);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * m;
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("factor", factor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("factor")) {
            factor = PyState.toDouble(in.get("factor"));
        }
        if (in.containsKey("total_iters")) {
            totalIters = PyState.toInt(in.get("total_iters"));
        }
    }
}
