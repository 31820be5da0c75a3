package dev.jtorch.internal.pickle;

import dev.jtorch.TorchException;
import dev.jtorch.internal.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes torch.save's zip archive atomically ({@link AtomicFile}): {@code archive/data.pkl}, each storage's bytes
 * as {@code archive/data/<key>} and {@code archive/version}, every record STORED (uncompressed) as PyTorch writes
 * them.
 */
final class ArchiveWriter {
    private static final String ARCHIVE = "archive";

    private ArchiveWriter() {}

    static void write(Path path, byte[] pickle, List<SavedStorage> storages) {
        try {
            AtomicFile.write(path, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.setMethod(ZipOutputStream.STORED);
                byte[] chunk = new byte[CHUNK];
                stored(zip, ARCHIVE + "/data.pkl", pickle);
                for (SavedStorage s : storages) {
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
    static final int CHUNK = 1 << 20;

    /** A storage's bytes as one STORED entry: CRC computed on the native memory, then written chunk by chunk. */
    private static void stored(ZipOutputStream zip, String name, SavedStorage s, byte[] chunk) throws IOException {
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
}
