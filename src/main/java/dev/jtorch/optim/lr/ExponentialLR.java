package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma, last_epoch=-1)}: multiplies each group's learning
 * rate by {@code gamma} every epoch.
 *
 * <pre>{@code
 * new ExponentialLR(optimizer, 0.9);                    // ExponentialLR(optimizer, gamma=0.9)
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html">torch.optim.lr_scheduler.ExponentialLR</a>.
 */
public final class ExponentialLR extends LRScheduler {

    /** PyTorch's arguments of {@link ExponentialLR}; {@code gamma} is required. */
    public static final class Options extends BaseOptions<Options> {
        final double gamma;

        /** Options with Python's {@code gamma}. */
        public Options(double gamma) {
            this.gamma = gamma;
        }
    }

    private double gamma;

    /** {@code ExponentialLR(optimizer, gamma)}. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        this(optimizer, new Options(gamma));
    }

    /** {@code ExponentialLR(optimizer, gamma, last_epoch)}. */
    public ExponentialLR(Optimizer optimizer, Options options) {
        super(optimizer);
        this.gamma = options.gamma;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        return lastEpoch == 0 ? currentLrs() : currentLrsTimes(gamma);
    }

    @Override
    protected double[] getClosedFormLr() {
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * Math.pow(gamma, lastEpoch);
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("gamma")) {
            gamma = PyState.toDouble(in.get("gamma"));
        }
    }
}
