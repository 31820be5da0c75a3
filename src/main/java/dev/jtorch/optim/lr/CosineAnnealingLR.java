package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max, eta_min=0, last_epoch=-1)}: anneals each group's
 * learning rate from its initial value to {@code etaMin} along a cosine over {@code tMax} epochs (and back up again
 * after, as PyTorch's recursive form does).
 *
 * <pre>{@code
 * new CosineAnnealingLR(optimizer, 200);                                   // CosineAnnealingLR(opt, T_max=200)
 * new CosineAnnealingLR(optimizer, new CosineAnnealingLR.Options(200).etaMin(1e-5));
 * }</pre>
 *
 * <p>{@code tMax} 0 is refused here with an {@link IllegalArgumentException} naming {@code T_max}; PyTorch 1.13
 * accepts it and raises {@code ZeroDivisionError} at the first {@code step()}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html">torch.optim.lr_scheduler.CosineAnnealingLR</a>.
 */
public final class CosineAnnealingLR extends LRScheduler {

    /** PyTorch's arguments of {@link CosineAnnealingLR}; {@code T_max} is required. */
    public static final class Options extends BaseOptions<Options> {
        final int tMax;
        double etaMin = 0;

        /** Options with Python's {@code T_max}. */
        public Options(int tMax) {
            this.tMax = tMax;
        }

        /** Python's {@code eta_min}: the minimum learning rate (default 0). */
        public Options etaMin(double etaMin) {
            this.etaMin = etaMin;
            return this;
        }
    }

    private int tMax;
    private double etaMin;

    /** {@code CosineAnnealingLR(optimizer, T_max)}. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, new Options(tMax));
    }

    /**
     * {@code CosineAnnealingLR(optimizer, T_max, ...)}.
     *
     * @throws IllegalArgumentException for {@code T_max} 0, which PyTorch divides by at the first step
     */
    public CosineAnnealingLR(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.tMax == 0) {
            throw new IllegalArgumentException("CosineAnnealingLR T_max must not be 0 (PyTorch 1.13 raises "
                    + "ZeroDivisionError: integer division or modulo by zero at the first step)");
        }
        this.tMax = options.tMax;
        this.etaMin = options.etaMin;
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        if (lastEpoch == 0) {
            return currentLrs();
        }
        double[] out = currentLrs();
        if (stepCount == 1 && lastEpoch > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = etaMin + (baseLrs.get(i) - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
            }
        } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] + (baseLrs.get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (out[i] - etaMin) + etaMin;
            }
        }
        return out;
    }

    @Override
    protected double[] getClosedFormLr() {
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = etaMin + (out[i] - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
        }
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("T_max")) {
            tMax = PyState.toInt(in.get("T_max"));
        }
        if (in.containsKey("eta_min")) {
            etaMin = PyState.toDouble(in.get("eta_min"));
        }
    }
}
