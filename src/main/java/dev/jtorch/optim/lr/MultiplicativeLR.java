package dev.jtorch.optim.lr;

import dev.jtorch.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * {@code torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda, last_epoch=-1)}: multiplies each group's
 * learning rate by {@code lrLambda(epoch)} every epoch; one function for all groups or one per group.
 *
 * <pre>{@code
 * new MultiplicativeLR(optimizer, epoch -> 0.95);               // MultiplicativeLR(opt, lambda epoch: 0.95)
 * }</pre>
 *
 * <p>The state dict has Python's {@code lr_lambdas} entry with a {@code null} per function (what Python writes for
 * plain functions); loading ignores it.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiplicativeLR.html">torch.optim.lr_scheduler.MultiplicativeLR</a>.
 */
public final class MultiplicativeLR extends LRScheduler {

    /** PyTorch's arguments of {@link MultiplicativeLR}; {@code lr_lambda} is required. */
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

    /** {@code MultiplicativeLR(optimizer, lr_lambda)}. */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, new Options(lrLambda));
    }

    /** {@code MultiplicativeLR(optimizer, [lr_lambda, ...])}. */
    public MultiplicativeLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambda) {
        this(optimizer, new Options(lrLambda));
    }

    /** {@code MultiplicativeLR(optimizer, lr_lambda, last_epoch)}. */
    public MultiplicativeLR(Optimizer optimizer, Options options) {
        super(optimizer);
        this.lrLambdas = LrLambdas.expand(options.lrLambda, options.single, optimizer.paramGroups().size());
        start(options.lastEpoch);
    }

    @Override
    protected double[] getLr() {
        double[] out = currentLrs();
        if (lastEpoch > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] * lrLambdas.get(i).applyAsDouble(lastEpoch);
            }
        }
        return out;
    }

    @Override
    void saveTrailing(Map<String, Object> out) {
        out.put("lr_lambdas", LrLambdas.stateEntry(lrLambdas.size()));
    }
}
