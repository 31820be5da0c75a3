package dev.jtorch;

import dev.jtorch.internal.Ops;

import dev.jtorch.internal.Native;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The {@code torch} module: tensor factories, random seeding, grad mode, threads and devices, under PyTorch's names
 * in Java case ({@code torch.manual_seed(42)} is {@code Torch.manualSeed(42)}).
 *
 * <p>Factories follow PyTorch's default dtypes: {@code randn}, {@code rand}, {@code zeros}, {@code ones} make
 * float32; {@code arange} and {@code full} make int64 for integral arguments and float32 otherwise;
 * {@code randperm} and {@code randint} make int64. Tensors from Java arrays follow {@code torch.tensor} of Python
 * numbers: floating values ({@code float[]}, {@code double[]}) give float32, integral ones ({@code int[]},
 * {@code long[]}) int64, {@code boolean[]} bool; pass a {@link DType} for another type (for example
 * {@code Torch.tensor(values, DType.FLOAT64)}).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/torch.html">torch</a>.
 */
public final class Torch {
    static {
        Native.ensureLoaded();
    }

    /** {@code torch.float32}. */
    public static final DType float32 = DType.FLOAT32;
    /** {@code torch.float64}. */
    public static final DType float64 = DType.FLOAT64;
    /** {@code torch.float16}. */
    public static final DType float16 = DType.FLOAT16;
    /** {@code torch.bfloat16}. */
    public static final DType bfloat16 = DType.BFLOAT16;
    /** {@code torch.int64}. */
    public static final DType int64 = DType.INT64;
    /** {@code torch.int32}. */
    public static final DType int32 = DType.INT32;
    /** {@code torch.uint8}. */
    public static final DType uint8 = DType.UINT8;
    /** {@code torch.bool}. */
    public static final DType bool = DType.BOOL;

    private Torch() {}

    // ---------------------------------------------------------------- random

    /**
     * {@code torch.manual_seed(seed)}: seeds the default CPU generator (and CUDA's, where present). On a
     * {@code DataLoader} worker thread it seeds that worker's own default generator, as in a PyTorch worker process.
     */
    public static void manualSeed(long seed) {
        Generator own = dev.jtorch.internal.ThreadGenerator.get();
        if (own != null) {
            own.manualSeed(seed);
            return;
        }
        torch.manual_seed(seed);
    }

    /**
     * {@code torch.initial_seed()}: the seed of the default CPU generator (on a {@code DataLoader} worker thread,
     * that worker's: {@code base_seed + worker_id}).
     */
    public static long initialSeed() {
        Generator own = dev.jtorch.internal.ThreadGenerator.get();
        return own != null ? own.initialSeed() : torch.getDefaultCPUGenerator().current_seed();
    }

    /** {@code torch.randn(*size)}: standard normal samples, float32. */
    public static Tensor randn(long... size) {
        return randn(size, DType.FLOAT32);
    }

    /** {@code torch.randn(*size, dtype=dtype)}. */
    public static Tensor randn(long[] size, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.randn(s, Generator.optional(null), o));
    }

    /** {@code torch.rand(*size)}: uniform samples in [0, 1), float32. */
    public static Tensor rand(long... size) {
        return rand(size, DType.FLOAT32);
    }

    /** {@code torch.rand(*size, dtype=dtype)}. */
    public static Tensor rand(long[] size, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.rand(s, Generator.optional(null), o));
    }

    /** {@code torch.randint(low, high, size)}: int64 samples in [low, high). */
    public static Tensor randint(long low, long high, long... size) {
        long[] s = checkSize(size);
        return Ops.tensor(() -> torch.randint(low, high, s, Generator.optional(null), options(DType.INT64)));
    }

    /** {@code torch.randint(high, size)}. */
    public static Tensor randint(long high, long[] size) {
        return randint(0, high, size);
    }

    /** {@code torch.randperm(n)}: a random permutation of 0..n-1, int64. */
    public static Tensor randperm(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got" + n);
        }
        return Ops.tensor(() -> torch.randperm(n, Generator.optional(null), options(DType.INT64)));
    }

    /** {@code torch.randperm(n, generator=generator)}; a null generator is the global one. */
    public static Tensor randperm(long n, Generator generator) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got" + n);
        }
        return Ops.tensor(() -> torch.randperm(n, Generator.optional(generator), options(DType.INT64)));
    }

    // ---------------------------------------------------------------- factories

    /** {@code torch.zeros(*size)}, float32. */
    public static Tensor zeros(long... size) {
        return zeros(size, DType.FLOAT32);
    }

    /** {@code torch.zeros(*size, dtype=dtype)}. */
    public static Tensor zeros(long[] size, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.zeros(s, o));
    }

    /** {@code torch.ones(*size)}, float32. */
    public static Tensor ones(long... size) {
        return ones(size, DType.FLOAT32);
    }

    /** {@code torch.ones(*size, dtype=dtype)}. */
    public static Tensor ones(long[] size, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.ones(s, o));
    }

    /** {@code torch.empty(*size)}, float32, uninitialised. */
    public static Tensor empty(long... size) {
        return empty(size, DType.FLOAT32);
    }

    /** {@code torch.empty(*size, dtype=dtype)}. */
    public static Tensor empty(long[] size, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.empty(s, new org.bytedeco.pytorch.DimnameListOptional(), o,
                new org.bytedeco.pytorch.MemoryFormatOptional()));
    }

    /** {@code torch.full(size, fill_value)}: int64 for an integral value, float32 otherwise, as PyTorch infers. */
    public static Tensor full(long[] size, Number fillValue) {
        Objects.requireNonNull(fillValue, "fillValue");
        boolean integral = !(fillValue instanceof Double || fillValue instanceof Float
                || fillValue instanceof java.math.BigDecimal);
        return full(size, fillValue, integral ? DType.INT64 : DType.FLOAT32);
    }

    /** {@code torch.full(size, fill_value, dtype=dtype)}. */
    public static Tensor full(long[] size, Number fillValue, DType dtype) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.full(s, Tensor.scalar(fillValue), o));
    }

    /** {@code torch.arange(end)}: 0..end-1, int64. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** {@code torch.arange(start, end)}, int64. */
    public static Tensor arange(long start, long end) {
        return arange(start, end, 1);
    }

    /** {@code torch.arange(start, end, step)}, int64. */
    public static Tensor arange(long start, long end, long step) {
        return Ops.tensor(() -> torch.arange(new org.bytedeco.pytorch.Scalar(start),
                new org.bytedeco.pytorch.Scalar(end), new org.bytedeco.pytorch.Scalar(step), options(DType.INT64)));
    }

    /** {@code torch.arange(end)} for a floating end ({@code torch.arange(5.)}), float32. */
    public static Tensor arange(double end) {
        return arange(0.0, end, 1.0);
    }

    /** {@code torch.arange(start, end, step)} with floating arguments, float32. */
    public static Tensor arange(double start, double end, double step) {
        return Ops.tensor(() -> torch.arange(new org.bytedeco.pytorch.Scalar(start),
                new org.bytedeco.pytorch.Scalar(end), new org.bytedeco.pytorch.Scalar(step), options(DType.FLOAT32)));
    }

    /** {@code torch.linspace(start, end, steps)}, float32. */
    public static Tensor linspace(double start, double end, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be non-negative");
        }
        return Ops.tensor(() -> torch.linspace(new org.bytedeco.pytorch.Scalar(start),
                new org.bytedeco.pytorch.Scalar(end), steps, options(DType.FLOAT32)));
    }

    /** {@code torch.eye(n)}, float32. */
    public static Tensor eye(long n) {
        checkSize(new long[] {n});
        return Ops.tensor(() -> torch.eye(n, options(DType.FLOAT32)));
    }

    // ---------------------------------------------------------------- from Java arrays

    /** A float32 tensor of the values ({@code torch.tensor([...])}). */
    public static Tensor tensor(float... data) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(new long[] {data.length}, DType.FLOAT32);
        if (data.length > 0) {
            t.nativeTensor().data_ptr_float().put(data);
        }
        return t;
    }

    /** A 2-D float32 tensor of the rows. */
    public static Tensor tensor(float[][] data) {
        int cols = checkRectangular(data, r -> r.length);
        float[] flat = new float[data.length * cols];
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(data[r], 0, flat, r * cols, cols);
        }
        return tensor(flat).view(data.length, cols);
    }

    /** A float32 tensor of the values, as {@code torch.tensor([0.5, 1.5])}. */
    public static Tensor tensor(double... data) {
        return tensor(data, DType.FLOAT32);
    }

    /** A 2-D float32 tensor of the rows, as {@code torch.tensor([[...], [...]])}. */
    public static Tensor tensor(double[][] data) {
        return tensor(data, DType.FLOAT32);
    }

    /**
     * A tensor of the values as {@code dtype} ({@code torch.tensor(data, dtype=dtype)}); the values are rounded
     * once, from double to the target type.
     */
    public static Tensor tensor(double[] data, DType dtype) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(new long[] {data.length}, DType.FLOAT64);
        if (data.length > 0) {
            t.nativeTensor().data_ptr_double().put(data);
        }
        return convert(t, dtype);
    }

    /** A 2-D tensor of the rows as {@code dtype}. */
    public static Tensor tensor(double[][] data, DType dtype) {
        int cols = checkRectangular(data, r -> r.length);
        double[] flat = new double[data.length * cols];
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(data[r], 0, flat, r * cols, cols);
        }
        return tensor(flat, dtype).view(data.length, cols);
    }

    /** An int64 tensor of the values. */
    public static Tensor tensor(long... data) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(new long[] {data.length}, DType.INT64);
        if (data.length > 0) {
            t.nativeTensor().data_ptr_long().put(data);
        }
        return t;
    }

    /** A 2-D int64 tensor of the rows. */
    public static Tensor tensor(long[][] data) {
        int cols = checkRectangular(data, r -> r.length);
        long[] flat = new long[data.length * cols];
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(data[r], 0, flat, r * cols, cols);
        }
        return tensor(flat).view(data.length, cols);
    }

    /** An int64 tensor of the values, as {@code torch.tensor([0, 1, 1])}. */
    public static Tensor tensor(int... data) {
        return tensor(data, DType.INT64);
    }

    /** A tensor of the int values as {@code dtype}. */
    public static Tensor tensor(int[] data, DType dtype) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(new long[] {data.length}, DType.INT32);
        if (data.length > 0) {
            t.nativeTensor().data_ptr_int().put(data);
        }
        return convert(t, dtype);
    }

    /** A tensor of the long values converted to {@code dtype}. */
    public static Tensor tensor(long[] data, DType dtype) {
        return convert(tensor(data), dtype);
    }

    /** A tensor of the float values converted to {@code dtype}. */
    public static Tensor tensor(float[] data, DType dtype) {
        return convert(tensor(data), dtype);
    }

    /** A bool tensor of the values. */
    public static Tensor tensor(boolean... data) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(new long[] {data.length}, DType.BOOL);
        org.bytedeco.javacpp.BoolPointer p = t.nativeTensor().data_ptr_bool();
        for (int i = 0; i < data.length; i++) {
            p.put(i, data[i]);
        }
        return t;
    }

    /** A 0-dimensional float32 tensor ({@code torch.tensor(3.0)}). */
    public static Tensor scalarTensor(double value) {
        return scalarTensor(value, DType.FLOAT32);
    }

    /** A 0-dimensional tensor of the given dtype. */
    public static Tensor scalarTensor(double value, DType dtype) {
        return full(new long[0], value, dtype);
    }

    private static Tensor convert(Tensor t, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        return t.dtype() == dtype ? t : t.to(dtype);
    }

    private static <R> int checkRectangular(R[] rows, java.util.function.ToIntFunction<R> length) {
        Objects.requireNonNull(rows, "data");
        if (rows.length == 0) {
            return 0;
        }
        int cols = -1;
        for (int r = 0; r < rows.length; r++) {
            Objects.requireNonNull(rows[r], "data[" + r + "]");
            int n = length.applyAsInt(rows[r]);
            if (cols < 0) {
                cols = n;
            } else if (n != cols) {
                throw new IllegalArgumentException("expected sequence of length " + cols + " at dim 1 (got " + n
                        + ") in row " + r);
            }
        }
        return cols;
    }

    // ---------------------------------------------------------------- functions of tensors

    /** {@code torch.cat(tensors, dim)}. */
    public static Tensor cat(List<Tensor> tensors, long dim) {
        TensorVector v = vector(tensors);
        return Ops.tensor(() -> torch.cat(v, dim));
    }

    /** {@code torch.cat(tensors)} along dimension 0. */
    public static Tensor cat(List<Tensor> tensors) {
        return cat(tensors, 0);
    }

    /** {@code torch.stack(tensors, dim)}. */
    public static Tensor stack(List<Tensor> tensors, long dim) {
        TensorVector v = vector(tensors);
        return Ops.tensor(() -> torch.stack(v, dim));
    }

    /** {@code torch.stack(tensors)} along dimension 0. */
    public static Tensor stack(List<Tensor> tensors) {
        return stack(tensors, 0);
    }

    private static TensorVector vector(List<Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        org.bytedeco.pytorch.Tensor[] hs = new org.bytedeco.pytorch.Tensor[tensors.size()];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = Objects.requireNonNull(tensors.get(i), "tensors[" + i + "]").nativeTensor();
        }
        return new TensorVector(hs);
    }

    /** {@code torch.where(condition, input, other)}. */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) {
        org.bytedeco.pytorch.Tensor c = condition.nativeTensor();
        org.bytedeco.pytorch.Tensor a = input.nativeTensor();
        org.bytedeco.pytorch.Tensor b = other.nativeTensor();
        return Ops.tensor(() -> torch.where(c, a, b));
    }

    /** {@code torch.max(input, dim)}: values and indices. */
    public static ValuesIndices max(Tensor input, long dim) {
        return input.max(dim);
    }

    /** {@code torch.max(input)}. */
    public static Tensor max(Tensor input) {
        return input.max();
    }

    /** {@code torch.argmax(input, dim)}. */
    public static Tensor argmax(Tensor input, long dim) {
        return input.argmax(dim);
    }

    /** {@code torch.sum(input)}. */
    public static Tensor sum(Tensor input) {
        return input.sum();
    }

    /** {@code torch.mean(input)}. */
    public static Tensor mean(Tensor input) {
        return input.mean();
    }

    /** {@code torch.matmul(input, other)}. */
    public static Tensor matmul(Tensor input, Tensor other) {
        return input.matmul(other);
    }

    /** {@code torch.sigmoid(input)}. */
    public static Tensor sigmoid(Tensor input) {
        return input.sigmoid();
    }

    /** {@code torch.relu(input)}. */
    public static Tensor relu(Tensor input) {
        return input.relu();
    }

    /** {@code torch.softmax(input, dim)}. */
    public static Tensor softmax(Tensor input, long dim) {
        return input.softmax(dim);
    }

    /** {@code torch.equal(a, b)}. */
    public static boolean equal(Tensor a, Tensor b) {
        return a.equal(b);
    }

    /** {@code torch.allclose(a, b)}. */
    public static boolean allclose(Tensor a, Tensor b) {
        return a.allclose(b);
    }

    // ---------------------------------------------------------------- grad mode

    /** {@code torch.no_grad()} as a try-with-resources block. */
    public static GradMode noGrad() {
        return new GradMode(false);
    }

    /** {@code torch.enable_grad()} as a try-with-resources block. */
    public static GradMode enableGrad() {
        return new GradMode(true);
    }

    /** {@code torch.set_grad_enabled(mode)} as a try-with-resources block. */
    public static GradMode setGradEnabled(boolean enabled) {
        return new GradMode(enabled);
    }

    /** {@code torch.is_grad_enabled()}. */
    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    // ---------------------------------------------------------------- mixed precision

    /**
     * {@code torch.autocast(device.type, enabled=enabled)} (and the older {@code torch.cuda.amp.autocast(enabled)}):
     * a try-with-resources region with the device type's default lower-precision dtype.
     */
    public static dev.jtorch.amp.Autocast autocast(Device device, boolean enabled) {
        return new dev.jtorch.amp.Autocast(device, null, enabled);
    }

    /** {@code torch.autocast(device.type, dtype=dtype, enabled=enabled)}. */
    public static dev.jtorch.amp.Autocast autocast(Device device, DType dtype, boolean enabled) {
        return new dev.jtorch.amp.Autocast(device, dtype, enabled);
    }

    /** {@code torch.autocast(device_type)}: enabled, with the default dtype ({@code "cpu"} or {@code "cuda"}). */
    public static dev.jtorch.amp.Autocast autocast(String deviceType) {
        return new dev.jtorch.amp.Autocast(Device.of(deviceType), null, true);
    }

    // ---------------------------------------------------------------- serialization and RNG state

    /**
     * {@code torch.save(obj, path)} in PyTorch's file format (Python's {@code torch.load} reads it), written
     * atomically. {@code obj} may hold maps, lists, arrays (tuples), strings, numbers, booleans, null and tensors.
     */
    public static void save(Object obj, java.nio.file.Path path) {
        dev.jtorch.internal.pickle.TorchSerialization.save(obj, path);
    }

    /**
     * {@code torch.load(path)} (to the CPU) of a file written by {@link #save} or by Python's {@code torch.save}: the
     * zip format of PyTorch 1.6 and later, or the legacy format of earlier versions (still written with
     * {@code torch.save(obj, f, _use_new_zipfile_serialization=False)}). Tensors saved as views of one storage share
     * one storage again, as in Python. A whole pickled {@code nn.Module} ({@code torch.save(model)}) is refused with
     * a message saying how to convert it to a state dict.
     *
     * @throws TorchException naming the file if it is missing, truncated or not in torch.save's format; for a
     *     TorchScript module (written by {@code torch.jit.save}) it says to load it with {@code Jit.load}
     */
    public static Object load(java.nio.file.Path path) {
        return dev.jtorch.internal.pickle.TorchSerialization.load(path);
    }

    /** {@code torch.get_rng_state()}: the default CPU generator's state (a worker thread's own) as a uint8 tensor. */
    public static Tensor getRngState() {
        Generator own = dev.jtorch.internal.ThreadGenerator.get();
        return Ops.tensor(() -> (own != null ? own.nativeGenerator() : torch.getDefaultCPUGenerator()).get_state());
    }

    /** {@code torch.set_rng_state(state)}. */
    public static void setRngState(Tensor state) {
        org.bytedeco.pytorch.Tensor s = Objects.requireNonNull(state, "state").nativeTensor();
        Generator own = dev.jtorch.internal.ThreadGenerator.get();
        Ops.call(() -> {
            (own != null ? own.nativeGenerator() : torch.getDefaultCPUGenerator()).set_state(s);
            return null;
        });
    }

    // ---------------------------------------------------------------- threads and devices

    /** {@code torch.set_num_threads(n)}: intra-op threads. */
    public static void setNumThreads(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Number of threads must be positive, got " + n);
        }
        torch.set_num_threads(n);
    }

    /** {@code torch.get_num_threads()}. */
    public static int getNumThreads() {
        return torch.get_num_threads();
    }

    /** {@code torch.cuda.is_available()}: false unless the CUDA natives ({@code gpu} profile) and a GPU are present. */
    public static boolean cudaIsAvailable() {
        try {
            return torch.cuda_is_available();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Python's {@code torch.cuda} module: {@code Torch.cuda().manualSeedAll(42)}, {@code memoryAllocated()},
     * {@code emptyCache()}, {@code synchronize()}, ... Safe to call without CUDA (see {@link Cuda}).
     */
    public static Cuda cuda() {
        return Cuda.INSTANCE;
    }

    /** {@code torch.cuda.device_count()}. */
    public static int cudaDeviceCount() {
        return cudaIsAvailable() ? torch.cuda_device_count() : 0;
    }

    /** {@code torch.device("cuda" if ... else "cpu")}: parses a device string. */
    public static Device device(String spec) {
        return Device.of(spec);
    }

    /**
     * Python's {@code torch.__version__}: the version of the libtorch natives running, e.g. {@code 2.10.0}, as their
     * build settings give it ({@code TORCH_VERSION} in {@code torch.__config__.show()}); the presets' version
     * ({@link Versions#libtorch()}) where the natives do not say.
     */
    public static String version() {
        return LibtorchVersion.VALUE;
    }

    /** Read once from the natives (the build settings string is long). */
    private static final class LibtorchVersion {
        static final String VALUE = read();

        private static String read() {
            String config;
            try (org.bytedeco.javacpp.PointerScope s = new org.bytedeco.javacpp.PointerScope()) {
                config = torch.show_config().getString();
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("TORCH_VERSION=([0-9][^,\\s]*)").matcher(config);
            return m.find() ? m.group(1) : Versions.libtorch();
        }
    }

    // ---------------------------------------------------------------- generators and print options (jtorch issue 18)

    /** {@code torch.randn(*size, generator=generator)}; a null generator is the default one. */
    public static Tensor randn(long[] size, Generator generator) {
        return randn(size, DType.FLOAT32, generator);
    }

    /** {@code torch.randn(*size, generator=generator, dtype=dtype)}. */
    public static Tensor randn(long[] size, DType dtype, Generator generator) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.randn(s, Generator.optional(generator), o));
    }

    /** {@code torch.rand(*size, generator=generator)}. */
    public static Tensor rand(long[] size, Generator generator) {
        return rand(size, DType.FLOAT32, generator);
    }

    /** {@code torch.rand(*size, generator=generator, dtype=dtype)}. */
    public static Tensor rand(long[] size, DType dtype, Generator generator) {
        long[] s = checkSize(size);
        TensorOptions o = options(dtype);
        return Ops.tensor(() -> torch.rand(s, Generator.optional(generator), o));
    }

    /** {@code torch.randint(low, high, size, generator=generator)}: int64 samples in [low, high). */
    public static Tensor randint(long low, long high, long[] size, Generator generator) {
        long[] s = checkSize(size);
        return Ops.tensor(() -> torch.randint(low, high, s, Generator.optional(generator), options(DType.INT64)));
    }

    /** {@code torch.randint(high, size, generator=generator)}. */
    public static Tensor randint(long high, long[] size, Generator generator) {
        return randint(0, high, size, generator);
    }

    /** {@code torch.normal(mean, std, size, generator=generator)}: float32 normal samples of one mean and std. */
    public static Tensor normal(double mean, double std, long[] size, Generator generator) {
        long[] s = checkSize(size);
        return Ops.tensor(() -> torch.normal(mean, std, s, Generator.optional(generator), options(DType.FLOAT32)));
    }

    /** {@code torch.normal(mean, std, size)}. */
    public static Tensor normal(double mean, double std, long... size) {
        return normal(mean, std, size, null);
    }

    /** {@code torch.normal(mean, std, generator=generator)} with elementwise means and standard deviations. */
    public static Tensor normal(Tensor mean, Tensor std, Generator generator) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mean, "mean");
        org.bytedeco.pytorch.Tensor s = Ops.h(std, "std");
        return Ops.tensor(() -> torch.normal(m, s, Generator.optional(generator)));
    }

    /** {@code torch.normal(mean, std, generator=generator)} with elementwise means and one standard deviation. */
    public static Tensor normal(Tensor mean, double std, Generator generator) {
        org.bytedeco.pytorch.Tensor m = Ops.h(mean, "mean");
        return Ops.tensor(() -> torch.normal(m, std, Generator.optional(generator)));
    }

    /** {@code torch.normal(mean, std, generator=generator)} with one mean and elementwise standard deviations. */
    public static Tensor normal(double mean, Tensor std, Generator generator) {
        org.bytedeco.pytorch.Tensor s = Ops.h(std, "std");
        return Ops.tensor(() -> torch.normal(mean, s, Generator.optional(generator)));
    }

    /** {@code torch.bernoulli(input, generator=generator)}: 0/1 draws with the probabilities in {@code input}. */
    public static Tensor bernoulli(Tensor input, Generator generator) {
        return Objects.requireNonNull(input, "input").bernoulli(generator);
    }

    /** {@code torch.bernoulli(input)}. */
    public static Tensor bernoulli(Tensor input) {
        return bernoulli(input, null);
    }

    /** {@code torch.bernoulli(input, p, generator=generator)}: draws of probability {@code p} shaped as input. */
    public static Tensor bernoulli(Tensor input, double p, Generator generator) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.bernoulli(i, p, Generator.optional(generator)));
    }

    /**
     * {@code torch.multinomial(input, num_samples, replacement=replacement, generator=generator)}: indices drawn from
     * the categorical distributions in input's last dimension.
     */
    public static Tensor multinomial(Tensor input, long numSamples, boolean replacement, Generator generator) {
        return Objects.requireNonNull(input, "input").multinomial(numSamples, replacement, generator);
    }

    /** {@code torch.multinomial(input, num_samples)}: without replacement. */
    public static Tensor multinomial(Tensor input, long numSamples) {
        return multinomial(input, numSamples, false, null);
    }

    /** {@code torch.rand_like(input)}. */
    public static Tensor randLike(Tensor input) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.rand_like(i));
    }

    /** {@code torch.randn_like(input)}. */
    public static Tensor randnLike(Tensor input) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.randn_like(i));
    }

    /** {@code torch.zeros_like(input)}. */
    public static Tensor zerosLike(Tensor input) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.zeros_like(i));
    }

    /** {@code torch.ones_like(input)}. */
    public static Tensor onesLike(Tensor input) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.ones_like(i));
    }

    /** {@code torch.full_like(input, fill_value)}. */
    public static Tensor fullLike(Tensor input, Number fillValue) {
        org.bytedeco.pytorch.Tensor i = Ops.h(input, "input");
        return Ops.tensor(() -> torch.full_like(i, Tensor.scalar(fillValue)));
    }

    /** {@code torch.where(condition, input, number)}. */
    public static Tensor where(Tensor condition, Tensor input, Number other) {
        return Objects.requireNonNull(input, "input").where(condition, other);
    }

    /** {@code torch.isnan(input)}. */
    public static Tensor isnan(Tensor input) {
        return input.isnan();
    }

    /** {@code torch.isinf(input)}. */
    public static Tensor isinf(Tensor input) {
        return input.isinf();
    }

    /** {@code torch.isfinite(input)}. */
    public static Tensor isfinite(Tensor input) {
        return input.isfinite();
    }

    /** {@code torch.nan_to_num(input, nan, posinf, neginf)}; a null bound is Python's None. */
    public static Tensor nanToNum(Tensor input, double nan, Double posinf, Double neginf) {
        return input.nanToNum(nan, posinf, neginf);
    }

    /** {@code torch.norm(input)}: the 2-norm of all elements ({@code grad_fn=<NormBackward1>}, as 1.13). */
    public static Tensor norm(Tensor input) {
        return input.norm();
    }

    /** {@code torch.var(input)}. */
    public static Tensor var(Tensor input) {
        return input.var();
    }

    /** {@code torch.std(input)}. */
    public static Tensor std(Tensor input) {
        return input.std();
    }

    /** {@code torch.clamp(input, min, max)}; either bound may be null. */
    public static Tensor clamp(Tensor input, Number min, Number max) {
        return input.clamp(min, max);
    }

    /** {@code torch.flatten(input)}. */
    public static Tensor flatten(Tensor input) {
        return input.flatten();
    }

    /** {@code torch.cumsum(input, dim)}. */
    public static Tensor cumsum(Tensor input, long dim) {
        return input.cumsum(dim);
    }

    /** {@code torch.sort(input, dim, descending)}. */
    public static ValuesIndices sort(Tensor input, long dim, boolean descending) {
        return input.sort(dim, descending);
    }

    /** {@code torch.argsort(input, dim, descending)}. */
    public static Tensor argsort(Tensor input, long dim, boolean descending) {
        return input.argsort(dim, descending);
    }

    /** {@code torch.topk(input, k)}. */
    public static ValuesIndices topk(Tensor input, long k) {
        return input.topk(k);
    }

    /** {@code torch.exp(input)}. */
    public static Tensor exp(Tensor input) {
        return input.exp();
    }

    /** {@code torch.log(input)}. */
    public static Tensor log(Tensor input) {
        return input.log();
    }

    /** {@code torch.abs(input)}. */
    public static Tensor abs(Tensor input) {
        return input.abs();
    }

    /** {@code torch.sqrt(input)}. */
    public static Tensor sqrt(Tensor input) {
        return input.sqrt();
    }

    /** {@code torch.tanh(input)}. */
    public static Tensor tanh(Tensor input) {
        return input.tanh();
    }

    /** {@code torch.maximum(input, other)}. */
    public static Tensor maximum(Tensor input, Tensor other) {
        return input.maximum(other);
    }

    /** {@code torch.minimum(input, other)}. */
    public static Tensor minimum(Tensor input, Tensor other) {
        return input.minimum(other);
    }

    /** {@code torch.min(input)}. */
    public static Tensor min(Tensor input) {
        return input.min();
    }

    /** {@code torch.min(input, dim)}: values and indices. */
    public static ValuesIndices min(Tensor input, long dim) {
        return input.min(dim);
    }

    /** {@code torch.argmin(input, dim)}. */
    public static Tensor argmin(Tensor input, long dim) {
        return input.argmin(dim);
    }

    /** {@code torch.mm(input, mat2)}. */
    public static Tensor mm(Tensor input, Tensor mat2) {
        return input.mm(mat2);
    }

    /** {@code torch.bmm(input, mat2)}. */
    public static Tensor bmm(Tensor input, Tensor mat2) {
        return input.bmm(mat2);
    }

    /** {@code torch.chunk(input, chunks, dim)}. */
    public static List<Tensor> chunk(Tensor input, long chunks, long dim) {
        return input.chunk(chunks, dim);
    }

    /** {@code torch.split(input, split_size, dim)}. */
    public static List<Tensor> split(Tensor input, long splitSize, long dim) {
        return input.split(splitSize, dim);
    }

    /** {@code torch.unsqueeze(input, dim)}. */
    public static Tensor unsqueeze(Tensor input, long dim) {
        return input.unsqueeze(dim);
    }

    /** {@code torch.squeeze(input)}. */
    public static Tensor squeeze(Tensor input) {
        return input.squeeze();
    }

    /** {@code torch.transpose(input, dim0, dim1)}. */
    public static Tensor transpose(Tensor input, long dim0, long dim1) {
        return input.transpose(dim0, dim1);
    }

    /** {@code torch.tril(input, diagonal)}. */
    public static Tensor tril(Tensor input, long diagonal) {
        return input.tril(diagonal);
    }

    /** {@code torch.triu(input, diagonal)}. */
    public static Tensor triu(Tensor input, long diagonal) {
        return input.triu(diagonal);
    }

    /** {@code torch.gather(input, dim, index)}. */
    public static Tensor gather(Tensor input, long dim, Tensor index) {
        return input.gather(dim, index);
    }

    /** {@code torch.isclose(input, other)}. */
    public static Tensor isclose(Tensor input, Tensor other) {
        return input.isclose(other);
    }

    /** {@code torch.logsumexp(input, dim)}. */
    public static Tensor logsumexp(Tensor input, long dim) {
        return input.logsumexp(dim);
    }

    /** {@code torch.prod(input)}. */
    public static Tensor prod(Tensor input) {
        return input.prod();
    }

    /** {@code torch.flip(input, dims)}. */
    public static Tensor flip(Tensor input, long... dims) {
        return input.flip(dims);
    }

    /** {@code torch.roll(input, shifts, dims)}. */
    public static Tensor roll(Tensor input, long shift, long dim) {
        return input.roll(shift, dim);
    }

    /** {@code torch.outer(input, vec2)}. */
    public static Tensor outer(Tensor input, Tensor vec2) {
        return input.outer(vec2);
    }

    /** {@code torch.dot(input, other)}. */
    public static Tensor dot(Tensor input, Tensor other) {
        return input.dot(other);
    }

    /**
     * {@code torch.set_printoptions(...)}: changes how every tensor prints from now on, exactly as Python's options
     * change {@code str(tensor)} (see {@link PrintOptions}). {@code Torch.setPrintoptions(new PrintOptions()
     * .profile(PrintOptions.Profile.DEFAULT))} restores PyTorch's defaults, as in Python.
     *
     * <p>Like Python's {@code PRINT_OPTS}, the options are process-wide, not per thread: the change is atomic and
     * visible to every thread at once, and a tensor printed concurrently uses either the old or the new options
     * (never a mixture), but two threads setting different options race as they would in Python. To use options
     * for one block, keep {@link #getPrintoptions()} and restore it with {@link #setPrintoptions(PrintOptions)} in a
     * {@code finally}.
     */
    public static void setPrintoptions(PrintOptions options) {
        Objects.requireNonNull(options, "options");
        synchronized (PrintOptions.class) {
            dev.jtorch.internal.TensorFormatter.setOptions(
                    options.applyTo(dev.jtorch.internal.TensorFormatter.options()));
        }
    }

    /**
     * The print options in force, as a {@link PrintOptions} that {@link #setPrintoptions(PrintOptions)} restores
     * (Python 1.13 has no getter; this reads what its {@code torch._tensor_str.PRINT_OPTS} holds).
     */
    public static PrintOptions getPrintoptions() {
        dev.jtorch.internal.TensorFormatter.Options o = dev.jtorch.internal.TensorFormatter.options();
        return new PrintOptions().precision(o.precision()).threshold(o.threshold()).edgeItems(o.edgeItems())
                .lineWidth(o.lineWidth()).sciMode(o.sciMode());
    }

    /** PyTorch's default print options again: {@code torch.set_printoptions(profile="default")}. */
    public static void resetPrintoptions() {
        setPrintoptions(new PrintOptions().profile(PrintOptions.Profile.DEFAULT));
    }

    // ---------------------------------------------------------------- helpers

    static TensorOptions options(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        return new TensorOptions(dtype.scalarType());
    }

    private static long[] checkSize(long[] size) {
        Objects.requireNonNull(size, "size");
        for (long d : size) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "Trying to create tensor with negative dimension " + d + ": " + Arrays.toString(size));
            }
        }
        return size;
    }
}
