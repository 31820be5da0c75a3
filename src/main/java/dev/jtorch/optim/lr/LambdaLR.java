package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * {@code torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda, last_epoch=-1)}: sets each group's learning rate to
 * its initial value times {@code lrLambda(epoch)}; one function for all groups or one per group.
 *
 * <pre>{@code
 * new LambdaLR(optimizer, epoch -> Math.pow(0.95, epoch));       // LambdaLR(opt, lambda epoch: 0.95 ** epoch)
 * new LambdaLR(optimizer, List.of(e -> e / 30, e -> Math.pow(0.95, e)));
 * }</pre>
 *
 * <p>The state dict has Python's {@code lr_lambdas} entry with a {@code null} per function (what Python writes for
 * plain functions); loading ignores it.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LambdaLR.html">torch.optim.lr_scheduler.LambdaLR</a>.
 */
public final class LambdaLR extends LRScheduler {

    /** PyTorch's arguments of {@link LambdaLR}; {@code lr_lambda} is required. */
    public static final class Options extends BaseOptions<Options> {
        final List<IntToDoubleFunction> lrLambda;
        final boolean single;

        /** Options with one function for every group. */
        public Options(IntToDoubleFunction lrLambda) {
            this.lrLambda = List.of(Objects.requireNonNull(lrLambda, "lrLambda"));
            this.single = true;
        }

        /** Options with one function per group. */
        public Options(List<IntToDoubleFunction> lrLambda) {
            this.lrLambda = LrLambdas.checked(lrLambda);
            this.single = false;
        }
    }

    private final List<IntToDoubleFunction> lrLambdas;

    /** {@code LambdaLR(optimizer, lr_lambda)}. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, new Options(lrLambda));
    }

    /** {@code LambdaLR(optimizer, [lr_lambda, ...])}. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambda) {
        this(optimizer, new Options(lrLambda));
    }

    /** {@code LambdaLR(optimizer, lr_lambda, last_epoch)}. */
    public LambdaLR(Optimizer optimizer, Options options) {
        super(optimizer);
        this.lrLambdas = LrLambdas.expand(options.lrLambda, options.single, optimizer.paramGroups().size());
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        double[] out = PyState.array(baseLrs);
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] * lrLambdas.get(i).applyAsDouble(lastEpoch);
        }
        return out;
    }

    @Override
    void saveTrailing(Map<String, Object> out) {
        out.put("lr_lambdas", LrLambdas.stateEntry(lrLambdas.size()));
    }
}
