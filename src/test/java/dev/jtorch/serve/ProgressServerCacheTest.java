package dev.jtorch.serve;

import static dev.jtorch.serve.ServerTestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large trees stay cheap: unchanged files are {@code stat}ed, not read again (counted through {@link ReadStats}),
 * and each run keeps a bounded number of metric records in memory, reading older ones from its file.
 */
class ProgressServerCacheTest {
    @TempDir
    Path root;

    private static JsonNode json(ProgressServer server, String path) throws Exception {
        var r = get(server, path);
        assertEquals(200, r.statusCode(), path);
        return Json.mapper().readTree(r.body());
    }

    private static JsonNode find(JsonNode runs, String id) {
        for (JsonNode r : runs) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no run " + id + " in the list");
    }

    @Test
    void aThousandRunsAndTenThousandCheckpointsAreReadOnceUntilTheyChange() throws Exception {
        RunDirectory first = null;
        for (int i = 0; i < 1000; i++) {
            RunDirectory run = RunDirectory.create(root, String.format("run-%04d", i), Map.of("total_epochs", 9));
            for (int e = 1; e <= 3; e++) {
                run.logEpoch(e, Map.of("train_loss", 1.0 / e));
            }
            if (first == null) {
                first = run;
            }
        }
        RunDirectory big = RunDirectory.create(root, "many-checkpoints", Map.of());
        for (int i = 0; i < 10_000; i++) {
            Files.write(big.checkpointsDir().resolve(String.format("step-%05d.pt", i)), new byte[0]);
        }
        Files.setLastModifiedTime(big.checkpointsDir(), FileTime.from(Instant.now().minusSeconds(3600)));

        try (ProgressServer server = new ProgressServer(root, new ProgressServer.Options().port(0))) {
            assertTrue(server.start());
            ReadStats reads = server.store().stats();

            JsonNode runs = json(server, "/api/runs").get("runs");
            assertEquals(1001, runs.size());
            assertEquals(3, find(runs, first.id()).get("last_epoch").asInt());
            assertEquals(1001, reads.configReads.get(), "each config.json read once");
            assertEquals(1000, reads.metricsTails.get(), "each non-empty metrics.jsonl read once");
            assertEquals(0, reads.checkpointScans.get(), "listing runs never lists checkpoints");

            long before = reads.total();
            assertEquals(1001, json(server, "/api/runs").get("runs").size());
            assertEquals(before, reads.total(), "a second /api/runs re-reads no unchanged file: " + reads);

            JsonNode ck = json(server, "/api/runs/" + big.id() + "/checkpoints").get("checkpoints");
            assertEquals(10_000, ck.size());
            assertEquals(1, reads.checkpointScans.get());
            assertEquals(10_000, reads.checkpointResolves.get());
            assertEquals(10_000, json(server, "/api/runs/" + big.id() + "/checkpoints").get("checkpoints").size());
            assertEquals(1, reads.checkpointScans.get(), "an unchanged checkpoints/ is not listed again");
            assertEquals(10_000, reads.checkpointResolves.get(), "nor are its files' real paths checked again");
            json(server, "/api/runs/" + big.id());
            assertEquals(1, reads.checkpointScans.get(), "a run's detail does not list checkpoints");

            // a change is seen, and costs a read of that file only
            first.logEpoch(4, Map.of("train_loss", 0.2));
            long tails = reads.metricsTails.get();
            long configs = reads.configReads.get();
            assertEquals(4, find(json(server, "/api/runs").get("runs"), first.id()).get("last_epoch").asInt());
            assertEquals(tails + 1, reads.metricsTails.get());
            assertEquals(configs, reads.configReads.get());
            first.markFinished();
            assertEquals("finished", find(json(server, "/api/runs").get("runs"), first.id()).get("status").asText());
            assertEquals(configs + 1, reads.configReads.get());

            Files.write(big.checkpointsDir().resolve("step-99999.pt"), new byte[5]);
            JsonNode more = json(server, "/api/runs/" + big.id() + "/checkpoints").get("checkpoints");
            assertEquals(10_001, more.size(), "a new file changes the directory: it is listed again");
            assertEquals(2, reads.checkpointScans.get());
        }
    }

    @Test
    void aRunKeepsABoundedNumberOfMetricsInMemoryAndReadsOlderOnesFromItsFile() throws Exception {
        RunDirectory run = RunDirectory.create(root, "bounded", Map.of("total_epochs", 1));
        try (ProgressServer server = new ProgressServer(root,
                new ProgressServer.Options().port(0).metricsInMemory(1_000))) {
            server.attach(run);
            assertTrue(server.start());
            try (SseClient sse = new SseClient(server, "/api/runs/" + run.id() + "/events")) {
                assertEquals("status", sse.next(10).type());
                for (int i = 1; i <= 5_000; i++) {
                    run.logStep(1, i, Map.of("loss", 1.0 / i));
                }
                assertEquals("5000", sse.until(e -> "5000".equals(e.id()), 60).id(), "every line reaches the page");
            }
            RunFeed feed = server.store().feed(run.id()).orElseThrow();
            assertEquals(5_000, feed.metricLines());
            assertEquals(1_000, feed.recordsInMemory(), "only the newest 1,000 records stay in memory");

            JsonNode all = json(server, "/api/runs/" + run.id() + "/metrics").get("metrics");
            assertEquals(5_000, all.size(), "older lines come from the file");
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i + 1, all.get(i).get("line").asInt());
                assertEquals(i + 1, all.get(i).get("step").asInt());
            }
            JsonNode recent = json(server, "/api/runs/" + run.id() + "/metrics?after=4990").get("metrics");
            assertEquals(10, recent.size());
            assertEquals(4991, recent.get(0).get("line").asInt());
            assertEquals(1_000, feed.recordsInMemory());
            assertEquals(10_000, RunStore.DEFAULT_WINDOW_CAPACITY, "the documented default");
        }
    }
}
