package dev.jtorch.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before the progress handler sees the request (ambiguous or malformed URIs, say):
 * a short plain-text body with the same security headers as every other response, and no echo of the request.
 */
final class PlainErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable h = response.getHeaders();
        ProgressHandler.securityHeaders(h);
        byte[] body = text(code);
        h.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ProgressHandler.securityHeaders(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(text(status));
    }

    private static byte[] text(int code) {
        String reason = HttpStatus.getMessage(code);
        return (code + " " + (reason == null ? "" : reason) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
