package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.internal.Ops;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;
import org.bytedeco.javacpp.BytePointer;

/**
 * {@code torch.save} / {@code torch.load}'s file format, in Java: a zip archive holding {@code <name>/data.pkl}
 * (a protocol-2 pickle in which tensors are {@code torch._utils._rebuild_tensor_v2} calls whose storages are
 * persistent ids), {@code <name>/data/<key>} (each storage's raw little-endian bytes) and {@code <name>/version}.
 * Files written here load in Python with {@code torch.load}; files Python writes load here.
 *
 * <p>Saving is atomic: the archive is written to a temporary file in the target's directory, forced to disk, then
 * moved over the target, so a crash never leaves a half-written file in place of a good one.
 */
public final class TorchSerialization {
    private static final String ARCHIVE = "archive";
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
        registerConstructors();
    }

    private TorchSerialization() {}

    // ---------------------------------------------------------------- saving

    /** A storage to write: its key in the archive and its bytes. */
    private record Storage(String key, DType dtype, long numel, Tensor data, long nbytes) {}

    /** Pickles storages by persistent id, as torch.save does. */
    private static final class TorchPickler extends Pickler {
        TorchPickler() {
            super(true, false);
        }

        @Override
        protected Object persistentId(Object obj) {
            if (obj instanceof Storage s) {
                return new Object[] {"storage", new PyObjects.Global("torch", STORAGE.get(s.dtype())), s.key(), "cpu",
                        s.numel()};
            }
            return null;
        }
    }

    /**
     * Python's {@code torch.save(obj, path)}. {@code obj} may hold maps (Python dicts; {@link PyObjects.OrderedDict}
     * and a module's {@link dev.jtorch.nn.StateDict} for OrderedDict), lists, {@code Object[]} and primitive arrays (tuples), strings, numbers, booleans, null and
     * tensors (saved from the CPU, contiguous).
     */
    public static void save(Object obj, Path path) {
        Objects.requireNonNull(path, "path");
        PyObjects.register();
        List<Storage> storages = new ArrayList<>();
        // The scope keeps the contiguous copies of the tensors alive until their bytes are written.
        try (TensorScope scope = new TensorScope("torch.save")) {
            byte[] pickle;
            try {
                Object py = toPython(obj, storages, new IdentityHashMap<>());
                pickle = new TorchPickler().dumps(py);
            } catch (IOException | PickleException e) {
                throw new TorchException("cannot pickle the object to save to " + path + ": " + e.getMessage(), e);
            }
            write(path, pickle, storages);
        }
    }

    private static void write(Path path, byte[] pickle, List<Storage> storages) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
                    ZipOutputStream zip = new ZipOutputStream(raw)) {
                zip.setMethod(ZipOutputStream.STORED);
                byte[] chunk = new byte[CHUNK];
                stored(zip, ARCHIVE + "/data.pkl", pickle);
                for (Storage s : storages) {
                    stored(zip, ARCHIVE + "/data/" + s.key(), s, chunk);
                }
                stored(zip, ARCHIVE + "/version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                zip.finish();
                zip.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new TorchException("cannot write " + path + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the target was not touched
                }
            }
        }
    }

    /** Chunks in which storage bytes move between native memory and the archive (no array of a whole tensor). */
    private static final int CHUNK = 1 << 20;

    /** A storage's bytes as one STORED entry: CRC computed on the native memory, then written chunk by chunk. */
    private static void stored(ZipOutputStream zip, String name, Storage s, byte[] chunk) throws IOException {
        BytePointer data = new BytePointer(s.data().nativeTensor().data_ptr());
        CRC32 crc = new CRC32();
        for (long off = 0; off < s.nbytes(); off += CHUNK) {
            crc.update(data.position(off).limit(Math.min(s.nbytes(), off + CHUNK)).asByteBuffer());
        }
        startStored(zip, name, s.nbytes(), crc.getValue());
        for (long off = 0; off < s.nbytes(); off += CHUNK) {
            int n = (int) Math.min(CHUNK, s.nbytes() - off);
            data.position(off).get(chunk, 0, n);
            zip.write(chunk, 0, n);
        }
        zip.closeEntry();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        startStored(zip, name, data.length, crc.getValue());
        zip.write(data);
        zip.closeEntry();
    }

    /** Opens an uncompressed entry (a STORED entry's size and CRC come first), dated as torch.save dates them. */
    private static void startStored(ZipOutputStream zip, String name, long size, long crc) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(315532800000L);
        zip.putNextEntry(e);
    }

    private static Object toPython(Object o, List<Storage> storages, Map<Object, Object> seen) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Integer || o instanceof Long
                || o instanceof Double || o instanceof Short || o instanceof Byte) {
            return o;
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof Tensor t) {
            Object done = seen.get(t);
            if (done != null) {
                return done;
            }
            Object r = tensor(t, storages);
            seen.put(t, r);
            return r;
        }
        if (o instanceof dev.jtorch.nn.StateDict d) {
            PyObjects.OrderedDict out = new PyObjects.OrderedDict();
            for (Map.Entry<String, Tensor> e : d.entrySet()) {
                out.put(e.getKey(), toPython(e.getValue(), storages, seen));
            }
            return out;
        }
        if (o instanceof PyObjects.OrderedDict d) {
            PyObjects.OrderedDict out = new PyObjects.OrderedDict();
            for (Map.Entry<Object, Object> e : d.entrySet()) {
                out.put(toPython(e.getKey(), storages, seen), toPython(e.getValue(), storages, seen));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(toPython(e.getKey(), storages, seen), toPython(e.getValue(), storages, seen));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(toPython(x, storages, seen));
            }
            return out;
        }
        if (o instanceof Object[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = toPython(a[i], storages, seen);
            }
            return out;
        }
        if (o instanceof double[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (o instanceof long[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (o instanceof int[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (o instanceof PyObjects.Global || o instanceof PyObjects.Reduce) {
            return o;
        }
        throw new IllegalArgumentException("cannot save a " + o.getClass().getName()
                + ": use maps, lists, arrays, strings, numbers, booleans, null and tensors");
    }

    private static Object tensor(Tensor t, List<Storage> storages) {
        DType dtype = t.dtype();
        Tensor c = t.detach().cpu().contiguous();
        long numel = c.numel();
        long itemSize = c.nativeTensor().element_size();
        Storage s = new Storage(Integer.toString(storages.size()), dtype, numel, c, numel * itemSize);
        storages.add(s);
        long[] size = c.shape().toArray();
        Object[] sizeTuple = new Object[size.length];
        Object[] strideTuple = new Object[size.length];
        long stride = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            sizeTuple[i] = size[i];
            strideTuple[i] = stride;
            stride *= size[i];
        }
        return new PyObjects.Reduce(new PyObjects.Global("torch._utils", "_rebuild_tensor_v2"),
                new Object[] {s, 0L, sizeTuple, strideTuple, t.requiresGrad(), new PyObjects.OrderedDict()});
    }

    // ---------------------------------------------------------------- loading

    /** A storage read from the archive: a 1-D tensor of its elements. */
    private record LoadedStorage(Tensor data) {}

    /** The value of a {@code torch.XStorage} global: which dtype a storage holds. */
    private record StorageType(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage types are not called in torch.save files");
        }
    }

    private static void registerConstructors() {
        for (Map.Entry<DType, String> e : STORAGE.entrySet()) {
            Unpickler.registerConstructor("torch", e.getValue(), new StorageType(e.getKey()));
        }
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", args -> rebuildTensor(args));
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", args -> rebuildTensor(args));
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> {
            Tensor data = (Tensor) args[0];
            if (args.length > 1 && Boolean.TRUE.equals(args[1])) {
                data.requiresGrad_(true);
            }
            return data;
        });
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new PyObjects.OrderedDict());
    }

    private static Tensor rebuildTensor(Object[] args) {
        LoadedStorage storage = (LoadedStorage) args[0];
        long offset = ((Number) args[1]).longValue();
        long[] size = longs(args[2]);
        long[] stride = longs(args[3]);
        boolean requiresGrad = args.length > 4 && Boolean.TRUE.equals(args[4]);
        Tensor base = storage.data();
        checkBounds(offset, size, stride, base.numel());
        // On the storage itself, as PyTorch's _rebuild_tensor_v2 does (set_, not a copy and not an autograd view):
        // tensors saved from one storage share it again after loading.
        Tensor t = Torch.empty(new long[] {0}, storage.data().dtype());
        Ops.call(() -> t.nativeTensor().set_(base.nativeTensor(), offset, size, stride));
        if (requiresGrad) {
            t.requiresGrad_(true);
        }
        return t.keep();
    }

    /** A tensor must lie within its storage (set_ would silently grow the storage with uninitialized bytes). */
    private static void checkBounds(long offset, long[] size, long[] stride, long storageNumel) {
        if (offset < 0 || size.length != stride.length) {
            throw new PickleException("tensor with offset " + offset + ", " + size.length + " sizes and "
                    + stride.length + " strides");
        }
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw new PickleException("tensor with negative size or stride");
            }
            if (size[i] == 0) {
                return; // no elements: nothing to read
            }
            try {
                last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
            } catch (ArithmeticException e) {
                throw new PickleException("tensor sizes and strides overflow");
            }
        }
        if (last >= storageNumel) {
            throw new PickleException("tensor reaches element " + last + " of a storage of " + storageNumel);
        }
    }

    private static long[] longs(Object tuple) {
        Object[] a = (Object[]) tuple;
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = ((Number) a[i]).longValue();
        }
        return out;
    }

    /** Reads storages from the archive by persistent id. */
    private static final class TorchUnpickler extends Unpickler {
        private final ZipFile zip;
        private final String prefix;
        private final Path path;
        private final Map<String, LoadedStorage> loaded = new HashMap<>();

        TorchUnpickler(ZipFile zip, String prefix, Path path) {
            this.zip = zip;
            this.prefix = prefix;
            this.path = path;
        }

        /** Keeps Python's dict order: plain dicts become LinkedHashMaps and SETITEMS inserts in file order. */
        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == net.razorvine.pickle.Opcodes.EMPTY_DICT) {
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            if (key == net.razorvine.pickle.Opcodes.SETITEMS) {
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> target = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    target.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            return super.dispatch(key);
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unknown persistent id in " + path);
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new PickleException("unsupported storage type " + t[1] + " in " + path);
            }
            String key = String.valueOf(t[2]);
            long numel = ((Number) t[4]).longValue();
            return loaded.computeIfAbsent(key, k -> readStorage(k, type.dtype(), numel));
        }

        private LoadedStorage readStorage(String key, DType dtype, long numel) {
            ZipEntry e = zip.getEntry(prefix + "data/" + key);
            if (e == null) {
                throw new PickleException("storage " + key + " is missing from " + path);
            }
            long itemSize = Torch.empty(new long[] {0}, dtype).nativeTensor().element_size();
            if (numel < 0 || e.getSize() != numel * itemSize) {
                throw new PickleException("storage " + key + " of " + path + " has " + e.getSize() + " bytes, "
                        + numel + " x " + itemSize + " expected");
            }
            long expected = e.getSize();
            Tensor data = Torch.empty(new long[] {numel}, dtype).keep();
            // Straight into the tensor's memory, a chunk at a time, checking the entry's CRC (ZipFile does not).
            BytePointer dst = new BytePointer(data.nativeTensor().data_ptr());
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(expected, 1))];
            CRC32 crc = new CRC32();
            long off = 0;
            try (InputStream in = zip.getInputStream(e)) {
                int n;
                while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, Math.max(expected - off, 1)))) > 0) {
                    if (off + n > expected) {
                        throw new PickleException("storage " + key + " of " + path + " is longer than " + expected
                                + " bytes");
                    }
                    crc.update(chunk, 0, n);
                    dst.position(off).put(chunk, 0, n);
                    off += n;
                }
            } catch (IOException ex) {
                throw new PickleException("cannot read storage " + key + " of " + path + ": " + ex.getMessage());
            }
            if (off != expected) {
                throw new PickleException("storage " + key + " of " + path + " has " + off + " bytes, " + expected
                        + " expected");
            }
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new PickleException("storage " + key + " of " + path + " fails its CRC check");
            }
            return new LoadedStorage(data);
        }
    }

    /**
     * Python's {@code torch.load(path)} (to the CPU): dicts become {@link LinkedHashMap}s ({@link PyObjects.OrderedDict}
     * for OrderedDicts), lists {@code ArrayList}s, tuples {@code Object[]}, ints {@code Integer} or {@code Long},
     * floats {@code Double}, tensors {@link Tensor}s outside every scope.
     *
     * @throws TorchException naming the file if it is missing, truncated, corrupted or not in torch.save's format
     */
    public static Object load(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new TorchException("cannot load " + path + ": no such file");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                String name = en.nextElement().getName();
                if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.indexOf('/') == name.length() - 9)) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new TorchException("cannot load " + path + ": not a torch.save archive (no data.pkl record)");
            }
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            byte[] pickle;
            try (InputStream in = zip.getInputStream(pkl)) {
                pickle = in.readAllBytes();
            }
            try (TensorScope scope = new TensorScope("torch.load")) {
                return new TorchUnpickler(zip, prefix, path).loads(pickle);
            }
        } catch (ZipException e) {
            throw new TorchException("cannot load " + path + ": not a valid torch.save archive (" + e.getMessage()
                    + "); the file may be truncated or corrupted", e);
        } catch (PickleException | IOException | ClassCastException | IndexOutOfBoundsException e) {
            throw new TorchException("cannot load " + path + ": corrupted torch.save archive (" + e.getMessage() + ")",
                    e);
        }
    }
}
