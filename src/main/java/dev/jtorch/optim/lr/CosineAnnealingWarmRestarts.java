package dev.jtorch.optim.lr;

import dev.jtorch.PyFormat;
import dev.jtorch.optim.Optimizer;
import java.util.Map;

/**
 * {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0, last_epoch=-1)}:
 * cosine annealing from each group's initial learning rate to {@code etaMin}, restarting after {@code t0} epochs,
 * then after {@code t0 * tMult}, and so on (SGDR).
 *
 * <p>Besides {@link #step()}, {@link #step(double)} takes a (fractional) epoch, as PyTorch's
 * {@code scheduler.step(epoch + i / iters)} does. As in PyTorch, this scheduler never warns about the step order.
 *
 * <pre>{@code
 * new CosineAnnealingWarmRestarts(optimizer, new CosineAnnealingWarmRestarts.Options(10).tMult(2).etaMin(1e-5));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html">torch.optim.lr_scheduler.CosineAnnealingWarmRestarts</a>.
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {

    /** PyTorch's arguments of {@link CosineAnnealingWarmRestarts}; {@code T_0} is required. */
    public static final class Options extends BaseOptions<Options> {
        final int t0;
        int tMult = 1;
        double etaMin = 0;

        /** Options with Python's {@code T_0}: the number of epochs until the first restart. */
        public Options(int t0) {
            this.t0 = t0;
        }

        /** Python's {@code T_mult}: how much longer each period is than the last (default 1). */
        public Options tMult(int tMult) {
            this.tMult = tMult;
            return this;
        }

        /** Python's {@code eta_min}: the minimum learning rate (default 0). */
        public Options etaMin(double etaMin) {
            this.etaMin = etaMin;
            return this;
        }
    }

    private int t0;
    private int tI;
    private int tMult;
    private double etaMin;
    private double tCur;
    /** Whether Python would hold {@code T_cur} as a float (after a fractional or multi-period jump). */
    private boolean tCurIsFloat;

    /** {@code CosineAnnealingWarmRestarts(optimizer, T_0)}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, new Options(t0));
    }

    /** {@code CosineAnnealingWarmRestarts(optimizer, T_0, ...)}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, Options options) {
        super(optimizer);
        if (options.t0 <= 0) {
            throw new IllegalArgumentException("Expected positive integer T_0, but got " + options.t0);
        }
        if (options.tMult < 1) {
            throw new IllegalArgumentException("Expected integer T_mult >= 1, but got " + options.tMult);
        }
        this.t0 = options.t0;
        this.tI = options.t0;
        this.tMult = options.tMult;
        this.etaMin = options.etaMin;
        this.tCur = options.lastEpoch;
        start(options.lastEpoch);
    }

    /** Python's {@code T_cur}: epochs since the last restart. */
    public double tCur() {
        return tCur;
    }

    /** Python's {@code T_i}: the length of the current period. */
    public int tI() {
        return tI;
    }

    @Override
    protected double[] getLr() {
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = etaMin + (out[i] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
        }
        return out;
    }

    /** Python's {@code scheduler.step()}: one epoch further. */
    @Override
    public void step() {
        if (lastEpoch < 0) {
            jump(0, false);
            return;
        }
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur - tI;
            tI = tI * tMult;
        }
        lastEpoch = lastEpoch + 1;
        apply(getLr());
    }

    /** Python's {@code scheduler.step(epoch)}: jumps to {@code epoch}, which may be fractional. */
    public void step(double epoch) {
        jump(epoch, true);
    }

    @Override
    void stepTo(int epoch) {
        jump(epoch, false);
    }

    /** Python's {@code step(epoch)}; {@code floatEpoch} says whether Python would hold the epoch as a float. */
    private void jump(double epoch, boolean floatEpoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Expected non-negative epoch, but got "
                    + (floatEpoch ? PyFormat.repr(epoch) : String.valueOf((long) epoch)));
        }
        if (epoch >= t0) {
            if (tMult == 1) {
                tCur = epoch % t0;
                tCurIsFloat = floatEpoch;
            } else {
                int n = (int) (Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
                long power = 1;
                for (int k = 0; k < n; k++) {
                    power *= tMult;
                }
                tCur = epoch - (double) (t0 * (power - 1)) / (tMult - 1);
                tCurIsFloat = true;
                tI = (int) (t0 * power);
            }
        } else {
            tI = t0;
            tCur = epoch;
            tCurIsFloat = floatEpoch;
        }
        lastEpoch = (int) Math.floor(epoch);
        apply(getLr());
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("T_0", t0);
        out.put("T_i", tI);
        out.put("T_mult", tMult);
        out.put("eta_min", etaMin);
        out.put("T_cur", tCurIsFloat ? (Object) tCur : (Object) (int) tCur);
    }

    @Override
    protected void loadOptions(Map<String, ?> in) {
        if (in.containsKey("T_0")) {
            t0 = PyState.toInt(in.get("T_0"));
        }
        if (in.containsKey("T_i")) {
            tI = PyState.toInt(in.get("T_i"));
        }
        if (in.containsKey("T_mult")) {
            tMult = PyState.toInt(in.get("T_mult"));
        }
        if (in.containsKey("eta_min")) {
            etaMin = PyState.toDouble(in.get("eta_min"));
        }
        if (in.containsKey("T_cur")) {
            Object v = in.get("T_cur");
            tCur = PyState.toDouble(v);
            tCurIsFloat = !(v instanceof Integer || v instanceof Long);
        }
    }
}
