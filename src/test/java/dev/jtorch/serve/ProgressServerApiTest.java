package dev.jtorch.serve;

import static dev.jtorch.serve.ServerTestSupport.CLIENT;
import static dev.jtorch.serve.ServerTestSupport.get;
import static dev.jtorch.serve.ServerTestSupport.getBytes;
import static dev.jtorch.serve.ServerTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.RunDirectory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every JSON endpoint, the page and its assets, and checkpoint downloads with ranges and validators. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressServerApiTest {
    @TempDir
    static Path root;

    ProgressServer server;
    RunDirectory live;
    RunDirectory old;
    byte[] checkpoint;
    Path checkpointFile;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("seed", 7);
        cfg.put("device", "cpu");
        cfg.put("model", "Linear(in_features=10, out_features=1, bias=True)");
        cfg.put("total_epochs", 3);
        cfg.put("batches_per_epoch", 4);
        cfg.put("lr", 0.5);
        old = RunDirectory.create(root, "older run", cfg);
        old.logEpoch(1, Map.of("train_loss", 0.9));
        old.markFinished();
        Thread.sleep(50); // a later start time, so the live run sorts first

        live = RunDirectory.create(root, "live run", cfg);
        live.logEpoch(1, Map.of("train_loss", 0.8, "val_loss", 0.85, "val_acc", 0.6, "lr", 0.5));
        live.logStep(2, 5, Map.of("loss", 0.7));
        live.logEpoch(2, Map.of("train_loss", 0.6, "val_loss", 0.65, "val_acc", 0.7, "lr", 0.5));
        live.logEvent(RunDirectory.BEST_EPOCH, Map.of("val_loss", 0.65));
        checkpoint = new byte[100_000];
        new Random(1).nextBytes(checkpoint);
        checkpointFile = live.checkpointsDir().resolve("epoch-002.pt");
        Files.write(checkpointFile, checkpoint);
        Files.setLastModifiedTime(checkpointFile, FileTime.from(Instant.parse("2025-01-02T03:04:05Z")));
        live.checkpointWritten(checkpointFile, 2);
        Files.write(live.checkpointsDir().resolve("empty.pt"), new byte[0]);
        live.progress(3, 3, 1, 4, 321.0);

        server = new ProgressServer(root, new ProgressServer.Options().port(0));
        server.attach(live);
        assertTrue(server.start());
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port() + "/", server.uri().toString());
        assertEquals("http://127.0.0.1:" + server.port() + "/runs/" + live.id(), server.pageUri().toString());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        return Json.mapper().readTree(r.body());
    }

    @Test
    void listsRunsNewestFirst() throws Exception {
        HttpResponse<String> r = get(server, "/api/runs");
        assertEquals(200, r.statusCode());
        JsonNode runs = json(r).get("runs");
        assertEquals(2, runs.size());
        JsonNode first = runs.get(0);
        assertEquals(live.id(), first.get("id").asText());
        assertEquals("live run", first.get("name").asText());
        assertEquals("running", first.get("status").asText());
        assertTrue(first.get("live").asBoolean());
        assertEquals(3, first.get("total_epochs").asInt());
        assertEquals(2, first.get("last_epoch").asInt());
        assertEquals("/runs/" + live.id(), first.get("url").asText());
        JsonNode second = runs.get(1);
        assertEquals(old.id(), second.get("id").asText());
        assertEquals("finished", second.get("status").asText());
        assertFalse(second.get("live").asBoolean());
        assertEquals(old.endTime().orElseThrow().toString(), second.get("end_time").asText());
        assertEquals(old.startTime().toString(), second.get("start_time").asText());
        assertTrue(first.get("end_time").isNull(), "a live run has no end time yet");
        assertEquals(live.startTime().toString(), first.get("start_time").asText());
    }

    @Test
    void describesOneRun() throws Exception {
        JsonNode run = json(get(server, "/api/runs/" + live.id()));
        assertEquals(live.id(), run.get("id").asText());
        assertEquals("running", run.get("status").asText());
        assertEquals(7, run.get("seed").asInt());
        assertEquals("cpu", run.get("device").asText());
        assertEquals(0.5, run.get("hyperparameters").get("lr").asDouble());
        assertEquals("Linear(in_features=10, out_features=1, bias=True)", run.get("model_summary").asText());
        assertEquals("2.10.0", run.get("versions").get("libtorch").asText());
        assertEquals(4, run.get("batches_per_epoch").asInt());
        assertEquals(5, run.get("metric_lines").asInt());
        assertTrue(run.get("live").asBoolean());
        JsonNode p = run.get("progress");
        assertEquals(3, p.get("epoch").asInt());
        assertEquals(1, p.get("batch").asInt());
        assertEquals(321.0, p.get("samples_per_sec").asDouble());

        JsonNode done = json(get(server, "/api/runs/" + old.id()));
        assertTrue(done.get("progress").isNull());
        assertEquals("finished", done.get("status").asText());

        HttpResponse<String> missing = get(server, "/api/runs/20990101-000000-nope");
        assertEquals(404, missing.statusCode());
        assertEquals(404, json(missing).get("status").asInt());
        assertTrue(json(missing).get("error").asText().contains("No run"));
    }

    @Test
    void servesMetricLinesWithFilters() throws Exception {
        JsonNode all = json(get(server, "/api/runs/" + live.id() + "/metrics"));
        assertEquals(live.id(), all.get("run").asText());
        JsonNode m = all.get("metrics");
        assertEquals(5, m.size());
        for (int i = 0; i < m.size(); i++) {
            assertEquals(i + 1, m.get(i).get("line").asInt());
        }
        assertEquals("epoch", m.get(0).get("type").asText());
        assertEquals(0.85, m.get(0).get("values").get("val_loss").asDouble());
        assertEquals("step", m.get(1).get("type").asText());
        assertEquals("best_epoch", m.get(3).get("event").asText());
        assertEquals("checkpoint", m.get(4).get("event").asText());

        JsonNode epochs = json(get(server, "/api/runs/" + live.id() + "/metrics?type=epoch")).get("metrics");
        assertEquals(2, epochs.size());
        JsonNode after = json(get(server, "/api/runs/" + live.id() + "/metrics?after=3")).get("metrics");
        assertEquals(2, after.size());
        assertEquals(4, after.get(0).get("line").asInt());
        assertEquals(400, get(server, "/api/runs/" + live.id() + "/metrics?type=bogus").statusCode());
        assertEquals(400, get(server, "/api/runs/" + live.id() + "/metrics?after=x").statusCode());
    }

    @Test
    void listsCheckpoints() throws Exception {
        JsonNode c = json(get(server, "/api/runs/" + live.id() + "/checkpoints")).get("checkpoints");
        assertEquals(2, c.size());
        JsonNode ck = c.get(0); // oldest first: its mtime was set to 2025
        assertEquals("epoch-002.pt", ck.get("name").asText());
        assertEquals(2, ck.get("epoch").asInt());
        assertEquals(checkpoint.length, ck.get("size").asLong());
        assertEquals("2025-01-02T03:04:05Z", ck.get("modified").asText());
        assertEquals("/runs/" + live.id() + "/checkpoints/epoch-002.pt", ck.get("url").asText());
        assertEquals("empty.pt", c.get(1).get("name").asText());
        assertTrue(c.get(1).get("epoch").isNull());
    }

    @Test
    void servesThePageAndItsAssetsWithSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/runs/" + live.id(), "/runs/" + live.id() + "/"}) {
            HttpResponse<String> r = get(server, path);
            assertEquals(200, r.statusCode(), path);
            assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
            assertTrue(r.body().contains("<script src=\"/assets/app.js\" defer></script>"));
            assertFalse(r.body().matches("(?s).*<script>.*") || r.body().contains("style="),
                    "no inline script or style");
            String csp = r.headers().firstValue("content-security-policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""));
            assertFalse(r.headers().firstValue("server").isPresent(), "no server version");
        }
        assertEquals(404, get(server, "/runs/20990101-000000-nope").statusCode());

        HttpResponse<String> js = get(server, "/assets/app.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("content-type").orElse(""));
        HttpResponse<String> chart = get(server, "/assets/chart.umd.js");
        assertEquals(200, chart.statusCode());
        assertTrue(chart.body().contains("Chart.js v" + Assets.chartJsVersion()), "Chart.js from the WebJar");
        assertEquals(200, get(server, "/assets/app.css").statusCode());
        assertEquals(200, get(server, "/assets/favicon.svg").statusCode());
        assertEquals(404, get(server, "/assets/index.html.bak").statusCode());
        assertEquals(404, get(server, "/assets/").statusCode());
        assertEquals(404, get(server, "/nothing-here").statusCode());
        assertEquals(404, get(server, "/api/other").statusCode());

        HttpResponse<String> head = CLIENT.send(request(server, "/api/runs")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    private String url() {
        return "/runs/" + live.id() + "/checkpoints/epoch-002.pt";
    }

    @Test
    void downloadsACheckpointAsAnAttachment() throws Exception {
        HttpResponse<byte[]> r = getBytes(server, url());
        assertEquals(200, r.statusCode());
        assertArrayEquals(checkpoint, r.body());
        var h = r.headers();
        assertEquals("application/octet-stream", h.firstValue("content-type").orElse(""));
        assertEquals("attachment; filename=\"epoch-002.pt\"; filename*=UTF-8''epoch-002.pt",
                h.firstValue("content-disposition").orElse(""));
        assertEquals(String.valueOf(checkpoint.length), h.firstValue("content-length").orElse(""));
        assertEquals("bytes", h.firstValue("accept-ranges").orElse(""));
        assertEquals("Thu, 2 Jan 2025 03:04:05 GMT", h.firstValue("last-modified").orElse(""));
        assertTrue(h.firstValue("etag").orElse("").matches("\"[0-9a-f]+-[0-9a-f]+\""));
        assertEquals("nosniff", h.firstValue("x-content-type-options").orElse(""));

        HttpResponse<byte[]> empty = getBytes(server, "/runs/" + live.id() + "/checkpoints/empty.pt");
        assertEquals(200, empty.statusCode());
        assertEquals(0, empty.body().length);

        HttpResponse<byte[]> head = CLIENT.send(request(server, url())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(checkpoint.length), head.headers().firstValue("content-length").orElse(""));
        assertEquals(0, head.body().length);
    }

    @Test
    void answersConditionalRequests() throws Exception {
        HttpResponse<byte[]> first = getBytes(server, url());
        String etag = first.headers().firstValue("etag").orElseThrow();
        String lastModified = first.headers().firstValue("last-modified").orElseThrow();

        HttpResponse<byte[]> same = getBytes(server, url(), "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(etag, same.headers().firstValue("etag").orElse(""));
        assertEquals(304, getBytes(server, url(), "If-None-Match", "\"x\", " + etag).statusCode());
        assertEquals(304, getBytes(server, url(), "If-None-Match", "*").statusCode());
        assertEquals(200, getBytes(server, url(), "If-None-Match", "\"other\"").statusCode());

        assertEquals(304, getBytes(server, url(), "If-Modified-Since", lastModified).statusCode());
        String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.parse("2025-01-01T00:00:00Z").atZone(ZoneOffset.UTC));
        assertEquals(200, getBytes(server, url(), "If-Modified-Since", earlier).statusCode());
        assertEquals(200, getBytes(server, url(), "If-Modified-Since", "not a date").statusCode());
        assertEquals(200, getBytes(server, url(), "If-None-Match", "\"other\"", "If-Modified-Since", lastModified)
                .statusCode(), "If-None-Match wins over If-Modified-Since");
    }

    @Test
    void answersRangeRequests() throws Exception {
        int n = checkpoint.length;
        HttpResponse<byte[]> mid = getBytes(server, url(), "Range", "bytes=10-19");
        assertEquals(206, mid.statusCode());
        assertArrayEquals(Arrays.copyOfRange(checkpoint, 10, 20), mid.body());
        assertEquals("bytes 10-19/" + n, mid.headers().firstValue("content-range").orElse(""));
        assertEquals("10", mid.headers().firstValue("content-length").orElse(""));

        HttpResponse<byte[]> open = getBytes(server, url(), "Range", "bytes=99990-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(checkpoint, 99_990, n), open.body());

        HttpResponse<byte[]> suffix = getBytes(server, url(), "Range", "bytes=-5");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(checkpoint, n - 5, n), suffix.body());
        assertEquals("bytes " + (n - 5) + "-" + (n - 1) + "/" + n,
                suffix.headers().firstValue("content-range").orElse(""));

        HttpResponse<byte[]> clamp = getBytes(server, url(), "Range", "bytes=99999-200000");
        assertEquals(206, clamp.statusCode());
        assertEquals(1, clamp.body().length);

        HttpResponse<byte[]> beyond = getBytes(server, url(), "Range", "bytes=" + n + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + n, beyond.headers().firstValue("content-range").orElse(""));

        HttpResponse<byte[]> several = getBytes(server, url(), "Range", "bytes=0-1,5-6");
        assertEquals(200, several.statusCode(), "several ranges: the whole file");
        assertArrayEquals(checkpoint, several.body());
        assertEquals(200, getBytes(server, url(), "Range", "items=0-1").statusCode());
        assertEquals(200, getBytes(server, url(), "Range", "bytes=5-2").statusCode());

        String etag = mid.headers().firstValue("etag").orElseThrow();
        String lastModified = mid.headers().firstValue("last-modified").orElseThrow();
        assertEquals(206, getBytes(server, url(), "Range", "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(206, getBytes(server, url(), "Range", "bytes=0-9", "If-Range", lastModified).statusCode());
        HttpResponse<byte[]> changed = getBytes(server, url(), "Range", "bytes=0-9", "If-Range", "\"stale\"");
        assertEquals(200, changed.statusCode(), "a stale If-Range gets the whole file");
        assertEquals(n, changed.body().length);
    }

    @Test
    void downloadNamesAreEncoded() throws Exception {
        Path odd = live.checkpointsDir().resolve("best model (v2).pt");
        Files.write(odd, new byte[] {4, 2});
        JsonNode list = json(get(server, "/api/runs/" + live.id() + "/checkpoints")).get("checkpoints");
        String url = null;
        for (JsonNode c : list) {
            if (c.get("name").asText().equals("best model (v2).pt")) {
                url = c.get("url").asText();
            }
        }
        assertEquals("/runs/" + live.id() + "/checkpoints/best%20model%20%28v2%29.pt", url);
        HttpResponse<byte[]> r = getBytes(server, url);
        assertEquals(200, r.statusCode());
        assertArrayEquals(new byte[] {4, 2}, r.body());
        assertEquals("attachment; filename=\"best model (v2).pt\"; filename*=UTF-8''best%20model%20%28v2%29.pt",
                r.headers().firstValue("content-disposition").orElse(""));
        Files.delete(odd);
    }

    @Test
    void rangeParserEdgeCases() {
        assertArrayEquals(new long[] {0, 9}, Download.parseRange("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, Download.parseRange("bytes=-10", 100));
        assertArrayEquals(new long[] {0, 99}, Download.parseRange("bytes=-1000", 100));
        assertEquals(Download.UNSATISFIABLE, Download.parseRange("bytes=-0", 100));
        assertEquals(Download.UNSATISFIABLE, Download.parseRange("bytes=0-", 0));
        assertEquals(null, Download.parseRange("bytes=a-b", 100));
        assertEquals(null, Download.parseRange("bytes=99999999999999999999-", 100));
        assertEquals(null, Download.parseRange("bytes=-", 100));
    }
}
