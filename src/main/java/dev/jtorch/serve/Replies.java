package dev.jtorch.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Complete answers of the progress server: a JSON body, or an error as JSON or plain text; never cached. */
final class Replies {
    private Replies() {}

    static void json(Response response, Callback callback, int status, Object body, boolean head) {
        byte[] bytes = FeedJson.json(body).getBytes(StandardCharsets.UTF_8);
        var h = response.getHeaders();
        response.setStatus(status);
        h.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(bytes), callback);
    }

    static void error(Response response, Callback callback, int status, String message, boolean asJson) {
        if (asJson) {
            json(response, callback, status, Map.of("status", status, "error", message), false);
            return;
        }
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        var h = response.getHeaders();
        response.setStatus(status);
        h.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
