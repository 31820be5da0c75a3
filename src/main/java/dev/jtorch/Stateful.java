package dev.jtorch;

import java.util.Map;

/**
 * An object whose state is a Python-shaped dict, saved and restored as a whole: optimizers, LR schedulers,
 * {@code GradScaler}. Mirrors PyTorch's {@code Stateful} protocol ({@code torch.distributed.checkpoint.stateful}:
 * {@code state_dict()} and {@code load_state_dict(state_dict)}), so that a checkpoint stores any of them the same way
 * ({@code Checkpoint.put(key, stateful)}, {@code Checkpoint.restore(key, stateful)}).
 *
 * <p>Modules are not {@code Stateful} in this sense: their state dict maps names to tensors and their
 * {@code loadStateDict} reports missing and unexpected keys, as {@code nn.Module.load_state_dict} does.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/distributed.checkpoint.html#torch.distributed.checkpoint.stateful.Stateful">torch.distributed.checkpoint.stateful.Stateful</a>.
 */
public interface Stateful {
    /** Python's {@code state_dict()}: the state as a dict of Python-compatible values. */
    Map<String, Object> stateDict();

    /** Python's {@code load_state_dict(state_dict)}: replaces the state with {@code stateDict}'s. */
    void loadStateDict(Map<String, ?> stateDict);
}
