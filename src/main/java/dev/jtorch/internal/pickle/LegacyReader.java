package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.PickleException;
import org.bytedeco.javacpp.BytePointer;

/**
 * torch.save's legacy format, which PyTorch wrote before 1.6 and still writes with
 * {@code torch.save(obj, f, _use_new_zipfile_serialization=False)}: five pickles one after the other (the magic
 * number 0x1950a86a20f9469cfc6c, the protocol version 1001, a {@code sys_info} dict, the object, the list of
 * storage keys), then each listed storage as an 8-byte little-endian element count and its raw little-endian bytes.
 * The object pickle names storages by persistent id {@code ('storage', storage_type, key, location, numel,
 * view_metadata)} as in the zip format; storages are allocated when the pickle first names them (each size checked
 * against the file's first) and filled when the bytes after the pickles are read.
 */
final class LegacyReader implements StorageSource {
    static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int PROTOCOL_VERSION = 1001;

    /** A storage the pickle named, waiting for its bytes. */
    private record Pending(DType dtype, long numel, long nbytes, Tensor data) {}

    private final FileChannel channel;
    private final Path path;
    private final long fileSize;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long declaredBytes;
    /** Which pickle is being read, for messages. */
    private String pickleName = "legacy file";

    LegacyReader(FileChannel channel, Path path, long fileSize) {
        this.channel = channel;
        this.path = path;
        this.fileSize = fileSize;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String pickleName() {
        return pickleName;
    }

    /** Thrown where the file is a pickle but not one torch.save wrote. */
    static final class NotTorchSave extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotTorchSave(String message) {
            super(message);
        }
    }

    /** The object saved, its tensors on their storages read from the file. */
    Object load() throws IOException {
        FileInput in = new FileInput(channel, fileSize);
        Object magic = header(in, "magic number");
        if (!(magic instanceof Number n) || !MAGIC_NUMBER.equals(new BigInteger(n.toString()))) {
            throw new NotTorchSave("a pickle, but not a torch.save file: it starts with " + describe(magic)
                    + " where torch.save writes its magic number 0x1950a86a20f9469cfc6c (a file of pickle.dump? Python"
                    + " reads it with pickle.load)");
        }
        Object version = header(in, "protocol version");
        if (!(version instanceof Integer v) || v != PROTOCOL_VERSION) {
            throw new PickleException("legacy torch.save file of protocol version " + describe(version) + ", not "
                    + PROTOCOL_VERSION);
        }
        Object sysInfo = header(in, "sys_info");
        if (!(sysInfo instanceof Map<?, ?>)) {
            throw new PickleException("sys_info is " + describe(sysInfo) + ", not a dict");
        }
        Object result;
        pickleName = "legacy file";
        try (TensorScope scope = new TensorScope("torch.load")) {
            result = new TorchUnpickler(this, new HashMap<>()).load(in, fileSize);
        }
        Object keys = header(in, "storage keys");
        if (!(keys instanceof List<?> list)) {
            throw new PickleException("the storage keys after the object are " + describe(keys) + ", not a list");
        }
        long at = in.position();
        Set<String> read = new HashSet<>();
        for (Object k : list) {
            Pending p = k instanceof String key ? pending.get(key) : null;
            if (p == null) {
                throw new PickleException("storage key " + describe(k) + " is listed after the object, but the object"
                        + " names no such storage");
            }
            if (!read.add((String) k)) {
                throw new PickleException("storage key " + k + " is listed twice");
            }
            at = readStorage((String) k, p, at);
        }
        for (String key : pending.keySet()) {
            if (!read.contains(key)) {
                throw new PickleException("storage " + key + " is used by the object but the file does not list it"
                        + " (its bytes are missing)");
            }
        }
        return result;
    }

    /** One of the small pickles around the object, in which no storage may appear. */
    private Object header(FileInput in, String what) throws IOException {
        long start = in.position();
        if (start >= fileSize) {
            throw new PickleException("the file ends at byte " + fileSize + ", before the " + what + " pickle");
        }
        pickleName = "the " + what + " pickle";
        StorageSource none = new StorageSource() {
            @Override
            public Path path() {
                return path;
            }

            @Override
            public String pickleName() {
                return pickleName;
            }

            @Override
            public Tensor storage(String key, DType dtype, long numel) {
                throw new PickleException("the " + what + " pickle names storage " + key);
            }
        };
        return new TorchUnpickler(none).load(in, fileSize);
    }

    @Override
    public Tensor storage(String key, DType dtype, long numel) {
        if (numel < 0) {
            throw new PickleException("storage " + key + " declares a negative number of elements: " + numel);
        }
        long itemSize = Torch.empty(new long[] {0}, dtype).nativeTensor().element_size();
        long nbytes;
        try {
            nbytes = Math.multiplyExact(numel, itemSize);
            declaredBytes = Math.addExact(declaredBytes, Math.addExact(nbytes, 8));
        } catch (ArithmeticException ex) {
            throw new PickleException("storage " + key + " declares " + numel + " elements of " + itemSize
                    + " bytes: more bytes than a 64-bit integer counts");
        }
        if (declaredBytes > fileSize) {
            throw new PickleException("storage " + key + " declares " + numel + " elements of " + itemSize
                    + " bytes: with its element count and the storages before it, more than the file's " + fileSize
                    + " bytes");
        }
        Tensor data = Torch.empty(new long[] {numel}, dtype).keep();
        pending.put(key, new Pending(dtype, numel, nbytes, data));
        return data;
    }

    /** Storage {@code key}'s element count and bytes at {@code at}; the position after them. */
    private long readStorage(String key, Pending p, long at) throws IOException {
        if (fileSize - at < 8) {
            throw new PickleException("the file ends at byte " + fileSize + ", inside the element count of storage "
                    + key + " (at byte " + at + ")");
        }
        ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(count, at, key);
        long numel = count.getLong(0);
        if (numel != p.numel()) {
            throw new PickleException("storage " + key + " holds " + numel + " elements in the file (at byte " + at
                    + "), but the object declares " + p.numel());
        }
        long start = at + 8;
        if (fileSize - start < p.nbytes()) {
            throw new PickleException("storage " + key + " of " + p.nbytes() + " bytes at byte " + start
                    + " reaches past the end of the file (" + fileSize + " bytes)");
        }
        if (p.nbytes() > 0) {
            BytePointer dst = new BytePointer(p.data().nativeTensor().data_ptr());
            final long chunk = 1L << 26;
            for (long off = 0; off < p.nbytes(); off += chunk) {
                long n = Math.min(chunk, p.nbytes() - off);
                ByteBuffer b = dst.position(off).limit(off + n).asByteBuffer();
                readFully(b, start + off, key);
            }
        }
        return start + p.nbytes();
    }

    private void readFully(ByteBuffer b, long at, String key) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                throw new PickleException("the file ends inside storage " + key);
            }
            pos += n;
        }
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[] a) {
            return java.util.Arrays.deepToString(a);
        }
        String s = o instanceof String str ? "'" + str + "'" : String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
