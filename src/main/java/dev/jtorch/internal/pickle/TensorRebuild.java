package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * Storages and tensors as torch.save's pickle names them: the {@code torch.XStorage} globals (one per dtype), and
 * the {@code torch._utils._rebuild_tensor_v2} / {@code _rebuild_parameter} calls that rebuild a tensor on its
 * storage when loading.
 */
final class TensorRebuild {
    private static final Map<DType, String> STORAGE = new LinkedHashMap<>();

    static {
        STORAGE.put(DType.FLOAT32, "FloatStorage");
        STORAGE.put(DType.FLOAT64, "DoubleStorage");
        STORAGE.put(DType.FLOAT16, "HalfStorage");
        STORAGE.put(DType.BFLOAT16, "BFloat16Storage");
        STORAGE.put(DType.INT64, "LongStorage");
        STORAGE.put(DType.INT32, "IntStorage");
        STORAGE.put(DType.INT16, "ShortStorage");
        STORAGE.put(DType.INT8, "CharStorage");
        STORAGE.put(DType.UINT8, "ByteStorage");
        STORAGE.put(DType.BOOL, "BoolStorage");
    }

    private TensorRebuild() {}

    /** The {@code torch.XStorage} class name of a dtype's storage, as torch.save writes it. */
    static String storageClass(DType dtype) {
        return STORAGE.get(dtype);
    }

    /**
     * A storage read from the file: {@code numel} elements of the 1-D tensor {@code data}'s storage from element
     * {@code offset} on (offset 0 and all of it, but for a legacy file's storage views).
     */
    record LoadedStorage(Tensor data, long offset, long numel) {}

    /** The value of a {@code torch.XStorage} global: which dtype a storage holds. */
    record StorageType(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage types are not called in torch.save files");
        }
    }

    /**
     * The Python globals that torch.save's pickles name, by {@code module.name}, and what they load as: jtorch's own
     * immutable table, consulted by {@link TorchUnpickler} before the pickle library's defaults, never registered in
     * the pickle library's process-wide table (where every other user of the library in the JVM would see it).
     */
    private static final Map<String, IObjectConstructor> CONSTRUCTORS = constructors();

    private static Map<String, IObjectConstructor> constructors() {
        Map<String, IObjectConstructor> m = new LinkedHashMap<>();
        for (Map.Entry<DType, String> e : STORAGE.entrySet()) {
            m.put("torch." + e.getValue(), new StorageType(e.getKey()));
            // older files saved from a GPU name the CUDA storage classes; loading is to the CPU
            m.put("torch.cuda." + e.getValue(), new StorageType(e.getKey()));
        }
        m.put("torch._utils._rebuild_tensor_v2", args -> rebuildTensor(args));
        m.put("torch._utils._rebuild_tensor", args -> rebuildTensor(args));
        m.put("torch._utils._rebuild_parameter", args -> {
            Tensor data = (Tensor) args[0];
            if (args.length > 1 && Boolean.TRUE.equals(args[1])) {
                data.requiresGrad_(true);
            }
            return data;
        });
        m.put("collections.OrderedDict", args -> new PyObjects.OrderedDict());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** What the global {@code module.name} loads as in a torch.save pickle, or null where jtorch has no own meaning. */
    static IObjectConstructor constructor(String module, String name) {
        return CONSTRUCTORS.get(module + "." + name);
    }

    private static Tensor rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof LoadedStorage storage) || !(args[1] instanceof Number off)) {
            throw new PickleException("_rebuild_tensor_v2 called without (storage, offset, size, stride)");
        }
        long offset = integer(off, "storage offset");
        long[] size = longs(args[2], "size");
        long[] stride = longs(args[3], "stride");
        boolean requiresGrad = args.length > 4 && Boolean.TRUE.equals(args[4]);
        Tensor base = storage.data();
        LoadLimits.checkBounds(offset, size, stride, storage.numel());
        long at = Math.addExact(storage.offset(), offset);
        // On the storage itself, as PyTorch's _rebuild_tensor_v2 does (set_, not a copy and not an autograd view):
        // tensors saved from one storage share it again after loading.
        Tensor t = Torch.empty(new long[] {0}, storage.data().dtype());
        Ops.call(() -> t.nativeTensor().set_(base.nativeTensor(), at, size, stride));
        if (requiresGrad) {
            t.requiresGrad_(true);
        }
        return t.keep();
    }

    static long integer(Number n, String what) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof java.math.BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new PickleException(what + " " + b + " does not fit in 64 bits");
            }
        }
        throw new PickleException(what + " is a " + n.getClass().getSimpleName() + " (" + n + "), not an int");
    }

    private static long[] longs(Object tuple, String what) {
        if (!(tuple instanceof Object[] a)) {
            throw new PickleException("tensor " + what + " is not a tuple of ints");
        }
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] instanceof Number n)) {
                throw new PickleException("tensor " + what + " holds " + a[i] + ", not an int");
            }
            out[i] = integer(n, "tensor " + what);
        }
        return out;
    }
}
