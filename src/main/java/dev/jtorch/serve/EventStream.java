package dev.jtorch.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One open server-sent-event response. Frames are queued and written asynchronously, one write at a time (all
 * frames pending at that moment in one buffer), so a sender never waits for the network. The queue is bounded:
 * a browser that falls too far behind is disconnected, and its {@code EventSource} reconnects and resumes from
 * the last metric it received ({@code Last-Event-ID}). Progress frames are coalesced: only the latest is kept.
 *
 * <p>History of any length: a new stream pulls its run's history a page at a time, each page only once the one
 * before has been written ({@link #startHistory}), so a long history never piles up in memory and never counts
 * against the bound on pending frames.
 */
final class EventStream {
    static final int MAX_PENDING_BYTES = 4 << 20;

    /** Where a stream's history comes from, a page at a time. */
    interface HistorySource {
        /** The frames after line {@code after}; when {@code done}, the stream is live and this is not asked again. */
        RunFeed.History next(EventStream stream, long after);
    }

    private final Response response;
    private final Callback callback;
    private final Runnable onClose;
    private final Writer writer = new Writer();
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private long pendingBytes;
    private String pendingProgress;
    private HistorySource history;
    private long historyAfter;
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
        writer.iterate();
    }

    /** Replaces the pending progress frame; never blocks. */
    void sendProgress(String frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            pendingProgress = frame;
        }
        writer.iterate();
    }

    /**
     * Makes the stream pull history from {@code source}, starting after line {@code after}, whenever nothing else
     * is pending, until the source says it is done.
     */
    void startHistory(HistorySource source, long after) {
        synchronized (this) {
            if (closed) {
                return;
            }
            history = source;
            historyAfter = after;
        }
        writer.iterate();
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

    /** The next buffer to write, pulling a page of history when nothing else is pending; null: nothing now. */
    private ByteBuffer nextBuffer() {
        while (true) {
            HistorySource h;
            long after;
            synchronized (this) {
                if (closed) {
                    return null;
                }
                if (!pending.isEmpty() || pendingProgress != null) {
                    StringBuilder b = new StringBuilder((int) Math.min(pendingBytes + 256, Integer.MAX_VALUE));
                    while (!pending.isEmpty()) {
                        b.append(pending.poll());
                    }
                    pendingBytes = 0;
                    if (pendingProgress != null) {
                        b.append(pendingProgress);
                        pendingProgress = null;
                    }
                    writing = true;
                    return ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
                }
                if (history == null) {
                    return null;
                }
                h = history;
                after = historyAfter;
            }
            RunFeed.History page = h.next(this, after); // takes the feed's lock: never while holding this one
            synchronized (this) {
                if (closed) {
                    return null;
                }
                historyAfter = page.last();
                if (page.done()) {
                    history = null;
                }
                if (!page.frames().isEmpty()) {
                    pending.addFirst(page.frames()); // before any live frame queued meanwhile
                    pendingBytes += page.frames().length();
                }
            }
        }
    }

    /** Writes one buffer at a time; the next is taken when the last is written. */
    private final class Writer extends IteratingCallback {
        @Override
        protected Action process() {
            ByteBuffer buf = nextBuffer();
            if (buf == null) {
                return Action.IDLE;
            }
            lastWriteNanos = System.nanoTime();
            response.write(false, buf, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onSuccess() {
            synchronized (EventStream.this) {
                writing = false;
            }
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            EventStream.this.close(cause);
        }
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
            history = null;
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
