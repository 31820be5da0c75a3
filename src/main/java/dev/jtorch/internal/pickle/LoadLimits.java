package dev.jtorch.internal.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import net.razorvine.pickle.PickleException;

/**
 * What torch.load accepts from a file before it allocates memory: each size the file declares (zip records, the
 * pickle's counted strings, tensor shapes) is checked against what the file can actually hold.
 */
final class LoadLimits {
    private LoadLimits() {}

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

    /** The most bytes a deflated zip entry can expand to per compressed byte (deflate's limit is about 1032). */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /**
     * An entry's declared size, checked against what the archive can hold: a stored entry is no larger than the
     * file, a deflated one no larger than deflate can expand its compressed bytes to.
     */
    static long checkedSize(ZipEntry e, long fileSize, Path path) {
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
    static long maxPickleBytes() {
        Runtime rt = Runtime.getRuntime();
        long heapLeft = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.min(Integer.MAX_VALUE - 16L, Math.max(heapLeft / 2, 1 << 20));
    }

    /**
     * A counted string, bytes or long must fit in what is left of data.pkl ({@code input}, of {@code pickleSize}
     * bytes, positioned after the opcode {@code key}): its declared length is checked before the pickle library
     * allocates an array of that length.
     */
    static void checkLength(short key, InputStream input, long pickleSize) throws IOException {
        checkLength(key, input, pickleSize, "data.pkl");
    }

    /** {@link #checkLength(short, InputStream, long)} of the pickle a message calls {@code pickleName}. */
    static void checkLength(short key, InputStream input, long pickleSize, String pickleName) throws IOException {
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
            throw new PickleException(pickleName + " ends inside the length of the " + name + " at byte " + at);
        }
        byte[] b = new byte[width];
        input.mark(width);
        if (input.read(b) != width) {
            throw new PickleException(pickleName + " ends inside the length of the " + name + " at byte " + at);
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
            throw new PickleException(pickleName + " declares a " + name + " of " + len + " bytes at byte " + at
                    + ", but only " + left + " bytes follow");
        }
    }
}
