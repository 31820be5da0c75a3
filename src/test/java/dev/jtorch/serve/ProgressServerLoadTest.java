package dev.jtorch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.train.RunDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients that send a request and never read the answer (plain sockets, real Jetty): downloads and large
 * JSON answers are written asynchronously, a page at a time, so they hold neither a thread nor the whole answer
 * in memory, and a new client is still answered at once.
 */
class ProgressServerLoadTest {
    static final int SLOW_CLIENTS = 200;

    @TempDir
    Path root;

    /** Opens a socket that sends one GET and then never reads a byte (a tiny receive window). */
    static Socket stuck(int port, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /**
     * Sends a GET on a fresh socket and returns the status line's code, failing if the status line does not
     * arrive within {@code millis} (a liveness bound, generous for a request that costs microseconds).
     */
    static int statusWithin(int port, String path, int millis) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(millis);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            try {
                while ((c = in.read()) != -1 && c != '\n') {
                    line.append((char) c);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("GET " + path + " was not answered within " + millis + " ms while "
                        + SLOW_CLIENTS + " slow clients hang");
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }

    /**
     * Once the server has taken up every slow request (the first request to get through says so; a server whose
     * threads are all stuck in writes never gets there), further requests are answered within a second: three rounds
     * in a row must be, within 60 s. The slack is for CPU, not threads: producing the first chunks of 200 large
     * answers keeps a loaded 2-core machine busy for seconds, while a server with every thread blocked in a write
     * stays blocked for as long as the slow clients hang, and never passes.
     */
    private static void assertOthersAreServed(ProgressServer server, String runId) throws Exception {
        assertEquals(200, statusWithin(server.port(), "/", 60_000));
        long deadline = System.nanoTime() + 60_000_000_000L;
        int goodRounds = 0;
        AssertionError last = null;
        while (goodRounds < 3) {
            try {
                assertEquals(200, statusWithin(server.port(), "/", 1_000));
                assertEquals(200, statusWithin(server.port(), "/api/runs", 1_000));
                assertEquals(200, statusWithin(server.port(), "/api/runs/" + runId, 1_000));
                goodRounds++;
            } catch (AssertionError e) {
                last = e;
                goodRounds = 0;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no three rounds in a row answered within 1 s in 60 s", last);
                }
            }
            Thread.sleep(200);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Test
    void slowDownloadersHoldNoThread() throws Exception {
        RunDirectory run = RunDirectory.create(root, "big-checkpoint", Map.of("total_epochs", 1));
        Path ck = run.checkpointsDir().resolve("epoch-001.pt");
        try (RandomAccessFile f = new RandomAccessFile(ck.toFile(), "rw")) {
            f.setLength(20L << 20); // 20 MB (sparse: no time spent writing it)
        }
        run.checkpointWritten(ck, 1);
        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            assertTrue(server.start());
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(stuck(server.port(), "/runs/" + run.id() + "/checkpoints/epoch-001.pt"));
                }
                assertOthersAreServed(server, run.id());
            } finally {
                closeAll(slow);
            }
            // and the file still downloads whole
            assertEquals(20L << 20, ServerTestSupport.getBytes(server, "/runs/" + run.id()
                    + "/checkpoints/epoch-001.pt").body().length);
        }
    }

    @Test
    void slowReadersOfALargeMetricsAnswerHoldNeitherAThreadNorTheAnswer() throws Exception {
        RunDirectory run = RunDirectory.create(root, "many-metrics", Map.of("total_epochs", 1));
        int lines = 100_000;
        try (BufferedWriter w = Files.newBufferedWriter(run.path().resolve(RunDirectory.METRICS_FILE),
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 1; i <= lines; i++) {
                w.write("{\"type\":\"step\",\"epoch\":1,\"step\":" + i
                        + ",\"time\":\"2025-01-01T00:00:00Z\",\"values\":{\"loss\":0.25,\"lr\":0.001}}\n");
            }
        }
        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            assertTrue(server.start());
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(stuck(server.port(), "/api/runs/" + run.id() + "/metrics"));
                }
                assertOthersAreServed(server, run.id());
            } finally {
                closeAll(slow);
            }
            // a reader that does read gets every line, in order
            String body = ServerTestSupport.get(server, "/api/runs/" + run.id() + "/metrics?type=step").body();
            var metrics = dev.jtorch.internal.Json.mapper().readTree(body).get("metrics");
            assertEquals(lines, metrics.size());
            assertEquals(1, metrics.get(0).get("line").asInt());
            assertEquals(lines, metrics.get(lines - 1).get("step").asInt());
        }
    }
}
