package dev.jtorch.distributed;

import dev.jtorch.internal.Ops;
import java.util.function.Supplier;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Store;

/**
 * Makes c10d's {@code ProcessGroupNCCL}. Its natives ({@code libjnitorch_nccl.so}) come only with the CUDA build of
 * the presets ({@code mvn -Pgpu}); without them this says so instead of failing to link. The classes are touched
 * only here, so a CPU-only process never loads them.
 */
final class NcclBackend {
    private NcclBackend() {}

    /**
     * Everything NCCL needs but the store (this may fail, leaving the store to the caller), then the constructor,
     * which takes the store over (see {@link ProcessGroupFactory}).
     */
    static Supplier<org.bytedeco.pytorch.Backend> constructor(Store store, int rank, int size, Milliseconds timeout) {
        if (!available()) {
            throw unavailable();
        }
        var options = org.bytedeco.pytorch.nccl.ProcessGroupNCCL.Options.create();
        options.timeout(timeout);
        return () -> Ops.unscoped(new org.bytedeco.pytorch.nccl.ProcessGroupNCCL(store, rank, size, options));
    }

    static IllegalStateException unavailable() {
        return new IllegalStateException("Distributed package doesn't have NCCL built in: the NCCL backend needs "
                + "libtorch's CUDA natives (build with -Pgpu) and an NVIDIA GPU; use Backend.GLOO on CPUs");
    }

    /** Python's {@code torch.distributed.is_nccl_available()}: whether NCCL's natives load in this process. */
    static boolean available() {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.pytorch.global.torch_nccl.class);
            return true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
