package dev.jtorch.internal.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered stream over a file channel that knows its position: {@code available()} is what the file holds after
 * it (so {@link LoadLimits} can check counted lengths against it), and {@code mark}/{@code reset} seek.
 */
final class FileInput extends InputStream {
    private final FileChannel channel;
    private final long size;
    private final byte[] buf = new byte[1 << 16];
    /** The file position of {@code buf[0]}, and how many bytes of buf are valid. */
    private long bufStart;
    private int bufLen;
    private long pos;
    private long mark;

    FileInput(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /** The position of the next byte read. */
    long position() {
        return pos;
    }

    private boolean fill() throws IOException {
        if (pos >= bufStart && pos < bufStart + bufLen) {
            return true;
        }
        if (pos >= size) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(buf);
        bufStart = pos;
        while (b.hasRemaining() && bufStart + b.position() < size) {
            if (channel.read(b, bufStart + b.position()) < 0) {
                break;
            }
        }
        bufLen = b.position();
        return bufLen > 0;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buf[(int) (pos++ - bufStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int at = (int) (pos - bufStart);
        int n = Math.min(len, bufLen - at);
        System.arraycopy(buf, at, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size - pos));
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
        mark = pos;
    }

    @Override
    public synchronized void reset() {
        pos = mark;
    }
}
