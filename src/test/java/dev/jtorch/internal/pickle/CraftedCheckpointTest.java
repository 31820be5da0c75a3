package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted torch.save files, built byte by byte: every declared size that does not fit the file is refused with a
 * TorchException naming the file and what is wrong, before any memory is allocated for it (no OutOfMemoryError,
 * no unnamed exception).
 */
class CraftedCheckpointTest {
    @TempDir
    Path dir;

    /** Hand-written pickle opcodes (protocol 2). */
    static final class Pickle {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            out.write(0x80);
            out.write(2);
        }

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Pickle le32(int v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Pickle le64(long v) {
            return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op('X').le32(b.length).raw(b);
        }

        Pickle int1(int v) {
            return op('K').op(v);
        }

        /** LONG1 with 8 bytes: any long, as Python pickles big ints. */
        Pickle long8(long v) {
            return op(0x8a).op(8).le64(v);
        }

        Pickle global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** {@code _rebuild_tensor_v2(storage(key, numel), offset, size, stride, False, OrderedDict())}. */
        Pickle tensor(String key, long numel, long offset, long[] size, long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2");
            op('(');
            op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").long8(numel).op('t');
            op('Q');
            long8(offset);
            op('(');
            for (long s : size) {
                long8(s);
            }
            op('t');
            op('(');
            for (long s : stride) {
                long8(s);
            }
            op('t');
            op(0x89); // False
            global("collections", "OrderedDict").op(')').op('R');
            op('t');
            return op('R');
        }

        /**
         * {@code _rebuild_tensor_v2} on a legacy persistent id {@code ('storage', FloatStorage, key, 'cpu', numel,
         * view)}, {@code view} null or {@code (viewKey, viewOffset, viewNumel)}.
         */
        Pickle legacyTensor(String key, long numel, Object[] view, long offset, long[] size, long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2");
            op('(');
            op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").long8(numel);
            if (view == null) {
                op('N');
            } else {
                str((String) view[0]).long8((Long) view[1]).long8((Long) view[2]).op(0x87);
            }
            op('t');
            op('Q');
            long8(offset);
            op('(');
            for (long s : size) {
                long8(s);
            }
            op('t');
            op('(');
            for (long s : stride) {
                long8(s);
            }
            op('t');
            op(0x89); // False
            global("collections", "OrderedDict").op(')').op('R');
            op('t');
            return op('R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        byte[] end() {
            out.write('.');
            return out.toByteArray();
        }
    }

    /** A torch.save-shaped zip of STORED records (name, bytes) in order. */
    static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bo)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                byte[] data = (byte[]) namesAndBytes[i + 1];
                ZipEntry e = new ZipEntry((String) namesAndBytes[i]);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data.length);
                e.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    static byte[] archive(byte[] pickle, Object... storages) throws IOException {
        Object[] all = new Object[4 + storages.length];
        all[0] = "archive/data.pkl";
        all[1] = pickle;
        System.arraycopy(storages, 0, all, 2, storages.length);
        all[all.length - 2] = "archive/version";
        all[all.length - 1] = "3\n".getBytes(StandardCharsets.US_ASCII);
        return zip(all);
    }

    /**
     * Rewrites the declared sizes of record {@code name}, in its local header and in the central directory, to
     * {@code size} (the bytes stay as they are): a zip whose entry sizes lie.
     */
    static byte[] lieAboutSize(byte[] zip, String name, long size) {
        byte[] out = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = 0; i + 46 < out.length; i++) {
            int sig = b.getInt(i);
            if (sig == 0x04034b50 && b.getShort(i + 26) == n.length && matches(out, i + 30, n)) {
                b.putInt(i + 18, (int) size);
                b.putInt(i + 22, (int) size);
                patched++;
            } else if (sig == 0x02014b50 && b.getShort(i + 28) == n.length && matches(out, i + 46, n)) {
                b.putInt(i + 20, (int) size);
                b.putInt(i + 24, (int) size);
                patched++;
            }
        }
        assertEquals(2, patched, "local header and central directory entry of " + name);
        return out;
    }

    private static boolean matches(byte[] a, int at, byte[] n) {
        for (int j = 0; j < n.length; j++) {
            if (a[at + j] != n[j]) {
                return false;
            }
        }
        return true;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The legacy format's magic number pickle, as torch.save writes it (LONG1 of 10 bytes). */
    static byte[] legacyMagic() {
        byte[] be = LegacyReader.MAGIC_NUMBER.toByteArray();
        byte[] le = new byte[be.length];
        for (int i = 0; i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return new Pickle().op(0x8a).op(le.length).raw(le).end();
    }

    /**
     * A legacy torch.save file: magic number, protocol version {@code version}, an empty sys_info, the object
     * pickle, the storage keys pickle, then the raw parts (an element count and bytes each) as given.
     */
    static byte[] legacy(int version, byte[] object, byte[] keys, byte[]... raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(legacyMagic());
        out.writeBytes(new Pickle().op('J').le32(version).end());
        out.writeBytes(new Pickle().op('}').end());
        out.writeBytes(object);
        out.writeBytes(keys);
        for (byte[] r : raw) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    /** A pickled list of storage keys. */
    static byte[] keys(String... keys) {
        Pickle p = new Pickle().op(']').op('(');
        for (String k : keys) {
            p.str(k);
        }
        return p.op('e').end();
    }

    /** A legacy storage's bytes in the file: its element count, then its floats. */
    static byte[] rawStorage(long count, float... v) {
        return ByteBuffer.allocate(8 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN).putLong(count)
                .put(floats(v)).array();
    }

    /** Torch.load fails with a TorchException naming the file and saying {@code what}. */
    private static TorchException refused(Path p, String what) {
        Executable load = () -> Torch.load(p);
        TorchException e = assertThrows(TorchException.class, load);
        assertTrue(e.getMessage().startsWith("cannot load " + p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), "expected '" + what + "' in: " + e.getMessage());
        return e;
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void theCraftedFilesAreValidWhenTheirSizesAreHonest() throws Exception {
        byte[] pickle = new Pickle().op('}').str("w").tensor("0", 4, 1, new long[] {3}, new long[] {1}).op('s')
                .end();
        Path p = file("honest.pt", archive(pickle, "archive/data/0", floats(1, 2, 3, 4)));
        Tensor w = (Tensor) ((Map<?, ?>) Torch.load(p)).get("w");
        assertArrayEquals(new float[] {2, 3, 4}, w.toFloatArray(), "the builders write what torch.save writes");
    }

    @Test
    void a3MbFileDeclaringA3GbDataPklIsRefusedBeforeReading() throws Exception {
        byte[] big = new byte[3 << 20];
        byte[] pickle = new Pickle().str("x").end();
        System.arraycopy(pickle, 0, big, 0, pickle.length);
        byte[] zip = lieAboutSize(archive(big), "archive/data.pkl", 3_000_000_000L);
        Path p = file("lying-zip.pt", zip);
        refused(p, "record archive/data.pkl declares 3000000000 bytes but the file has only " + zip.length
                + " bytes");
    }

    @Test
    void aDataPklRecordReachingPastTheEndOfTheFileIsRefused() throws Exception {
        byte[] pickle = new Pickle().str("x").end();
        byte[] padded = new byte[1000];
        System.arraycopy(pickle, 0, padded, 0, pickle.length);
        byte[] zip = archive(padded);
        // less than the file's size, so possible as far as the file's size tells, but the record starts after the
        // first local header: its declared bytes end beyond the end of the file
        long declared = zip.length - 20;
        Path p = file("past-end.pt", lieAboutSize(zip, "archive/data.pkl", declared));
        refused(p, "record archive/data.pkl declares " + declared + " bytes but holds only");
    }

    @Test
    void aDeflatedDataPklDeclaringMoreThanDeflateCanExpandToIsRefused() throws Exception {
        // 3 MB of a pickle and zeros, deflated to a few KB; its central directory then claims 3 GB
        byte[] big = new byte[3 << 20];
        byte[] pickle = new Pickle().str("x").end();
        System.arraycopy(pickle, 0, big, 0, pickle.length);
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bo)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl")); // DEFLATED, sizes in the central directory
            zip.write(big);
            zip.closeEntry();
        }
        byte[] out = bo.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long csize = -1;
        for (int i = 0; i + 46 < out.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                csize = b.getInt(i + 20) & 0xffffffffL;
                b.putInt(i + 24, (int) 3_000_000_000L);
            }
        }
        assertTrue(csize > 0 && csize < 100_000, "deflated to " + csize + " bytes");
        Path p = file("deflated-lie.pt", out);
        refused(p, "record archive/data.pkl declares 3000000000 bytes, more than its " + csize
                + " compressed bytes can hold");
    }

    @Test
    void a249BytePickleDeclaringA2GbStringIsRefusedWithoutAllocatingIt() throws Exception {
        Pickle pk = new Pickle().op('X').le32(0x7ffffff0);
        while (pk.bytes().length < 248) {
            pk.op('a');
        }
        byte[] pickle = pk.end();
        assertEquals(249, pickle.length);
        Path p = file("big-string.pt", archive(pickle));
        refused(p, "data.pkl declares a BINUNICODE of 2147483632 bytes at byte 2, but only 242 bytes follow");
    }

    @Test
    void everyCountedOpcodeIsCheckedAgainstWhatFollows() throws Exception {
        Object[][] cases = {
            {new Pickle().op('B').le32(1 << 30).op('.').bytes(), "BINBYTES of 1073741824 bytes"},
            {new Pickle().op('T').le32(-1).op('.').bytes(), "BINSTRING of -1 bytes"},
            {new Pickle().op('X').le32(-5).op('.').bytes(), "BINUNICODE of -5 bytes"},
            {new Pickle().op(0x8d).le64(1L << 62).op('.').bytes(), "BINUNICODE8 of 4611686018427387904 bytes"},
            {new Pickle().op(0x8e).le64(-1L).op('.').bytes(), "BINBYTES8 of -1 bytes"},
            {new Pickle().op(0x96).le64(100).op('.').bytes(), "BYTEARRAY8 of 100 bytes"},
            {new Pickle().op(0x8b).le32(1 << 30).op('.').bytes(), "LONG4 of 1073741824 bytes"},
            {new Pickle().op(0x8c).op(200).raw("abc".getBytes(StandardCharsets.US_ASCII)).bytes(),
                "SHORT_BINUNICODE of 200 bytes at byte 2, but only 3 bytes follow"},
            {new Pickle().op('U').bytes(), "data.pkl ends inside the length of the SHORT_BINSTRING at byte 2"},
        };
        int i = 0;
        for (Object[] c : cases) {
            Path p = file("counted" + i++ + ".pt", archive((byte[]) c[0]));
            refused(p, (String) c[1]);
        }
    }

    @Test
    void aStorageOf2To62ElementsIsRefusedInsteadOfOverflowingToZeroBytes() throws Exception {
        // 2^62 floats are 2^64 bytes: 0 in 64-bit arithmetic, the size of the empty record
        byte[] pickle = new Pickle().op('}').str("w").tensor("0", 1L << 62, 0, new long[] {0}, new long[] {1})
                .op('s').end();
        Path p = file("numel-overflow.pt", archive(pickle, "archive/data/0", new byte[0]));
        refused(p, "storage 0 declares 4611686018427387904 elements of 4 bytes: more bytes than a 64-bit integer"
                + " counts");
        byte[] negative = new Pickle().op('}').str("w").tensor("0", -4, 0, new long[] {0}, new long[] {1})
                .op('s').end();
        refused(file("numel-negative.pt", archive(negative, "archive/data/0", new byte[0])),
                "storage 0 declares a negative number of elements: -4");
    }

    @Test
    void aStorageRecordDeclaringMoreBytesThanTheFileIsRefusedBeforeAllocating() throws Exception {
        // 750M floats = 3 GB declared by both the pickle and the record; the file holds 16 bytes of them
        byte[] pickle = new Pickle().op('}').str("w").tensor("0", 750_000_000L, 0, new long[] {4}, new long[] {1})
                .op('s').end();
        byte[] zip = lieAboutSize(archive(pickle, "archive/data/0", floats(1, 2, 3, 4)), "archive/data/0",
                3_000_000_000L);
        Path p = file("lying-storage.pt", zip);
        refused(p, "record archive/data/0 declares 3000000000 bytes but the file has only " + zip.length + " bytes");
    }

    @Test
    void shapesWhoseElementCountOverflowsAreRefused() throws Exception {
        long big = 1L << 32;
        byte[] pickle = new Pickle().op('}').str("w").tensor("0", 4, 0, new long[] {big, big}, new long[] {0, 0})
                .op('s').end();
        Path p = file("shape-overflow.pt", archive(pickle, "archive/data/0", floats(1, 2, 3, 4)));
        refused(p, "tensor of size [4294967296, 4294967296]: its number of elements overflows a 64-bit integer");
        byte[] strides = new Pickle().op('}').str("w")
                .tensor("0", 4, 0, new long[] {3, 2}, new long[] {Long.MAX_VALUE, 1}).op('s').end();
        refused(file("stride-overflow.pt", archive(strides, "archive/data/0", floats(1, 2, 3, 4))),
                "tensor sizes and strides overflow");
    }

    @Test
    void negativeSizesAndTensorsBeyondTheirStorageAreRefused() throws Exception {
        byte[] negSize = new Pickle().op('}').str("w").tensor("0", 4, 0, new long[] {-2}, new long[] {1})
                .op('s').end();
        refused(file("neg-size.pt", archive(negSize, "archive/data/0", floats(1, 2, 3, 4))),
                "tensor with negative size or stride: size [-2], stride [1]");
        byte[] negOffset = new Pickle().op('}').str("w").tensor("0", 4, -1, new long[] {2}, new long[] {1})
                .op('s').end();
        refused(file("neg-offset.pt", archive(negOffset, "archive/data/0", floats(1, 2, 3, 4))),
                "tensor with offset -1");
        // offset 2 + 4 elements over a storage of 4 elements (16 bytes, as its record really has)
        byte[] beyond = new Pickle().op('}').str("w").tensor("0", 4, 2, new long[] {4}, new long[] {1})
                .op('s').end();
        refused(file("beyond.pt", archive(beyond, "archive/data/0", floats(1, 2, 3, 4))),
                "reaches element 5 of a storage of 4 elements");
        // the pickle says 8 elements, the record holds 4
        byte[] more = new Pickle().op('}').str("w").tensor("0", 8, 0, new long[] {8}, new long[] {1})
                .op('s').end();
        refused(file("more.pt", archive(more, "archive/data/0", floats(1, 2, 3, 4))),
                "has 16 bytes, 8 x 4 expected");
    }

    @Test
    void malformedPicklesGiveNamedErrorsNotRawJavaExceptions() throws Exception {
        Object[][] cases = {
            // SETITEMS on a list
            {new Pickle().op(']').op('(').str("k").str("v").op('u').end(), "SETITEMS on a ArrayList, not a dict"},
            // a storage tuple whose element count is a string
            {new Pickle().op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").str("many")
                    .op('t').op('Q').end(), "storage 0 declares many elements, not an int"},
            // _rebuild_tensor_v2 on a string instead of a storage
            {new Pickle().global("torch._utils", "_rebuild_tensor_v2").str("s").int1(0).op(0x86).op('R').end(),
                "_rebuild_tensor_v2 called without (storage, offset, size, stride)"},
            // INT with a non-number
            {new Pickle().op('I').raw("12x\n".getBytes(StandardCharsets.US_ASCII)).op('.').bytes(),
                "NumberFormatException"},
            // an empty stack popped
            {new Pickle().op('0').op('.').bytes(), "corrupted torch.save archive"},
        };
        int i = 0;
        for (Object[] c : cases) {
            Path p = file("malformed" + i++ + ".pt", archive((byte[]) c[0], "archive/data/0", floats(1, 2, 3, 4)));
            refused(p, (String) c[1]);
        }
    }

    // ---------------------------------------------------------------- the legacy (pre-1.6, non-zip) format

    private static byte[] legacyW(long numel, long offset, long[] size) {
        return new Pickle().op('}').str("w").legacyTensor("0", numel, null, offset, size, new long[] {1}).op('s')
                .end();
    }

    @Test
    void theCraftedLegacyFilesAreValidWhenHonest() throws Exception {
        Path p = file("legacy-honest.pt", legacy(1001, legacyW(4, 1, new long[] {3}), keys("0"),
                rawStorage(4, 1, 2, 3, 4)));
        Tensor w = (Tensor) ((Map<?, ?>) Torch.load(p)).get("w");
        assertArrayEquals(new float[] {2, 3, 4}, w.toFloatArray(), "the builders write what torch.save writes");
        // a legacy storage view (PyTorch before 1.0 wrote them): elements 1..3 of a storage of 4
        byte[] view = new Pickle().op('}').str("w")
                .legacyTensor("0", 4, new Object[] {"9", 1L, 3L}, 1, new long[] {2}, new long[] {1}).op('s').end();
        Tensor v = (Tensor) ((Map<?, ?>) Torch.load(file("legacy-view.pt", legacy(1001, view, keys("0"),
                rawStorage(4, 1, 2, 3, 4))))).get("w");
        assertArrayEquals(new float[] {3, 4}, v.toFloatArray(), "offset 1 into the view at offset 1");
    }

    @Test
    void legacyHeadersThatAreNotTorchSavesAreNamed() throws Exception {
        refused(file("plain-pickle.pt", new Pickle().int1(42).end()), "a pickle, but not a torch.save file: it starts"
                + " with 42 where torch.save writes its magic number 0x1950a86a20f9469cfc6c");
        refused(file("version.pt", legacy(1000, legacyW(4, 0, new long[] {4}), keys("0"), rawStorage(4, 1, 2, 3, 4))),
                "legacy (pre-1.6, non-zip) format (legacy torch.save file of protocol version 1000, not 1001)");
        refused(file("magic-only.pt", legacyMagic()), "the file ends at byte 15, before the protocol version pickle");
        byte[] tar = new byte[1024];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        refused(file("tar.pt", tar), "the tar format of torch.save from PyTorch 0.3 and older");
    }

    @Test
    void legacyStoragesThatDoNotMatchTheirDeclarationsAreRefused() throws Exception {
        refused(file("legacy-count.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys("0"),
                rawStorage(5, 1, 2, 3, 4, 5))), "storage 0 holds 5 elements in the file");
        refused(file("legacy-short.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys("0"),
                rawStorage(4, 1, 2, 3))), "storage 0 of 16 bytes at byte");
        refused(file("legacy-no-count.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys("0"), new byte[3])),
                "inside the element count of storage 0");
        refused(file("legacy-unknown-key.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys("0", "7"),
                rawStorage(4, 1, 2, 3, 4))), "storage key '7' is listed after the object, but the object names no"
                + " such storage");
        refused(file("legacy-unlisted.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys(),
                rawStorage(4, 1, 2, 3, 4))), "storage 0 is used by the object but the file does not list it");
        refused(file("legacy-twice.pt", legacy(1001, legacyW(4, 0, new long[] {4}), keys("0", "0"),
                rawStorage(4, 1, 2, 3, 4), rawStorage(4, 1, 2, 3, 4))), "storage key 0 is listed twice");
        refused(file("legacy-beyond.pt", legacy(1001, legacyW(4, 2, new long[] {4}), keys("0"),
                rawStorage(4, 1, 2, 3, 4))), "reaches element 5 of a storage of 4 elements");
        byte[] badView = new Pickle().op('}').str("w")
                .legacyTensor("0", 4, new Object[] {"9", 2L, 3L}, 0, new long[] {1}, new long[] {1}).op('s').end();
        refused(file("legacy-view-outside.pt", legacy(1001, badView, keys("0"), rawStorage(4, 1, 2, 3, 4))),
                "storage view 9 of 3 elements at offset 2 lies outside storage 0 of 4 elements");
        refused(file("legacy-keys-not-list.pt", legacy(1001, legacyW(4, 0, new long[] {4}),
                new Pickle().str("0").end(), rawStorage(4, 1, 2, 3, 4))), "the storage keys after the object are '0'");
    }

    @Test
    void aLegacyStorageDeclaringMoreBytesThanTheFileIsRefusedBeforeAllocating() throws Exception {
        byte[] f = legacy(1001, legacyW(750_000_000L, 0, new long[] {4}), keys("0"), rawStorage(4, 1, 2, 3, 4));
        refused(file("legacy-huge.pt", f), "storage 0 declares 750000000 elements of 4 bytes: with its element count"
                + " and the storages before it, more than the file's " + f.length + " bytes");
        refused(file("legacy-overflow.pt", legacy(1001, legacyW(1L << 62, 0, new long[] {0}), keys("0"))),
                "storage 0 declares 4611686018427387904 elements of 4 bytes: more bytes than a 64-bit integer counts");
        byte[] counted = new Pickle().op('X').le32(0x7ffffff0).op('.').bytes();
        refused(file("legacy-big-string.pt", legacy(1001, counted, keys())),
                "legacy file declares a BINUNICODE of 2147483632 bytes at byte");
    }

    @Test
    void everyTruncationAndManyCorruptionsOfAPythonLegacyFileGiveTorchExceptions() throws Exception {
        byte[] good;
        try (java.io.InputStream in = getClass().getResourceAsStream("/interop/legacy_tensors.pt")) {
            good = in.readAllBytes();
        }
        int refusedCount = 0;
        for (int len = 0; len < good.length; len += 3) {
            Path p = file("cut.pt", java.util.Arrays.copyOf(good, len));
            Executable load = () -> Torch.load(p);
            TorchException e = assertThrows(TorchException.class, load, "cut at " + len);
            assertTrue(e.getMessage().startsWith("cannot load " + p + ": "), e.getMessage());
            refusedCount++;
        }
        assertTrue(refusedCount > 500);
        java.util.Random rnd = new java.util.Random(18);
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            int at = rnd.nextInt(1200); // the pickles: the storages' bytes follow
            bad[at] = (byte) rnd.nextInt(256);
            Path p = file("flip.pt", bad);
            try {
                Torch.load(p);
            } catch (TorchException e) {
                assertTrue(e.getMessage().startsWith("cannot load " + p + ": "), e.getMessage());
            }
        }
    }
}
