package dev.jtorch.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A response body written one chunk at a time without blocking a thread: the next chunk is made only when the
 * client has taken the previous one (Jetty's {@link IteratingCallback} over {@link Response#write}), so a client
 * that stops reading holds one chunk of memory and no thread until the connection's idle timeout closes it.
 */
abstract class ChunkedBody extends IteratingCallback {
    private final Response response;
    private final Callback callback;
    private boolean ended;

    ChunkedBody(Response response, Callback callback) {
        this.response = response;
        this.callback = callback;
    }

    /** The next chunk, or {@code null} when the body is complete. Called on a Jetty thread, one at a time. */
    protected abstract ByteBuffer next() throws IOException;

    /** Releases what the body holds (an open file); called once, when the response completes either way. */
    protected void release() {}

    /** Starts writing. */
    final void start() {
        iterate();
    }

    @Override
    protected final Action process() throws Throwable {
        if (ended) {
            return Action.SUCCEEDED;
        }
        ByteBuffer b = next();
        if (b == null) {
            ended = true;
            response.write(true, BufferUtil.EMPTY_BUFFER, this);
        } else {
            response.write(false, b, this);
        }
        return Action.SCHEDULED;
    }

    @Override
    protected final void onCompleteSuccess() {
        release();
        callback.succeeded();
    }

    @Override
    protected final void onCompleteFailure(Throwable cause) {
        release();
        callback.failed(cause);
    }
}
