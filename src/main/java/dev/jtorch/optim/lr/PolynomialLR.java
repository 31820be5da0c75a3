package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=5, power=1.0, last_epoch=-1)}: decays each
 * group's learning rate to 0 over {@code totalIters} epochs along {@code (1 - t/T)^power}.
 *
 * <pre>{@code
 * new PolynomialLR(optimizer, new PolynomialLR.Options().totalIters(4).power(1.0));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html">torch.optim.lr_scheduler.PolynomialLR</a>.
 */
public final class PolynomialLR extends LRScheduler {

    /** PyTorch's arguments of {@link PolynomialLR}, all optional. */
    public static final class Options extends BaseOptions<Options> {
        int totalIters = 5;
        double power = 1.0;

        /** Options with PyTorch's defaults. */
        public Options() {}

        /** Python's {@code total_iters} (default 5). */
        public Options totalIters(int totalIters) {
            this.totalIters = totalIters;
            return this;
        }

        /** Python's {@code power} (default 1.0). */
        public Options power(double power) {
            this.power = power;
            return this;
        }
    }

    private int totalIters;
    private double power;

    /** {@code PolynomialLR(optimizer)} with PyTorch's defaults. */
    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, new Options());
    }

    /** {@code PolynomialLR(optimizer, ...)}. */
    public PolynomialLR(Optimizer optimizer, Options options) {
        super(optimizer);
        this.totalIters = options.totalIters;
        this.power = options.power;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch == 0 || lastEpoch > totalIters) {
            return currentLrs();
        }
        double ratio = (1.0 - (double) lastEpoch / totalIters) / (1.0 - (double) (lastEpoch - 1) / totalIters);
        return currentLrsTimes(Math.pow(ratio, power));
    }

    @Override
    protected double[] getClosedFormLr() {
        if (totalIters == 0) {
            // Python: (1.0 - min(self.total_iters, self.last_epoch) / self.total_iters) ** self.power
            throw new IllegalStateException("PolynomialLR with total_iters=0 has no closed form (PyTorch 1.13 raises "
                    + "ZeroDivisionError: division by zero when SequentialLR or step(epoch) jumps it)");
        }
        double[] out = PyState.array(baseLrs);
        double m = Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * m;
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("total_iters", totalIters);
        out.put("power", power);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("total_iters")) {
            totalIters = PyState.toInt(in.get("total_iters"));
        }
        if (in.containsKey("power")) {
            power = PyState.toDouble(in.get("power"));
        }
    }
}
