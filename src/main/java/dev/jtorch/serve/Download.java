package dev.jtorch.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends one checkpoint file as an attachment, with validators ({@code ETag}, {@code Last-Modified}), conditional
 * requests ({@code If-None-Match}, {@code If-Modified-Since}, {@code If-Range}) and single byte ranges
 * ({@code Range: bytes=a-b}, {@code a-}, {@code -n}). Several ranges in one request are answered with the whole
 * file, as RFC 9110 allows.
 */
final class Download {
    private static final int CHUNK = 64 * 1024;

    private Download() {}

    static void send(Request request, Response response, Callback callback, Path file, String name,
            BasicFileAttributes attrs) throws IOException {
        long size = attrs.size();
        Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(size) + "-"
                + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC));

        var h = response.getHeaders();
        h.put(HttpHeader.ETAG, etag);
        h.put(HttpHeader.LAST_MODIFIED, lastModified);
        h.put(HttpHeader.ACCEPT_RANGES, "bytes");
        h.put(HttpHeader.CACHE_CONTROL, "private, no-cache");

        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) {
                notModified(response, callback);
                return;
            }
        } else {
            Instant since = parseDate(request.getHeaders().get(HttpHeader.IF_MODIFIED_SINCE));
            if (since != null && !modified.isAfter(since)) {
                notModified(response, callback);
                return;
            }
        }

        h.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        h.put(HttpHeader.CONTENT_DISPOSITION, contentDisposition(name));

        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = request.getHeaders().get(HttpHeader.RANGE);
        if (range != null && ifRangeHolds(request.getHeaders().get(HttpHeader.IF_RANGE), etag, modified)) {
            long[] r = parseRange(range, size);
            if (r == UNSATISFIABLE) {
                h.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                response.setStatus(416);
                h.put(HttpHeader.CONTENT_LENGTH, 0);
                response.write(true, ByteBuffer.allocate(0), callback);
                return;
            }
            if (r != null) {
                start = r[0];
                end = r[1];
                status = 206;
                h.put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
            }
        }
        long length = size == 0 ? 0 : end - start + 1;
        response.setStatus(status);
        h.put(HttpHeader.CONTENT_LENGTH, length);
        if (HttpMethod.HEAD.is(request.getMethod()) || length == 0) {
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        new FileBody(response, callback, ch, name, start, length).start();
    }

    /** The file's bytes, 64 KB at a time, each read when the client has taken the one before. */
    private static final class FileBody extends ChunkedBody {
        private final FileChannel ch;
        private final String name;
        private final ByteBuffer buf;
        private long pos;
        private long left;

        FileBody(Response response, Callback callback, FileChannel ch, String name, long start, long length) {
            super(response, callback);
            this.ch = ch;
            this.name = name;
            this.pos = start;
            this.left = length;
            this.buf = ByteBuffer.allocate((int) Math.min(CHUNK, length));
        }

        @Override
        protected ByteBuffer next() throws IOException {
            if (left == 0) {
                return null;
            }
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), left));
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos + buf.position());
                if (n < 0) {
                    throw new IOException("file shrank while being sent: " + name);
                }
            }
            buf.flip();
            pos += buf.remaining();
            left -= buf.remaining();
            return buf;
        }

        @Override
        protected void release() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private static void notModified(Response response, Callback callback) {
        response.setStatus(304);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + SafePaths.encodeSegment(name);
    }

    static boolean matches(String header, String etag) {
        for (String t : header.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.equals("*") || s.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ifRangeHolds(String ifRange, String etag, Instant modified) {
        if (ifRange == null) {
            return true;
        }
        String s = ifRange.trim();
        if (s.startsWith("\"")) {
            return s.equals(etag); // strong comparison only
        }
        Instant d = parseDate(s);
        return d != null && d.equals(modified);
    }

    private static Instant parseDate(String s) {
        if (s == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static final long[] UNSATISFIABLE = new long[0];

    /**
     * Parses a {@code Range} header against a file of {@code size} bytes: {@code {start, end}} (inclusive) for one
     * satisfiable range, {@link #UNSATISFIABLE}, or {@code null} to ignore it (not bytes, malformed, several).
     */
    static long[] parseRange(String header, long size) {
        String s = header.trim();
        if (!s.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = s.substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty() || !b.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                long n = Long.parseLong(b);
                if (n == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[] {Math.max(0, size - n), size - 1};
            }
            if (!a.chars().allMatch(Character::isDigit) || !b.chars().allMatch(Character::isDigit)) {
                return null;
            }
            long start = Long.parseLong(a);
            if (!b.isEmpty() && Long.parseLong(b) < start) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            long end = b.isEmpty() ? size - 1 : Long.parseLong(b);
            return new long[] {start, Math.min(end, size - 1)};
        } catch (NumberFormatException e) {
            return null; // absurdly long numbers
        }
    }
}
