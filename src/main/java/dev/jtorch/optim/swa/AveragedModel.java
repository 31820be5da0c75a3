package dev.jtorch.optim.swa;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code torch.optim.swa_utils.AveragedModel(model, device=None, avg_fn=None, use_buffers=False)}: a copy of
 * {@code model} whose parameters (and, with {@code use_buffers}, buffers) are the running average of the model's,
 * updated by {@link #updateParameters(Module)}. Its state dict holds {@code n_averaged} (an int64 scalar) and the
 * copy's state under {@code module.}, as in PyTorch, so it loads into and from Python's.
 *
 * <pre>{@code
 * // swa_model = AveragedModel(model)
 * var swaModel = new AveragedModel<>(model, Net::new);
 * // ema_avg = lambda averaged_model_parameter, model_parameter, num_averaged:
 * //     0.1 * averaged_model_parameter + 0.9 * model_parameter
 * // ema_model = AveragedModel(model, avg_fn=ema_avg)
 * var emaModel = new AveragedModel<>(model, Net::new,
 *         (averaged, current, numAveraged) -> averaged.mul(0.1).add(current.mul(0.9)), false);
 * swaModel.updateParameters(model);
 * }</pre>
 *
 * <p>Python copies the model with {@code copy.deepcopy}; Java cannot copy an arbitrary module, so the constructor
 * takes a factory of a module of the same architecture ({@code Net::new}), builds it without consuming the random
 * generator (its state is restored afterwards, as a deep copy draws nothing), and copies the model's parameters,
 * buffers, {@code requires_grad} flags and training mode into it.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/optim.html#stochastic-weight-averaging">torch.optim.swa_utils.AveragedModel</a>.
 *
 * @param <M> the model's type
 */
public class AveragedModel<M extends Module> extends Module {

    /**
     * Python's {@code avg_fn(averaged_model_parameter, model_parameter, num_averaged)}: the new average from the
     * current one, the model's value and {@code n_averaged} (an int64 scalar tensor). Runs without gradient.
     */
    @FunctionalInterface
    public interface AvgFn {
        /** The new averaged value. */
        Tensor apply(Tensor averagedModelParameter, Tensor modelParameter, Tensor numAveraged);
    }

    /**
     * PyTorch's default {@code avg_fn}, the running (SWA) mean:
     * {@code averaged_model_parameter + (model_parameter - averaged_model_parameter) / (num_averaged + 1)}.
     */
    public static final AvgFn SWA_MEAN = (averaged, current, numAveraged) ->
            averaged.add(current.sub(averaged).div(numAveraged.add(1)));

    /** Python's {@code self.module}: the averaged copy of the model. */
    public final M module;
    private final AvgFn avgFn;
    private final boolean useBuffers;

    /** {@code AveragedModel(model)}: the SWA running mean of the parameters. */
    public AveragedModel(M model, Supplier<? extends M> newModel) {
        this(model, newModel, null, null, false);
    }

    /** {@code AveragedModel(model, avg_fn=avg_fn, use_buffers=use_buffers)}; a null {@code avgFn} is the SWA mean. */
    public AveragedModel(M model, Supplier<? extends M> newModel, AvgFn avgFn, boolean useBuffers) {
        this(model, newModel, null, avgFn, useBuffers);
    }

    /**
     * {@code AveragedModel(model, device, avg_fn, use_buffers)}: the copy (and {@code n_averaged}) on {@code device}
     * (null: where the model is).
     */
    public AveragedModel(M model, Supplier<? extends M> newModel, Device device, AvgFn avgFn, boolean useBuffers) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(newModel, "newModel");
        this.module = registerModule("module", deepCopy(model, newModel));
        if (device != null) {
            module.to(device);
        }
        Tensor n = Torch.zeros(new long[0], DType.INT64);
        registerBuffer("n_averaged", device == null ? n : n.to(device));
        this.avgFn = avgFn == null ? SWA_MEAN : avgFn;
        this.useBuffers = useBuffers;
    }

    /** {@code copy.deepcopy(model)} for a module of the architecture {@code newModel} builds. */
    private static <M extends Module> M deepCopy(M model, Supplier<? extends M> newModel) {
        M copy;
        try (TensorScope s = new TensorScope("AveragedModel copy")) {
            Tensor rng = Torch.getRngState();
            try {
                copy = Objects.requireNonNull(newModel.get(), "newModel returned null");
            } finally {
                Torch.setRngState(rng);
            }
        }
        List<Parameter> from = model.parameters();
        List<Parameter> to = copy.parameters();
        List<Tensor> fromBuffers = model.buffers();
        List<Tensor> toBuffers = copy.buffers();
        if (from.size() != to.size() || fromBuffers.size() != toBuffers.size()) {
            throw new IllegalArgumentException("newModel built a module of another architecture: " + to.size()
                    + " parameters and " + toBuffers.size() + " buffers instead of " + from.size() + " and "
                    + fromBuffers.size());
        }
        try (TensorScope s = new TensorScope("AveragedModel copy"); var g = Torch.noGrad()) {
            for (int i = 0; i < from.size(); i++) {
                to.get(i).setData(from.get(i).detach().clone());
                to.get(i).requiresGrad_(from.get(i).requiresGrad());
            }
            for (int i = 0; i < fromBuffers.size(); i++) {
                toBuffers.get(i).setData(fromBuffers.get(i).detach().clone());
            }
        }
        List<Module> fromModules = model.modules();
        List<Module> toModules = copy.modules();
        for (int i = 0; i < Math.min(fromModules.size(), toModules.size()); i++) {
            toModules.get(i).train(fromModules.get(i).isTraining());
        }
        return copy;
    }

    /** Python's {@code forward(*args)}: the averaged copy's forward. */
    @Override
    public Tensor forward(Tensor input) {
        return module.forward(input);
    }

    /** Python's {@code self.n_averaged}: how many models were averaged (an int64 scalar buffer). */
    public Tensor nAveraged() {
        return getBuffer("n_averaged");
    }

    /** Python's {@code self.avg_fn}. */
    public AvgFn avgFn() {
        return avgFn;
    }

    /** Python's {@code self.use_buffers}. */
    public boolean useBuffers() {
        return useBuffers;
    }

    /**
     * Python's {@code update_parameters(model)}: the first call copies the model's parameters (and buffers with
     * {@code use_buffers}), later ones replace each value by {@code avg_fn(averaged, model's, n_averaged)}; then
     * {@code n_averaged += 1}.
     */
    public void updateParameters(Module model) {
        Objects.requireNonNull(model, "model");
        List<Tensor> selfParams = new ArrayList<>(useBuffers ? module.parameters() : parameters());
        List<Tensor> modelParams = new ArrayList<>(model.parameters());
        if (useBuffers) {
            selfParams.addAll(module.buffers());
            modelParams.addAll(model.buffers());
        }
        Tensor n = nAveraged();
        try (TensorScope s = new TensorScope("update_parameters"); var g = Torch.noGrad()) {
            boolean first = n.itemLong() == 0;
            for (int i = 0; i < Math.min(selfParams.size(), modelParams.size()); i++) {
                Tensor pSwa = selfParams.get(i);
                Device device = pSwa.device();
                Tensor pModel = modelParams.get(i).detach().to(device);
                if (first) {
                    pSwa.detach().copy_(pModel);
                } else {
                    pSwa.detach().copy_(avgFn.apply(pSwa.detach(), pModel, n.to(device)));
                }
            }
            n.add_(1);
        }
    }
}
