package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers, milestones, last_epoch=-1)}: runs one scheduler
 * after another, switching at the milestones (a warm-up followed by a decay, say).
 *
 * <pre>{@code
 * var warmup = new LinearLR(optimizer, new LinearLR.Options().startFactor(0.1).totalIters(5));
 * var decay = new CosineAnnealingLR(optimizer, 95);
 * var scheduler = new SequentialLR(optimizer, List.of(warmup, decay), List.of(5));
 * }</pre>
 *
 * <p>At a milestone PyTorch 1.13 calls the next scheduler's deprecated {@code step(0)} (its closed form where it has
 * one); this class does the same arithmetic but does not print the epoch-deprecation warning that call prints in
 * Python, since the user passed no epoch. A {@code SequentialLR} or {@link ChainedScheduler} cannot be one of the
 * schedulers.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.SequentialLR.html">torch.optim.lr_scheduler.SequentialLR</a>.
 */
public final class SequentialLR extends LRScheduler {

    /** PyTorch's arguments of {@link SequentialLR}; {@code schedulers} and {@code milestones} are required. */
    public static final class Options extends BaseOptions<Options> {
        final List<LRScheduler> schedulers;
        final List<Integer> milestones;

        /** Options with Python's {@code schedulers} and {@code milestones} (one fewer than the schedulers). */
        public Options(List<? extends LRScheduler> schedulers, List<Integer> milestones) {
            this.schedulers = List.copyOf(Objects.requireNonNull(schedulers, "schedulers"));
            this.milestones = List.copyOf(Objects.requireNonNull(milestones, "milestones"));
        }
    }

    private final List<LRScheduler> schedulers;
    private List<Integer> milestones;

    /** {@code SequentialLR(optimizer, schedulers, milestones)}. */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<Integer> milestones) {
        this(optimizer, new Options(schedulers, milestones));
    }

    /** {@code SequentialLR(optimizer, schedulers, milestones, last_epoch)}. */
    public SequentialLR(Optimizer optimizer, Options options) {
        super(optimizer);
        List<LRScheduler> list = options.schedulers;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the "
                        + "same optimizer, but got schedulers at index " + i
                        + " to be different than the optimizer passed in.");
            }
            if (list.get(i) instanceof SequentialLR || list.get(i) instanceof ChainedScheduler) {
                throw new IllegalArgumentException("SequentialLR cannot sequence a " + list.get(i).getClass()
                        .getSimpleName() + " (schedulers at index " + i + ")");
            }
        }
        if (options.milestones.size() != list.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be "
                    + "one more than the number of milestone points, but got number of schedulers " + list.size()
                    + " and the number of milestones to be equal to " + options.milestones.size());
        }
        this.schedulers = list;
        this.milestones = options.milestones;
        this.lastEpoch = options.lastEpoch + 1;
        for (ParamGroup g : groups()) {
            g.lr(g.getDouble("initial_lr"));
        }
        for (LRScheduler s : schedulers) {
            s.lastEpoch -= 1;
        }
        schedulers.get(0).initialStep();
        this.lastLr = schedulers.get(0).getLastLr();
    }

    /** Python's {@code scheduler._schedulers}. */
    public List<LRScheduler> schedulers() {
        return schedulers;
    }

    /** The base learning rates of the first scheduler (PyTorch's SequentialLR has none of its own). */
    @Override
    public List<Double> baseLrs() {
        return schedulers.get(0).baseLrs();
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler scheduler = schedulers.get(idx);
        if (idx > 0 && milestones.get(idx - 1) == lastEpoch) {
            scheduler.stepTo(0);
        } else {
            scheduler.step();
        }
        lastLr = scheduler.getLastLr();
    }

    @Override
    void stepTo(int epoch) {
        throw new UnsupportedOperationException("SequentialLR.step() takes no epoch");
    }

    private static int bisectRight(List<Integer> sorted, int x) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < sorted.get(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    protected double[] getLr() {
        throw new UnsupportedOperationException("SequentialLR delegates to its schedulers");
    }

    /** Python's {@code state_dict()}: {@code _milestones}, {@code last_epoch}, {@code _last_lr} and each scheduler's. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_milestones", new ArrayList<>(milestones));
        out.put("last_epoch", lastEpoch);
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
        if (stateDict.containsKey("_milestones")) {
            milestones = List.copyOf(PyState.toInts(stateDict.get("_milestones")));
        }
        if (stateDict.containsKey("last_epoch")) {
            lastEpoch = PyState.toInt(stateDict.get("last_epoch"));
        }
        if (stateDict.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(PyState.toDoubles(stateDict.get("_last_lr")));
        }
        ChainedScheduler.loadChildren(schedulers, stateDict.get("_schedulers"));
    }
}
