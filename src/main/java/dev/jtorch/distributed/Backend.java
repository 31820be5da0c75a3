package dev.jtorch.distributed;

import dev.jtorch.PyEnum;

/**
 * A communication backend, mirroring {@code torch.distributed.Backend}: {@link #GLOO} for CPU tensors (and CPU
 * training on any number of machines), {@link #NCCL} for CUDA tensors. {@link #toString()} is PyTorch's name.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.Backend">torch.distributed.Backend</a>.
 */
public enum Backend implements PyEnum {
    /** {@code "gloo"}: Facebook's collective library over TCP, for CPU tensors; always available on Linux x86-64. */
    GLOO("gloo"),
    /** {@code "nccl"}: NVIDIA's collective library, for CUDA tensors; needs the CUDA natives ({@code -Pgpu}). */
    NCCL("nccl");

    private final String pythonName;

    Backend(String pythonName) {
        this.pythonName = pythonName;
    }

    /** PyTorch's name of the backend, e.g. {@code gloo}. */
    @Override
    public String pythonName() {
        return pythonName;
    }

    /** The same as {@link #pythonName()}. */
    @Override
    public String toString() {
        return pythonName;
    }
}
