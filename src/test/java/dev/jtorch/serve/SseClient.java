package dev.jtorch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a server-sent event stream on a background thread, as a browser's EventSource would. */
final class SseClient implements AutoCloseable {
    /** One event. */
    record Event(String id, String type, String data) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(data);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Marks the end of the stream in the queue. */
    static final Event END = new Event(null, "<end>", "");

    final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseClient(ProgressServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = ServerTestSupport.request(server, path).header("Accept", "text/event-stream");
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.timeout(java.time.Duration.ofMinutes(5));
        response = ServerTestSupport.CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            events.add(END);
        }
    }

    /** The next event, waiting up to {@code seconds}; fails the test on timeout. */
    Event next(double seconds) throws InterruptedException {
        Event e = events.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + seconds + " s");
        }
        return e;
    }

    /** Skips events until one matches. */
    Event until(Predicate<Event> p, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            double left = (deadline - System.nanoTime()) / 1e9;
            if (left <= 0) {
                throw new AssertionError("no matching event within " + seconds + " s");
            }
            Event e = next(left);
            if (p.test(e)) {
                return e;
            }
            if (e == END) {
                throw new AssertionError("stream ended before a matching event");
            }
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
