package dev.jtorch.train;

import dev.jtorch.Mode;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.StateDict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Early stopping as the PyTorch tutorials write it (the widely used {@code EarlyStopping} of "pytorchtools", seed
 * 004): call {@link #step} with the validation metric and the model after each epoch, then check
 * {@link #earlyStop()}. When the metric improves by more than {@code minDelta} the model's weights are saved (to a
 * checkpoint file in {@code torch.save} format, in memory, or both) and the counter resets; after {@code patience}
 * epochs without improvement {@code earlyStop()} becomes true. {@link #restoreBest} loads the best weights back.
 *
 * <pre>{@code
 * var earlyStopper = new EarlyStopping(new EarlyStopping.Options().patience(10).verbose(true));
 * earlyStopper.step(avgValLoss, model);      // early_stopper(avg_val_loss, model)
 * if (earlyStopper.earlyStop()) { System.out.println("Early stopping"); break; }
 * }</pre>
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public class EarlyStopping {

    /** Options and defaults (pytorchtools': patience 7, delta 0, checkpoint {@code checkpoint.pt}). */
    public static final class Options {
        private int patience = 7;
        private double minDelta;
        private Mode mode = Mode.MIN;
        private boolean verbose;
        private Path checkpointPath = Path.of("checkpoint.pt");
        private boolean restoreBestWeights;
        private PrintStream out = System.out;

        /** Epochs without improvement before stopping (default 7). */
        public Options patience(int patience) {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must not be negative, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** The smallest change that counts as an improvement (pytorchtools' {@code delta}, default 0). */
        public Options minDelta(double minDelta) {
            if (minDelta < 0) {
                throw new IllegalArgumentException("min_delta must not be negative, got " + minDelta);
            }
            this.minDelta = minDelta;
            return this;
        }

        /** {@link Mode#MIN} for losses (default), {@link Mode#MAX} for accuracies. */
        public Options mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Print pytorchtools' messages (default false). */
        public Options verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /** Where the best weights are saved (default {@code checkpoint.pt}); null to keep them in memory only. */
        public Options checkpointPath(Path checkpointPath) {
            this.checkpointPath = checkpointPath;
            return this;
        }

        /** Also keep a copy of the best weights in memory, for {@link #restoreBest} without a file. */
        public Options restoreBestWeights(boolean restoreBestWeights) {
            this.restoreBestWeights = restoreBestWeights;
            return this;
        }

        /** Where verbose messages go (default standard output, as Python's print). */
        public Options out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }
    }

    private final Options options;
    private int counter;
    private Double bestScore;
    private double bestMetric = Double.NaN;
    private int bestEpoch = -1;
    private int epochs;
    private boolean earlyStop;
    private Map<String, Tensor> bestWeights;

    /** With the default options. */
    public EarlyStopping() {
        this(new Options());
    }

    /** With options. */
    public EarlyStopping(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.checkpointPath == null && !options.restoreBestWeights) {
            options.restoreBestWeights = true;
        }
    }

    /**
     * pytorchtools' {@code early_stopper(val_metric, model)}: records the epoch's metric, saves the weights when it
     * improves, and counts epochs without improvement.
     */
    public void step(double metric, Module model) {
        Objects.requireNonNull(model, "model");
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("the validation metric is NaN");
        }
        epochs++;
        double score = options.mode == Mode.MIN ? -metric : metric;
        if (bestScore == null) {
            bestScore = score;
            save(metric, model);
        } else if (score < bestScore + options.minDelta) {
            counter++;
            if (options.verbose) {
                options.out.println("EarlyStopping counter: " + counter + " out of " + options.patience);
            }
            if (counter >= options.patience) {
                earlyStop = true;
            }
        } else {
            bestScore = score;
            save(metric, model);
            counter = 0;
        }
    }

    private void save(double metric, Module model) {
        if (options.verbose) {
            String previous = Double.isNaN(bestMetric) ? (options.mode == Mode.MIN ? "inf" : "-inf")
                    : PyFormat.fixed(bestMetric, 6);
            String what = options.mode == Mode.MIN ? "Validation loss decreased" : "Validation metric increased";
            options.out.println(what + " (" + previous + " --> " + PyFormat.fixed(metric, 6) + ").  Saving model ...");
        }
        StateDict sd = model.stateDict();
        if (options.checkpointPath != null) {
            Torch.save(sd, options.checkpointPath);
        }
        if (options.restoreBestWeights) {
            Map<String, Tensor> copy = new LinkedHashMap<>();
            try (TensorScope s = new TensorScope("EarlyStopping copy")) {
                for (Map.Entry<String, Tensor> e : sd.entrySet()) {
                    copy.put(e.getKey(), e.getValue().clone().keep());
                }
            }
            bestWeights = copy;
        }
        bestMetric = metric;
        bestEpoch = epochs;
    }

    /** pytorchtools' {@code early_stop}: whether training should stop. */
    public boolean earlyStop() {
        return earlyStop;
    }

    /** Epochs since the last improvement. */
    public int counter() {
        return counter;
    }

    /** The best metric seen, or NaN before the first call. */
    public double bestMetric() {
        return bestMetric;
    }

    /** The (1-based) call at which the best metric was seen, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Where the best weights are saved, or null. */
    public Path checkpointPath() {
        return options.checkpointPath;
    }

    /**
     * Loads the best weights into {@code model}: from memory when kept there, else from the checkpoint file (as
     * {@code model.load_state_dict(torch.load('checkpoint.pt'))}).
     *
     * @throws IllegalStateException before any weights were saved
     */
    @SuppressWarnings("unchecked")
    public void restoreBest(Module model) {
        Objects.requireNonNull(model, "model");
        if (bestEpoch < 0) {
            throw new IllegalStateException("EarlyStopping has not saved any weights yet");
        }
        if (bestWeights != null) {
            model.loadStateDict(bestWeights);
        } else {
            model.loadStateDict((Map<String, Tensor>) Torch.load(options.checkpointPath));
        }
    }
}
