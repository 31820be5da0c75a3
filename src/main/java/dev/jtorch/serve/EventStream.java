package dev.jtorch.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One open server-sent-event response. Frames are queued and written asynchronously, one write at a time (all
 * frames pending at that moment in one buffer), so a sender never waits for the network. The queue is bounded:
 * a browser that falls too far behind is disconnected, and its {@code EventSource} reconnects and resumes from
 * the last metric it received ({@code Last-Event-ID}). Progress frames are coalesced: only the latest is kept.
 */
final class EventStream {
    static final int MAX_PENDING_BYTES = 4 << 20;

    private final Response response;
    private final Callback callback;
    private final Runnable onClose;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private long pendingBytes;
    private String pendingProgress;
    private boolean writing;
    private boolean closed;
    private volatile long lastWriteNanos = System.nanoTime();

    EventStream(Response response, Callback callback, Runnable onClose) {
        this.response = response;
        this.callback = callback;
        this.onClose = onClose;
    }

    /** Formats one event; {@code data} must be a single line (compact JSON is). */
    static String frame(String event, Long id, String data) {
        StringBuilder b = new StringBuilder(data.length() + 48);
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        b.append("event: ").append(event).append('\n');
        b.append("data: ").append(data).append("\n\n");
        return b.toString();
    }

    /** Queues a frame (or several, already concatenated); never blocks. */
    void send(String frames) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            pending.add(frames);
            pendingBytes += frames.length();
            overflow = pendingBytes > MAX_PENDING_BYTES;
        }
        if (overflow) {
            close(null);
            return;
        }
        flush();
    }

    /** Replaces the pending progress frame; never blocks. */
    void sendProgress(String frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pendingProgress = frame;
        }
        flush();
    }

    /** Sends a comment line if nothing was written for {@code idleNanos}, so dead connections are noticed. */
    void heartbeat(long idleNanos) {
        if (System.nanoTime() - lastWriteNanos >= idleNanos) {
            send(": keep-alive\n\n");
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void flush() {
        ByteBuffer buf;
        synchronized (this) {
            if (writing || closed || (pending.isEmpty() && pendingProgress == null)) {
                return;
            }
            StringBuilder b = new StringBuilder((int) Math.min(pendingBytes + 256, Integer.MAX_VALUE));
            while (!pending.isEmpty()) {
                b.append(pending.poll());
            }
            pendingBytes = 0;
            if (pendingProgress != null) {
                b.append(pendingProgress);
                pendingProgress = null;
            }
            buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
            writing = true;
        }
        lastWriteNanos = System.nanoTime();
        try {
            response.write(false, buf, Callback.from(this::written, this::close));
        } catch (RuntimeException e) {
            close(e);
        }
    }

    private void written() {
        synchronized (this) {
            writing = false;
        }
        flush();
    }

    /** Ends the response (normally, or with the failure that ended it) and frees the stream's slot. Idempotent. */
    void close(Throwable failure) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            pendingProgress = null;
            if (failure == null && writing) {
                // a write is still in flight (a slow reader): abort the response instead of ending it
                failure = new java.io.IOException("event stream closed with a write pending");
            }
        }
        try {
            onClose.run();
        } finally {
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
        }
    }
}
