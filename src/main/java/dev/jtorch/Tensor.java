package dev.jtorch;

import dev.jtorch.internal.Native;
import dev.jtorch.internal.Ops;
import dev.jtorch.internal.TensorFormatter;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BoolPointer;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.TensorIndexVector;

/**
 * A multi-dimensional array on libtorch, mirroring {@code torch.Tensor}: the same operations under the same names in
 * Java case ({@code matmul}, {@code requiresGrad_}, {@code backward}, {@code item}), the same printing.
 *
 * <p>Memory: a tensor created inside a {@link TensorScope} is released when that scope closes unless it is
 * {@linkplain #keep() kept}; outside any scope the garbage collector frees it. Using a released tensor throws
 * {@link IllegalStateException} naming the scope that released it. A scoped tensor belongs to its scope's thread;
 * to use a tensor on another thread, {@linkplain #keep() keep} it first (see {@link TensorScope} for the exact
 * rules, which make release and use from any threads race-free). Operations that libtorch rejects throw
 * {@link TorchException} with PyTorch's message.
 *
 * <p>Python operators map to methods: {@code a + b} is {@code a.add(b)}, {@code a @ b} is {@code a.matmul(b)},
 * {@code a > 0.5} is {@code a.gt(0.5)}, {@code a[:800]} is {@code a.index(":800")}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/tensors.html">torch.Tensor</a>.
 */
public class Tensor implements AutoCloseable {
    static {
        Native.ensureLoaded();
    }

    private final org.bytedeco.pytorch.Tensor handle;
    /** Who may use {@link #handle} and when it is freed: see {@code TensorOwnership}. */
    private final TensorOwnership own;

    private Tensor(org.bytedeco.pytorch.Tensor handle) {
        TensorScope s = TensorScope.current();
        // A reference into another object (JavaCPP's @ByRef results, such as the members of a returned tuple) has no
        // deallocator: own a handle of our own, or it could outlive what it points into.
        this.handle = handle.referenceCount() < 0 ? new org.bytedeco.pytorch.Tensor(handle) : handle;
        this.own = new TensorOwnership(this.handle, s != null && this.handle.referenceCount() > 0 ? s : null);
    }

    /**
     * For subclasses such as {@code nn.Parameter}: a new tensor object on the same data as {@code data}, a leaf
     * outside every scope (it lives as long as its owner, or until the garbage collector frees it).
     */
    protected Tensor(Tensor data) {
        org.bytedeco.pytorch.Tensor d = Ops.h(data, "data");
        this.handle = Ops.call(d::detach);
        TensorScope s = TensorScope.current();
        this.own = new TensorOwnership(handle, s != null && handle.referenceCount() > 0 ? s : null);
        own.keep();
    }

    /**
     * Python's {@code tensor.data = other}: makes this tensor use other's data (its device, dtype and values) while
     * keeping its identity, as {@code Module.to(device)} does with parameters.
     */
    public void setData(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        nativeTensor();
        Ops.call(() -> {
            handle.set_data(o);
            return null;
        });
    }

    /**
     * Wraps a JavaCPP tensor (for interoperating with the raw presets). The wrapper owns the handle exactly as
     * JavaCPP does: it belongs to the innermost open scope if JavaCPP attached it to one.
     */
    public static Tensor wrap(org.bytedeco.pytorch.Tensor handle) {
        Objects.requireNonNull(handle, "handle");
        if (handle.isNull()) {
            throw new IllegalArgumentException("Cannot wrap a released or null JavaCPP tensor");
        }
        return new Tensor(handle);
    }

    /**
     * The JavaCPP tensor behind this one, for calling the raw presets. It stays owned by this tensor.
     *
     * @throws IllegalStateException if the tensor was released
     */
    public org.bytedeco.pytorch.Tensor nativeTensor() {
        own.checkUsable();
        return handle;
    }

    private Tensor op(Supplier<org.bytedeco.pytorch.Tensor> f) {
        nativeTensor();
        return Ops.tensor(f);
    }

    private Tensor inPlace(Runnable f) {
        nativeTensor();
        Ops.call(() -> {
            f.run();
            return null;
        });
        return this;
    }

    static Scalar scalar(Number n) {
        Objects.requireNonNull(n, "scalar");
        if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
            return new Scalar(n.doubleValue());
        }
        return new Scalar(n.longValue());
    }

    /**
     * A Python number as PyTorch's arithmetic sees it: a 0-dimensional "wrapped number" tensor, so that results,
     * type promotion and autograd nodes ({@code MulBackward0}) are those of {@code tensor * 2} in Python.
     */
    static org.bytedeco.pytorch.Tensor wrapped(Number n) {
        return org.bytedeco.pytorch.global.torch.wrapped_scalar_tensor(scalar(n));
    }

    // ---------------------------------------------------------------- memory

    /**
     * Keeps this tensor alive after the scope that owns it closes: it leaves the scope, and from then on the garbage
     * collector frees it once it is unreachable (or {@link #close()} does, earlier). Returns this tensor.
     */
    public Tensor keep() {
        own.keep();
        return this;
    }

    /** Called by {@link TensorScope#adopt}. */
    void adoptInto(TensorScope target) {
        own.adoptInto(target);
    }

    /** Whether the native memory of this tensor has been released (by its scope or by {@link #close()}). */
    public boolean isReleased() {
        return own.isReleased();
    }

    /**
     * This tensor as the presets' {@code std::optional<at::Tensor>} (the optional tensor arguments of ATen: a bias, a
     * class weight), for calling the raw presets. A tensor that belongs to no scope (a parameter, say) keeps the
     * handle it returns, so that a module's forward does not allocate one per call; otherwise it is a new handle in
     * the current scope. Do not close it: its owner does.
     */
    public org.bytedeco.pytorch.TensorOptional nativeOptional() {
        nativeTensor();
        org.bytedeco.pytorch.TensorOptional o = own.keptOptional();
        return o != null ? o : new org.bytedeco.pytorch.TensorOptional(handle);
    }

    /**
     * Releases this tensor's native memory now. Further use, from any thread, throws {@link IllegalStateException}.
     * When another thread has used this tensor (it was {@linkplain #keep() kept} and handed over), it is marked
     * released at once and its memory is left to the garbage collector, since that thread may still be inside a
     * native call on it (see {@code TensorOwnership}).
     *
     * @throws IllegalStateException when called on a thread other than the one whose scope owns this tensor
     */
    @Override
    public void close() {
        own.close();
    }

    // ---------------------------------------------------------------- metadata

    /** Python's {@code tensor.shape}, e.g. {@code torch.Size([800, 2])}. */
    public Size shape() {
        return new Size(Ops.call(() -> nativeTensor().sizes().vec().get()));
    }

    /** Python's {@code tensor.size()}: the same as {@link #shape()}. */
    public Size size() {
        return shape();
    }

    /** Python's {@code tensor.size(dim)}; negative dims count from the end. */
    public long size(int dim) {
        return Ops.call(() -> nativeTensor().size(dim));
    }

    /** Python's {@code tensor.dim()}. */
    public int dim() {
        return (int) nativeTensor().dim();
    }

    /** Python's {@code tensor.numel()}. */
    public long numel() {
        return nativeTensor().numel();
    }

    /** Python's {@code tensor.dtype}. */
    public DType dtype() {
        return DType.of(nativeTensor().scalar_type());
    }

    /** Python's {@code tensor.device}. */
    public Device device() {
        return Device.of(nativeTensor().device());
    }

    /** Python's {@code tensor.is_cuda}. */
    public boolean isCuda() {
        return nativeTensor().is_cuda();
    }

    // ---------------------------------------------------------------- autograd

    /** Python's {@code tensor.requires_grad}. */
    public boolean requiresGrad() {
        return nativeTensor().requires_grad();
    }

    /** Python's {@code tensor.requires_grad_(flag)}: sets the flag in place and returns this tensor. */
    public Tensor requiresGrad_(boolean requiresGrad) {
        return inPlace(() -> handle.requires_grad_(requiresGrad));
    }

    /** Python's {@code tensor.requires_grad_()}. */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    /** Python's {@code tensor.is_leaf}. */
    public boolean isLeaf() {
        return nativeTensor().is_leaf();
    }

    /** Python's {@code tensor.backward()}. */
    public void backward() {
        nativeTensor();
        Ops.call(() -> {
            handle.backward();
            return null;
        });
    }

    /** Python's {@code tensor.backward(gradient)}. */
    public void backward(Tensor gradient) {
        org.bytedeco.pytorch.Tensor g = Ops.h(gradient, "gradient");
        nativeTensor();
        Ops.call(() -> {
            handle.backward(g, new org.bytedeco.pytorch.BoolOptional(), false,
                    new org.bytedeco.pytorch.TensorArrayRefOptional());
            return null;
        });
    }

    /** Python's {@code tensor.grad}: the accumulated gradient, or null where Python says {@code None}. */
    public Tensor grad() {
        nativeTensor();
        org.bytedeco.pytorch.Tensor g = Ops.call(handle::grad);
        if (g == null || g.isNull() || !g.defined()) {
            return null;
        }
        return new Tensor(g);
    }

    /**
     * Python's {@code tensor.grad = g}; {@code null} is Python's {@code None} (what {@code zero_grad()} does by
     * default).
     */
    public void setGrad(Tensor grad) {
        nativeTensor();
        org.bytedeco.pytorch.Tensor g = grad == null ? null : Ops.h(grad, "grad");
        if (grad != null) {
            if (!grad.shape().equals(shape())) {
                throw new TorchException("assigned grad has data of a different size");
            }
            if (grad.dtype() != dtype()) {
                throw new TorchException("assigned grad has data of a different type");
            }
            if (!grad.device().equals(device())) {
                throw new TorchException("assigned grad has data located on a different device");
            }
        }
        Ops.call(() -> {
            if (g == null) {
                handle.mutable_grad().reset();
            } else {
                handle.mutable_grad().put(g);
            }
            return null;
        });
    }

    /** The name of {@code tensor.grad_fn} (e.g. {@code AddBackward0}), or null for leaves. */
    public String gradFnName() {
        nativeTensor();
        Node n = handle.grad_fn();
        if (n == null || n.isNull()) {
            return null;
        }
        String name = n.name().getString();
        int cut = name.lastIndexOf("::");
        return cut >= 0 ? name.substring(cut + 2) : name;
    }

    /** Python's {@code tensor.detach()}: the same data, cut from the graph. */
    public Tensor detach() {
        return op(handle::detach);
    }

    /** Python's {@code tensor.data}: the same data without autograd history (an alias, like {@link #detach()}). */
    public Tensor data() {
        return detach();
    }

    /** Python's {@code tensor.clone()}. */
    public Tensor clone() {
        return op(handle::clone);
    }

    // ---------------------------------------------------------------- conversion

    /** Python's {@code tensor.to(dtype)}. */
    public Tensor to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        return op(() -> handle.to(dtype.scalarType()));
    }

    /** Python's {@code tensor.to(device)}. */
    public Tensor to(Device device) {
        return to(device, false);
    }

    /** Python's {@code tensor.to(device, non_blocking=...)}. */
    public Tensor to(Device device, boolean nonBlocking) {
        Objects.requireNonNull(device, "device");
        return op(() -> handle.to(device.toNative(), handle.scalar_type(), nonBlocking, false,
                new org.bytedeco.pytorch.MemoryFormatOptional()));
    }

    /** Python's {@code tensor.to(device, dtype)}. */
    public Tensor to(Device device, DType dtype) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(dtype, "dtype");
        return op(() -> handle.to(device.toNative(), dtype.scalarType()));
    }

    /** Python's {@code tensor.cpu()}. */
    public Tensor cpu() {
        return to(Device.CPU);
    }

    /** Python's {@code tensor.cuda()}. */
    public Tensor cuda() {
        return to(Device.cuda());
    }

    /** Python's {@code tensor.float()} (a Java keyword, hence the name). */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** Python's {@code tensor.double()}. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** Python's {@code tensor.long()}. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** Python's {@code tensor.int()}. */
    public Tensor toInt() {
        return to(DType.INT32);
    }

    /** Python's {@code tensor.bool()}. */
    public Tensor toBool() {
        return to(DType.BOOL);
    }

    /** Python's {@code tensor.half()}. */
    public Tensor toHalf() {
        return to(DType.FLOAT16);
    }

    /** Python's {@code tensor.pin_memory()}: a copy in page-locked memory (needs CUDA). */
    public Tensor pinMemory() {
        return op(() -> handle.pin_memory(new org.bytedeco.pytorch.DeviceOptional()));
    }

    /** Python's {@code tensor.is_pinned()}. */
    public boolean isPinned() {
        nativeTensor();
        return Ops.call(() -> handle.is_pinned(new org.bytedeco.pytorch.DeviceOptional()));
    }

    /** Python's {@code tensor.contiguous()}. */
    public Tensor contiguous() {
        return op(handle::contiguous);
    }

    /** Python's {@code tensor.item()} as a double (exact for every float32 and float64 value). */
    public double item() {
        checkOneElement();
        return Ops.call(() -> handle.item_double());
    }

    /** Python's {@code tensor.item()} for integer tensors. */
    public long itemLong() {
        checkOneElement();
        return Ops.call(() -> handle.item_long());
    }

    /** Python's {@code tensor.item()} for bool tensors. */
    public boolean itemBool() {
        checkOneElement();
        return Ops.call(() -> handle.item_bool());
    }

    private void checkOneElement() {
        long n = numel();
        if (n != 1) {
            throw new TorchException("a Tensor with " + n + " elements cannot be converted to Scalar");
        }
    }

    private org.bytedeco.pytorch.Tensor cpuContiguous(DType as) {
        org.bytedeco.pytorch.Tensor t = nativeTensor();
        return Ops.call(() -> t.to(Device.CPU.toNative(), as.scalarType()).contiguous());
    }

    /** The elements in row-major order as float32 values (Python's {@code tensor.flatten().tolist()}). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(numel())];
        try (TensorScope s = new TensorScope("toFloatArray")) {
            if (out.length > 0) {
                cpuContiguous(DType.FLOAT32).data_ptr_float().get(out);
            }
        }
        return out;
    }

    /** The elements in row-major order as float64 values. */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(numel())];
        try (TensorScope s = new TensorScope("toDoubleArray")) {
            if (out.length > 0) {
                cpuContiguous(DType.FLOAT64).data_ptr_double().get(out);
            }
        }
        return out;
    }

    /** The elements in row-major order as int64 values. */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(numel())];
        try (TensorScope s = new TensorScope("toLongArray")) {
            if (out.length > 0) {
                cpuContiguous(DType.INT64).data_ptr_long().get(out);
            }
        }
        return out;
    }

    /** The elements in row-major order as int32 values. */
    public int[] toIntArray() {
        int[] out = new int[Math.toIntExact(numel())];
        try (TensorScope s = new TensorScope("toIntArray")) {
            if (out.length > 0) {
                cpuContiguous(DType.INT32).data_ptr_int().get(out);
            }
        }
        return out;
    }

    /** The elements in row-major order as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        int n = Math.toIntExact(numel());
        boolean[] out = new boolean[n];
        try (TensorScope s = new TensorScope("toBooleanArray")) {
            BoolPointer p = n > 0 ? cpuContiguous(DType.BOOL).data_ptr_bool() : null;
            for (int i = 0; i < n; i++) {
                out[i] = p.get(i);
            }
        }
        return out;
    }

    /** A 2-D tensor's rows as float64 arrays. */
    public double[][] toDoubleArray2d() {
        if (dim() != 2) {
            throw new IllegalArgumentException("toDoubleArray2d needs a 2-D tensor, got " + shape());
        }
        int rows = (int) size(0);
        int cols = (int) size(1);
        double[] flat = toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    // ---------------------------------------------------------------- arithmetic

    /** Python's {@code self + other}. */
    public Tensor add(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.add(o));
    }

    /** Python's {@code self + other} for a number. */
    public Tensor add(Number other) {
        return op(() -> handle.add(wrapped(other)));
    }

    /** Python's {@code torch.add(self, other, alpha=alpha)}. */
    public Tensor add(Tensor other, Number alpha) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.add(o, scalar(alpha)));
    }

    /** Python's {@code self - other}. */
    public Tensor sub(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.sub(o));
    }

    /** Python's {@code self - other} for a number. */
    public Tensor sub(Number other) {
        return op(() -> handle.sub(wrapped(other)));
    }

    /** Python's {@code other - self} for a number ({@code torch.rsub}). */
    public Tensor rsub(Number other) {
        return op(() -> org.bytedeco.pytorch.global.torch.rsub(handle, scalar(other)));
    }

    /** Python's {@code self * other}. */
    public Tensor mul(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.mul(o));
    }

    /** Python's {@code self * other} for a number. */
    public Tensor mul(Number other) {
        return op(() -> handle.mul(wrapped(other)));
    }

    /** Python's {@code self / other} (true division). */
    public Tensor div(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.div(o));
    }

    /** Python's {@code self / other} for a number (true division). */
    public Tensor div(Number other) {
        return op(() -> handle.div(wrapped(other)));
    }

    /** Python's {@code self % other} for a number ({@code torch.remainder}: the sign of the divisor). */
    public Tensor remainder(Number other) {
        return op(() -> handle.remainder(scalar(other)));
    }

    /** Python's {@code self ** exponent}. */
    public Tensor pow(Number exponent) {
        return op(() -> handle.pow(scalar(exponent)));
    }

    /** Python's {@code self ** exponent} for a tensor exponent. */
    public Tensor pow(Tensor exponent) {
        org.bytedeco.pytorch.Tensor o = Ops.h(exponent, "exponent");
        return op(() -> handle.pow(o));
    }

    /** Python's {@code -self}. */
    public Tensor neg() {
        return op(handle::neg);
    }

    /** Python's {@code self @ other}. */
    public Tensor matmul(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.matmul(o));
    }

    /** Python's {@code tensor.mm(other)}. */
    public Tensor mm(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.mm(o));
    }

    /** Python's {@code tensor.abs()}. */
    public Tensor abs() {
        return op(handle::abs);
    }

    /** Python's {@code tensor.exp()}. */
    public Tensor exp() {
        return op(handle::exp);
    }

    /** Python's {@code tensor.log()}. */
    public Tensor log() {
        return op(handle::log);
    }

    /** Python's {@code tensor.sqrt()}. */
    public Tensor sqrt() {
        return op(handle::sqrt);
    }

    /** Python's {@code tensor.clamp(min, max)}; either bound may be null. */
    public Tensor clamp(Number min, Number max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("At least one of 'min' or 'max' must not be None");
        }
        return op(() -> handle.clamp(
                min == null ? new org.bytedeco.pytorch.ScalarOptional() : new org.bytedeco.pytorch.ScalarOptional(scalar(min)),
                max == null ? new org.bytedeco.pytorch.ScalarOptional() : new org.bytedeco.pytorch.ScalarOptional(scalar(max))));
    }

    /** Python's {@code tensor.norm(p)}: the p-norm of all elements ({@code Double.POSITIVE_INFINITY} for max). */
    public Tensor norm(double p) {
        return op(() -> handle.norm(new Scalar(p)));
    }

    /** Python's {@code tensor.reciprocal()}. */
    public Tensor reciprocal() {
        return op(handle::reciprocal);
    }

    /** Python's {@code tensor.isfinite()}. */
    public Tensor isfinite() {
        return op(handle::isfinite);
    }

    /** Python's {@code tensor.all()}. */
    public Tensor all() {
        return op(handle::all);
    }

    /** Python's {@code tensor.any()}. */
    public Tensor any() {
        return op(handle::any);
    }

    /** Python's {@code tensor.clamp_(min, max)}; either bound may be null. */
    public Tensor clamp_(Number min, Number max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("At least one of 'min' or 'max' must not be None");
        }
        return inPlace(() -> handle.clamp_(
                min == null ? new org.bytedeco.pytorch.ScalarOptional() : new org.bytedeco.pytorch.ScalarOptional(scalar(min)),
                max == null ? new org.bytedeco.pytorch.ScalarOptional() : new org.bytedeco.pytorch.ScalarOptional(scalar(max))));
    }

    /** Python's {@code tensor.add_(other)}. */
    public Tensor add_(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return inPlace(() -> handle.add_(o));
    }

    /** Python's {@code tensor.add_(number)}. */
    public Tensor add_(Number other) {
        return inPlace(() -> handle.add_(wrapped(other)));
    }

    /** Python's {@code tensor.sub_(other)}. */
    public Tensor sub_(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return inPlace(() -> handle.sub_(o));
    }

    /** Python's {@code tensor.mul_(number)}. */
    public Tensor mul_(Number other) {
        return inPlace(() -> handle.mul_(wrapped(other)));
    }

    /** Python's {@code tensor.mul_(other)}. */
    public Tensor mul_(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return inPlace(() -> handle.mul_(o));
    }

    /** Python's {@code tensor.div_(number)}. */
    public Tensor div_(Number other) {
        return inPlace(() -> handle.div_(wrapped(other)));
    }

    /** Python's {@code tensor.zero_()}. */
    public Tensor zero_() {
        return inPlace(handle::zero_);
    }

    /** Python's {@code tensor.fill_(value)}. */
    public Tensor fill_(Number value) {
        return inPlace(() -> handle.fill_(scalar(value)));
    }

    /** Python's {@code tensor.uniform_(from, to)}: fills with uniform samples from the default generator. */
    public Tensor uniform_(double from, double to) {
        return inPlace(() -> handle.uniform_(from, to, defaultGenerator()));
    }

    /** Python's {@code tensor.normal_(mean, std)}. */
    public Tensor normal_(double mean, double std) {
        return inPlace(() -> handle.normal_(mean, std, defaultGenerator()));
    }

    /** The default generator for this tensor's in-place sampling: a worker thread's own for a CPU tensor. */
    private org.bytedeco.pytorch.GeneratorOptional defaultGenerator() {
        return handle.is_cpu() ? Generator.optional(null) : new org.bytedeco.pytorch.GeneratorOptional();
    }

    /** Python's {@code tensor.copy_(src)}. */
    public Tensor copy_(Tensor src) {
        org.bytedeco.pytorch.Tensor o = Ops.h(src, "src");
        return inPlace(() -> handle.copy_(o));
    }

    // ---------------------------------------------------------------- comparison

    /** Python's {@code self > other}. */
    public Tensor gt(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.gt(o));
    }

    /** Python's {@code self > number}. */
    public Tensor gt(Number other) {
        return op(() -> handle.gt(scalar(other)));
    }

    /** Python's {@code self >= other}. */
    public Tensor ge(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.ge(o));
    }

    /** Python's {@code self >= number}. */
    public Tensor ge(Number other) {
        return op(() -> handle.ge(scalar(other)));
    }

    /** Python's {@code self < other}. */
    public Tensor lt(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.lt(o));
    }

    /** Python's {@code self < number}. */
    public Tensor lt(Number other) {
        return op(() -> handle.lt(scalar(other)));
    }

    /** Python's {@code self <= other}. */
    public Tensor le(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.le(o));
    }

    /** Python's {@code self <= number}. */
    public Tensor le(Number other) {
        return op(() -> handle.le(scalar(other)));
    }

    /** Python's {@code self == other} (elementwise). */
    public Tensor eq(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.eq(o));
    }

    /** Python's {@code self == number} (elementwise). */
    public Tensor eq(Number other) {
        return op(() -> handle.eq(scalar(other)));
    }

    /** Python's {@code self != other} (elementwise). */
    public Tensor ne(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.ne(o));
    }

    /** Python's {@code self != number} (elementwise). */
    public Tensor ne(Number other) {
        return op(() -> handle.ne(scalar(other)));
    }

    /** Python's {@code torch.equal(self, other)}: same shape and elements. */
    public boolean equal(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        nativeTensor();
        return Ops.call(() -> handle.equal(o));
    }

    /** Python's {@code torch.allclose(self, other, rtol, atol)}. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        nativeTensor();
        return Ops.call(() -> handle.allclose(o, rtol, atol, false));
    }

    /** Python's {@code torch.allclose(self, other)} with rtol 1e-5 and atol 1e-8. */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /** Python's {@code ~self} for bool tensors ({@code logical_not}). */
    public Tensor logicalNot() {
        return op(handle::logical_not);
    }

    /** Python's {@code self & other} for bool tensors ({@code logical_and}). */
    public Tensor logicalAnd(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.logical_and(o));
    }

    // ---------------------------------------------------------------- activations

    /** Python's {@code torch.sigmoid(self)}. */
    public Tensor sigmoid() {
        return op(handle::sigmoid);
    }

    /** Python's {@code torch.relu(self)}. */
    public Tensor relu() {
        return op(handle::relu);
    }

    /** Python's {@code torch.tanh(self)}. */
    public Tensor tanh() {
        return op(handle::tanh);
    }

    /** Python's {@code torch.softmax(self, dim)}. */
    public Tensor softmax(long dim) {
        return op(() -> handle.softmax(dim));
    }

    /** Python's {@code torch.log_softmax(self, dim)}. */
    public Tensor logSoftmax(long dim) {
        return op(() -> handle.log_softmax(dim));
    }

    // ---------------------------------------------------------------- reductions

    /** Python's {@code tensor.sum()}. */
    public Tensor sum() {
        return op(handle::sum);
    }

    /** Python's {@code tensor.sum(dim, keepdim)}. */
    public Tensor sum(long dim, boolean keepdim) {
        return op(() -> handle.sum(new long[] {dim}, keepdim, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    /** Python's {@code tensor.sum(dim)}. */
    public Tensor sum(long dim) {
        return sum(dim, false);
    }

    /** Python's {@code tensor.mean()}. */
    public Tensor mean() {
        return op(handle::mean);
    }

    /** Python's {@code tensor.mean(dim, keepdim)}. */
    public Tensor mean(long dim, boolean keepdim) {
        return op(() -> handle.mean(new long[] {dim}, keepdim, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    /** Python's {@code tensor.mean(dim)}. */
    public Tensor mean(long dim) {
        return mean(dim, false);
    }

    /** Python's {@code tensor.std()}: the sample standard deviation (Bessel's correction), as PyTorch. */
    public Tensor std() {
        return op(handle::std);
    }

    /** Python's {@code tensor.std(dim, unbiased, keepdim)}. */
    public Tensor std(long dim, boolean unbiased, boolean keepdim) {
        return op(() -> handle.std(new long[] {dim}, unbiased, keepdim));
    }

    /** Python's {@code tensor.std(dim)} (unbiased). */
    public Tensor std(long dim) {
        return std(dim, true, false);
    }

    /** Python's {@code tensor.max()}: the largest element. */
    public Tensor max() {
        return op(handle::max);
    }

    /** Python's {@code tensor.max(dim)}: values and indices along {@code dim}. */
    public ValuesIndices max(long dim) {
        return max(dim, false);
    }

    /** Python's {@code tensor.max(dim, keepdim)}. */
    public ValuesIndices max(long dim, boolean keepdim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.max(dim, keepdim)));
    }

    /** Python's {@code tensor.min()}. */
    public Tensor min() {
        return op(handle::min);
    }

    /** Python's {@code tensor.min(dim)}. */
    public ValuesIndices min(long dim) {
        return min(dim, false);
    }

    /** Python's {@code tensor.min(dim, keepdim)}. */
    public ValuesIndices min(long dim, boolean keepdim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.min(dim, keepdim)));
    }

    private static ValuesIndices pair(T_TensorTensor_T t) {
        return new ValuesIndices(new Tensor(t.get0()), new Tensor(t.get1()));
    }

    /** Python's {@code tensor.argmax()}: the index into the flattened tensor. */
    public Tensor argmax() {
        return op(handle::argmax);
    }

    /** Python's {@code tensor.argmax(dim)}. */
    public Tensor argmax(long dim) {
        return argmax(dim, false);
    }

    /** Python's {@code tensor.argmax(dim, keepdim)}. */
    public Tensor argmax(long dim, boolean keepdim) {
        return op(() -> handle.argmax(new LongOptional(dim), keepdim));
    }

    // ---------------------------------------------------------------- shape

    /** Python's {@code tensor.view(*shape)}; one dimension may be -1. */
    public Tensor view(long... shape) {
        Objects.requireNonNull(shape, "shape");
        return op(() -> handle.view(shape));
    }

    /** Python's {@code tensor.reshape(*shape)}; one dimension may be -1. */
    public Tensor reshape(long... shape) {
        Objects.requireNonNull(shape, "shape");
        return op(() -> handle.reshape(shape));
    }

    /** Python's {@code tensor.squeeze()}. */
    public Tensor squeeze() {
        return op(handle::squeeze);
    }

    /** Python's {@code tensor.squeeze(dim)}. */
    public Tensor squeeze(long dim) {
        return op(() -> handle.squeeze(dim));
    }

    /** Python's {@code tensor.unsqueeze(dim)}. */
    public Tensor unsqueeze(long dim) {
        return op(() -> handle.unsqueeze(dim));
    }

    /** Python's {@code tensor.flatten()}. */
    public Tensor flatten() {
        return op(handle::flatten);
    }

    /** Python's {@code tensor.flatten(start_dim, end_dim)}. */
    public Tensor flatten(long startDim, long endDim) {
        return op(() -> handle.flatten(startDim, endDim));
    }

    /** Python's {@code tensor.t()}. */
    public Tensor t() {
        return op(handle::t);
    }

    /** Python's {@code tensor.transpose(dim0, dim1)}. */
    public Tensor transpose(long dim0, long dim1) {
        return op(() -> handle.transpose(dim0, dim1));
    }

    /** Python's {@code tensor.permute(*dims)}. */
    public Tensor permute(long... dims) {
        Objects.requireNonNull(dims, "dims");
        return op(() -> handle.permute(dims));
    }

    // ---------------------------------------------------------------- indexing

    /**
     * Python's {@code tensor[...]}. Each index is an {@link Integer} or {@link Long} (selects and drops the
     * dimension), a {@link Slice}, a {@link Tensor} (integer or boolean index tensor), or {@link #ELLIPSIS}:
     * {@code X[:800]} is {@code X.index(Slice.to(800))}, {@code X[:, 0]} is {@code X.index(Slice.all(), 0)},
     * {@code X[idx]} is {@code X.index(idx)}.
     */
    public Tensor index(Object... indices) {
        Objects.requireNonNull(indices, "indices");
        nativeTensor();
        return Ops.tensor(() -> {
            TensorIndexVector v = toIndexVector(indices);
            return handle.index(v);
        });
    }

    /**
     * Python's indexing written as Python writes it: {@code X.index(":800")}, {@code X.index(":, 0")},
     * {@code X.index("1:-1, ..., 2")}.
     */
    public Tensor index(String pythonIndex) {
        return index(parseIndex(pythonIndex));
    }

    /** Python's {@code tensor[indices] = value}. */
    public Tensor indexPut_(Object[] indices, Tensor value) {
        org.bytedeco.pytorch.Tensor v = Ops.h(value, "value");
        Objects.requireNonNull(indices, "indices");
        return inPlace(() -> handle.index_put_(toIndexVector(indices), v));
    }

    /** Python's {@code tensor[indices] = number}. */
    public Tensor indexPut_(Object[] indices, Number value) {
        Objects.requireNonNull(indices, "indices");
        return inPlace(() -> handle.index_put_(toIndexVector(indices), scalar(value)));
    }

    /** Python's {@code tensor[...] = value} with a Python index expression. */
    public Tensor indexPut_(String pythonIndex, Tensor value) {
        return indexPut_(parseIndex(pythonIndex), value);
    }

    /** Python's {@code tensor[...] = number} with a Python index expression. */
    public Tensor indexPut_(String pythonIndex, Number value) {
        return indexPut_(parseIndex(pythonIndex), value);
    }

    /** Python's {@code ...} in an index. */
    public static final Object ELLIPSIS = new Object() {
        @Override
        public String toString() {
            return "...";
        }
    };

    private static Object[] parseIndex(String text) {
        Objects.requireNonNull(text, "index");
        String[] parts = text.split(",", -1);
        Object[] out = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.equals("...")) {
                out[i] = ELLIPSIS;
            } else if (p.contains(":")) {
                out[i] = Slice.parse(p);
            } else {
                try {
                    out[i] = Long.parseLong(p);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not a Python index: '" + text + "'", e);
                }
            }
        }
        return out;
    }

    private static TensorIndexVector toIndexVector(Object[] indices) {
        TensorIndex[] out = new TensorIndex[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Object o = indices[i];
            if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
                out[i] = new TensorIndex(((Number) o).longValue());
            } else if (o instanceof Slice s) {
                out[i] = new TensorIndex(s.toNative());
            } else if (o instanceof Tensor t) {
                out[i] = new TensorIndex(Ops.h(t, "t"));
            } else if (o == ELLIPSIS) {
                out[i] = new TensorIndex("...");
            } else {
                throw new IllegalArgumentException("Unsupported index " + o
                        + ": use an integer, a Slice, a Tensor or Tensor.ELLIPSIS");
            }
        }
        return new TensorIndexVector(out);
    }

    /** Python's {@code tensor.select(dim, index)}. */
    public Tensor select(long dim, long index) {
        return op(() -> handle.select(dim, index));
    }

    /** Python's {@code tensor.narrow(dim, start, length)}. */
    public Tensor narrow(long dim, long start, long length) {
        return op(() -> handle.narrow(dim, start, length));
    }

    /** Python's {@code tensor.index_select(dim, index)}. */
    public Tensor indexSelect(long dim, Tensor index) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        return op(() -> handle.index_select(dim, i));
    }

    // ---------------------------------------------------------------- printing

    /** Python's {@code str(tensor)}, character for character for the common cases. */
    @Override
    public String toString() {
        if (own.isReleased()) {
            return "tensor(<released>)";
        }
        TensorScope owner = own.scope();
        if (owner != null && !owner.isOwnedByCurrentThread()) {
            return "tensor(<belongs to TensorScope '" + owner.name() + "' of thread " + owner.ownerName() + ">)";
        }
        try (TensorScope s = new TensorScope("toString")) {
            return TensorFormatter.format(this);
        }
    }
}
