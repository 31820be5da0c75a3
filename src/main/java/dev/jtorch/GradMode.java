package dev.jtorch;

import dev.jtorch.internal.Native;

/**
 * A try-with-resources switch of autograd, mirroring {@code torch.no_grad()}, {@code torch.enable_grad()} and
 * {@code torch.set_grad_enabled(mode)}: closing it restores the mode that was in force when it was opened.
 * Grad mode is per thread, as in PyTorch, so close it on the thread that opened it.
 *
 * <pre>{@code
 * try (var g = Torch.noGrad()) {
 *     outputs = model.forward(inputs);
 * }
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.no_grad.html">torch.no_grad</a>,
 * <a href="https://pytorch.org/docs/stable/generated/torch.enable_grad.html">torch.enable_grad</a> and
 * <a href="https://pytorch.org/docs/stable/generated/torch.set_grad_enabled.html">torch.set_grad_enabled</a>.
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;
    private final Thread owner;
    private boolean closed;

    GradMode(boolean enabled) {
        Native.ensureLoaded();
        this.previous = org.bytedeco.pytorch.GradMode.is_enabled();
        this.owner = Thread.currentThread();
        org.bytedeco.pytorch.GradMode.set_enabled(enabled);
    }

    /** Python's {@code torch.is_grad_enabled()}. */
    public static boolean isEnabled() {
        Native.ensureLoaded();
        return org.bytedeco.pytorch.GradMode.is_enabled();
    }

    /** Restores the previous grad mode. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Grad mode is per thread: close it on " + owner.getName());
        }
        closed = true;
        org.bytedeco.pytorch.GradMode.set_enabled(previous);
    }
}
