package dev.jtorch.optim.swa;

import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.nn.BatchNormBase;
import dev.jtorch.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions of {@code torch.optim.swa_utils}: {@link #updateBn}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/optim.html#stochastic-weight-averaging">torch.optim.swa_utils.update_bn</a>.
 */
public final class SwaUtils {
    private SwaUtils() {}

    /** {@code update_bn(loader, model)}. */
    public static void updateBn(Iterable<?> loader, Module model) {
        updateBn(loader, model, null);
    }

    /**
     * {@code torch.optim.swa_utils.update_bn(loader, model, device=None)}: recomputes every batch norm's running
     * statistics with one pass over {@code loader} in training mode, as a cumulative average (momentum None), then
     * restores the momenta and the training mode. An element of the loader is a {@link Batch}, a list of tensors
     * (its first is the input) or a tensor. Without gradient.
     */
    public static void updateBn(Iterable<?> loader, Module model, Device device) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(model, "model");
        Map<BatchNormBase, Double> momenta = new LinkedHashMap<>();
        try (var g = Torch.noGrad()) {
            for (Module m : model.modules()) {
                if (m instanceof BatchNormBase bn) {
                    if (bn.runningMean() == null || bn.runningVar() == null) {
                        throw new IllegalArgumentException("update_bn needs running statistics; " + bn.getName()
                                + " does not track them (PyTorch fails on its None running_mean too)");
                    }
                    // module.running_mean = torch.zeros_like(...); module.running_var = torch.ones_like(...)
                    bn.runningMean().zero_();
                    bn.runningVar().fill_(1);
                    momenta.put(bn, bn.momentum());
                }
            }
            if (momenta.isEmpty()) {
                return;
            }
            boolean wasTraining = model.isTraining();
            model.train();
            for (BatchNormBase bn : momenta.keySet()) {
                bn.momentum((Double) null);
                // module.num_batches_tracked *= 0
                bn.numBatchesTracked().mul_(0);
            }
            for (Object item : loader) {
                try (TensorScope s = new TensorScope("update_bn")) {
                    Tensor input;
                    if (item instanceof Batch b) {
                        input = b.get(0);
                    } else if (item instanceof List<?> l) {
                        input = (Tensor) l.get(0);
                    } else if (item instanceof Tensor t) {
                        input = t;
                    } else {
                        throw new IllegalArgumentException("update_bn: a loader element must be a Batch, a list of "
                                + "tensors or a tensor, got " + item);
                    }
                    if (device != null) {
                        input = input.to(device);
                    }
                    model.forward(input);
                }
            }
            for (Map.Entry<BatchNormBase, Double> e : momenta.entrySet()) {
                e.getKey().momentum(e.getValue());
            }
            model.train(wasTraining);
        }
    }
}
