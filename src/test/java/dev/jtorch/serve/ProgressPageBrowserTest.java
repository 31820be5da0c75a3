package dev.jtorch.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.train.RunDirectory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The progress page in a real browser: Debian's {@code chromium}, driven through {@code chromium-driver}, watches a
 * short training run (a logistic regression on jtorch tensors) live, then downloads a checkpoint through the page's
 * link. Skipped where the browser or its driver is not installed ({@code .ci/run} installs both).
 */
class ProgressPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int EPOCHS = 5;
    static final int BATCHES = 8;
    static final int BATCH_SIZE = 100;
    static final int PAUSE_AT_BATCH = 4;

    /** Selenium warns that it has no DevTools binding for this Chromium version; the test uses none. */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    @TempDir
    Path temp;

    @Test
    @Timeout(180)
    void watchesATrainingRunAndDownloadsACheckpoint() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium,"
                        + " /usr/bin/chromedriver): apt-get install chromium chromium-driver");
        Path runs = temp.resolve("runs");
        Path downloads = Files.createDirectories(temp.resolve("downloads"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", 42);
        config.put("device", Torch.device("cpu"));
        config.put("model", "LogisticRegression(\n  (linear): Linear(in_features=10, out_features=1, bias=True)\n)");
        config.put("total_epochs", EPOCHS);
        config.put("batches_per_epoch", BATCHES);
        config.put("lr", 0.5);
        config.put("batch_size", BATCH_SIZE);
        config.put("optimizer", "SGD");
        config.put("lr_schedule", "halve at epoch 3");
        RunDirectory run = RunDirectory.create(runs, "logistic regression (browser test)", config);

        try (ProgressServer server = new ProgressServer(runs, new ProgressServer.Options().port(0))) {
            server.attach(run);
            assertTrue(server.start());
            ChromeDriver driver = startBrowser(downloads);
            try {
                driver.get(server.pageUri().toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
                wait.until(d -> "running".equals(d.findElement(By.id("run-status")).getAttribute("data-status")));

                AtomicReference<Throwable> failure = new AtomicReference<>();
                CountDownLatch paused = new CountDownLatch(1);
                CountDownLatch resume = new CountDownLatch(1);
                Thread training = new Thread(() -> {
                    try {
                        train(run, paused, resume);
                    } catch (Throwable t) {
                        failure.set(t);
                        run.markFailed(t);
                    }
                }, "synthetic-training");
                training.start();

                // live while training: training holds still in the middle of epoch 3 until the page shows it
                assertTrue(paused.await(60, TimeUnit.SECONDS), "training reached the middle of epoch 3");
                wait.until(d -> "3".equals(d.findElement(By.id("epoch-counter")).getAttribute("data-epoch"))
                        && d.findElement(By.id("batch-counter")).getText().equals(PAUSE_AT_BATCH + " / " + BATCHES)
                        && "2".equals(d.findElement(By.id("chart-loss")).getAttribute("data-points")));
                assertEquals("running", driver.findElement(By.id("run-status")).getAttribute("data-status"));
                assertTrue(driver.findElement(By.id("stat-eta")).getText().matches("\\d+s|\\d+m \\d+s"),
                        driver.findElement(By.id("stat-eta")).getText());
                assertTrue(driver.findElement(By.id("stat-speed")).getText().endsWith("samples/s"));
                screenshot(driver, "progress-page-live.png");
                resume.countDown();
                training.join(120_000);
                if (failure.get() != null) {
                    throw new AssertionError("the synthetic training failed", failure.get());
                }

                wait.until(d -> String.valueOf(EPOCHS).equals(
                        d.findElement(By.id("epoch-counter")).getAttribute("data-epoch")));
                wait.until(d -> String.valueOf(EPOCHS).equals(
                        d.findElement(By.id("chart-loss")).getAttribute("data-points")));
                wait.until(d -> "finished".equals(d.findElement(By.id("run-status")).getAttribute("data-status")));
                wait.until(d -> d.findElements(By.cssSelector("#checkpoints tbody tr")).size() == EPOCHS);
                assertEquals(EPOCHS + " / " + EPOCHS, driver.findElement(By.id("epoch-counter")).getText());
                assertEquals(String.valueOf(EPOCHS),
                        driver.findElement(By.id("chart-acc")).getAttribute("data-points"));
                assertEquals(String.valueOf(EPOCHS), driver.findElement(By.id("chart-lr")).getAttribute("data-points"));
                assertTrue(driver.findElement(By.id("model-summary")).getText().startsWith("LogisticRegression("));
                assertTrue(driver.findElement(By.id("hparams")).getText().contains("batch_size"));
                assertTrue(driver.findElement(By.id("event-list")).getText().toLowerCase().contains("lr reduced"));
                assertTrue(driver.findElement(By.id("run-list")).getText().contains("logistic regression"));
                wait.until(d -> d.findElement(By.id("run-list")).getText().contains(EPOCHS + " / " + EPOCHS + " epochs"));

                // download the last checkpoint through the page's own link
                String name = String.format("epoch-%03d.bin", EPOCHS);
                WebElement link = driver.findElement(By.cssSelector("a.download[data-file='" + name + "']"));
                assertTrue(link.getAttribute("href").endsWith("/runs/" + run.id() + "/checkpoints/" + name));
                link.click();
                Path downloaded = downloads.resolve(name);
                wait.until(d -> Files.isRegularFile(downloaded)
                        && !Files.exists(downloads.resolve(name + ".crdownload")));
                assertArrayEquals(Files.readAllBytes(run.checkpointsDir().resolve(name)), Files.readAllBytes(downloaded),
                        "the downloaded checkpoint has the bytes on disk");

                screenshot(driver, "progress-page.png");

                List<String> problems = new ArrayList<>();
                for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue()
                            && !e.getMessage().contains("favicon.ico")) {
                        problems.add(e.getMessage());
                    }
                }
                assertEquals(List.of(), problems, "no errors (CSP violations included) in the browser console");
            } finally {
                driver.quit();
            }
        }
    }

    private static void screenshot(ChromeDriver driver, String name) throws java.io.IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private ChromeDriver startBrowser(Path downloads) throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1720",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    /**
     * A few epochs of mini-batch logistic regression on jtorch tensors with autograd (the data of
     * {@code TensorCoreDemo}), publishing through the run directory like a real training loop: progress per batch,
     * values per epoch, best-epoch and learning-rate events, and a checkpoint file per epoch.
     */
    static void train(RunDirectory run, CountDownLatch paused, CountDownLatch resume) throws Exception {
        Torch.manualSeed(42);
        Tensor x = Torch.randn(1000, 10);
        Tensor trueWeights = Torch.randn(10, 1);
        Tensor y = x.matmul(trueWeights).add(Torch.randn(1000, 1).mul(0.5)).sigmoid().gt(0.5).toFloat();
        Tensor xTrain = x.index(":800");
        Tensor yTrain = y.index(":800");
        Tensor xVal = x.index("800:");
        Tensor yVal = y.index("800:");
        Tensor w = Torch.zeros(10, 1).requiresGrad_();
        Tensor b = Torch.zeros(1).requiresGrad_();
        double lr = 0.5;
        double bestVal = Double.POSITIVE_INFINITY;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            if (epoch == 3) {
                run.logEvent(RunDirectory.LR_REDUCED, epoch, Map.of("old_lr", lr, "new_lr", lr / 2));
                lr /= 2;
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            double correct = 0;
            for (int batch = 1; batch <= BATCHES; batch++) {
                try (TensorScope scope = new TensorScope("batch")) {
                    String rows = (batch - 1) * BATCH_SIZE + ":" + batch * BATCH_SIZE;
                    Tensor xb = xTrain.index(rows);
                    Tensor yb = yTrain.index(rows);
                    Tensor p = xb.matmul(w).add(b).sigmoid();
                    Tensor loss = bce(p, yb);
                    loss.backward();
                    try (var g = Torch.noGrad()) {
                        w.sub_(w.grad().mul(lr));
                        b.sub_(b.grad().mul(lr));
                        w.grad().zero_();
                        b.grad().zero_();
                    }
                    lossSum += loss.item();
                    correct += p.gt(0.5).toFloat().eq(yb).toFloat().sum().item();
                }
                Thread.sleep(40); // slow enough for the page to show the batches go by
                double seconds = (System.nanoTime() - t0) / 1e9;
                run.progress(epoch, EPOCHS, batch, BATCHES, batch * BATCH_SIZE / seconds);
                if (epoch == 3 && batch == PAUSE_AT_BATCH) {
                    paused.countDown();
                    if (!resume.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let training resume");
                    }
                    t0 = System.nanoTime() - (long) (seconds * 1e9); // the pause is not training time
                }
            }
            double valLoss;
            double valAcc;
            try (TensorScope scope = new TensorScope("validation"); var g = Torch.noGrad()) {
                Tensor p = xVal.matmul(w).add(b).sigmoid();
                valLoss = bce(p, yVal).item();
                valAcc = p.gt(0.5).toFloat().eq(yVal).toFloat().mean().item();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("train_loss", lossSum / BATCHES);
            values.put("train_acc", correct / (BATCHES * BATCH_SIZE));
            values.put("val_loss", valLoss);
            values.put("val_acc", valAcc);
            values.put("lr", lr);
            values.put("samples_per_sec", BATCHES * BATCH_SIZE / seconds);
            run.logEpoch(epoch, values);
            if (valLoss < bestVal) {
                bestVal = valLoss;
                run.logEvent(RunDirectory.BEST_EPOCH, Map.of("val_loss", Double.valueOf(PyFormat.fixed(valLoss, 4))));
            }
            run.checkpointWritten(writeCheckpoint(run, epoch, w, b), epoch);
        }
        run.markFinished();
    }

    private static Tensor bce(Tensor p, Tensor y) {
        return y.mul(p.log()).add(y.rsub(1).mul(p.rsub(1).log())).mean().neg();
    }

    /** The weights as little-endian floats, written atomically (a temporary file, then a rename). */
    private static Path writeCheckpoint(RunDirectory run, int epoch, Tensor w, Tensor b) throws Exception {
        float[] ws = w.detach().toFloatArray();
        float[] bs = b.detach().toFloatArray();
        ByteBuffer buf = ByteBuffer.allocate(4 * (ws.length + bs.length) + 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(epoch);
        for (float f : ws) {
            buf.putFloat(f);
        }
        for (float f : bs) {
            buf.putFloat(f);
        }
        Path target = run.checkpointsDir().resolve(String.format("epoch-%03d.bin", epoch));
        Path tmp = run.checkpointsDir().resolve("." + target.getFileName() + ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
