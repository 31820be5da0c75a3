package dev.jtorch.internal;

import dev.jtorch.Tensor;
import dev.jtorch.TorchException;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.pytorch.TensorOptional;

/** Native-call helpers shared by jtorch's packages: error translation and wrapping of results. */
public final class Ops {
    private Ops() {}

    /** Runs a native call, turning libtorch errors into {@link TorchException}. */
    public static <T> T call(Supplier<T> f) {
        try {
            return f.get();
        } catch (TorchException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }

    /** Runs a native call that makes a new tensor and wraps it (in the current scope). */
    public static Tensor tensor(Supplier<org.bytedeco.pytorch.Tensor> f) {
        return Tensor.wrap(call(f));
    }

    /** The native handle of a non-null, live tensor. */
    public static org.bytedeco.pytorch.Tensor h(Tensor t, String name) {
        Objects.requireNonNull(t, name);
        return t.nativeTensor();
    }

    /** An optional native tensor: empty for null. */
    public static TensorOptional opt(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(t.nativeTensor());
    }
}
