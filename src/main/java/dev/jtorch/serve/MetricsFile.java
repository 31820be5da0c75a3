package dev.jtorch.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's {@code metrics.jsonl} as the server reads it: it follows what is appended (whole lines only; a last
 * line without its newline is read once complete), numbers lines from 1, and keeps a sparse index (the offset of
 * every {@value #INDEX_EVERY}th line) so that any line can be read again later without keeping it in memory.
 * Tailing costs one {@code stat} when the file's size and modification time are unchanged.
 */
final class MetricsFile {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFile.class);

    /** The index keeps the byte offset of line 1, 1 + INDEX_EVERY, 1 + 2 INDEX_EVERY, ... */
    static final int INDEX_EVERY = 1024;
    /** Lines longer than this are counted but not read (their text is handed on as {@code null}). */
    static final int MAX_LINE = 1 << 20;
    private static final int CHUNK = 256 * 1024;

    /** Receives lines: its number and its bytes ({@code len < 0}: too long to read). */
    interface LineSink {
        /** Takes one line; returns false to stop reading. */
        boolean line(long number, byte[] bytes, int off, int len);
    }

    private final Path file;
    private final ReadStats stats;
    private long offset;
    private long lines;
    private long[] index = new long[16];
    private long seenSize = -1;
    private FileTime seenModified;

    MetricsFile(Path file, ReadStats stats) {
        this.file = file;
        this.stats = stats;
    }

    /** How many complete lines have been read. */
    synchronized long lines() {
        return lines;
    }

    /**
     * Reads the complete lines appended since the last call, handing each to {@code sink} in order. Does nothing
     * but a {@code stat} when the file's size and modification time are what they were.
     */
    synchronized void tail(LineSink sink) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // no metrics yet
        }
        if (!a.isRegularFile() || (a.size() == seenSize && a.lastModifiedTime().equals(seenModified))) {
            return;
        }
        seenSize = a.size();
        seenModified = a.lastModifiedTime();
        if (a.size() <= offset) {
            return; // nothing new (or truncated, which an append-only file never is: keep what was read)
        }
        stats.metricsTails.incrementAndGet();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long[] end = scan(ch, offset, ch.size(), lines + 1, sink, true);
            offset = end[0];
            lines = end[1] - 1;
        } catch (NoSuchFileException e) {
            // gone meanwhile
        } catch (IOException e) {
            LOG.debug("cannot read {}; trying again on the next refresh", file, e);
            seenSize = -1; // try again on the next refresh
        }
    }

    /**
     * Reads lines {@code fromLine} (1-based) onwards, up to the last line {@link #tail} has read, until the sink
     * says stop. Starts at the nearest indexed line before, so its cost is the lines asked for plus fewer than
     * {@value #INDEX_EVERY}.
     */
    void read(long fromLine, LineSink sink) throws IOException {
        long start;
        long first;
        long endOffset;
        synchronized (this) {
            long from = Math.max(1, fromLine);
            if (from > lines) {
                return;
            }
            int k = (int) ((from - 1) / INDEX_EVERY);
            start = index[k];
            first = (long) k * INDEX_EVERY + 1;
            endOffset = offset;
        }
        stats.metricsPages.incrementAndGet();
        long from = Math.max(1, fromLine);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            scan(ch, start, endOffset, first, (n, b, off, len) -> n < from || sink.line(n, b, off, len), false);
        }
    }

    /**
     * Splits {@code [from, to)} of the file into lines numbered from {@code firstLine}. Returns the offset after
     * the last complete line handed on and the number the next line would get.
     */
    private long[] scan(FileChannel ch, long from, long to, long firstLine, LineSink sink, boolean indexing)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(1, Math.min(CHUNK, to - from)));
        ByteArrayOutputStream carry = new ByteArrayOutputStream();
        boolean tooLong = false;
        long pos = from;
        long lineStart = from;
        long lineNo = firstLine;
        while (pos < to) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), to - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            int s = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] != '\n') {
                    continue;
                }
                if (indexing) {
                    index(lineNo, lineStart);
                }
                boolean go;
                if (tooLong) {
                    go = sink.line(lineNo, a, 0, -1);
                } else if (carry.size() > 0) {
                    carry.write(a, s, i - s);
                    byte[] whole = carry.toByteArray();
                    go = whole.length > MAX_LINE ? sink.line(lineNo, a, 0, -1) : sink.line(lineNo, whole, 0, whole.length);
                } else {
                    go = i - s > MAX_LINE ? sink.line(lineNo, a, 0, -1) : sink.line(lineNo, a, s, i - s);
                }
                carry.reset();
                tooLong = false;
                lineNo++;
                lineStart = pos + i + 1;
                s = i + 1;
                if (!go) {
                    return new long[] {lineStart, lineNo};
                }
            }
            if (!tooLong) {
                if (carry.size() + (n - s) > MAX_LINE) {
                    tooLong = true;
                    carry.reset();
                } else {
                    carry.write(a, s, n - s);
                }
            }
            pos += n;
        }
        return new long[] {lineStart, lineNo};
    }

    private void index(long lineNo, long lineStart) {
        if ((lineNo - 1) % INDEX_EVERY != 0) {
            return;
        }
        int k = (int) ((lineNo - 1) / INDEX_EVERY);
        if (k >= index.length) {
            index = Arrays.copyOf(index, Math.max(k + 1, index.length * 2));
        }
        index[k] = lineStart;
    }
}
