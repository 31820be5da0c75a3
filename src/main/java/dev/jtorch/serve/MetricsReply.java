package dev.jtorch.serve;

import dev.jtorch.train.MetricRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The answer of {@code GET /api/runs/{id}/metrics}: however many lines, streamed a page at a time. */
final class MetricsReply {
    private MetricsReply() {}

    /**
     * {@code {"run": id, "metrics": [...]}}, written a page at a time as the client reads it (from memory or from
     * the file, see {@link RunFeed#page}): the lines read when the request came, however many.
     */
    static void send(Response response, Callback callback, RunFeed feed, MetricRecord.Type type,
            long after, boolean head) {
        var h = response.getHeaders();
        response.setStatus(200);
        h.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (head) {
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        long until = feed.metricLines();
        new ChunkedBody(response, callback) {
            private long cursor = Math.max(0, after);
            private boolean started;
            private boolean first = true;
            private boolean done;

            @Override
            protected ByteBuffer next() {
                if (done) {
                    return null;
                }
                StringBuilder b = new StringBuilder(ProgressHandler.METRICS_PAGE_BYTES + 1024);
                if (!started) {
                    started = true;
                    b.append("{\"run\":").append(FeedJson.json(feed.id())).append(",\"metrics\":[");
                }
                while (b.length() < ProgressHandler.METRICS_PAGE_BYTES) {
                    MetricPages.Page p = feed.page(cursor, until, type, ProgressHandler.METRICS_PAGE_RECORDS);
                    String records = p.apiJson();
                    if (!records.isEmpty()) {
                        if (!first) {
                            b.append(',');
                        }
                        first = false;
                        b.append(records);
                    }
                    cursor = p.lastExamined();
                    if (p.end()) {
                        b.append("]}");
                        done = true;
                        break;
                    }
                }
                return ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        }.start();
    }
}
