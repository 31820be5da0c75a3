package dev.jtorch.serve;

import dev.jtorch.train.MetricRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every request of the progress server: security checks first (method, host, path, token), then the routes.
 *
 * <pre>
 * GET /                                   the page (shows the live run, else the newest)
 * GET /runs/{id}                          the page for one run
 * GET /runs/{id}/checkpoints/{file}       a checkpoint download
 * GET /assets/{name}                      the page's scripts, styles and Chart.js
 * GET /api/runs                           all runs (JSON)
 * GET /api/runs/{id}                      one run: config.json plus live state (JSON)
 * GET /api/runs/{id}/metrics              its metric lines (JSON; ?type=epoch|step|event, ?after=line)
 * GET /api/runs/{id}/checkpoints          its checkpoint files (JSON)
 * GET /api/runs/{id}/events               server-sent events: status, metric, checkpoint, progress
 * </pre>
 */
final class ProgressHandler extends Handler.Abstract {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    static final String COOKIE_PREFIX = "jtorch_token_";

    private final RunStore store;
    private final Assets assets;
    private final AccessGuard guard;
    private final boolean loopbackOnly;
    private final int maxStreams;
    private final Semaphore streamSlots;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    /** One chunk of a metrics answer: about this many bytes, from pages of at most this many records. */
    static final int METRICS_PAGE_BYTES = 64 * 1024;
    static final int METRICS_PAGE_RECORDS = 500;

    ProgressHandler(RunStore store, Assets assets, String token, boolean loopbackOnly, int maxStreams) {
        this.store = store;
        this.assets = assets;
        this.guard = token == null ? null : new AccessGuard(token);
        this.loopbackOnly = loopbackOnly;
        this.maxStreams = maxStreams;
        this.streamSlots = new Semaphore(maxStreams);
    }

    /** The headers every response carries, errors included. */
    static void securityHeaders(HttpFields.Mutable h) {
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
    }

    List<EventStream> streams() {
        return new ArrayList<>(streams);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        var h = response.getHeaders();
        securityHeaders(h);

        var rh = request.getHeaders();
        String length = rh.get(HttpHeader.CONTENT_LENGTH);
        if (rh.contains(HttpHeader.TRANSFER_ENCODING) || (length != null && !length.trim().equals("0"))) {
            // a request body is never read: close the connection after answering rather than leave it unread
            h.put(HttpHeader.CONNECTION, "close");
        }
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            h.put(HttpHeader.ALLOW, "GET, HEAD");
            Replies.error(response, callback, 405, "This server is read-only: only GET and HEAD are allowed.", false);
            return true;
        }
        if (loopbackOnly && !loopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
            Replies.error(response, callback, 403, "Host not allowed: this server answers only to localhost addresses.",
                    false);
            return true;
        }
        List<String> seg = SafePaths.segments(request.getHttpURI().getPath());
        if (seg == null) {
            Replies.error(response, callback, 400, "Bad path.", false);
            return true;
        }
        boolean api = !seg.isEmpty() && seg.get(0).equals("api");
        boolean page = seg.isEmpty() || (seg.size() == 2 && seg.get(0).equals("runs"));
        if (guard != null && !guard.authorized(request)) {
            String q = page ? AccessGuard.queryToken(request) : null;
            if (q != null && guard.same(q)) {
                Response.addCookie(response, HttpCookie.build(COOKIE_PREFIX + Request.getLocalPort(request), q)
                        .path("/").httpOnly(true).sameSite(HttpCookie.SameSite.STRICT).build());
            } else {
                h.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"jtorch\"");
                Replies.error(response, callback, 401, "This progress server needs its access token: open the address"
                        + " the training program printed on stderr (it ends in ?token=...), or send"
                        + " 'Authorization: Bearer <token>'.", api);
                return true;
            }
        }
        route(request, response, callback, seg, head);
        return true;
    }

    private void route(Request request, Response response, Callback callback, List<String> seg, boolean head)
            throws IOException {
        int n = seg.size();
        if (n == 0) {
            asset(response, callback, "index.html", head);
            return;
        }
        switch (seg.get(0)) {
            case "runs" -> {
                if (n == 2 && store.runDir(seg.get(1)).isPresent()) {
                    asset(response, callback, "index.html", head);
                } else if (n == 4 && seg.get(2).equals("checkpoints")) {
                    download(request, response, callback, seg.get(1), seg.get(3));
                } else {
                    Replies.error(response, callback, 404, "Not found.", false);
                }
            }
            case "assets" -> {
                if (n == 2 && assets.get(seg.get(1)) != null) {
                    asset(response, callback, seg.get(1), head);
                } else {
                    Replies.error(response, callback, 404, "Not found.", false);
                }
            }
            case "api" -> api(request, response, callback, seg, head);
            default -> Replies.error(response, callback, 404, "Not found.", false);
        }
    }

    private void api(Request request, Response response, Callback callback, List<String> seg, boolean head) {
        int n = seg.size();
        if (n < 2 || !seg.get(1).equals("runs") || n > 4) {
            Replies.error(response, callback, 404, "Not found.", true);
            return;
        }
        if (n == 2) {
            List<Map<String, Object>> runs = new ArrayList<>();
            for (RunFeed f : store.list()) {
                runs.add(f.summary());
            }
            Replies.json(response, callback, 200, Map.of("runs", runs), head);
            return;
        }
        Optional<RunFeed> feed = store.feed(seg.get(2));
        if (feed.isEmpty()) {
            Replies.error(response, callback, 404, "No run '" + seg.get(2) + "'.", true);
            return;
        }
        RunFeed f = feed.get();
        if (n == 3) {
            Replies.json(response, callback, 200, f.detail(), head);
            return;
        }
        switch (seg.get(3)) {
            case "metrics" -> {
                Fields q = Request.extractQueryParameters(request);
                MetricRecord.Type type = null;
                String t = q.getValue("type");
                if (t != null) {
                    type = MetricRecord.Type.fromJson(t);
                    if (type == null) {
                        Replies.error(response, callback, 400, "type must be epoch, step or event.", true);
                        return;
                    }
                }
                long after = 0;
                String a = q.getValue("after");
                if (a != null) {
                    try {
                        after = Long.parseLong(a);
                    } catch (NumberFormatException e) {
                        Replies.error(response, callback, 400, "after must be a line number.", true);
                        return;
                    }
                }
                MetricsReply.send(response, callback, f, type, after, head);
            }
            case "checkpoints" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("run", f.id());
                body.put("checkpoints", f.checkpoints());
                Replies.json(response, callback, 200, body, head);
            }
            case "events" -> {
                if (head) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET");
                    Replies.error(response, callback, 405, "The event stream answers GET only.", true);
                } else {
                    events(request, response, callback, f);
                }
            }
            default -> Replies.error(response, callback, 404, "Not found.", true);
        }
    }

    private void events(Request request, Response response, Callback callback, RunFeed feed) {
        if (!streamSlots.tryAcquire()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            Replies.error(response, callback, 503, "Too many event streams: this server allows " + maxStreams
                    + " at once. Close another tab showing the progress page and reload.", true);
            return;
        }
        long lastId = 0;
        String last = request.getHeaders().get("Last-Event-ID");
        if (last != null) {
            try {
                lastId = Math.max(0, Long.parseLong(last.trim()));
            } catch (NumberFormatException e) {
                lastId = 0;
            }
        }
        var h = response.getHeaders();
        response.setStatus(200);
        h.put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("X-Accel-Buffering", "no");
        AtomicReference<EventStream> ref = new AtomicReference<>();
        EventStream stream = new EventStream(response, callback, () -> {
            EventStream s = ref.get();
            feed.unsubscribe(s);
            if (streams.remove(s)) {
                streamSlots.release();
            }
        });
        ref.set(stream);
        streams.add(stream);
        request.addFailureListener(stream::close);
        request.addIdleTimeoutListener(t -> true);
        feed.subscribe(stream, lastId);
    }

    private void download(Request request, Response response, Callback callback, String id, String name)
            throws IOException {
        Optional<Path> dir = store.runDir(id);
        Optional<Path> file = dir.isEmpty() ? Optional.empty() : SafePaths.checkpointFile(dir.get(), name);
        if (file.isEmpty()) {
            Replies.error(response, callback, 404, "No checkpoint '" + name + "' in run '" + id + "'.", false);
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file.get(), BasicFileAttributes.class);
        } catch (IOException e) {
            Replies.error(response, callback, 404, "No checkpoint '" + name + "' in run '" + id + "'.", false);
            return;
        }
        Download.send(request, response, callback, file.get(), name, attrs);
    }

    private void asset(Response response, Callback callback, String name, boolean head) {
        Assets.Asset a = assets.get(name);
        var h = response.getHeaders();
        response.setStatus(200);
        h.put(HttpHeader.CONTENT_TYPE, a.contentType());
        h.put(HttpHeader.CACHE_CONTROL, name.equals("index.html") ? "no-store" : "no-cache");
        h.put(HttpHeader.CONTENT_LENGTH, a.bytes().length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(a.bytes()), callback);
    }

    /** Whether a Host header names this machine's loopback interface (see {@link AccessGuard#loopbackHost}). */
    static boolean loopbackHost(String hostHeader) {
        return AccessGuard.loopbackHost(hostHeader);
    }
}
