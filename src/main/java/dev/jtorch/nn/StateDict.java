package dev.jtorch.nn;

import dev.jtorch.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module's state dict, mirroring what {@code model.state_dict()} returns (an {@code OrderedDict} of parameter and
 * buffer names to tensors): {@code Torch.save(model.stateDict(), path)} writes an {@code OrderedDict}, as
 * {@code torch.save(model.state_dict(), PATH)} does, so Python's {@code load_state_dict} reads it unchanged.
 *
 * <p>Mirrors what
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.state_dict">torch.nn.Module.state_dict</a>
 * returns.
 */
public final class StateDict extends LinkedHashMap<String, Tensor> {
    private static final long serialVersionUID = 1L;

    /** An empty state dict. */
    public StateDict() {}

    /** A state dict with the entries of {@code m}, in its order. */
    public StateDict(Map<String, ? extends Tensor> m) {
        super(m);
    }
}
