package dev.jtorch.serve;

import static dev.jtorch.serve.ServerTestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-sent events (live, resumable, capped), slow clients, busy ports and shutdown. */
class ProgressServerStreamTest {
    @TempDir
    Path root;

    private static Map<String, Object> config() {
        return Map.of("total_epochs", 50, "batches_per_epoch", 10, "seed", 1);
    }

    private static void waitFor(BooleanSupplier condition, double seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void streamsStatusMetricsCheckpointsAndProgressLive() throws Exception {
        RunDirectory run = RunDirectory.create(root, "live", config());
        run.logEpoch(1, Map.of("train_loss", 1.0));
        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            server.attach(run);
            assertTrue(server.start());
            try (SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events")) {
                assertEquals(200, sse.response.statusCode());
                assertEquals("text/event-stream; charset=utf-8",
                        sse.response.headers().firstValue("content-type").orElse(""));
                SseClient.Event status = sse.next(10);
                assertEquals("status", status.type());
                assertNull(status.id());
                assertEquals("running", status.json().get("status").asText());
                assertTrue(status.json().get("live").asBoolean());
                SseClient.Event m1 = sse.next(10);
                assertEquals("metric", m1.type());
                assertEquals("1", m1.id());
                assertEquals(1.0, m1.json().get("values").get("train_loss").asDouble());

                run.progress(2, 50, 3, 10, 1500);
                SseClient.Event p = sse.until(e -> e.type().equals("progress"), 10);
                assertEquals(2, p.json().get("epoch").asInt());
                assertEquals(3, p.json().get("batch").asInt());
                assertEquals(1500, p.json().get("samples_per_sec").asDouble());
                assertTrue(p.json().has("eta_seconds"));

                run.logEpoch(2, Map.of("train_loss", 0.5));
                SseClient.Event m2 = sse.until(e -> e.type().equals("metric"), 10);
                assertEquals("2", m2.id());
                assertEquals(2, m2.json().get("epoch").asInt());

                run.logEvent(RunDirectory.LR_REDUCED, Map.of("old_lr", 0.1, "new_lr", 0.01));
                SseClient.Event ev = sse.until(e -> e.type().equals("metric"), 10);
                assertEquals("lr_reduced", ev.json().get("event").asText());

                Path ck = run.checkpointsDir().resolve("epoch-002.pt");
                Files.write(ck, new byte[42]);
                run.checkpointWritten(ck, 2);
                SseClient.Event c = sse.until(e -> e.type().equals("checkpoint"), 10);
                assertEquals("epoch-002.pt", c.json().get("name").asText());
                assertEquals(2, c.json().get("epoch").asInt());
                assertEquals(42, c.json().get("size").asInt());
                assertEquals("/runs/" + run.id() + "/checkpoints/epoch-002.pt", c.json().get("url").asText());

                Path other = run.checkpointsDir().resolve("manual-epoch-3.bin");
                Files.write(other, new byte[7]); // written without telling the run: found by the periodic scan
                SseClient.Event c2 = sse.until(e -> e.type().equals("checkpoint"), 10);
                assertEquals("manual-epoch-3.bin", c2.json().get("name").asText());
                assertEquals(3, c2.json().get("epoch").asInt(), "epoch read from the file name");

                run.markFinished();
                SseClient.Event done = sse.until(e -> e.type().equals("status"), 10);
                assertEquals("finished", done.json().get("status").asText());
                assertFalse(done.json().get("live").asBoolean());
            }
        }
    }

    @Test
    void resumesFromLastEventId() throws Exception {
        RunDirectory run = RunDirectory.create(root, "resume", config());
        for (int e = 1; e <= 5; e++) {
            run.logEpoch(e, Map.of("train_loss", 1.0 / e));
        }
        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            server.attach(run);
            assertTrue(server.start());
            try (SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events", "Last-Event-ID", "3")) {
                assertEquals("status", sse.next(10).type());
                SseClient.Event m = sse.next(10);
                assertEquals("4", m.id(), "replay starts after the last event the client saw");
                assertEquals("5", sse.next(10).id());
                run.logEpoch(6, Map.of("train_loss", 0.1));
                assertEquals("6", sse.until(e -> e.type().equals("metric"), 10).id());
            }
            try (SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events", "Last-Event-ID", "junk")) {
                assertEquals("status", sse.next(10).type());
                assertEquals("1", sse.next(10).id(), "an unreadable id replays everything");
            }
        }
    }

    @Test
    void followsRunsWrittenByOtherProcessesThroughTheirFiles() throws Exception {
        RunDirectory run = RunDirectory.create(root, "elsewhere", config()); // never attached
        try (ProgressServer server = new ProgressServer(root,
                new ProgressServer.Options().port(0).refreshMillis(100))) {
            assertTrue(server.start());
            try (SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events")) {
                SseClient.Event s = sse.next(10);
                assertFalse(s.json().get("live").asBoolean());
                run.logEpoch(1, Map.of("train_loss", 0.3));
                SseClient.Event m = sse.until(e -> e.type().equals("metric"), 10);
                assertEquals("1", m.id());
                // a partial line (a writer mid-append) is not read until it is complete
                Path metrics = run.path().resolve(RunDirectory.METRICS_FILE);
                Files.writeString(metrics, "{\"type\":\"epoch\",\"epoch\":2,\"time\":\"2025-01-01T00:00:00Z\",",
                        java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(400);
                Files.writeString(metrics, "\"values\":{\"train_loss\":0.2}}\nnot json\n",
                        java.nio.file.StandardOpenOption.APPEND);
                SseClient.Event m2 = sse.until(e -> e.type().equals("metric"), 10);
                assertEquals("2", m2.id());
                assertEquals(0.2, m2.json().get("values").get("train_loss").asDouble());
                run.logEpoch(3, Map.of("train_loss", 0.1));
                SseClient.Event m3 = sse.until(e -> e.type().equals("metric"), 10);
                assertEquals("4", m3.id(), "ids are line numbers; the unreadable line 3 is skipped");
                run.markFinished();
                assertEquals("finished", sse.until(e -> e.type().equals("status"), 10).json().get("status").asText());
            }
        }
    }

    @Test
    void capsConcurrentStreamsWithAClear503() throws Exception {
        RunDirectory run = RunDirectory.create(root, "cap", config());
        try (ProgressServer server = new ProgressServer(root,
                new ProgressServer.Options().port(0).maxEventStreams(2).heartbeatMillis(100))) {
            server.attach(run);
            assertTrue(server.start());
            String path = "/api/runs/" + run.id() + "/events";
            SseClient a = new SseClient(server, path);
            SseClient b = new SseClient(server, path);
            assertEquals(200, a.response.statusCode());
            assertEquals(200, b.response.statusCode());
            assertEquals("status", a.next(10).type());
            assertEquals("status", b.next(10).type());
            HttpResponse<String> refused = get(server, path);
            assertEquals(503, refused.statusCode());
            assertEquals("10", refused.headers().firstValue("retry-after").orElse(""));
            JsonNode body = Json.mapper().readTree(refused.body());
            assertTrue(body.get("error").asText().startsWith("Too many event streams: this server allows 2 at once"),
                    body.toString());
            assertEquals(2, server.openEventStreams());

            a.close(); // the browser tab goes away: the next heartbeat notices and frees the slot
            waitFor(() -> server.openEventStreams() == 1, 10, "the closed stream to be noticed");
            try (SseClient c = new SseClient(server, path)) {
                assertEquals(200, c.response.statusCode());
                assertEquals("status", c.next(10).type());
            }
            b.close();
        }
    }

    @Test
    void aBrowserThatStopsReadingNeverBlocksTraining() throws Exception {
        RunDirectory run = RunDirectory.create(root, "slow", config());
        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            server.attach(run);
            assertTrue(server.start());
            // a raw client that sends the request and then never reads a byte
            try (Socket stuck = new Socket("127.0.0.1", server.port())) {
                stuck.setReceiveBufferSize(4096);
                stuck.getOutputStream().write(("GET /api/runs/" + run.id() + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                waitFor(() -> server.openEventStreams() == 1, 10, "the stream to open");
                Map<String, Double> wide = new HashMap<>();
                for (int i = 0; i < 60; i++) {
                    wide.put("metric_with_a_long_name_" + i, Math.PI * i);
                }
                long t0 = System.nanoTime();
                for (int i = 1; i <= 8000; i++) { // about 20 MB of events for a reader that never reads
                    run.logStep(1, i, wide);
                    run.progress(1, 50, i % 10, 10, 100);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds < 60, "training was slowed to " + seconds + " s");
                waitFor(() -> server.openEventStreams() == 0, 20, "the stuck reader to be dropped");
            }
            // the server still serves everyone else
            assertEquals(200, get(server, "/api/runs/" + run.id()).statusCode());
        }
    }

    @Test
    void aBusyPortOnlyWarnsAndTrainingGoesOn() throws Exception {
        RunDirectory run = RunDirectory.create(root, "busy", config());
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try (ProgressServer server = new ProgressServer(root,
                    new ProgressServer.Options().port(taken.getLocalPort()))) {
                server.attach(run);
                assertFalse(server.start());
                assertFalse(server.isRunning());
                assertEquals(-1, server.port());
                assertNull(server.uri());
                server.serveUntilInterrupted(); // returns at once
                run.logEpoch(1, Map.of("train_loss", 1.0));
                run.markFinished();
            }
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cannot listen on 127.0.0.1:") && text.contains("training continues"), text);
        assertEquals(1, Files.readAllLines(run.path().resolve(RunDirectory.METRICS_FILE)).size());
    }

    @Test
    void stopsCleanly() throws Exception {
        RunDirectory run = RunDirectory.create(root, "stop", config());
        ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0));
        server.attach(run);
        assertTrue(server.start());
        int port = server.port();
        SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events");
        assertEquals("status", sse.next(10).type());

        Thread waiter = new Thread(server::serveUntilInterrupted);
        waiter.start();
        Thread.sleep(200);
        assertTrue(waiter.isAlive(), "serveUntilInterrupted blocks while the server runs");

        server.stop();
        assertEquals(SseClient.END, sse.until(e -> e == SseClient.END, 10), "open streams are ended");
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "serveUntilInterrupted returns when the server stops");
        assertFalse(server.isRunning());
        server.stop(); // idempotent
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort(), "the port is free again");
        }
        run.logEpoch(1, Map.of("train_loss", 1.0)); // the run no longer feeds a stopped server, and never fails
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().startsWith("jtorch-serve") && t.isAlive() && !t.isDaemon(), t.getName());
        }
        waitFor(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("jtorch-serve")), 10, "server threads to end");

        HttpResponse<InputStream> r = null;
        try {
            r = ServerTestSupport.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException expected) {
            // connection refused: nothing listens any more
        }
        assertNull(r);
    }
}
