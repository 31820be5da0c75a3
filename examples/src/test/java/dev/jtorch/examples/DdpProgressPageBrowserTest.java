package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.distributed.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The progress page of a distributed run in a real browser (Debian's {@code chromium} through
 * {@code chromium-driver}): {@code DdpTrainingWorkflow --nproc-per-node 2 --run-dir ... --serve}, started through
 * its launcher, shows one run with its world size and global throughput, served by rank 0 only, and updates live.
 * To see live updates deterministically the test freezes rank 1 ({@code SIGSTOP}) once training has begun, so that
 * rank 0 waits in its next collective while it goes on serving the page; it checks the page, and lets rank 1 go on
 * ({@code SIGCONT}). Skipped where the browser or its driver is missing.
 */
class DdpProgressPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int EPOCHS = 40;

    static {
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
    }

    @TempDir
    Path temp;

    @Test
    @Timeout(300)
    void theDistributedRunIsOneLiveRunWithItsWorldSizeAndGlobalThroughput() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver");
        Path runs = temp.resolve("runs");
        int port = Launcher.freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> DdpTrainingWorkflow.run(new String[] {
            "--nproc-per-node", "2", "--seed", "0", "--epochs", Integer.toString(EPOCHS), "--run-dir",
            runs.toString(), "--serve", "--port", Integer.toString(port)},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        ChromeDriver driver = null;
        List<ProcessHandle> ranks = List.of();
        try {
            // training has begun once rank 0 has logged an epoch: freeze rank 1 there (rank 0 keeps serving)
            Path metrics = awaitMetrics(runs, job);
            ranks = ranks().stream().filter(p -> rankOf(p) == 1).toList();
            assertEquals(1, ranks.size(), "rank 1 among " + ranks());
            signal("-STOP", ranks);

            driver = startBrowser();
            driver.get("http://127.0.0.1:" + port + "/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
            wait.until(d -> "running".equals(d.findElement(By.id("run-status")).getAttribute("data-status"))
                    && !"0".equals(d.findElement(By.id("epoch-counter")).getAttribute("data-epoch")));
            // one run for the whole job, with its world size; throughput is the job's (all ranks')
            wait.until(d -> "2".equals(d.findElement(By.id("stat-world")).getAttribute("data-world")));
            assertEquals("2 ranks", driver.findElement(By.id("stat-world")).getText());
            assertEquals("Global throughput", driver.findElement(By.id("stat-speed-k")).getText());
            wait.until(d -> d.findElement(By.id("stat-speed")).getText().endsWith("samples/s"));
            wait.until(d -> d.findElements(By.cssSelector("#run-list a")).size() == 1);
            assertTrue(driver.findElement(By.id("run-list")).getText().contains("seed000-ddp"),
                    driver.findElement(By.id("run-list")).getText());
            assertTrue(driver.findElement(By.id("hparams")).getText().contains("global_batch_size"));
            int frozenAt = Integer.parseInt(driver.findElement(By.id("epoch-counter")).getAttribute("data-epoch"));
            assertTrue(frozenAt < EPOCHS, "frozen at epoch " + frozenAt);
            // the page records every epoch it shows, without a reload
            driver.executeScript("window.__epochs = [];"
                    + "var c = document.getElementById('epoch-counter');"
                    + "new MutationObserver(function () { window.__epochs.push(c.dataset.epoch); })"
                    + ".observe(c, {attributes: true, attributeFilter: ['data-epoch']});");

            signal("-CONT", ranks);
            wait.until(d -> String.valueOf(EPOCHS).equals(
                    d.findElement(By.id("epoch-counter")).getAttribute("data-epoch")));
            wait.until(d -> "finished".equals(d.findElement(By.id("run-status")).getAttribute("data-status")));
            @SuppressWarnings("unchecked")
            List<Object> seen = (List<Object>) driver.executeScript("return window.__epochs;");
            Set<String> distinct = new HashSet<>();
            for (Object e : seen) {
                distinct.add(String.valueOf(e));
            }
            assertTrue(distinct.contains(String.valueOf(EPOCHS)) && distinct.size() >= 2,
                    "live epochs seen after epoch " + frozenAt + ": " + seen);
            assertEquals(EPOCHS + " / " + EPOCHS, driver.findElement(By.id("epoch-counter")).getText());
            assertEquals(1, driver.findElements(By.cssSelector("#run-list a")).size(), "one run for the job");
            assertTrue(driver.findElement(By.id("stat-speed")).getText().endsWith("samples/s"));
            try (var list = Files.list(runs)) {
                assertEquals(1, list.count(), "one run directory for the job");
            }
            assertEquals(EPOCHS, Files.readAllLines(metrics).stream().filter(l -> l.contains("\"type\":\"epoch\""))
                    .count());
            List<String> problems = new ArrayList<>();
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("favicon.ico")) {
                    problems.add(e.getMessage());
                }
            }
            assertEquals(List.of(), problems, "no errors in the browser console");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("Using device: cpu, world size: 2\n"), printed);
            assertTrue(printed.contains("\nTraining Complete!\n"), printed);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            signal("-CONT", ranks);
            // rank 0 serves until it is interrupted: end the job's ranks (this test's own child processes)
            for (ProcessHandle p : ranks()) {
                p.destroy();
            }
            job.get(60, TimeUnit.SECONDS);
        }
    }

    /** The run's metrics file once it holds an epoch (rank 0 writes it after each one). */
    private static Path awaitMetrics(Path runs, CompletableFuture<Integer> job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (job.isDone()) {
                throw new AssertionError("the job ended early with exit code " + job.get());
            }
            if (Files.isDirectory(runs)) {
                try (var list = Files.list(runs)) {
                    for (Path run : list.toList()) {
                        Path metrics = run.resolve("metrics.jsonl");
                        if (Files.isRegularFile(metrics) && Files.readAllLines(metrics).stream()
                                .anyMatch(l -> l.contains("\"type\":\"epoch\""))) {
                            return metrics;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no epoch was logged within 120 s");
    }

    /** The ranks: the java processes this test's launcher started. */
    private static List<ProcessHandle> ranks() {
        return ProcessHandle.current().descendants().filter(p -> p.isAlive()
                && p.info().command().orElse("").endsWith("java")).toList();
    }

    /** A rank's {@code RANK}, from its environment (Linux's /proc), or -1. */
    private static int rankOf(ProcessHandle p) {
        try {
            String env = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")),
                    StandardCharsets.UTF_8);
            for (String kv : env.split("\0")) {
                if (kv.startsWith("RANK=")) {
                    return Integer.parseInt(kv.substring(5));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not a rank, or gone
        }
        return -1;
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill " + signal);
            }
        }
    }

    private ChromeDriver startBrowser() throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1200",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("safebrowsing.enabled", false));
        return new ChromeDriver(service, options);
    }
}
