package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;
import org.bytedeco.javacpp.BytePointer;

/**
 * The records of one torch.save archive being loaded: its {@code data.pkl} and its storages, each read only once
 * its declared size is known to be possible ({@link LoadLimits}), storages straight into native memory with their
 * CRC checked.
 */
final class ArchiveReader implements StorageSource {
    private final ZipFile zip;
    private final Path path;
    private final long fileSize;
    /** The records' common prefix: {@code "<name>/"}, or empty for a flat archive. */
    private final String prefix;

    /** Finds the archive's {@code data.pkl}; {@code fileSize} is the file's actual size. */
    ArchiveReader(ZipFile zip, Path path, long fileSize) {
        this.zip = zip;
        this.path = path;
        this.fileSize = fileSize;
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
        this.prefix = prefix;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String pickleName() {
        return "data.pkl";
    }

    /** data.pkl's bytes: exactly the declared size, read only once the size is known to be possible. */
    byte[] pickle() throws IOException {
        ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
        long size = LoadLimits.checkedSize(pkl, fileSize, path);
        long max = LoadLimits.maxPickleBytes();
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

    @Override
    public Tensor storage(String key, DType dtype, long numel) {
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
        long expected = LoadLimits.checkedSize(e, fileSize, path);
        if (expected != nbytes) {
            throw new PickleException("storage " + key + " of " + path + " has " + expected + " bytes, "
                    + numel + " x " + itemSize + " expected");
        }
        Tensor data = Torch.empty(new long[] {numel}, dtype).keep();
        // Straight into the tensor's memory, a chunk at a time, checking the entry's CRC (ZipFile does not).
        BytePointer dst = new BytePointer(data.nativeTensor().data_ptr());
        byte[] chunk = new byte[(int) Math.min(ArchiveWriter.CHUNK, Math.max(expected, 1))];
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
        return data;
    }
}
