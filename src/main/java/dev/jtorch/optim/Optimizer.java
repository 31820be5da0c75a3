package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import dev.jtorch.nn.Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * The base of the optimizers, mirroring {@code torch.optim.Optimizer}: parameter groups with per-group options,
 * per-parameter state, {@code zeroGrad()} (setting gradients to None by default, as PyTorch 2), {@code step()},
 * {@code stateDict()}/{@code loadStateDict()} in Python's layout, and Python's printing.
 *
 * <p>Subclasses implement {@link #update} with the exact arithmetic of PyTorch's single-tensor implementation, on
 * the native tensors, so a step costs a handful of native calls per parameter.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/optim.html">torch.optim.Optimizer</a>.
 */
public abstract class Optimizer implements dev.jtorch.Stateful {
    private final String name;
    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();
    private long stepCount;
    /** Python's {@code optimizer._step_count}: steps since an LR scheduler last set it to 0. */
    private long pyStepCount;
    private final Scalars scalars = new Scalars();
    private final Scratch scratch = new Scratch();

    /** An optimizer over plain parameters (one group). */
    protected Optimizer(String name, Collection<? extends Tensor> params, Map<String, Object> defaults) {
        this(name, List.of(new ParamGroup(new ArrayList<>(Objects.requireNonNull(params, "params")))), defaults);
    }

    /** An optimizer over parameter groups; options missing from a group come from {@code defaults}. */
    protected Optimizer(String name, List<ParamGroup> groups, Map<String, Object> defaults) {
        this.name = name;
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        // PyTorch checks the constructor's options (the defaults) before any group: validate them as a group
        ParamGroup defaultsGroup = new ParamGroup(List.of());
        defaultsGroup.applyDefaults(this.defaults);
        validate(defaultsGroup);
        for (ParamGroup g : groups) {
            addParamGroup(g);
        }
    }

    /** Python's {@code optimizer.defaults}. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** Python's {@code optimizer.param_groups}. */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(paramGroups);
    }

    /**
     * Python's {@code add_param_group(group)}: fills missing options from the defaults and checks that no parameter
     * is in two groups.
     */
    public void addParamGroup(ParamGroup group) {
        Objects.requireNonNull(group, "group");
        if (group.params().isEmpty() && paramGroups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : paramGroups) {
            seen.addAll(g.params());
        }
        for (Tensor p : group.params()) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        group.applyDefaults(defaults);
        validate(group);
        paramGroups.add(group);
    }

    /**
     * Checks a group's options, throwing {@link IllegalArgumentException} with PyTorch's {@code ValueError} message:
     * the one place where an optimizer's options are checked, run for the defaults (the constructor's options, as
     * PyTorch's {@code __init__} checks them) and for every group added, with the group's options completed from the
     * defaults. The checks use the helpers below ({@code requireAtLeastZero}, ...), which format values as Python does.
     */
    protected abstract void validate(ParamGroup group);

    /** How many times {@link #step()} has run (Python's {@code optimizer._step_count}, used by LR schedulers). */
    public long stepCount() {
        return stepCount;
    }

    /**
     * Python's {@code optimizer._step_count}, which the {@code _with_counter} wrapper that LR schedulers put around
     * {@code optimizer.step} increments: the steps since a scheduler last reset it with
     * {@link #resetSchedulerStepCount()}. A scheduler reads it to warn when {@code scheduler.step()} comes before
     * {@code optimizer.step()}. Unlike {@link #stepCount()} it is reset by every scheduler built on this optimizer.
     */
    public long schedulerStepCount() {
        return pyStepCount;
    }

    /**
     * Python's {@code self.optimizer._step_count = 0} in {@code LRScheduler._initial_step()}: called by each scheduler
     * when it is built, so that {@link #schedulerStepCount()} counts the steps since then.
     */
    public void resetSchedulerStepCount() {
        pyStepCount = 0;
    }

    /**
     * Python's {@code optimizer.step()}: one update of every parameter that has a gradient. A libtorch error during
     * the update (a state tensor of another shape, say) is a {@link dev.jtorch.TorchException} with PyTorch's
     * message.
     */
    public void step() {
        stepCount++;
        pyStepCount++;
        scalars.releaseRetired();
        try (TensorScope scope = new TensorScope("optimizer.step"); var g = Torch.noGrad()) {
            for (ParamGroup group : paramGroups) {
                // the updates call the presets directly: libtorch's errors become TorchException with PyTorch's
                // first-line message instead of JavaCPP's RuntimeException carrying the C++ stack
                Ops.call(() -> {
                    update(group);
                    return null;
                });
            }
        }
    }

    /** Python's {@code optimizer.step(closure)}: re-evaluates the loss with grad enabled, then steps. */
    public Tensor step(Supplier<Tensor> closure) {
        Objects.requireNonNull(closure, "closure");
        Tensor loss;
        try (var g = Torch.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /** Updates the parameters of one group, under no_grad, with temporaries released afterwards. */
    protected abstract void update(ParamGroup group);

    /** Python's {@code zero_grad()}: sets every gradient to None. */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** Python's {@code zero_grad(set_to_none)}. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params()) {
                Module.zeroGradOf(p, setToNone);
            }
        }
    }

    /**
     * Python's {@code optimizer.state[p]}: the state of one parameter (empty before its first step), as a live
     * dict view of the optimizer's typed state ({@link ParamState#asMap()}).
     */
    public Map<String, Object> state(Tensor param) {
        return paramState(param).asMap();
    }

    /** The typed state of one parameter, made by {@link #newState()} when first asked for. */
    @SuppressWarnings("unchecked")
    final <S extends ParamState> S paramState(Tensor param) {
        ParamState s = state.get(param);
        if (s == null) {
            s = newState();
            state.put(param, s);
        }
        return (S) s;
    }

    /** An empty state of this optimizer's kind (libtorch's per-optimizer {@code ParamState}). */
    ParamState newState() {
        return new ParamState.Dict();
    }

    /**
     * The native scalar of a value of the update, made once and reused across steps (see {@link Scalars}); valid
     * until the next step: fetch it in each {@link #update}, do not keep it in a field.
     */
    protected final Scalar scalar(double value) {
        return scalars.of(value);
    }

    /**
     * Memory shaped like {@code param} for the temporary number {@code slot} of an update (the gradient plus weight
     * decay, a denominator), to be written with an {@code out=} kernel; reused across parameters and steps (see
     * {@link Scratch}).
     */
    protected final org.bytedeco.pytorch.Tensor temporary(Tensor p, int slot) {
        return scratch.like(p, slot, stepCount);
    }

    /** Python's {@code torch.zeros_like(p, memory_format=torch.preserve_format)}, owned by the optimizer (state). */
    static Tensor zeros(org.bytedeco.pytorch.Tensor param) {
        return own(torch.zeros_like(param));
    }

    /** Keeps a state tensor out of every scope: the optimizer owns it. */
    protected static Tensor own(org.bytedeco.pytorch.Tensor t) {
        return Tensor.wrap(t).keep();
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Python's {@code state_dict()}: {@code {"state": {index: {name: value}}, "param_groups": [{options...,
     * "params": [indices]}]}}, parameters numbered in group order. State tensors are the optimizer's own (not
     * copies), as in PyTorch; step counters appear as float32 scalar tensors, as in PyTorch 1.13.
     */
    public Map<String, Object> stateDict() {
        return StateDicts.save(paramGroups, state, stepIsTensor());
    }

    /**
     * Whether the state tensor {@code key} has its parameter's shape, which {@link #loadStateDict} checks: every key
     * but {@code step} by default; NAdam's {@code mu_product} and LBFGS's flat history are not.
     */
    protected boolean isParamShaped(String key) {
        return !key.equals("step");
    }

    /** Whether PyTorch 1.13 keeps this optimizer's {@code step} as a float32 tensor (most do; RMSprop an int). */
    protected boolean stepIsTensor() {
        return true;
    }

    /**
     * Python's {@code load_state_dict(state_dict)}: restores options and state (state tensors are copied, and cast
     * to each parameter's dtype and device as PyTorch does), so training continues in lock-step.
     *
     * <p>Everything is checked before anything changes: PyTorch's {@code ValueError}s for a different number of
     * parameter groups or a group of another size become {@link IllegalArgumentException}s with PyTorch's words,
     * and, beyond PyTorch (whose next {@code step()} fails instead), a state tensor whose shape differs from its
     * parameter's is refused with a message naming the parameter's index, the state's key and both shapes. On any
     * of these errors the optimizer keeps its options and state, as it does when a state value is of the wrong kind
     * (a tensor key holding something else).
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) stateDict; // only read
        Map<Tensor, ParamState> loaded = StateDicts.load(dict, paramGroups, this::newState, this::isParamShaped);
        state.clear();
        state.putAll(loaded);
    }

    // ---------------------------------------------------------------- printing

    /** Python's {@code repr(optimizer)}: the class name and each group's options in sorted order. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            b.append("\nParameter Group ").append(i).append('\n');
            for (Map.Entry<String, Object> e : new TreeMap<>(paramGroups.get(i).options()).entrySet()) {
                b.append("    ").append(e.getKey()).append(": ").append(ParamGroup.pythonValue(e.getValue()))
                        .append('\n');
            }
        }
        return b.append(')').toString();
    }

    /**
     * PyTorch's {@code if value < 0.0: raise ValueError("<what>: <value>")} (SGD's checks): throws when the group's
     * option {@code key} is negative. NaN passes, as it does in Python, where {@code nan < 0.0} is false.
     */
    protected static void requireNonNegative(ParamGroup group, String key, String what) {
        if (group.getDouble(key) < 0.0) {
            throw new IllegalArgumentException(what + ": " + py(group.get(key)));
        }
    }

    /**
     * PyTorch's {@code if not 0.0 <= value: raise ValueError("<what>: <value>")} (the checks of Adam, AdamW, RMSprop
     * and Adagrad): throws when the group's option {@code key} is negative or NaN ({@code 0.0 <= nan} is false in
     * Python), with the value as Python prints it ({@code nan}, {@code -0.1}, {@code -inf}).
     */
    protected static void requireAtLeastZero(ParamGroup group, String key, String what) {
        if (!(0.0 <= group.getDouble(key))) {
            throw new IllegalArgumentException(what + ": " + py(group.get(key)));
        }
    }

    /**
     * PyTorch's {@code if not lo <= value <= hi: raise ValueError("<what>: <value>")} (Adadelta's {@code rho}): NaN
     * fails, as in Python.
     */
    static void requireBetween(ParamGroup group, String key, double lo, double hi, String what) {
        double v = group.getDouble(key);
        if (!(lo <= v && v <= hi)) {
            throw new IllegalArgumentException(what + ": " + py(group.get(key)));
        }
    }

    /** PyTorch's {@code if not 0.0 <= betas[i] < 1.0: raise ValueError(...)} of the Adam family. */
    static void requireBetas(ParamGroup g) {
        double[] betas = g.getDoubles("betas");
        if (betas.length != 2) {
            throw new IllegalArgumentException("betas must be a pair");
        }
        for (int i = 0; i < 2; i++) {
            if (!(betas[i] >= 0.0 && betas[i] < 1.0)) {
                throw new IllegalArgumentException("Invalid beta parameter at index " + i + ": " + py(betas[i]));
            }
        }
    }

    /** Formats a number as Python's {@code str()} would, for validation messages. */
    protected static String py(Object v) {
        return ParamGroup.pythonValue(v);
    }
}
