package dev.jtorch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.RunDirectory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose history is far larger than any buffer: a million metric lines, watched live. */
class ProgressServerHistoryTest {
    static final int LINES = 1_000_000;

    @TempDir
    Path root;

    /** One event read off a raw socket. */
    record Event(String id, String type, String data) {}

    /** Reads server-sent events from a raw socket, as an EventSource would (no client library buffering). */
    static final class RawSse implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final String statusLine;

        RawSse(int port, String path, String lastEventId) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            String req = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
            socket.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
            statusLine = in.readLine();
            String h;
            while ((h = in.readLine()) != null && !h.isEmpty()) {
                // headers
            }
        }

        /** The next event (the request is HTTP/1.0, so the body is not chunked: it ends when the stream does). */
        Event next() throws IOException {
            String id = null;
            String type = null;
            String data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || data != null) {
                        return new Event(id, type, data);
                    }
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            throw new AssertionError("the stream ended");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String stepLine(int i) {
        if (i % 1000 == 0) {
            return "{\"type\":\"epoch\",\"epoch\":" + (i / 1000) + ",\"time\":\"2025-01-01T00:00:00Z\","
                    + "\"values\":{\"train_loss\":0.5}}\n";
        }
        return "{\"type\":\"step\",\"epoch\":" + (i / 1000 + 1) + ",\"step\":" + i
                + ",\"time\":\"2025-01-01T00:00:00Z\",\"values\":{\"loss\":0.25}}\n";
    }

    @Test
    void aMillionLinesOfHistoryStreamPageByPageAndResumeNearTheEnd() throws Exception {
        RunDirectory run = RunDirectory.create(root, "long-run", Map.of("total_epochs", 1000));
        Path metrics = run.path().resolve(RunDirectory.METRICS_FILE);
        try (BufferedWriter w = Files.newBufferedWriter(metrics, StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 1; i <= LINES; i++) {
                w.write(stepLine(i));
            }
        }
        Path ck = run.checkpointsDir().resolve("epoch-1000.pt");
        Files.write(ck, new byte[3]);
        try (ProgressServer server = new ProgressServer(root,
                new ProgressServer.Options().port(0).refreshMillis(100))) {
            assertTrue(server.start());
            String path = "/api/runs/" + run.id() + "/events";

            // from the start: the status, then the history in order (the first 100,000 lines are read here)
            try (RawSse sse = new RawSse(server.port(), path, null)) {
                assertTrue(sse.statusLine.matches("HTTP/1\\.[01] 200 OK"), sse.statusLine);
                Event status = sse.next();
                assertEquals("status", status.type());
                JsonNode s = Json.mapper().readTree(status.data());
                assertEquals(LINES, s.get("metric_lines").asLong());
                assertEquals(1000, s.get("last_epoch").asInt());
                for (int i = 1; i <= 100_000; i++) {
                    Event e = sse.next();
                    assertEquals("metric", e.type());
                    assertEquals(String.valueOf(i), e.id());
                    if (i == 1 || i == 100_000) {
                        JsonNode m = Json.mapper().readTree(e.data());
                        assertEquals(i, m.get("line").asInt());
                        assertEquals(i % 1000 == 0 ? "epoch" : "step", m.get("type").asText());
                    }
                }
            }

            // a browser resuming near the end gets the rest, then the checkpoints, then what happens next
            try (RawSse sse = new RawSse(server.port(), path, String.valueOf(LINES - 5))) {
                assertEquals("status", sse.next().type());
                for (int i = LINES - 4; i <= LINES; i++) {
                    Event e = sse.next();
                    assertEquals(String.valueOf(i), e.id());
                }
                Event c = sse.next();
                assertEquals("checkpoint", c.type());
                assertEquals("epoch-1000.pt", Json.mapper().readTree(c.data()).get("name").asText());
                Files.writeString(metrics, stepLine(LINES + 1), StandardOpenOption.APPEND);
                Event live = sse.next();
                assertEquals("metric", live.type());
                assertEquals(String.valueOf(LINES + 1), live.id());
            }

            // the JSON API reads the same history by line number
            JsonNode tail = Json.mapper().readTree(ServerTestSupport.get(server,
                    "/api/runs/" + run.id() + "/metrics?after=" + (LINES - 3) + "&type=step").body()).get("metrics");
            assertEquals(3, tail.size());
            assertEquals(LINES - 2, tail.get(0).get("line").asLong());
            assertEquals(LINES + 1, tail.get(2).get("line").asLong());
        }
    }
}
