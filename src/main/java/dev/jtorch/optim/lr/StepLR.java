package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)}: multiplies each group's
 * learning rate by {@code gamma} every {@code stepSize} epochs.
 *
 * <pre>{@code
 * new StepLR(optimizer, 30);                                     // StepLR(optimizer, step_size=30)
 * new StepLR(optimizer, new StepLR.Options(30).gamma(0.5));      // StepLR(optimizer, 30, gamma=0.5)
 * }</pre>
 *
 * <p>{@code stepSize} 0 is refused here with an {@link IllegalArgumentException} naming {@code step_size}; PyTorch
 * 1.13 accepts it and raises {@code ZeroDivisionError: integer division or modulo by zero} at the first
 * {@code step()}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html">torch.optim.lr_scheduler.StepLR</a>.
 */
public final class StepLR extends LRScheduler {

    /** PyTorch's arguments of {@link StepLR}; {@code step_size} is required. */
    public static final class Options extends BaseOptions<Options> {
        final int stepSize;
        double gamma = 0.1;

        /** Options with Python's {@code step_size}. */
        public Options(int stepSize) {
            this.stepSize = stepSize;
        }

        /** Python's {@code gamma}: the decay factor (default 0.1). */
        public Options gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }
    }

    private int stepSize;
    private double gamma;

    /** {@code StepLR(optimizer, step_size)}. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, new Options(stepSize));
    }

    /**
     * {@code StepLR(optimizer, step_size, ...)}.
     *
     * @throws IllegalArgumentException for {@code step_size} 0, which PyTorch divides by at the first step
     */
    public StepLR(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.stepSize == 0) {
            throw new IllegalArgumentException("StepLR step_size must not be 0 (PyTorch 1.13 raises "
                    + "ZeroDivisionError: integer division or modulo by zero at the first step)");
        }
        this.stepSize = options.stepSize;
        this.gamma = options.gamma;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch == 0 || Math.floorMod(lastEpoch, stepSize) != 0) {
            return currentLrs();
        }
        return currentLrsTimes(gamma);
    }

    @Override
    protected double[] getClosedFormLr() {
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("step_size")) {
            stepSize = PyState.toInt(in.get("step_size"));
        }
        if (in.containsKey("gamma")) {
            gamma = PyState.toDouble(in.get("gamma"));
        }
    }
}
