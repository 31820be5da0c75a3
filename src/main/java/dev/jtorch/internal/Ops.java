package dev.jtorch.internal;

import dev.jtorch.Tensor;
import dev.jtorch.TorchException;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
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

    /** The empty optional, shared: ATen only reads its optional arguments. */
    private static final TensorOptional NONE = unscoped(new TensorOptional());

    /** An optional native tensor: empty for null (see {@link Tensor#nativeOptional()}). */
    public static TensorOptional opt(Tensor t) {
        return t == null ? NONE : t.nativeOptional();
    }

    /**
     * Takes a new native object out of the innermost JavaCPP scope, for an owner that keeps it across scopes: from
     * then on the owner, or the garbage collector, frees it.
     */
    public static <P extends Pointer> P unscoped(P p) {
        PointerScope inner = PointerScope.getInnerScope();
        if (inner != null && p.referenceCount() > 0) {
            p.retainReference();
            inner.detach(p);
        }
        return p;
    }
}
