package dev.jtorch.amp;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.optim.Optimizer;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Dynamic loss scaling for mixed precision, mirroring {@code torch.cuda.amp.GradScaler} /
 * {@code torch.amp.GradScaler(device)}: {@code scale(loss).backward()}, {@code step(optimizer)} (skipped when a
 * gradient is inf or NaN), {@code update()}, with PyTorch's per-optimizer state machine and error texts. The scale
 * starts at {@code initScale}, is multiplied by {@code backoffFactor} after a step with non-finite gradients and by
 * {@code growthFactor} after {@code growthInterval} clean steps in a row. With {@code enabled = false} every method
 * is a pass-through, as in PyTorch. Works on CPU and CUDA.
 *
 * <pre>{@code
 * var scaler = new GradScaler();
 * scaler.scale(loss).backward();
 * scaler.step(optimizer);
 * scaler.update();
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/amp.html#gradient-scaling">torch.amp.GradScaler</a>.
 */
public class GradScaler implements dev.jtorch.Stateful {
    private enum Stage { READY, UNSCALED, STEPPED }

    private static final class OptimizerState {
        Stage stage = Stage.READY;
        Tensor foundInf;
    }

    /** PyTorch's options and defaults for {@link GradScaler}. */
    public static final class Options {
        private double initScale = 65536.0;
        private double growthFactor = 2.0;
        private double backoffFactor = 0.5;
        private int growthInterval = 2000;
        private boolean enabled = true;

        /** Python's {@code init_scale} (default 2**16). */
        public Options initScale(double initScale) {
            this.initScale = initScale;
            return this;
        }

        /** Python's {@code growth_factor} (default 2.0); must be greater than 1. */
        public Options growthFactor(double growthFactor) {
            if (!(growthFactor > 1.0)) {
                throw new IllegalArgumentException("The growth factor must be > 1.0.");
            }
            this.growthFactor = growthFactor;
            return this;
        }

        /** Python's {@code backoff_factor} (default 0.5); must be below 1. */
        public Options backoffFactor(double backoffFactor) {
            if (!(backoffFactor < 1.0)) {
                throw new IllegalArgumentException("The backoff factor must be < 1.0.");
            }
            this.backoffFactor = backoffFactor;
            return this;
        }

        /** Python's {@code growth_interval} (default 2000). */
        public Options growthInterval(int growthInterval) {
            if (growthInterval <= 0) {
                throw new IllegalArgumentException("growth_interval must be a positive integer, got " + growthInterval);
            }
            this.growthInterval = growthInterval;
            return this;
        }

        /** Python's {@code enabled} (default true). */
        public Options enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }
    }

    private final double initScale;
    private final boolean enabled;
    private double growthFactor;
    private double backoffFactor;
    private int growthInterval;
    private Tensor scale;
    private Tensor growthTracker;
    private Map<Optimizer, OptimizerState> perOptimizer = new IdentityHashMap<>();

    /** {@code GradScaler()} with PyTorch's defaults. */
    public GradScaler() {
        this(new Options());
    }

    /** {@code GradScaler(enabled=...)}. */
    public GradScaler(boolean enabled) {
        this(new Options().enabled(enabled));
    }

    /** {@code GradScaler(...)} with options. */
    public GradScaler(Options options) {
        Objects.requireNonNull(options, "options");
        this.initScale = options.initScale;
        this.growthFactor = options.growthFactor;
        this.backoffFactor = options.backoffFactor;
        this.growthInterval = options.growthInterval;
        this.enabled = options.enabled;
    }

    /** Python's {@code is_enabled()}. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Python's {@code scale(outputs)}: the loss multiplied by the current scale (unchanged when disabled). */
    public Tensor scale(Tensor outputs) {
        Objects.requireNonNull(outputs, "outputs");
        if (!enabled) {
            return outputs;
        }
        if (scale == null) {
            lazyInit(outputs.device());
        }
        return outputs.mul(scale.to(outputs.device()));
    }

    private void lazyInit(Device device) {
        try (TensorScope s = new TensorScope("GradScaler init")) {
            scale = Torch.full(new long[] {1}, initScale, DType.FLOAT32).to(device).keep();
            growthTracker = Torch.full(new long[] {1}, 0, DType.INT32).to(device).keep();
        }
    }

    private void checkScale(String function) {
        if (scale == null) {
            throw new TorchException("Attempted " + function + " but _scale is None.  This may indicate your script "
                    + "did not use scaler.scale(loss or outputs) earlier in the iteration.");
        }
    }

    private OptimizerState stateOf(Optimizer optimizer) {
        return perOptimizer.computeIfAbsent(optimizer, o -> new OptimizerState());
    }

    /**
     * Python's {@code unscale_(optimizer)}: divides the optimizer's gradients by the scale in place and records
     * whether any is inf or NaN. At most once per optimizer between updates.
     */
    public void unscale_(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!enabled) {
            return;
        }
        checkScale("unscale_");
        OptimizerState st = stateOf(optimizer);
        if (st.stage == Stage.UNSCALED) {
            throw new TorchException("unscale_() has already been called on this optimizer since the last update().");
        } else if (st.stage == Stage.STEPPED) {
            throw new TorchException("unscale_() is being called after step().");
        }
        try (TensorScope s = new TensorScope("unscale_"); var g = Torch.noGrad()) {
            Tensor invScale = scale.toDouble().reciprocal().toFloat();
            Tensor foundInf = Torch.full(new long[] {1}, 0.0, DType.FLOAT32).to(scale.device());
            for (var group : optimizer.paramGroups()) {
                for (Tensor p : group.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;
                    }
                    if (grad.dtype() == DType.FLOAT16) {
                        throw new IllegalArgumentException("Attempting to unscale FP16 gradients.");
                    }
                    // torch._amp_foreach_non_finite_check_and_unscale_: flag non-finite values, then multiply.
                    Tensor bad = grad.isfinite().all().logicalNot().toFloat().to(foundInf.device()).view(1);
                    foundInf = Torch.where(bad.gt(0), bad, foundInf);
                    grad.mul_(invScale.to(grad.device()));
                }
            }
            st.foundInf = foundInf.keep();
        }
        st.stage = Stage.UNSCALED;
    }

    /**
     * Python's {@code step(optimizer)}: unscales if {@link #unscale_} was not called, then steps the optimizer only
     * if no gradient is inf or NaN. Once per optimizer between updates.
     */
    public void step(Optimizer optimizer) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (!enabled) {
            optimizer.step();
            return;
        }
        checkScale("step");
        OptimizerState st = stateOf(optimizer);
        if (st.stage == Stage.STEPPED) {
            throw new TorchException("step() has already been called since the last update().");
        }
        if (st.stage == Stage.READY) {
            unscale_(optimizer);
        }
        if (st.foundInf == null) {
            throw new TorchException("No inf checks were recorded for this optimizer.");
        }
        if (st.foundInf.item() == 0.0) {
            optimizer.step();
        }
        st.stage = Stage.STEPPED;
    }

    /**
     * Python's {@code update()}: backs the scale off after a step with non-finite gradients, grows it after
     * {@code growthInterval} clean steps, and resets the per-optimizer state.
     */
    public void update() {
        if (!enabled) {
            return;
        }
        checkScale("update");
        double found = 0;
        boolean any = false;
        for (OptimizerState st : perOptimizer.values()) {
            if (st.foundInf != null) {
                any = true;
                found += st.foundInf.item();
            }
        }
        if (!any) {
            throw new TorchException("No inf checks were recorded prior to update.");
        }
        updateScale(found > 0);
        perOptimizer = new IdentityHashMap<>();
    }

    /** Python's {@code update(new_scale)}: sets the scale directly. */
    public void update(double newScale) {
        if (!enabled) {
            return;
        }
        checkScale("update");
        try (var g = Torch.noGrad()) {
            scale.fill_(newScale);
        }
        perOptimizer = new IdentityHashMap<>();
    }

    /** {@code torch._amp_update_scale_}, computed as its CPU kernel does (float32 scale, int32 tracker). */
    private void updateScale(boolean foundInf) {
        float current = (float) scale.item();
        long tracker = growthTracker.itemLong();
        float next = current;
        if (foundInf) {
            next = (float) (current * backoffFactor);
            tracker = 0;
        } else {
            long successful = tracker + 1;
            if (successful == growthInterval) {
                float grown = (float) (current * growthFactor);
                if (Float.isFinite(grown)) {
                    next = grown;
                }
                tracker = 0;
            } else {
                tracker = successful;
            }
        }
        try (var g = Torch.noGrad()) {
            scale.fill_(next);
            growthTracker.fill_(tracker);
        }
    }

    /** Python's {@code get_scale()}: the current scale, or 1.0 when disabled. */
    public double getScale() {
        if (!enabled) {
            return 1.0;
        }
        return scale == null ? initScale : scale.item();
    }

    /** Python's {@code get_growth_factor()}. */
    public double getGrowthFactor() {
        return growthFactor;
    }

    /** Python's {@code get_backoff_factor()}. */
    public double getBackoffFactor() {
        return backoffFactor;
    }

    /** Python's {@code get_growth_interval()}. */
    public int getGrowthInterval() {
        return growthInterval;
    }

    /** Python's {@code state_dict()}: scale, factors, interval and growth tracker; empty when disabled. */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (enabled) {
            out.put("scale", getScale());
            out.put("growth_factor", growthFactor);
            out.put("backoff_factor", backoffFactor);
            out.put("growth_interval", growthInterval);
            out.put("_growth_tracker", growthTracker == null ? 0 : (int) growthTracker.itemLong());
        }
        return out;
    }

    /** The keys of {@link #stateDict()}, in the order Python's {@code load_state_dict} reads them. */
    private static final String[] STATE_KEYS = {"scale", "growth_factor", "backoff_factor", "growth_interval",
        "_growth_tracker"};

    /**
     * Python's {@code load_state_dict(state_dict)}: restores scale, factors, interval and growth tracker. An empty
     * dict raises PyTorch's {@code RuntimeError} (a {@link TorchException}); where Python raises
     * {@code KeyError: 'growth_factor'} for a missing key, this throws an {@link IllegalArgumentException} naming
     * it ({@code GradScaler state dict is missing key 'growth_factor'}), or naming a key whose value is not a
     * number. Every key is checked before anything changes, so a refused dict leaves the scaler as it was.
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        if (!enabled) {
            return;
        }
        if (stateDict.isEmpty()) {
            throw new TorchException("The source state dict is empty, possibly because it was saved from a disabled "
                    + "instance of GradScaler.");
        }
        for (String key : STATE_KEYS) {
            if (!stateDict.containsKey(key)) {
                throw new IllegalArgumentException("GradScaler state dict is missing key '" + key + "' (it has "
                        + stateDict.keySet() + ")");
            }
            if (!(stateDict.get(key) instanceof Number)) {
                throw new IllegalArgumentException("GradScaler state dict's '" + key + "' is not a number: "
                        + stateDict.get(key));
            }
        }
        if (scale == null) {
            lazyInit(Device.CPU);
        }
        growthFactor = ((Number) stateDict.get("growth_factor")).doubleValue();
        backoffFactor = ((Number) stateDict.get("backoff_factor")).doubleValue();
        growthInterval = ((Number) stateDict.get("growth_interval")).intValue();
        try (var g = Torch.noGrad()) {
            scale.fill_(((Number) stateDict.get("scale")).doubleValue());
            growthTracker.fill_(((Number) stateDict.get("_growth_tracker")).longValue());
        }
    }
}
