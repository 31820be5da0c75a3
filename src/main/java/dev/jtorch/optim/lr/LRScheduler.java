package dev.jtorch.optim.lr;

import dev.jtorch.Warnings;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base of the epoch-driven schedulers, mirroring {@code torch.optim.lr_scheduler._LRScheduler} of PyTorch 1.13:
 * {@code step()}, {@code getLastLr()}, {@code lastEpoch()}, {@code baseLrs()}, {@code stateDict()} and
 * {@code loadStateDict()}.
 *
 * <p>A scheduler writes each group's learning rate with {@code optimizer.paramGroups().get(i).lr(x)} and records
 * {@code initial_lr} in every group (Python's {@code group.setdefault('initial_lr', group['lr'])}). {@link #step()}
 * uses the chainable form ({@link #getLr()}), as PyTorch's does, so learning rates equal Python's to the last bit
 * of the same arithmetic.
 *
 * <p>Stepping a scheduler before its optimizer has stepped prints PyTorch's {@code UserWarning} (once per scheduler)
 * through {@link Warnings}.
 *
 * <p>A custom scheduler sets its own fields, then calls {@link #start(int)} at the end of its constructor (where
 * Python calls {@code super().__init__(optimizer, last_epoch)}), and implements {@link #getLr()}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LRScheduler.html">torch.optim.lr_scheduler.LRScheduler</a>.
 */
public abstract class LRScheduler implements dev.jtorch.Stateful {
    static final String STEP_ORDER_WARNING = "Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
            + "In PyTorch 1.1.0 and later, you should call them in the opposite order: "
            + "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this "
            + "will result in PyTorch skipping the first value of the learning rate schedule. "
            + "See more details at "
            + "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate";

    /**
     * What every scheduler's {@code Options} shares: Python's {@code last_epoch} argument (default -1, a fresh
     * start; another value resumes a schedule and needs {@code initial_lr} in every group).
     *
     * @param <O> the concrete options type, returned by the fluent setters
     */
    public abstract static class BaseOptions<O extends BaseOptions<O>> {
        int lastEpoch = -1;

        /** Package-private: only this package's schedulers have options. */
        BaseOptions() {}

        /** Python's {@code last_epoch} (default -1). */
        @SuppressWarnings("unchecked")
        public O lastEpoch(int lastEpoch) {
            this.lastEpoch = lastEpoch;
            return (O) this;
        }
    }

    private final Optimizer optimizer;
    /** Python's {@code base_lrs}. */
    List<Double> baseLrs = new ArrayList<>();
    /** Python's {@code last_epoch}. */
    int lastEpoch;
    /** Python's {@code _step_count}. */
    int stepCount;
    /** Python's {@code _last_lr}. */
    List<Double> lastLr = List.of();

    /** A scheduler of {@code optimizer}; the subclass finishes construction with {@link #start(int)}. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Python's {@code _LRScheduler.__init__(optimizer, last_epoch)}: records {@code initial_lr} in each group (or,
     * when resuming with {@code lastEpoch != -1}, requires it), takes the base learning rates from it, and performs
     * the initial step. Call it last in the subclass constructor.
     */
    protected final void start(int lastEpoch) {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) {
                if (!g.has("initial_lr")) {
                    g.set("initial_lr", g.lr());
                }
            }
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).has("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming an optimizer");
                }
            }
        }
        baseLrs = new ArrayList<>();
        for (ParamGroup g : groups) {
            baseLrs.add(g.getDouble("initial_lr"));
        }
        this.lastEpoch = lastEpoch;
        initialStep();
    }

    /** Python's {@code _initial_step()}: resets the step counters and steps once. */
    final void initialStep() {
        optimizer.resetSchedulerStepCount();
        stepCount = 0;
        step();
    }

    /** Python's {@code scheduler.optimizer}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Python's {@code scheduler.last_epoch}. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * Python's {@code scheduler._step_count}: how many times {@link #step()} has run, the initial step included (read
     * by schedulers outside this package, such as {@code SWALR}).
     */
    protected final int stepCount() {
        return stepCount;
    }

    /** Python's {@code scheduler.base_lrs} (a copy). */
    public List<Double> baseLrs() {
        return List.copyOf(baseLrs);
    }

    /** Python's {@code get_last_lr()}: the learning rates the last step set, one per group. */
    public List<Double> getLastLr() {
        return lastLr;
    }

    /** Python's {@code scheduler.step()}: advances one epoch (or batch) and sets every group's learning rate. */
    public void step() {
        countStep();
        lastEpoch++;
        apply(getLr());
    }

    /**
     * Python's deprecated {@code scheduler.step(epoch)}, which {@code SequentialLR} still uses at its milestones:
     * jumps to {@code epoch}, using the closed form where the scheduler has one. Not public, as in PyTorch 2.
     */
    void stepTo(int epoch) {
        countStep();
        lastEpoch = epoch;
        double[] values = getClosedFormLr();
        apply(values != null ? values : getLr());
    }

    /** The step-order check and counter of Python's {@code step()}. */
    final void countStep() {
        if (stepCount == 1 && optimizer.schedulerStepCount() < 1) {
            Warnings.warn(STEP_ORDER_WARNING);
        }
        stepCount++;
    }

    /** Sets each group's learning rate and records them as the last ones. */
    final void apply(double[] values) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size() && i < values.length; i++) {
            groups.get(i).lr(values[i]);
        }
        recordLastLr();
    }

    final void recordLastLr() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            out.add(g.lr());
        }
        lastLr = Collections.unmodifiableList(out);
    }

    /**
     * Python's {@code get_lr()}: the learning rates for {@link #lastEpoch} in the chainable form (usually from the
     * groups' current learning rates). Called by {@link #step()}.
     */
    protected abstract double[] getLr();

    /** Python's {@code _get_closed_form_lr()}, or null where the scheduler has none. */
    protected double[] getClosedFormLr() {
        return null;
    }

    /** The optimizer's parameter groups. */
    protected final List<ParamGroup> groups() {
        return optimizer.paramGroups();
    }

    /** Every group's current learning rate. */
    protected final double[] currentLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(i).lr();
        }
        return out;
    }

    /** Every group's current learning rate times {@code factor}. */
    protected final double[] currentLrsTimes(double factor) {
        double[] out = currentLrs();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * factor;
        }
        return out;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Python's {@code state_dict()}: the scheduler's attributes under Python's names and in Python's order
     * ({@code base_lrs}, {@code last_epoch}, {@code _step_count}, {@code _last_lr}, and the scheduler's own options),
     * as Integer, Double, Boolean, String, List and Map values (copies). Entries that hold Python functions or
     * objects in PyTorch (a lambda, a bound method, a weak reference) are left out; {@code verbose} and
     * {@code _get_lr_called_within_step} are written as {@code false} for Python's layout.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        saveOptions(out);
        out.put("base_lrs", new ArrayList<>(baseLrs));
        out.put("last_epoch", lastEpoch);
        out.put("verbose", false);
        out.put("_step_count", stepCount);
        out.put("_get_lr_called_within_step", false);
        out.put("_last_lr", new ArrayList<>(lastLr));
        saveTrailing(out);
        return out;
    }

    /**
     * Python's {@code load_state_dict(state_dict)}: sets every attribute the map names (Python's
     * {@code __dict__.update}); attributes it does not name keep their values. Accepts what {@link #stateDict()}
     * writes and what Python writes (any {@link Number} type).
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        if (stateDict.containsKey("base_lrs")) {
            baseLrs = PyState.toDoubles(stateDict.get("base_lrs"));
        }
        if (stateDict.containsKey("last_epoch")) {
            lastEpoch = PyState.toInt(stateDict.get("last_epoch"));
        }
        if (stateDict.containsKey("_step_count")) {
            stepCount = PyState.toInt(stateDict.get("_step_count"));
        }
        if (stateDict.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(PyState.toDoubles(stateDict.get("_last_lr")));
        }
        loadOptions(stateDict);
    }

    /** Writes the scheduler's own attributes that Python sets before {@code _LRScheduler.__init__}. */
    protected void saveOptions(Map<String, Object> out) {}

    /** Writes attributes Python's {@code state_dict()} appends after the common ones. */
    void saveTrailing(Map<String, Object> out) {}

    /** Reads the scheduler's own attributes, each only where the map names it. */
    protected void loadOptions(Map<String, ?> in) {}
}
