package dev.jtorch.optim.lr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.ChainedScheduler(schedulers)}: steps several schedulers of one optimizer together,
 * each applying its change to the learning rate the previous one set.
 *
 * <pre>{@code
 * var scheduler = new ChainedScheduler(List.of(new ConstantLR(opt, new ConstantLR.Options().factor(0.1).totalIters(2)),
 *                                              new ExponentialLR(opt, 0.9)));
 * }</pre>
 *
 * <p>PyTorch's ChainedScheduler has no {@code last_epoch}; {@link #lastEpoch()} is that of the last scheduler.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ChainedScheduler.html">torch.optim.lr_scheduler.ChainedScheduler</a>.
 */
public final class ChainedScheduler extends LRScheduler {
    private final List<LRScheduler> schedulers;

    /** {@code ChainedScheduler(schedulers)}. */
    public ChainedScheduler(List<? extends LRScheduler> schedulers) {
        super(first(schedulers).optimizer());
        for (int i = 1; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != schedulers.get(0).optimizer()) {
                throw new IllegalArgumentException("ChainedScheduler expects all schedulers to belong to the same "
                        + "optimizer, but got schedulers at index 0 and " + i + " to be different");
            }
        }
        this.schedulers = List.copyOf(schedulers);
        recordLastLr();
    }

    private static LRScheduler first(List<? extends LRScheduler> schedulers) {
        Objects.requireNonNull(schedulers, "schedulers");
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("ChainedScheduler expects at least one scheduler");
        }
        return Objects.requireNonNull(schedulers.get(0), "schedulers contains null");
    }

    /** Python's {@code scheduler._schedulers}. */
    public List<LRScheduler> schedulers() {
        return schedulers;
    }

    /** The last scheduler's {@code last_epoch}. */
    @Override
    public int lastEpoch() {
        return schedulers.get(schedulers.size() - 1).lastEpoch();
    }

    /** The base learning rates of the first scheduler (PyTorch's ChainedScheduler has none of its own). */
    @Override
    public List<Double> baseLrs() {
        return schedulers.get(0).baseLrs();
    }

    @Override
    public void step() {
        for (LRScheduler s : schedulers) {
            s.step();
        }
        recordLastLr();
    }

    @Override
    void stepTo(int epoch) {
        throw new UnsupportedOperationException("ChainedScheduler.step() takes no epoch");
    }

    @Override
    protected double[] getLr() {
        throw new UnsupportedOperationException("ChainedScheduler delegates to its schedulers");
    }

    /** Python's {@code state_dict()}: {@code _last_lr} and each scheduler's state dict. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_last_lr", new ArrayList<>(lastLr));
        List<Map<String, Object>> children = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            children.add(s.stateDict());
        }
        out.put("_schedulers", children);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        if (stateDict.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(PyState.toDoubles(stateDict.get("_last_lr")));
        }
        loadChildren(schedulers, stateDict.get("_schedulers"));
    }

    @SuppressWarnings("unchecked")
    static void loadChildren(List<LRScheduler> schedulers, Object states) {
        if (states == null) {
            return;
        }
        if (!(states instanceof List<?> list) || list.size() != schedulers.size()) {
            throw new IllegalArgumentException("expected " + schedulers.size() + " scheduler state dicts, got "
                    + states);
        }
        for (int i = 0; i < list.size(); i++) {
            schedulers.get(i).loadStateDict((Map<String, ?>) list.get(i));
        }
    }
}
