package dev.jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path root;

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    private static JsonNode readJson(Path p) throws IOException {
        return Json.mapper().readTree(p.toFile());
    }

    private static List<JsonNode> lines(RunDirectory run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.path().resolve(RunDirectory.METRICS_FILE))) {
            out.add(Json.mapper().readTree(l));
        }
        return out;
    }

    private static Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", 42);
        c.put("device", "cpu");
        c.put("model", "Sequential(\n  (0): Linear(in_features=10, out_features=1, bias=True)\n)");
        c.put("total_epochs", 20);
        c.put("batches_per_epoch", 25);
        c.put("lr", 1e-3);
        c.put("batch_size", 32);
        c.put("optimizer", "Adam");
        c.put("betas", new double[] {0.9, 0.999});
        return c;
    }

    @Test
    void createWritesConfigMetricsAndCheckpointsWithASafeUniqueId() throws IOException {
        RunDirectory run = RunDirectory.create(FIXED, root, "MNIST / MLP: run #1", RunConfig.fromMap(config()));
        assertEquals("20250304-050607-MNIST-MLP-run-1", run.id());
        assertTrue(RunDirectory.isValidRunId(run.id()));
        assertEquals(root.resolve(run.id()), run.path());
        assertTrue(Files.isDirectory(run.checkpointsDir()));
        assertEquals(0, Files.size(run.path().resolve(RunDirectory.METRICS_FILE)));
        try (Stream<Path> files = Files.list(run.path())) {
            assertEquals(List.of("checkpoints", "config.json", "metrics.jsonl"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left behind");
        }

        JsonNode c = readJson(run.path().resolve(RunDirectory.CONFIG_FILE));
        assertEquals(1, c.get("format").asInt());
        assertEquals(run.id(), c.get("id").asText());
        assertEquals("MNIST / MLP: run #1", c.get("name").asText());
        assertEquals("running", c.get("status").asText());
        assertEquals("2025-03-04T05:06:07.089Z", c.get("start_time").asText());
        assertTrue(c.get("end_time").isNull());
        assertEquals(42, c.get("seed").asLong());
        assertEquals("cpu", c.get("device").asText());
        assertEquals(20, c.get("total_epochs").asInt());
        assertEquals(25, c.get("batches_per_epoch").asInt());
        assertTrue(c.get("model_summary").asText().startsWith("Sequential(\n  (0): Linear"));
        JsonNode hp = c.get("hyperparameters");
        assertEquals(List.of("lr", "batch_size", "optimizer", "betas"), iterable(hp.fieldNames()));
        assertEquals(1e-3, hp.get("lr").asDouble());
        assertEquals(32, hp.get("batch_size").asInt());
        assertEquals(0.999, hp.get("betas").get(1).asDouble());
        assertFalse(hp.has("seed"), "reserved keys are not hyperparameters");
        JsonNode v = c.get("versions");
        assertEquals("2.10.0", v.get("libtorch").asText());
        assertEquals(System.getProperty("java.version"), v.get("java").asText());
        assertFalse(v.get("jtorch").asText().isBlank());

        RunDirectory second = RunDirectory.create(FIXED, root, "MNIST / MLP: run #1", new RunConfig());
        assertEquals(run.id() + "-2", second.id(), "same name in the same second gets a suffix");
        RunDirectory third = RunDirectory.create(FIXED, root, "MNIST / MLP: run #1", new RunConfig());
        assertEquals(run.id() + "-3", third.id());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void slugsKeepOnlySafeCharacters() {
        assertEquals("a-b_c.d", RunDirectory.slug("a b_c.d"));
        assertEquals("etc-passwd", RunDirectory.slug("../../etc/passwd"));
        assertEquals("run", RunDirectory.slug("///"));
        assertEquals("run", RunDirectory.slug("日本"));
        assertEquals(64, RunDirectory.slug("x".repeat(300)).length());
        assertTrue(RunDirectory.isValidRunId("20250101-000000-a"));
        for (String bad : new String[] {"", ".", "..", "../x", "a/b", ".hidden", "a\\b", "a b", "x".repeat(129)}) {
            assertFalse(RunDirectory.isValidRunId(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(root, " ", new RunConfig()));
    }

    @Test
    void configMapsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RunConfig.fromMap(Map.of("seed", "x")));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.fromMap(Map.of("total_epochs", -1)));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.fromMap(Map.of("hyperparameters", 3)));
        RunConfig c = RunConfig.fromMap(Map.of("hyperparameters", Map.of("momentum", 0.9), "wd", 0.0));
        assertEquals(Map.of("momentum", 0.9, "wd", 0.0), c.hyperparameters());
        assertNull(c.seed());
    }

    @Test
    void metricsAreOneJsonObjectPerLine() throws IOException {
        RunDirectory run = RunDirectory.create(root, "m", config());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", 0.5);
        values.put("val_acc", Double.NaN);
        values.put("lr", 1e-3);
        run.logStep(1, 7, Map.of("loss", 0.7));
        run.logEpoch(1, values);
        run.logEvent(RunDirectory.BEST_EPOCH, Map.of("val_loss", 0.4));
        run.logEvent(RunDirectory.LR_REDUCED, 1, Map.of("old_lr", 1e-3, "new_lr", 1e-4));
        run.progress(2, 20, 3, 25, 1000);
        run.logEvent(RunDirectory.EARLY_STOP, Map.of("reason", "patience"));
        assertEquals(5, run.metricLines());

        List<JsonNode> l = lines(run);
        assertEquals(5, l.size(), "progress is never written");
        assertEquals("step", l.get(0).get("type").asText());
        assertEquals(7, l.get(0).get("step").asLong());
        assertEquals(0.7, l.get(0).get("values").get("loss").asDouble());
        JsonNode epoch = l.get(1);
        assertEquals("epoch", epoch.get("type").asText());
        assertEquals(1, epoch.get("epoch").asInt());
        assertFalse(epoch.has("step"));
        assertEquals(0.5, epoch.get("values").get("train_loss").asDouble());
        assertTrue(epoch.get("values").get("val_acc").isNull(), "NaN is written as null");
        Instant.parse(epoch.get("time").asText());
        assertEquals("best_epoch", l.get(2).get("event").asText());
        assertEquals(1, l.get(2).get("epoch").asInt(), "events default to the current epoch");
        assertEquals(0.4, l.get(2).get("details").get("val_loss").asDouble());
        assertEquals(1e-4, l.get(3).get("details").get("new_lr").asDouble());
        assertEquals(2, l.get(4).get("epoch").asInt(), "progress moves the current epoch");

        MetricRecord r = MetricRecord.fromJson(2, l.get(1));
        assertEquals(MetricRecord.Type.EPOCH, r.type());
        assertEquals(2, r.line());
        assertNull(r.values().get("val_acc"));
        assertNull(MetricRecord.fromJson(9, Json.mapper().readTree("{\"type\":\"other\"}")));

        assertThrows(IllegalArgumentException.class, () -> run.logEpoch(-1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> run.logEvent(" ", Map.of()));
    }

    @Test
    void progressStaysInMemoryWithAnEta() throws Exception {
        RunDirectory run = RunDirectory.create(root, "p", config());
        assertTrue(run.lastProgress().isEmpty());
        run.progress(1, 2, 0, 10, 0);
        Thread.sleep(20);
        run.progress(1, 2, 5, 10, 500);
        Progress p = run.lastProgress().orElseThrow();
        assertEquals(0.25, p.fraction(), 1e-12);
        assertTrue(p.elapsedSeconds() > 0);
        assertEquals(p.elapsedSeconds() * 3, p.etaSeconds(), 1e-9, "three times as long again for the rest");
        assertEquals(0, Files.size(run.path().resolve(RunDirectory.METRICS_FILE)));
        assertEquals(0.25, (Double) p.toJson().get("fraction"), 1e-12);
        assertNull(new Progress(0, 0, 0, 0, Double.NaN, 0, Double.NaN).toJson().get("eta_seconds"));
        assertThrows(IllegalArgumentException.class, () -> run.progress(-1, 2, 0, 10, 0));
    }

    @Test
    void finishingAndFailingRewriteTheConfig() throws IOException {
        RunDirectory ok = RunDirectory.create(root, "ok", config());
        ok.logEpoch(1, Map.of("train_loss", 1.0));
        ok.markFinished();
        JsonNode c = readJson(ok.path().resolve(RunDirectory.CONFIG_FILE));
        assertEquals("finished", c.get("status").asText());
        Instant.parse(c.get("end_time").asText());
        assertEquals(RunStatus.FINISHED, ok.status());
        assertTrue(ok.endTime().isPresent());
        ok.markFailed(new RuntimeException("late"));
        assertEquals(RunStatus.FINISHED, ok.status(), "the first end wins");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ok.logEpoch(2, Map.of("train_loss", 1.0)));
        assertTrue(e.getMessage().contains("already finished"), e.getMessage());
        ok.progress(2, 2, 1, 1, 1); // ignored, never throws

        RunDirectory bad = RunDirectory.create(root, "bad", config());
        bad.markFailed(new IllegalStateException("loss is NaN"));
        JsonNode b = readJson(bad.path().resolve(RunDirectory.CONFIG_FILE));
        assertEquals("failed", b.get("status").asText());
        assertEquals("java.lang.IllegalStateException: loss is NaN", b.get("failure").asText());
        assertEquals(RunStatus.FAILED, RunStatus.fromJson("failed"));
        assertEquals(RunStatus.RUNNING, RunStatus.fromJson(null));
    }

    @Test
    void checkpointsMustLiveInTheCheckpointsDirectory() throws Exception {
        RunDirectory run = RunDirectory.create(root, "ck", config());
        List<CheckpointInfo> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        run.addListener(new RunListener() {
            @Override
            public void onCheckpoint(RunDirectory r, CheckpointInfo c) {
                seen.add(c);
            }

            @Override
            public void onStatus(RunDirectory r, RunStatus s) {
                done.countDown();
            }
        });
        Path f = run.checkpointsDir().resolve("epoch-001.pt");
        Files.write(f, new byte[] {1, 2, 3});
        run.checkpointWritten(f, 1);
        Path outside = run.path().resolve("x.pt");
        Files.write(outside, new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> run.checkpointWritten(outside, 1));
        assertThrows(IllegalArgumentException.class,
                () -> run.checkpointWritten(run.checkpointsDir().resolve("missing.pt"), 1));
        assertThrows(IllegalArgumentException.class,
                () -> run.checkpointWritten(run.checkpointsDir().resolve("../config.json"), 1));
        run.markFinished();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(1, seen.size());
        assertEquals("epoch-001.pt", seen.get(0).name());
        assertEquals(3, seen.get(0).size());
        assertEquals(1, seen.get(0).epoch());
        JsonNode line = lines(run).get(0);
        assertEquals("checkpoint", line.get("event").asText());
        assertEquals("epoch-001.pt", line.get("details").get("file").asText());
    }

    @Test
    void listenersHearEverythingInOrderOnAnotherThread() throws Exception {
        RunDirectory run = RunDirectory.create(root, "l", config());
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        run.addListener(new RunListener() {
            @Override
            public void onMetric(RunDirectory r, MetricRecord m) {
                heard.add("metric " + m.line());
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onStatus(RunDirectory r, RunStatus s) {
                heard.add("status " + s.pythonName());
                done.countDown();
            }
        });
        run.addListener(new RunListener() {
            @Override
            public void onMetric(RunDirectory r, MetricRecord m) {
                throw new IllegalStateException("a broken listener");
            }
        });
        for (int e = 1; e <= 5; e++) {
            run.logEpoch(e, Map.of("train_loss", 1.0 / e));
        }
        run.markFinished();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("metric 1", "metric 2", "metric 3", "metric 4", "metric 5", "status finished"), heard);
        assertTrue(threads.stream().allMatch(t -> t.equals("jtorch-run-" + run.id())), threads.toString());
    }

    @Test
    void aBlockedListenerNeverBlocksTraining() throws Exception {
        RunDirectory run = RunDirectory.create(root, "slow", config());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        List<Long> lines = new CopyOnWriteArrayList<>();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        run.addListener(new RunListener() {
            @Override
            public void onMetric(RunDirectory r, MetricRecord m) {
                await(release);
                lines.add(m.line());
            }

            @Override
            public void onProgress(RunDirectory r, Progress p) {
                await(release);
                progress.add(p);
            }

            @Override
            public void onStatus(RunDirectory r, RunStatus s) {
                finished.countDown();
            }
        });
        int n = RunDirectory.QUEUE_CAPACITY * 3;
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            run.logStep(1, i, Map.of("loss", 1.0 / i));
            run.progress(1, 1, i, n, i);
        }
        run.markFinished();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 30, "recording took " + seconds + " s with a blocked listener");
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the terminal status is never dropped");
        assertEquals(n, Files.readAllLines(run.path().resolve(RunDirectory.METRICS_FILE)).size(),
                "the file has every line");
        assertTrue(lines.size() < n, "an overflowing queue drops records for listeners");
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i) > lines.get(i - 1), "line numbers only grow; gaps show what was dropped");
        }
        assertTrue(progress.size() < 50, "progress is coalesced: " + progress.size());
        assertEquals(n, progress.get(progress.size() - 1).batch(), "the latest progress always arrives");
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void distinctRunsNeverShareADirectory() {
        RunDirectory a = RunDirectory.create(root, "same", new RunConfig());
        RunDirectory b = RunDirectory.create(root, "same", new RunConfig());
        assertNotEquals(a.path(), b.path());
    }
}
