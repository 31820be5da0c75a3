package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5,
 * last_epoch=-1)}: changes each group's learning-rate factor linearly from {@code startFactor} to {@code endFactor}
 * over {@code totalIters} epochs (a warm-up by default).
 *
 * <pre>{@code
 * new LinearLR(optimizer, new LinearLR.Options().startFactor(0.1).totalIters(10));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html">torch.optim.lr_scheduler.LinearLR</a>.
 */
public final class LinearLR extends LRScheduler {

    /** PyTorch's arguments of {@link LinearLR}, all optional. */
    public static final class Options extends BaseOptions<Options> {
        double startFactor = 1.0 / 3;
        double endFactor = 1.0;
        int totalIters = 5;

        /** Options with PyTorch's defaults. */
        public Options() {}

        /** Python's {@code start_factor}, between 0 and 1 (default 1/3). */
        public Options startFactor(double startFactor) {
            this.startFactor = startFactor;
            return this;
        }

        /** Python's {@code end_factor}, between 0 and 1 (default 1.0). */
        public Options endFactor(double endFactor) {
            this.endFactor = endFactor;
            return this;
        }

        /** Python's {@code total_iters} (default 5). */
        public Options totalIters(int totalIters) {
            this.totalIters = totalIters;
            return this;
        }
    }

    private double startFactor;
    private double endFactor;
    private int totalIters;

    /** {@code LinearLR(optimizer)} with PyTorch's defaults. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, new Options());
    }

    /**
     * {@code LinearLR(optimizer, ...)}.
     *
     * @throws IllegalArgumentException for factors outside [0, 1] (PyTorch's messages), or a start factor of 0 with
     *     {@code total_iters > 0}, which PyTorch 1.13 accepts and divides by zero at the first step
     */
    public LinearLR(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.startFactor > 1.0 || options.startFactor < 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be between 0 and 1.");
        }
        if (options.endFactor > 1.0 || options.endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        if (options.startFactor == 0 && options.totalIters > 0) {
            // Python's first step divides by total_iters * start_factor + 0 * (end_factor - start_factor)
            throw new IllegalArgumentException("LinearLR start_factor 0 cannot be scaled up over total_iters="
                    + options.totalIters + " (PyTorch 1.13 raises ZeroDivisionError: float division by zero at the "
                    + "first step)");
        }
        this.startFactor = options.startFactor;
        this.endFactor = options.endFactor;
        this.totalIters = options.totalIters;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch == 0) {
            return currentLrsTimes(startFactor);
        }
        if (lastEpoch > totalIters) {
            return currentLrs();
        }
        double delta = endFactor - startFactor;
        return currentLrsTimes(1.0 + delta / (totalIters * startFactor + (lastEpoch - 1) * delta));
    }

    @Override
    protected double[] getClosedFormLr() {
        if (totalIters == 0) {
            // Python: ... * min(total_iters, last_epoch) / total_iters
            throw new IllegalStateException("LinearLR with total_iters=0 has no closed form (PyTorch 1.13 raises "
                    + "ZeroDivisionError: float division by zero when SequentialLR or step(epoch) jumps it)");
        }
        double[] out = PyState.array(baseLrs);
        double m = startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters;
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * m;
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("start_factor")) {
            startFactor = PyState.toDouble(in.get("start_factor"));
        }
        if (in.containsKey("end_factor")) {
            endFactor = PyState.toDouble(in.get("end_factor"));
        }
        if (in.containsKey("total_iters")) {
            totalIters = PyState.toInt(in.get("total_iters"));
        }
    }
}
