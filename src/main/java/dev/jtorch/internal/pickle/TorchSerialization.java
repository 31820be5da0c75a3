package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.internal.Ops;
import dev.jtorch.internal.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Saving is atomic ({@link AtomicFile}): the archive is written to a temporary file in the target's directory,
 * forced to disk, then renamed over the target, so a crash never leaves a half-written file in place of a good one;
 * the file gets the permissions Python's {@code open(path, 'wb')} gives it. Shared and recursive containers are
 * pickled once each with the pickle memo, as Python's pickle does. Loading checks every size the file declares
 * against the file's actual size before allocating, and names the file in every error.
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

    /**
     * Pickles storages by persistent id, as torch.save does, and memoizes containers before their contents as
     * Python's pickle does, so that recursive structures are written with BINGET back-references.
     */
    static final class TorchPickler extends Pickler {
        TorchPickler() {
            super(true, false);
        }

        /** Memoizes {@code o} now (BINPUT), if not yet: for custom picklers, before they write the contents. */
        void memoize(Object o) throws IOException {
            writeMemo(o);
        }

        private int memoIndex(Object o) {
            Memo m = memo.get(System.identityHashCode(o));
            return m != null && m.obj == o ? m.index : -1;
        }

        private void writeGet(int index) throws IOException {
            if (index <= 0xff) {
                out.write(net.razorvine.pickle.Opcodes.BINGET);
                out.write(index);
            } else {
                out.write(net.razorvine.pickle.Opcodes.LONG_BINGET);
                out.write(net.razorvine.pickle.PickleUtils.integer_to_bytes(index), 0, 4);
            }
        }

        /**
         * Python's {@code save_tuple}: a tuple reached again while its items are being written (through a list or
         * dict that holds it) is memoized by that inner write, so the outer write drops its items (POP) and refers
         * to the memoized tuple (BINGET). Other tuples are written exactly as the pickle library writes them.
         */
        @Override
        public void save(Object o) throws IOException {
            if (!(o instanceof Object[] a) || a.length == 0 || memoIndex(o) >= 0) {
                super.save(o);
                return;
            }
            recurse++;
            if (recurse > MAX_RECURSE_DEPTH) {
                throw new PickleException("maximum recursion depth exceeded while pickling an object");
            }
            if (a.length > 3) {
                out.write(net.razorvine.pickle.Opcodes.MARK);
            }
            for (Object x : a) {
                save(x);
            }
            int index = memoIndex(a);
            if (index >= 0) {
                if (a.length > 3) {
                    out.write(net.razorvine.pickle.Opcodes.POP_MARK);
                } else {
                    for (int i = 0; i < a.length; i++) {
                        out.write(net.razorvine.pickle.Opcodes.POP);
                    }
                }
                writeGet(index);
            } else {
                out.write(a.length == 1 ? net.razorvine.pickle.Opcodes.TUPLE1
                        : a.length == 2 ? net.razorvine.pickle.Opcodes.TUPLE2
                        : a.length == 3 ? net.razorvine.pickle.Opcodes.TUPLE3 : net.razorvine.pickle.Opcodes.TUPLE);
                writeMemo(a);
            }
            recurse--;
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
                Object py = toPython(obj, new Conversion(storages));
                pickle = new TorchPickler().dumps(py);
            } catch (IOException | PickleException e) {
                throw new TorchException("cannot pickle the object to save to " + path + ": " + e.getMessage(), e);
            }
            write(path, pickle, storages);
        }
    }

    private static void write(Path path, byte[] pickle, List<Storage> storages) {
        try {
            AtomicFile.write(path, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.setMethod(ZipOutputStream.STORED);
                byte[] chunk = new byte[CHUNK];
                stored(zip, ARCHIVE + "/data.pkl", pickle);
                for (Storage s : storages) {
                    stored(zip, ARCHIVE + "/data/" + s.key(), s, chunk);
                }
                stored(zip, ARCHIVE + "/version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                zip.finish(); // not close(): AtomicFile flushes, forces and closes the file
            });
        } catch (IOException e) {
            throw new TorchException("cannot write " + path + ": " + e, e);
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

    /**
     * Python's recursion limit as pickle meets it: deeper nesting is refused with Python's RecursionError message
     * instead of overflowing the stack (the pickle library itself stops at 1000 levels).
     */
    static final int MAX_DEPTH = 900;

    /** The conversion of one object graph: what was converted (by identity) and the containers on the path. */
    private static final class Conversion {
        final List<Storage> storages;
        final Map<Object, Object> seen = new IdentityHashMap<>();
        /** The containers being converted, outermost first (arrays and mutable containers). */
        final List<Object> path = new ArrayList<>();

        Conversion(List<Storage> storages) {
            this.storages = storages;
        }
    }

    /**
     * The object as the pickler writes it. Containers are converted once each (by identity), and registered before
     * their contents, so shared and recursive structures (a dict holding itself) come out shared and recursive, and
     * the pickler's memo writes them as Python's pickle does (BINPUT, then BINGET for each later reference).
     */
    private static Object toPython(Object o, Conversion c) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Integer || o instanceof Long
                || o instanceof Double || o instanceof Short || o instanceof Byte) {
            return o;
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof PyObjects.Global || o instanceof PyObjects.Reduce) {
            return o;
        }
        Object done = c.seen.get(o);
        if (done != null) {
            if (o instanceof Object[] && c.path.contains(o)) {
                checkTupleCycle(o, c);
            }
            return done;
        }
        if (o instanceof Tensor t) {
            Object r = tensor(t, c.storages);
            c.seen.put(t, r);
            return r;
        }
        if (c.path.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("maximum recursion depth exceeded while pickling an object (the object"
                    + " to save is nested more than " + MAX_DEPTH + " containers deep)");
        }
        c.path.add(o);
        try {
            if (o instanceof dev.jtorch.nn.StateDict d) {
                PyObjects.OrderedDict out = new PyObjects.OrderedDict();
                c.seen.put(o, out);
                for (Map.Entry<String, Tensor> e : d.entrySet()) {
                    out.put(e.getKey(), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof PyObjects.OrderedDict d) {
                PyObjects.OrderedDict out = new PyObjects.OrderedDict();
                c.seen.put(o, out);
                for (Map.Entry<Object, Object> e : d.entrySet()) {
                    out.put(key(e.getKey(), c), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                c.seen.put(o, out);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(key(e.getKey(), c), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                c.seen.put(o, out);
                for (Object x : l) {
                    out.add(toPython(x, c));
                }
                return out;
            }
            if (o instanceof Object[] a) {
                Object[] out = new Object[a.length];
                c.seen.put(o, out);
                for (int i = 0; i < a.length; i++) {
                    out[i] = toPython(a[i], c);
                }
                return out;
            }
        } finally {
            c.path.remove(c.path.size() - 1);
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
        throw new IllegalArgumentException("cannot save a " + o.getClass().getName()
                + ": use maps, lists, arrays, strings, numbers, booleans, null and tensors");
    }

    /**
     * A dict key: hashable in Python, so no dict or list, and (for Java's hash maps) no container on the current
     * path, whose hash code would never end.
     */
    private static Object key(Object k, Conversion c) {
        if (k instanceof Map<?, ?> || k instanceof List<?>) {
            throw new IllegalArgumentException("cannot save a dict with a " + (k instanceof Map ? "dict" : "list")
                    + " as a key: unhashable type: '" + (k instanceof Map ? "dict" : "list") + "'");
        }
        return toPython(k, c);
    }

    /**
     * An array met again while it is being converted: Python can pickle a tuple that holds itself only through a
     * list or dict (the tuple is then rebuilt after its contents); an array that holds itself through arrays alone
     * has no Python counterpart.
     */
    private static void checkTupleCycle(Object array, Conversion c) {
        for (int i = c.path.size() - 1; i >= 0 && c.path.get(i) != array; i--) {
            if (!(c.path.get(i) instanceof Object[])) {
                return; // through a list or dict: Python's pickle writes it
            }
        }
        throw new IllegalArgumentException("cannot save an Object[] (a Python tuple) that contains itself through"
                + " tuples alone: a tuple cannot contain itself in Python; use a List for a recursive structure");
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
        if (args.length < 4 || !(args[0] instanceof LoadedStorage storage) || !(args[1] instanceof Number off)) {
            throw new PickleException("_rebuild_tensor_v2 called without (storage, offset, size, stride)");
        }
        long offset = integer(off, "storage offset");
        long[] size = longs(args[2], "size");
        long[] stride = longs(args[3], "stride");
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

    /**
     * A tensor must lie within its storage (set_ would silently grow the storage with uninitialized bytes), and its
     * element count must be a long (libtorch would overflow).
     */
    static void checkBounds(long offset, long[] size, long[] stride, long storageNumel) {
        if (offset < 0 || size.length != stride.length) {
            throw new PickleException("tensor with offset " + offset + ", " + size.length + " sizes and "
                    + stride.length + " strides");
        }
        long numel = 1;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw new PickleException("tensor with negative size or stride: size " + java.util.Arrays.toString(size)
                        + ", stride " + java.util.Arrays.toString(stride));
            }
            try {
                numel = Math.multiplyExact(numel, size[i]);
            } catch (ArithmeticException e) {
                throw new PickleException("tensor of size " + java.util.Arrays.toString(size)
                        + ": its number of elements overflows a 64-bit integer");
            }
        }
        if (numel == 0) {
            return; // no elements: nothing to read
        }
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            try {
                last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
            } catch (ArithmeticException e) {
                throw new PickleException("tensor sizes and strides overflow: size " + java.util.Arrays.toString(size)
                        + ", stride " + java.util.Arrays.toString(stride) + ", offset " + offset);
            }
        }
        if (last >= storageNumel) {
            throw new PickleException("tensor of size " + java.util.Arrays.toString(size) + ", stride "
                    + java.util.Arrays.toString(stride) + " and offset " + offset + " reaches element " + last
                    + " of a storage of " + storageNumel + " elements");
        }
    }

    private static long integer(Number n, String what) {
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

    /** The most bytes a deflated zip entry can expand to per compressed byte (deflate's limit is about 1032). */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /**
     * An entry's declared size, checked against what the archive can hold: a stored entry is no larger than the
     * file, a deflated one no larger than deflate can expand its compressed bytes to.
     */
    private static long checkedSize(ZipEntry e, long fileSize, Path path) {
        long size = e.getSize();
        long csize = e.getCompressedSize();
        if (size < 0) {
            throw new PickleException("record " + e.getName() + " of " + path + " does not declare its size");
        }
        if (e.getMethod() == ZipEntry.STORED || e.getMethod() == -1) {
            if (size > fileSize) {
                throw new PickleException("record " + e.getName() + " declares " + size + " bytes but the file has "
                        + "only " + fileSize + " bytes");
            }
        } else {
            long max = csize < 0 ? fileSize : Math.min(csize, fileSize);
            if (size / MAX_DEFLATE_RATIO > max) {
                throw new PickleException("record " + e.getName() + " declares " + size + " bytes, more than its "
                        + Math.max(csize, 0) + " compressed bytes can hold");
            }
        }
        return size;
    }

    /** The largest data.pkl read into memory: a Java array's limit, and half the heap this JVM may still take. */
    private static long maxPickleBytes() {
        Runtime rt = Runtime.getRuntime();
        long heapLeft = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.min(Integer.MAX_VALUE - 16L, Math.max(heapLeft / 2, 1 << 20));
    }

    /** data.pkl's bytes: exactly the declared size, read only once the size is known to be possible. */
    private static byte[] readPickle(ZipFile zip, ZipEntry pkl, long fileSize, Path path) throws IOException {
        long size = checkedSize(pkl, fileSize, path);
        long max = maxPickleBytes();
        if (size > max) {
            throw new PickleException("record " + pkl.getName() + " declares " + size + " bytes, more than the "
                    + max + " bytes this JVM can read into memory (raise -Xmx to load it)");
        }
        byte[] data = new byte[(int) size];
        int off = 0;
        try (InputStream in = zip.getInputStream(pkl)) {
            while (off < data.length) {
                int n = in.read(data, off, data.length - off);
                if (n < 0) {
                    throw new PickleException("record " + pkl.getName() + " declares " + size + " bytes but holds "
                            + "only " + off);
                }
                off += n;
            }
            if (in.read() >= 0) {
                throw new PickleException("record " + pkl.getName() + " holds more than its declared " + size
                        + " bytes");
            }
        }
        return data;
    }

    /** Reads storages from the archive by persistent id. */
    private static final class TorchUnpickler extends Unpickler {
        private final ZipFile zip;
        private final String prefix;
        private final Path path;
        private final long fileSize;
        private final Map<String, LoadedStorage> loaded = new HashMap<>();
        private long pickleSize;

        TorchUnpickler(ZipFile zip, String prefix, Path path, long fileSize) {
            this.zip = zip;
            this.prefix = prefix;
            this.path = path;
            this.fileSize = fileSize;
        }

        @Override
        public Object loads(byte[] pickle) throws PickleException, IOException {
            pickleSize = pickle.length;
            return load(new java.io.ByteArrayInputStream(pickle));
        }

        /** Keeps Python's dict order: plain dicts become LinkedHashMaps and SETITEMS inserts in file order. */
        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            checkLength(key);
            if (key == net.razorvine.pickle.Opcodes.EMPTY_DICT) {
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            if (key == net.razorvine.pickle.Opcodes.SETITEMS) {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Map<?, ?>)) {
                    throw new PickleException("SETITEMS on a " + typeName(stack.peek()) + ", not a dict");
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> target = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    target.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            return super.dispatch(key);
        }

        /**
         * A counted string, bytes or long must fit in what is left of data.pkl: its declared length is checked
         * before the pickle library allocates an array of that length.
         */
        private void checkLength(short key) throws IOException {
            int width;
            String name;
            switch (key) {
                case net.razorvine.pickle.Opcodes.BINSTRING -> { width = 4; name = "BINSTRING"; }
                case net.razorvine.pickle.Opcodes.BINBYTES -> { width = 4; name = "BINBYTES"; }
                case net.razorvine.pickle.Opcodes.BINUNICODE -> { width = 4; name = "BINUNICODE"; }
                case net.razorvine.pickle.Opcodes.LONG4 -> { width = 4; name = "LONG4"; }
                case net.razorvine.pickle.Opcodes.BINUNICODE8 -> { width = 8; name = "BINUNICODE8"; }
                case net.razorvine.pickle.Opcodes.BINBYTES8 -> { width = 8; name = "BINBYTES8"; }
                case net.razorvine.pickle.Opcodes.BYTEARRAY8 -> { width = 8; name = "BYTEARRAY8"; }
                case net.razorvine.pickle.Opcodes.SHORT_BINSTRING -> { width = 1; name = "SHORT_BINSTRING"; }
                case net.razorvine.pickle.Opcodes.SHORT_BINBYTES -> { width = 1; name = "SHORT_BINBYTES"; }
                case net.razorvine.pickle.Opcodes.SHORT_BINUNICODE -> { width = 1; name = "SHORT_BINUNICODE"; }
                case net.razorvine.pickle.Opcodes.LONG1 -> { width = 1; name = "LONG1"; }
                default -> {
                    return;
                }
            }
            int remaining = input.available();
            long at = pickleSize - remaining - 1;
            if (remaining < width) {
                throw new PickleException("data.pkl ends inside the length of the " + name + " at byte " + at);
            }
            byte[] b = new byte[width];
            input.mark(width);
            if (input.read(b) != width) {
                throw new PickleException("data.pkl ends inside the length of the " + name + " at byte " + at);
            }
            input.reset();
            long len = 0;
            for (int i = width - 1; i >= 0; i--) {
                len = (len << 8) | (b[i] & 0xff);
            }
            if (width == 4) {
                len = (int) len; // a signed 32-bit length, as Python reads it
            }
            long left = remaining - width;
            if (len < 0 || len > left) {
                throw new PickleException("data.pkl declares a " + name + " of " + len + " bytes at byte " + at
                        + ", but only " + left + " bytes follow");
            }
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unknown persistent id in " + path);
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new PickleException("unsupported storage type " + t[1] + " in " + path);
            }
            if (!(t[2] instanceof String key)) {
                throw new PickleException("storage key " + t[2] + " is not a string");
            }
            if (!(t[4] instanceof Number n)) {
                throw new PickleException("storage " + key + " declares " + t[4] + " elements, not an int");
            }
            long numel = integer(n, "number of elements of storage " + key);
            return loaded.computeIfAbsent(key, k -> readStorage(k, type.dtype(), numel));
        }

        private LoadedStorage readStorage(String key, DType dtype, long numel) {
            ZipEntry e = zip.getEntry(prefix + "data/" + key);
            if (e == null) {
                throw new PickleException("storage " + key + " is missing from " + path);
            }
            long itemSize = Torch.empty(new long[] {0}, dtype).nativeTensor().element_size();
            if (numel < 0) {
                throw new PickleException("storage " + key + " declares a negative number of elements: " + numel);
            }
            long nbytes;
            try {
                nbytes = Math.multiplyExact(numel, itemSize);
            } catch (ArithmeticException ex) {
                throw new PickleException("storage " + key + " declares " + numel + " elements of " + itemSize
                        + " bytes: more bytes than a 64-bit integer counts");
            }
            long expected = checkedSize(e, fileSize, path);
            if (expected != nbytes) {
                throw new PickleException("storage " + key + " of " + path + " has " + expected + " bytes, "
                        + numel + " x " + itemSize + " expected");
            }
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

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /**
     * Python's {@code torch.load(path)} (to the CPU): dicts become {@link LinkedHashMap}s ({@link PyObjects.OrderedDict}
     * for OrderedDicts), lists {@code ArrayList}s, tuples {@code Object[]}, ints {@code Integer} or {@code Long},
     * floats {@code Double}, tensors {@link Tensor}s outside every scope. Recursive structures (a dict holding
     * itself) load recursive, as in Python.
     *
     * <p>Every size the file declares (records, strings, storages, tensor shapes) is checked against the file's
     * actual size before memory is allocated for it, so a crafted or corrupted file fails with a message instead of
     * exhausting memory.
     *
     * @throws TorchException naming the file and what is wrong with it if it is missing, truncated, corrupted or not
     *     in torch.save's format
     */
    public static Object load(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new TorchException("cannot load " + path + ": no such file");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            long fileSize = Files.size(path);
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
            byte[] pickle = readPickle(zip, pkl, fileSize, path);
            try (TensorScope scope = new TensorScope("torch.load")) {
                return new TorchUnpickler(zip, prefix, path, fileSize).loads(pickle);
            }
        } catch (ZipException e) {
            throw new TorchException("cannot load " + path + ": not a valid torch.save archive (" + e.getMessage()
                    + "); the file may be truncated or corrupted", e);
        } catch (TorchException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot load " + path)) {
                throw e;
            }
            throw corrupted(path, e);
        } catch (IOException | RuntimeException e) {
            throw corrupted(path, e);
        }
    }

    private static TorchException corrupted(Path path, Exception e) {
        String what = e instanceof PickleException || e instanceof TorchException || e instanceof IOException
                ? e.getMessage() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new TorchException("cannot load " + path + ": corrupted torch.save archive (" + what + ")", e);
    }
}
