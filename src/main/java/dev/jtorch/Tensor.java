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
        if (gradFnAlias != null && n.address() == gradFnAliasNode) {
            return gradFnAlias;
        }
        String name = n.name().getString();
        int cut = name.lastIndexOf("::");
        return cut >= 0 ? name.substring(cut + 2) : name;
    }

    /**
     * Python 1.13's name of this tensor's autograd node where libtorch 2.10 builds the same result from other
     * kernels ({@code diag} from {@code diagonal}/{@code diag_embed}, {@code quantile}, {@code repeat_interleave}); it
     * applies while {@code grad_fn} is that node.
     */
    private volatile String gradFnAlias;
    private volatile long gradFnAliasNode;

    private Tensor withGradFnName(String pythonName) {
        Node n = handle.grad_fn();
        if (n != null && !n.isNull()) {
            gradFnAliasNode = n.address();
            gradFnAlias = pythonName;
        }
        return this;
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
        // Python 1.13's torch.norm passes every dimension (torch/functional.py): the norm(p, dim) kernel, whose
        // grad_fn is NormBackward1 (handle.norm(p) alone would be NormBackward0).
        return norm(p, allDims(), false);
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

    // ---------------------------------------------------------------- more methods (jtorch issue 18)
    // Random sampling with generators, variance, NaN handling, norms and the cheap one-liners over libtorch that a
    // review of torch.Tensor's most-used methods found missing (docs/tensor-methods.md).

    private static org.bytedeco.pytorch.ScalarOptional optScalar(Number n) {
        return n == null ? new org.bytedeco.pytorch.ScalarOptional()
                : new org.bytedeco.pytorch.ScalarOptional(scalar(n));
    }

    private static org.bytedeco.pytorch.DoubleOptional optDouble(Double d) {
        return d == null ? new org.bytedeco.pytorch.DoubleOptional() : new org.bytedeco.pytorch.DoubleOptional(d);
    }

    private static java.util.List<Tensor> list(org.bytedeco.pytorch.TensorVector v) {
        java.util.List<Tensor> out = new java.util.ArrayList<>((int) v.size());
        for (long i = 0; i < v.size(); i++) {
            out.add(new Tensor(v.get(i)));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static long[] dims(long[] dim) {
        return Objects.requireNonNull(dim, "dim");
    }

    /** Every dimension of this tensor, as Python's {@code torch.norm} passes them ({@code range(ndim)}). */
    private long[] allDims() {
        long[] d = new long[dim()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    /** Python's {@code tensor.uniform_(from, to, generator=generator)}; a null generator is the default one. */
    public Tensor uniform_(double from, double to, Generator generator) {
        return inPlace(() -> handle.uniform_(from, to, Generator.optional(generator)));
    }

    /** Python's {@code tensor.uniform_()}: samples from [0, 1). */
    public Tensor uniform_() {
        return uniform_(0, 1, null);
    }

    /** Python's {@code tensor.normal_(mean, std, generator=generator)}. */
    public Tensor normal_(double mean, double std, Generator generator) {
        return inPlace(() -> handle.normal_(mean, std, Generator.optional(generator)));
    }

    /** Python's {@code tensor.normal_()}: standard normal samples. */
    public Tensor normal_() {
        return normal_(0, 1, null);
    }

    /** Python's {@code tensor.random_(generator=generator)}: integers over the dtype's range (to 2^mantissa). */
    public Tensor random_(Generator generator) {
        return inPlace(() -> handle.random_(Generator.optional(generator)));
    }

    /** Python's {@code tensor.random_()}. */
    public Tensor random_() {
        return random_((Generator) null);
    }

    /** Python's {@code tensor.random_(to, generator=generator)}: integers in [0, to). */
    public Tensor random_(long to, Generator generator) {
        return inPlace(() -> handle.random_(to, Generator.optional(generator)));
    }

    /** Python's {@code tensor.random_(from, to, generator=generator)}: integers in [from, to). */
    public Tensor random_(long from, long to, Generator generator) {
        return inPlace(() -> handle.random_(from, new LongOptional(to), Generator.optional(generator)));
    }

    /** Python's {@code tensor.exponential_(lambd, generator=generator)}. */
    public Tensor exponential_(double lambd, Generator generator) {
        return inPlace(() -> handle.exponential_(lambd, Generator.optional(generator)));
    }

    /** Python's {@code tensor.bernoulli(generator=generator)}: 0/1 draws with this tensor's probabilities. */
    public Tensor bernoulli(Generator generator) {
        return op(() -> handle.bernoulli(Generator.optional(generator)));
    }

    /** Python's {@code tensor.bernoulli()}. */
    public Tensor bernoulli() {
        return bernoulli((Generator) null);
    }

    /** Python's {@code tensor.bernoulli_(p, generator=generator)}: fills with 0/1 draws of probability {@code p}. */
    public Tensor bernoulli_(double p, Generator generator) {
        return inPlace(() -> handle.bernoulli_(p, Generator.optional(generator)));
    }

    /** Python's {@code tensor.bernoulli_(p)}; Python's default {@code p} is 0.5. */
    public Tensor bernoulli_(double p) {
        return bernoulli_(p, null);
    }

    /** Python's {@code tensor.bernoulli_(p_tensor, generator=generator)}: elementwise probabilities. */
    public Tensor bernoulli_(Tensor p, Generator generator) {
        org.bytedeco.pytorch.Tensor o = Ops.h(p, "p");
        return inPlace(() -> handle.bernoulli_(o, Generator.optional(generator)));
    }

    /**
     * Python's {@code tensor.multinomial(num_samples, replacement=replacement, generator=generator)}: indices drawn
     * from the categorical distributions in this tensor's last dimension (weights need not sum to one).
     */
    public Tensor multinomial(long numSamples, boolean replacement, Generator generator) {
        return op(() -> handle.multinomial(numSamples, replacement, Generator.optional(generator)));
    }

    /** Python's {@code tensor.multinomial(num_samples, replacement)}. */
    public Tensor multinomial(long numSamples, boolean replacement) {
        return multinomial(numSamples, replacement, null);
    }

    /** Python's {@code tensor.multinomial(num_samples)}: without replacement. */
    public Tensor multinomial(long numSamples) {
        return multinomial(numSamples, false, null);
    }

    /** Python's {@code tensor.var()}: the sample variance of all elements (Bessel's correction). */
    public Tensor var() {
        return op(handle::var);
    }

    /** Python's {@code tensor.var(unbiased)}. */
    public Tensor var(boolean unbiased) {
        return op(() -> handle.var(unbiased));
    }

    /** Python's {@code tensor.var(dim)} (unbiased). */
    public Tensor var(long dim) {
        return var(new long[] {dim}, true, false);
    }

    /** Python's {@code tensor.var(dim, unbiased, keepdim)}. */
    public Tensor var(long dim, boolean unbiased, boolean keepdim) {
        return var(new long[] {dim}, unbiased, keepdim);
    }

    /** Python's {@code tensor.var(dims, unbiased, keepdim)} over several dimensions. */
    public Tensor var(long[] dim, boolean unbiased, boolean keepdim) {
        long[] d = dims(dim);
        return op(() -> handle.var(d, unbiased, keepdim));
    }

    /**
     * Python 1.13's {@code tensor.var(dim, correction=correction, keepdim=keepdim)}: divides by
     * {@code N - correction}; a null {@code dim} reduces all dimensions.
     */
    public Tensor var(long[] dim, long correction, boolean keepdim) {
        org.bytedeco.pytorch.ScalarOptional c = new org.bytedeco.pytorch.ScalarOptional(new Scalar(correction));
        if (dim == null) {
            return op(() -> handle.var(new org.bytedeco.pytorch.LongArrayRefOptional(), c, keepdim));
        }
        return op(() -> handle.var(dim, c, keepdim));
    }

    /** Python's {@code tensor.std(unbiased)}. */
    public Tensor std(boolean unbiased) {
        return op(() -> handle.std(unbiased));
    }

    /** Python's {@code tensor.std(dims, unbiased, keepdim)} over several dimensions. */
    public Tensor std(long[] dim, boolean unbiased, boolean keepdim) {
        long[] d = dims(dim);
        return op(() -> handle.std(d, unbiased, keepdim));
    }

    /** Python 1.13's {@code tensor.std(dim, correction=correction, keepdim=keepdim)}; a null {@code dim} is all. */
    public Tensor std(long[] dim, long correction, boolean keepdim) {
        org.bytedeco.pytorch.ScalarOptional c = new org.bytedeco.pytorch.ScalarOptional(new Scalar(correction));
        if (dim == null) {
            return op(() -> handle.std(new org.bytedeco.pytorch.LongArrayRefOptional(), c, keepdim));
        }
        return op(() -> handle.std(dim, c, keepdim));
    }

    /** Python's {@code tensor.isnan()}. */
    public Tensor isnan() {
        return op(handle::isnan);
    }

    /** Python's {@code tensor.isinf()}. */
    public Tensor isinf() {
        return op(handle::isinf);
    }

    /** Python's {@code tensor.isposinf()}. */
    public Tensor isposinf() {
        return op(handle::isposinf);
    }

    /** Python's {@code tensor.isneginf()}. */
    public Tensor isneginf() {
        return op(handle::isneginf);
    }

    /**
     * Python's {@code tensor.nan_to_num(nan, posinf, neginf)}: NaN becomes {@code nan}, infinities {@code posinf} /
     * {@code neginf}; a null bound is Python's {@code None} (the dtype's largest / smallest finite value).
     */
    public Tensor nanToNum(double nan, Double posinf, Double neginf) {
        return op(() -> handle.nan_to_num(new org.bytedeco.pytorch.DoubleOptional(nan), optDouble(posinf),
                optDouble(neginf)));
    }

    /** Python's {@code tensor.nan_to_num()}: NaN becomes 0, infinities the dtype's extreme finite values. */
    public Tensor nanToNum() {
        return nanToNum(0.0, null, null);
    }

    /** Python's {@code tensor.nan_to_num_(nan, posinf, neginf)}. */
    public Tensor nanToNum_(double nan, Double posinf, Double neginf) {
        return inPlace(() -> handle.nan_to_num_(new org.bytedeco.pytorch.DoubleOptional(nan), optDouble(posinf),
                optDouble(neginf)));
    }

    /**
     * Python's {@code tensor.norm()}: the 2-norm (Frobenius norm) of all elements. As in Python 1.13 it is the
     * {@code norm(p, dim)} kernel over every dimension, so its {@code grad_fn} prints {@code NormBackward1}.
     */
    public Tensor norm() {
        return norm(2.0);
    }

    /** Python's {@code tensor.norm(p="fro")}; {@code "nuc"} and other strings are not supported. */
    public Tensor norm(String p) {
        if (!"fro".equals(p)) {
            throw new IllegalArgumentException("only p='fro' is supported as a string norm, got '" + p + "'");
        }
        return norm();
    }

    /** Python's {@code tensor.norm(p, dim, keepdim)} ({@code Double.POSITIVE_INFINITY} for the max norm). */
    public Tensor norm(double p, long dim, boolean keepdim) {
        return norm(p, new long[] {dim}, keepdim);
    }

    /** Python's {@code tensor.norm(p, dim)}. */
    public Tensor norm(double p, long dim) {
        return norm(p, new long[] {dim}, false);
    }

    /** Python's {@code tensor.norm(p, dims, keepdim)} over several dimensions (numeric {@code p}). */
    public Tensor norm(double p, long[] dim, boolean keepdim) {
        long[] d = dims(dim);
        return op(() -> handle.norm(new org.bytedeco.pytorch.ScalarOptional(new Scalar(p)), d, keepdim));
    }

    // elementwise functions

    /** Python's {@code tensor.sin()}. */
    public Tensor sin() {
        return op(handle::sin);
    }

    /** Python's {@code tensor.cos()}. */
    public Tensor cos() {
        return op(handle::cos);
    }

    /** Python's {@code tensor.tan()}. */
    public Tensor tan() {
        return op(handle::tan);
    }

    /** Python's {@code tensor.asin()}. */
    public Tensor asin() {
        return op(handle::asin);
    }

    /** Python's {@code tensor.acos()}. */
    public Tensor acos() {
        return op(handle::acos);
    }

    /** Python's {@code tensor.atan()}. */
    public Tensor atan() {
        return op(handle::atan);
    }

    /** Python's {@code tensor.atan2(other)}. */
    public Tensor atan2(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.atan2(o));
    }

    /** Python's {@code tensor.sinh()}. */
    public Tensor sinh() {
        return op(handle::sinh);
    }

    /** Python's {@code tensor.cosh()}. */
    public Tensor cosh() {
        return op(handle::cosh);
    }

    /** Python's {@code tensor.log2()}. */
    public Tensor log2() {
        return op(handle::log2);
    }

    /** Python's {@code tensor.log10()}. */
    public Tensor log10() {
        return op(handle::log10);
    }

    /** Python's {@code tensor.log1p()}. */
    public Tensor log1p() {
        return op(handle::log1p);
    }

    /** Python's {@code tensor.expm1()}. */
    public Tensor expm1() {
        return op(handle::expm1);
    }

    /** Python's {@code tensor.rsqrt()}. */
    public Tensor rsqrt() {
        return op(handle::rsqrt);
    }

    /** Python's {@code tensor.square()}. */
    public Tensor square() {
        return op(handle::square);
    }

    /** Python's {@code tensor.floor()}. */
    public Tensor floor() {
        return op(handle::floor);
    }

    /** Python's {@code tensor.ceil()}. */
    public Tensor ceil() {
        return op(handle::ceil);
    }

    /** Python's {@code tensor.round()}: half to even. */
    public Tensor round() {
        return op(handle::round);
    }

    /** Python's {@code tensor.round(decimals=decimals)}. */
    public Tensor round(long decimals) {
        return op(() -> handle.round(decimals));
    }

    /** Python's {@code tensor.trunc()}. */
    public Tensor trunc() {
        return op(handle::trunc);
    }

    /** Python's {@code tensor.frac()}. */
    public Tensor frac() {
        return op(handle::frac);
    }

    /** Python's {@code tensor.sign()}. */
    public Tensor sign() {
        return op(handle::sign);
    }

    /** Python's {@code tensor.erf()}. */
    public Tensor erf() {
        return op(handle::erf);
    }

    /** Python's {@code tensor.erfinv()}. */
    public Tensor erfinv() {
        return op(handle::erfinv);
    }

    /** Python's {@code tensor.exp_()}. */
    public Tensor exp_() {
        return inPlace(handle::exp_);
    }

    /** Python's {@code tensor.log_()}. */
    public Tensor log_() {
        return inPlace(handle::log_);
    }

    /** Python's {@code tensor.sqrt_()}. */
    public Tensor sqrt_() {
        return inPlace(handle::sqrt_);
    }

    /** Python's {@code tensor.abs_()}. */
    public Tensor abs_() {
        return inPlace(handle::abs_);
    }

    /** Python's {@code tensor.neg_()}. */
    public Tensor neg_() {
        return inPlace(handle::neg_);
    }

    /** Python's {@code tensor.relu_()}. */
    public Tensor relu_() {
        return inPlace(handle::relu_);
    }

    /** Python's {@code tensor.sigmoid_()}. */
    public Tensor sigmoid_() {
        return inPlace(handle::sigmoid_);
    }

    /** Python's {@code tensor.tanh_()}. */
    public Tensor tanh_() {
        return inPlace(handle::tanh_);
    }

    /** Python's {@code tensor.pow_(exponent)}. */
    public Tensor pow_(Number exponent) {
        return inPlace(() -> handle.pow_(scalar(exponent)));
    }

    /** Python's {@code tensor.div_(other)}. */
    public Tensor div_(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return inPlace(() -> handle.div_(o));
    }

    /** Python's {@code tensor.sub_(number)}. */
    public Tensor sub_(Number other) {
        return inPlace(() -> handle.sub_(wrapped(other)));
    }

    /** Python's {@code tensor.add_(other, alpha=alpha)}. */
    public Tensor add_(Tensor other, Number alpha) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return inPlace(() -> handle.add_(o, scalar(alpha)));
    }

    /** Python's {@code tensor.sub(other, alpha=alpha)}. */
    public Tensor sub(Tensor other, Number alpha) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.sub(o, scalar(alpha)));
    }

    // binary and ternary elementwise functions

    /** Python's {@code tensor.maximum(other)} (and {@code torch.max(a, b)}). */
    public Tensor maximum(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.maximum(o));
    }

    /** Python's {@code tensor.minimum(other)}. */
    public Tensor minimum(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.minimum(o));
    }

    /** Python's {@code self % other} for a tensor ({@code torch.remainder}). */
    public Tensor remainder(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.remainder(o));
    }

    /** Python's {@code tensor.fmod(number)}: the remainder with the sign of the dividend. */
    public Tensor fmod(Number other) {
        return op(() -> handle.fmod(scalar(other)));
    }

    /** Python's {@code self // other} for a number ({@code torch.floor_divide}). */
    public Tensor floorDivide(Number other) {
        return op(() -> handle.floor_divide(scalar(other)));
    }

    /** Python's {@code self // other} ({@code torch.floor_divide}). */
    public Tensor floorDivide(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.floor_divide(o));
    }

    /** Python's {@code tensor.clamp_min(min)} ({@code clamp(min=min)} is {@code clamp(min, null)}). */
    public Tensor clampMin(Number min) {
        return op(() -> handle.clamp_min(scalar(min)));
    }

    /** Python's {@code tensor.clamp_max(max)}. */
    public Tensor clampMax(Number max) {
        return op(() -> handle.clamp_max(scalar(max)));
    }

    /** Python's {@code tensor.clamp(min, max)} with tensor bounds; either may be null. */
    public Tensor clamp(Tensor min, Tensor max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("At least one of 'min' or 'max' must not be None");
        }
        nativeTensor();
        return op(() -> handle.clamp(Ops.opt(min), Ops.opt(max)));
    }

    /** Python's {@code tensor.clip(min, max)}: an alias of {@link #clamp(Number, Number)}. */
    public Tensor clip(Number min, Number max) {
        return clamp(min, max);
    }

    /** Python's {@code tensor.lerp(end, weight)}: {@code self + weight * (end - self)}. */
    public Tensor lerp(Tensor end, Number weight) {
        org.bytedeco.pytorch.Tensor o = Ops.h(end, "end");
        return op(() -> handle.lerp(o, scalar(weight)));
    }

    /** Python's {@code tensor.addcmul(tensor1, tensor2, value=value)}. */
    public Tensor addcmul(Tensor tensor1, Tensor tensor2, Number value) {
        org.bytedeco.pytorch.Tensor a = Ops.h(tensor1, "tensor1");
        org.bytedeco.pytorch.Tensor b = Ops.h(tensor2, "tensor2");
        return op(() -> handle.addcmul(a, b, scalar(value)));
    }

    /** Python's {@code tensor.addcdiv(tensor1, tensor2, value=value)}. */
    public Tensor addcdiv(Tensor tensor1, Tensor tensor2, Number value) {
        org.bytedeco.pytorch.Tensor a = Ops.h(tensor1, "tensor1");
        org.bytedeco.pytorch.Tensor b = Ops.h(tensor2, "tensor2");
        return op(() -> handle.addcdiv(a, b, scalar(value)));
    }

    /** Python's {@code tensor.where(condition, other)}: this tensor where {@code condition}, else {@code other}. */
    public Tensor where(Tensor condition, Tensor other) {
        org.bytedeco.pytorch.Tensor c = Ops.h(condition, "condition");
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.where(c, o));
    }

    /** {@code torch.where(condition, self, number)} (1.13's {@code Tensor.where} takes only a tensor other). */
    Tensor where(Tensor condition, Number other) {
        org.bytedeco.pytorch.Tensor c = Ops.h(condition, "condition");
        return op(() -> handle.where(c, scalar(other)));
    }

    /** Python's {@code tensor.masked_fill(mask, value)}. */
    public Tensor maskedFill(Tensor mask, Number value) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mask, "mask");
        return op(() -> handle.masked_fill(m, scalar(value)));
    }

    /** Python's {@code tensor.masked_fill_(mask, value)}. */
    public Tensor maskedFill_(Tensor mask, Number value) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mask, "mask");
        return inPlace(() -> handle.masked_fill_(m, scalar(value)));
    }

    /** Python's {@code tensor.masked_select(mask)}: a 1-D tensor of the selected elements. */
    public Tensor maskedSelect(Tensor mask) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mask, "mask");
        return op(() -> handle.masked_select(m));
    }

    /** Python's {@code self | other} for bool tensors ({@code logical_or}). */
    public Tensor logicalOr(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.logical_or(o));
    }

    /** Python's {@code self ^ other} for bool tensors ({@code logical_xor}). */
    public Tensor logicalXor(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.logical_xor(o));
    }

    /** Python's {@code torch.isclose(self, other, rtol, atol, equal_nan)}. */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.isclose(o, rtol, atol, equalNan));
    }

    /** Python's {@code torch.isclose(self, other)} with rtol 1e-5 and atol 1e-8. */
    public Tensor isclose(Tensor other) {
        return isclose(other, 1e-5, 1e-8, false);
    }

    /** Python's {@code tensor.dot(other)} of 1-D tensors. */
    public Tensor dot(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.dot(o));
    }

    /** Python's {@code tensor.mv(vec)}. */
    public Tensor mv(Tensor vec) {
        org.bytedeco.pytorch.Tensor o = Ops.h(vec, "vec");
        return op(() -> handle.mv(o));
    }

    /** Python's {@code tensor.bmm(mat2)}. */
    public Tensor bmm(Tensor mat2) {
        org.bytedeco.pytorch.Tensor o = Ops.h(mat2, "mat2");
        return op(() -> handle.bmm(o));
    }

    /** Python's {@code tensor.outer(vec2)}. */
    public Tensor outer(Tensor vec2) {
        org.bytedeco.pytorch.Tensor o = Ops.h(vec2, "vec2");
        return op(() -> handle.outer(o));
    }

    // reductions and scans

    /** Python's {@code tensor.sum(dims, keepdim)} over several dimensions. */
    public Tensor sum(long[] dim, boolean keepdim) {
        long[] d = dims(dim);
        return op(() -> handle.sum(d, keepdim, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    /** Python's {@code tensor.mean(dims, keepdim)} over several dimensions. */
    public Tensor mean(long[] dim, boolean keepdim) {
        long[] d = dims(dim);
        return op(() -> handle.mean(d, keepdim, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    /** Python's {@code tensor.prod()}. */
    public Tensor prod() {
        return op(handle::prod);
    }

    /** Python's {@code tensor.prod(dim, keepdim)}. */
    public Tensor prod(long dim, boolean keepdim) {
        return op(() -> handle.prod(dim, keepdim, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }

    /** Python's {@code tensor.nansum()}: the sum treating NaN as zero. */
    public Tensor nansum() {
        return op(handle::nansum);
    }

    /** Python's {@code tensor.nanmean()}: the mean of the non-NaN elements. */
    public Tensor nanmean() {
        return op(handle::nanmean);
    }

    /** Python's {@code tensor.cumsum(dim)}. */
    public Tensor cumsum(long dim) {
        return op(() -> handle.cumsum(dim));
    }

    /** Python's {@code tensor.cumprod(dim)}. */
    public Tensor cumprod(long dim) {
        return op(() -> handle.cumprod(dim));
    }

    /** Python's {@code tensor.logsumexp(dim, keepdim)}. */
    public Tensor logsumexp(long dim, boolean keepdim) {
        return op(() -> handle.logsumexp(new long[] {dim}, keepdim));
    }

    /** Python's {@code tensor.logsumexp(dim)}. */
    public Tensor logsumexp(long dim) {
        return logsumexp(dim, false);
    }

    /** Python's {@code tensor.amax(dim, keepdim)}. */
    public Tensor amax(long dim, boolean keepdim) {
        return op(() -> handle.amax(new long[] {dim}, keepdim));
    }

    /** Python's {@code tensor.amin(dim, keepdim)}. */
    public Tensor amin(long dim, boolean keepdim) {
        return op(() -> handle.amin(new long[] {dim}, keepdim));
    }

    /** Python's {@code tensor.argmin()}: the index into the flattened tensor. */
    public Tensor argmin() {
        return op(handle::argmin);
    }

    /** Python's {@code tensor.argmin(dim, keepdim)}. */
    public Tensor argmin(long dim, boolean keepdim) {
        return op(() -> handle.argmin(new LongOptional(dim), keepdim));
    }

    /** Python's {@code tensor.argmin(dim)}. */
    public Tensor argmin(long dim) {
        return argmin(dim, false);
    }

    /** Python's {@code torch.max(self, other)}: the elementwise maximum ({@link #maximum}). */
    public Tensor max(Tensor other) {
        return maximum(other);
    }

    /** Python's {@code torch.min(self, other)}: the elementwise minimum ({@link #minimum}). */
    public Tensor min(Tensor other) {
        return minimum(other);
    }

    /** Python's {@code tensor.median()}: the lower of the two middle values for an even count. */
    public Tensor median() {
        return op(handle::median);
    }

    /** Python's {@code tensor.median(dim, keepdim)}: values and indices. */
    public ValuesIndices median(long dim, boolean keepdim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.median(dim, keepdim)));
    }

    /** Python's {@code tensor.median(dim)}. */
    public ValuesIndices median(long dim) {
        return median(dim, false);
    }

    /** Python's {@code tensor.kthvalue(k, dim, keepdim)}: the k-th smallest values and their indices. */
    public ValuesIndices kthvalue(long k, long dim, boolean keepdim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.kthvalue(k, dim, keepdim)));
    }

    /** Python's {@code tensor.sort(dim, descending)}: sorted values and their indices. */
    public ValuesIndices sort(long dim, boolean descending) {
        nativeTensor();
        return pair(Ops.call(() -> handle.sort(dim, descending)));
    }

    /** Python's {@code tensor.sort()}: ascending along the last dimension. */
    public ValuesIndices sort() {
        return sort(-1, false);
    }

    /** Python's {@code tensor.sort(dim, descending, stable=True)}: equal elements keep their order. */
    public ValuesIndices sortStable(long dim, boolean descending) {
        nativeTensor();
        return pair(Ops.call(() -> handle.sort(new org.bytedeco.pytorch.BoolOptional(true), dim, descending)));
    }

    /** Python's {@code tensor.argsort(dim, descending)}. */
    public Tensor argsort(long dim, boolean descending) {
        return op(() -> handle.argsort(dim, descending));
    }

    /** Python's {@code tensor.argsort()}: ascending along the last dimension. */
    public Tensor argsort() {
        return argsort(-1, false);
    }

    /** Python's {@code tensor.topk(k, dim, largest, sorted)}: values and indices. */
    public ValuesIndices topk(long k, long dim, boolean largest, boolean sorted) {
        nativeTensor();
        return pair(Ops.call(() -> handle.topk(k, dim, largest, sorted)));
    }

    /** Python's {@code tensor.topk(k)}: the k largest along the last dimension, sorted. */
    public ValuesIndices topk(long k) {
        return topk(k, -1, true, true);
    }

    /** Python's {@code tensor.any(dim, keepdim)}. */
    public Tensor any(long dim, boolean keepdim) {
        return op(() -> handle.any(dim, keepdim));
    }

    /** Python's {@code tensor.any(dim)}. */
    public Tensor any(long dim) {
        return any(dim, false);
    }

    /** Python's {@code tensor.all(dim, keepdim)}. */
    public Tensor all(long dim, boolean keepdim) {
        return op(() -> handle.all(dim, keepdim));
    }

    /** Python's {@code tensor.all(dim)}. */
    public Tensor all(long dim) {
        return all(dim, false);
    }

    /** Python's {@code tensor.count_nonzero()}. */
    public Tensor countNonzero() {
        return op(handle::count_nonzero);
    }

    /** Python's {@code tensor.count_nonzero(dim)}. */
    public Tensor countNonzero(long dim) {
        return op(() -> handle.count_nonzero(new LongOptional(dim)));
    }

    /** Python's {@code tensor.nonzero()}: the indices of the non-zero elements, one row each. */
    public Tensor nonzero() {
        return op(handle::nonzero);
    }

    // shape, copies and indexing

    /** Python's {@code tensor.expand(*sizes)}; -1 keeps a dimension. */
    public Tensor expand(long... sizes) {
        long[] s = Objects.requireNonNull(sizes, "sizes");
        return op(() -> handle.expand(s));
    }

    /** Python's {@code tensor.expand_as(other)}. */
    public Tensor expandAs(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.expand_as(o));
    }

    /** Python's {@code tensor.view_as(other)}. */
    public Tensor viewAs(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.view_as(o));
    }

    /** Python's {@code tensor.reshape_as(other)}. */
    public Tensor reshapeAs(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.reshape_as(o));
    }

    /** Python's {@code tensor.type_as(other)}: this tensor in other's dtype. */
    public Tensor typeAs(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.type_as(o));
    }

    /** Python's {@code tensor.repeat(*sizes)}. */
    public Tensor repeat(long... sizes) {
        long[] s = Objects.requireNonNull(sizes, "sizes");
        return op(() -> handle.repeat(s));
    }

    /** Python's {@code tensor.tile(dims)}. */
    public Tensor tile(long... dims) {
        long[] s = Objects.requireNonNull(dims, "dims");
        return op(() -> handle.tile(s));
    }

    /** Python's {@code tensor.flip(dims)}. */
    public Tensor flip(long... dims) {
        long[] s = Objects.requireNonNull(dims, "dims");
        return op(() -> handle.flip(s));
    }

    /** Python's {@code tensor.roll(shifts, dims)}. */
    public Tensor roll(long[] shifts, long[] dims) {
        long[] s = Objects.requireNonNull(shifts, "shifts");
        long[] d = Objects.requireNonNull(dims, "dims");
        return op(() -> handle.roll(s, d));
    }

    /** Python's {@code tensor.roll(shift, dim)}. */
    public Tensor roll(long shift, long dim) {
        return roll(new long[] {shift}, new long[] {dim});
    }

    /** Python's {@code tensor.roll(shift)}: rolls the flattened tensor and restores its shape. */
    public Tensor roll(long shift) {
        return op(() -> handle.roll(shift));
    }

    /** Python's {@code tensor.chunk(chunks, dim)}. */
    public java.util.List<Tensor> chunk(long chunks, long dim) {
        nativeTensor();
        return list(Ops.call(() -> handle.chunk(chunks, dim)));
    }

    /** Python's {@code tensor.split(split_size, dim)}. */
    public java.util.List<Tensor> split(long splitSize, long dim) {
        nativeTensor();
        return list(Ops.call(() -> handle.split(splitSize, dim)));
    }

    /** Python's {@code tensor.split([sizes...], dim)}. */
    public java.util.List<Tensor> split(long[] splitSizes, long dim) {
        long[] s = Objects.requireNonNull(splitSizes, "splitSizes");
        nativeTensor();
        return list(Ops.call(() -> handle.split(s, dim)));
    }

    /** Python's {@code tensor.unbind(dim)}. */
    public java.util.List<Tensor> unbind(long dim) {
        nativeTensor();
        return list(Ops.call(() -> handle.unbind(dim)));
    }

    /** Python's {@code tensor.tril(diagonal)}. */
    public Tensor tril(long diagonal) {
        return op(() -> handle.tril(diagonal));
    }

    /** Python's {@code tensor.tril()}. */
    public Tensor tril() {
        return tril(0);
    }

    /** Python's {@code tensor.triu(diagonal)}. */
    public Tensor triu(long diagonal) {
        return op(() -> handle.triu(diagonal));
    }

    /** Python's {@code tensor.triu()}. */
    public Tensor triu() {
        return triu(0);
    }

    /** Python's {@code tensor.diag(diagonal)}. */
    public Tensor diag(long diagonal) {
        // libtorch 2.10 composes diag (DiagonalBackward0_copy / DiagEmbedBackward0); Python 1.13 prints DiagBackward0.
        return op(() -> handle.diag(diagonal)).withGradFnName("DiagBackward0");
    }

    /** Python's {@code tensor.diag()}. */
    public Tensor diag() {
        return diag(0);
    }

    /** Python's {@code tensor.diagonal(offset, dim1, dim2)}. */
    public Tensor diagonal(long offset, long dim1, long dim2) {
        return op(() -> handle.diagonal(offset, dim1, dim2));
    }

    /** Python's {@code tensor.diagonal()}. */
    public Tensor diagonal() {
        return diagonal(0, 0, 1);
    }

    /** Python's {@code tensor.trace()}. */
    public Tensor trace() {
        return op(handle::trace);
    }

    /** Python's {@code tensor.gather(dim, index)}. */
    public Tensor gather(long dim, Tensor index) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        return op(() -> handle.gather(dim, i));
    }

    /** Python's {@code tensor.scatter(dim, index, src)}. */
    public Tensor scatter(long dim, Tensor index, Tensor src) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(src, "src");
        return op(() -> handle.scatter(dim, i, s));
    }

    /** Python's {@code tensor.scatter(dim, index, value)}. */
    public Tensor scatter(long dim, Tensor index, Number value) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        return op(() -> handle.scatter(dim, i, scalar(value)));
    }

    /** Python's {@code tensor.scatter_(dim, index, src)}. */
    public Tensor scatter_(long dim, Tensor index, Tensor src) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(src, "src");
        return inPlace(() -> handle.scatter_(dim, i, s));
    }

    /** Python's {@code tensor.scatter_add(dim, index, src)}. */
    public Tensor scatterAdd(long dim, Tensor index, Tensor src) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(src, "src");
        return op(() -> handle.scatter_add(dim, i, s));
    }

    /** Python's {@code tensor.index_add(dim, index, source)}. */
    public Tensor indexAdd(long dim, Tensor index, Tensor source) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(source, "source");
        return op(() -> handle.index_add(dim, i, s));
    }

    /** Python's {@code tensor.index_fill(dim, index, value)}. */
    public Tensor indexFill(long dim, Tensor index, Number value) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        return op(() -> handle.index_fill(dim, i, scalar(value)));
    }

    /** Python's {@code tensor.take(index)}: elements of the flattened tensor. */
    public Tensor take(Tensor index) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        return op(() -> handle.take(i));
    }

    /** Python's {@code tensor.movedim(source, destination)}. */
    public Tensor movedim(long source, long destination) {
        return op(() -> handle.movedim(source, destination));
    }

    /** Python's {@code tensor.swapaxes(axis0, axis1)} (also {@code swapdims}). */
    public Tensor swapaxes(long axis0, long axis1) {
        return op(() -> handle.swapaxes(axis0, axis1));
    }

    /** Python's {@code tensor.ravel()}. */
    public Tensor ravel() {
        return op(handle::ravel);
    }

    /** Python's {@code tensor.unfold(dimension, size, step)}: sliding windows. */
    public Tensor unfold(long dimension, long size, long step) {
        return op(() -> handle.unfold(dimension, size, step));
    }

    /** Python's {@code tensor.unsqueeze_(dim)}: inserts a dimension in place. */
    public Tensor unsqueeze_(long dim) {
        return inPlace(() -> handle.unsqueeze_(dim));
    }

    /** Python's {@code tensor.new_zeros(size)}: zeros of this tensor's dtype and device. */
    public Tensor newZeros(long... size) {
        long[] s = Objects.requireNonNull(size, "size");
        return op(() -> handle.new_zeros(s, handle.options()));
    }

    /** Python's {@code tensor.new_ones(size)}. */
    public Tensor newOnes(long... size) {
        long[] s = Objects.requireNonNull(size, "size");
        return op(() -> handle.new_ones(s, handle.options()));
    }

    /** Python's {@code tensor.new_full(size, fill_value)}. */
    public Tensor newFull(long[] size, Number fillValue) {
        long[] s = Objects.requireNonNull(size, "size");
        return op(() -> handle.new_full(s, scalar(fillValue), handle.options()));
    }

    // second batch of the review

    /** Python's {@code tensor.deg2rad()}. */
    public Tensor deg2rad() {
        return op(handle::deg2rad);
    }

    /** Python's {@code tensor.lgamma()}. */
    public Tensor lgamma() {
        return op(handle::lgamma);
    }

    /** Python's {@code tensor.digamma()}. */
    public Tensor digamma() {
        return op(handle::digamma);
    }

    /** Python's {@code tensor.logit()}. */
    public Tensor logit() {
        return op(handle::logit);
    }

    /** Python's {@code tensor.sgn()}. */
    public Tensor sgn() {
        return op(handle::sgn);
    }

    /** Python's {@code tensor.xlogy(other)}. */
    public Tensor xlogy(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.xlogy(o));
    }

    /** Python's {@code tensor.logaddexp(other)}. */
    public Tensor logaddexp(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.logaddexp(o));
    }

    /** Python's {@code tensor.float_power(exponent)}: the power in float64. */
    public Tensor floatPower(Number exponent) {
        return op(() -> handle.float_power(scalar(exponent)));
    }

    /** Python's {@code tensor.dist(other, p)}: the p-norm of {@code self - other}. */
    public Tensor dist(Tensor other, Number p) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.dist(o, scalar(p)));
    }

    /** Python's {@code tensor.bitwise_and(other)}. */
    public Tensor bitwiseAnd(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.bitwise_and(o));
    }

    /** Python's {@code tensor.bitwise_or(other)}. */
    public Tensor bitwiseOr(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.bitwise_or(o));
    }

    /** Python's {@code tensor.bitwise_xor(other)}. */
    public Tensor bitwiseXor(Tensor other) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.bitwise_xor(o));
    }

    /** Python's {@code tensor.bitwise_not()} ({@code ~self} for integers). */
    public Tensor bitwiseNot() {
        return op(handle::bitwise_not);
    }

    /** Python's {@code tensor.addmm(mat1, mat2, beta=beta, alpha=alpha)}. */
    public Tensor addmm(Tensor mat1, Tensor mat2, Number beta, Number alpha) {
        org.bytedeco.pytorch.Tensor m1 = Ops.h(mat1, "mat1");
        org.bytedeco.pytorch.Tensor m2 = Ops.h(mat2, "mat2");
        return op(() -> handle.addmm(m1, m2, scalar(beta), scalar(alpha)));
    }

    /** Python's {@code tensor.addmm(mat1, mat2)}. */
    public Tensor addmm(Tensor mat1, Tensor mat2) {
        return addmm(mat1, mat2, 1, 1);
    }

    /** Python's {@code tensor.inverse()}. */
    public Tensor inverse() {
        return op(handle::inverse);
    }

    /** Python's {@code tensor.det()}. */
    public Tensor det() {
        return op(handle::det);
    }

    /** Python's {@code tensor.cummax(dim)}: running maxima and their indices. */
    public ValuesIndices cummax(long dim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.cummax(dim)));
    }

    /** Python's {@code tensor.cummin(dim)}. */
    public ValuesIndices cummin(long dim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.cummin(dim)));
    }

    /** Python's {@code tensor.logcumsumexp(dim)}. */
    public Tensor logcumsumexp(long dim) {
        return op(() -> handle.logcumsumexp(dim));
    }

    /** Python's {@code tensor.mode(dim, keepdim)}: the most frequent values and their indices. */
    public ValuesIndices mode(long dim, boolean keepdim) {
        nativeTensor();
        return pair(Ops.call(() -> handle.mode(dim, keepdim)));
    }

    /** Python's {@code tensor.nanmedian()}: the median of the non-NaN elements. */
    public Tensor nanmedian() {
        return op(handle::nanmedian);
    }

    /**
     * Python's {@code tensor.quantile(q)} over all elements (linear interpolation); its {@code grad_fn} prints as
     * 1.13's ({@code SqueezeBackward3}), as for the other quantile and {@code repeatInterleave} overloads.
     */
    public Tensor quantile(double q) {
        return op(() -> handle.quantile(q)).withGradFnName("SqueezeBackward3");
    }

    /** Python's {@code tensor.quantile(q, dim, keepdim)} (linear interpolation). */
    public Tensor quantile(double q, long dim, boolean keepdim) {
        return op(() -> handle.quantile(q, new LongOptional(dim), keepdim, "linear"))
                .withGradFnName("SqueezeBackward3");
    }

    /** Python's {@code tensor.diff()}: the first differences along the last dimension. */
    public Tensor diff() {
        return op(handle::diff);
    }

    /** Python's {@code tensor.diff(n, dim)}. */
    public Tensor diff(long n, long dim) {
        return op(() -> handle.diff(n, dim, Ops.opt(null), Ops.opt(null)));
    }

    /** Python's {@code tensor.fliplr()}. */
    public Tensor fliplr() {
        return op(handle::fliplr);
    }

    /** Python's {@code tensor.flipud()}. */
    public Tensor flipud() {
        return op(handle::flipud);
    }

    /** Python's {@code tensor.rot90(k, dims)}. */
    public Tensor rot90(long k, long dim0, long dim1) {
        return op(() -> handle.rot90(k, dim0, dim1));
    }

    /** Python's {@code tensor.repeat_interleave(repeats, dim)}. */
    public Tensor repeatInterleave(long repeats, long dim) {
        return op(() -> handle.repeat_interleave(repeats, new LongOptional(dim), new LongOptional()))
                .withGradFnName("IndexSelectBackward0");
    }

    /** Python's {@code tensor.repeat_interleave(repeats)}: repeats the flattened elements. */
    public Tensor repeatInterleave(long repeats) {
        return op(() -> handle.repeat_interleave(repeats)).withGradFnName("IndexSelectBackward0");
    }

    /** Python's {@code tensor.broadcast_to(shape)}. */
    public Tensor broadcastTo(long... shape) {
        long[] s = Objects.requireNonNull(shape, "shape");
        return op(() -> handle.broadcast_to(s));
    }

    /** Python's {@code tensor.unflatten(dim, sizes)}. */
    public Tensor unflatten(long dim, long... sizes) {
        long[] s = Objects.requireNonNull(sizes, "sizes");
        return op(() -> handle.unflatten(dim, s));
    }

    /** Python's {@code tensor.tensor_split(sections, dim)}. */
    public java.util.List<Tensor> tensorSplit(long sections, long dim) {
        nativeTensor();
        return list(Ops.call(() -> handle.tensor_split(sections, dim)));
    }

    /** Python's {@code tensor.take_along_dim(indices, dim)}. */
    public Tensor takeAlongDim(Tensor indices, long dim) {
        org.bytedeco.pytorch.Tensor i = Ops.h(indices, "indices");
        return op(() -> handle.take_along_dim(i, new LongOptional(dim)));
    }

    /** Python's {@code tensor.fill_diagonal_(fill_value)}. */
    public Tensor fillDiagonal_(Number fillValue) {
        return inPlace(() -> handle.fill_diagonal_(scalar(fillValue)));
    }

    /** Python's {@code tensor.index_copy(dim, index, source)}. */
    public Tensor indexCopy(long dim, Tensor index, Tensor source) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(source, "source");
        return op(() -> handle.index_copy(dim, i, s));
    }

    /** Python's {@code tensor.index_add_(dim, index, source)}. */
    public Tensor indexAdd_(long dim, Tensor index, Tensor source) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(source, "source");
        return inPlace(() -> handle.index_add_(dim, i, s));
    }

    /** Python's {@code tensor.scatter_add_(dim, index, src)}. */
    public Tensor scatterAdd_(long dim, Tensor index, Tensor src) {
        org.bytedeco.pytorch.Tensor i = Ops.h(index, "index");
        org.bytedeco.pytorch.Tensor s = Ops.h(src, "src");
        return inPlace(() -> handle.scatter_add_(dim, i, s));
    }

    /** Python's {@code tensor.transpose_(dim0, dim1)}. */
    public Tensor transpose_(long dim0, long dim1) {
        return inPlace(() -> handle.transpose_(dim0, dim1));
    }

    /** Python's {@code tensor.t_()}. */
    public Tensor t_() {
        return inPlace(handle::t_);
    }

    /** Python's {@code tensor.squeeze_()}. */
    public Tensor squeeze_() {
        return inPlace(handle::squeeze_);
    }

    /** Python's {@code tensor.squeeze_(dim)}. */
    public Tensor squeeze_(long dim) {
        return inPlace(() -> handle.squeeze_(dim));
    }

    /** Python's {@code tensor.detach_()}: cuts this tensor from the graph in place. */
    public Tensor detach_() {
        return inPlace(handle::detach_);
    }

    /** Python's {@code tensor.new_empty(size)}: uninitialised, of this tensor's dtype and device. */
    public Tensor newEmpty(long... size) {
        long[] s = Objects.requireNonNull(size, "size");
        return op(() -> handle.new_empty(s, handle.options()));
    }

    /** Python's {@code tensor.is_complex()}. */
    public boolean isComplex() {
        return nativeTensor().is_complex();
    }

    /** Python's {@code tensor.get_device()}: the CUDA device index, -1 on the CPU. */
    public long getDevice() {
        org.bytedeco.pytorch.Device d = nativeTensor().device();
        return d.is_cuda() ? d.index() : -1;
    }

    /** Python's {@code tensor.cross(other, dim)}: the cross product along {@code dim} (of size 3). */
    public Tensor cross(Tensor other, long dim) {
        org.bytedeco.pytorch.Tensor o = Ops.h(other, "other");
        return op(() -> handle.cross(o, new LongOptional(dim)));
    }

    /** Python's {@code tensor.addmv(mat, vec, beta=beta, alpha=alpha)}. */
    public Tensor addmv(Tensor mat, Tensor vec, Number beta, Number alpha) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mat, "mat");
        org.bytedeco.pytorch.Tensor v = Ops.h(vec, "vec");
        return op(() -> handle.addmv(m, v, scalar(beta), scalar(alpha)));
    }

    /** Python's {@code tensor.addr(vec1, vec2, beta=beta, alpha=alpha)}. */
    public Tensor addr(Tensor vec1, Tensor vec2, Number beta, Number alpha) {
        org.bytedeco.pytorch.Tensor a = Ops.h(vec1, "vec1");
        org.bytedeco.pytorch.Tensor b = Ops.h(vec2, "vec2");
        return op(() -> handle.addr(a, b, scalar(beta), scalar(alpha)));
    }

    /** Python's {@code tensor.baddbmm(batch1, batch2, beta=beta, alpha=alpha)}. */
    public Tensor baddbmm(Tensor batch1, Tensor batch2, Number beta, Number alpha) {
        org.bytedeco.pytorch.Tensor a = Ops.h(batch1, "batch1");
        org.bytedeco.pytorch.Tensor b = Ops.h(batch2, "batch2");
        return op(() -> handle.baddbmm(a, b, scalar(beta), scalar(alpha)));
    }

    /** Python's {@code tensor.addbmm(batch1, batch2, beta=beta, alpha=alpha)}. */
    public Tensor addbmm(Tensor batch1, Tensor batch2, Number beta, Number alpha) {
        org.bytedeco.pytorch.Tensor a = Ops.h(batch1, "batch1");
        org.bytedeco.pytorch.Tensor b = Ops.h(batch2, "batch2");
        return op(() -> handle.addbmm(a, b, scalar(beta), scalar(alpha)));
    }

    /** Python's {@code tensor.masked_scatter(mask, source)}. */
    public Tensor maskedScatter(Tensor mask, Tensor source) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mask, "mask");
        org.bytedeco.pytorch.Tensor s = Ops.h(source, "source");
        return op(() -> handle.masked_scatter(m, s));
    }

    /** Python's {@code tensor.bfloat16()}. */
    public Tensor toBfloat16() {
        return to(DType.BFLOAT16);
    }

    // metadata

    /** Python's {@code tensor.is_contiguous()}. */
    public boolean isContiguous() {
        return nativeTensor().is_contiguous();
    }

    /** Python's {@code tensor.is_floating_point()}. */
    public boolean isFloatingPoint() {
        return nativeTensor().is_floating_point();
    }

    /** Python's {@code tensor.element_size()}: bytes per element. */
    public long elementSize() {
        return nativeTensor().element_size();
    }

    /** Python's {@code tensor.stride()}. */
    public long[] stride() {
        return Ops.call(() -> nativeTensor().strides().vec().get());
    }

    /** Python's {@code tensor.stride(dim)}. */
    public long stride(int dim) {
        return Ops.call(() -> nativeTensor().stride(dim));
    }

    /** Python's {@code tensor.ndim}: the same as {@link #dim()}. */
    public int ndim() {
        return dim();
    }

    /** Python's {@code tensor.retain_grad()}: keeps the gradient of a non-leaf tensor. */
    public void retainGrad() {
        nativeTensor();
        Ops.call(() -> {
            handle.retain_grad();
            return null;
        });
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
