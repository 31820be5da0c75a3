package dev.jtorch.bench;

import dev.jtorch.Torch;
import dev.jtorch.serve.ProgressServer;
import dev.jtorch.train.RunDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code server_overhead}: seed 000's step time while the training program feeds a running {@link ProgressServer}
 * that has {@link #STREAMS} open event streams, over the same program without a server; target <= 1.02.
 *
 * <p>The training program is TrainingWorkflow's, reduced to its step: after each step it reports progress to its
 * {@link RunDirectory} ({@code run.progress(...)}, as TrainingWorkflow's loader wrapper does per batch) and after
 * every 13th step (seed 000's 800 training samples in batches of 64) logs the epoch's mean loss
 * ({@code run.logEpoch}). Three contenders alternate: {@code plain} (the step alone), {@code run_directory} (the step
 * and the recording, no server: TrainingWorkflow {@code --no-serve}) and {@code server} (the same with the server
 * attached to the run, as with {@code --serve}, and 20 event streams read continuously by
 * {@code java.net.http.HttpClient} clients in this JVM). Each round of {@code server} starts the server on an
 * ephemeral loopback port, opens the streams and waits for each to receive its first event before the timed steps,
 * and stops it all afterwards, so that nothing of the server runs during the other contenders' rounds.
 */
final class ServerBenchmark {

    static final int STREAMS = Integer.getInteger("jtorch.bench.streams", 20);
    static final int BATCHES_PER_EPOCH = 13;

    private final Report report;

    ServerBenchmark(Report report) {
        this.report = report;
    }

    void run(int steps) {
        HttpClient client = HttpClient.newHttpClient();
        try (TempDir runs = TempDir.create("jtorch-bench-runs")) {
            Path root = runs.path();
            Recorder unserved = new Recorder(root);
            Recorder served = new Recorder(root);
            JtorchLoop plain = loop();
            JtorchLoop recorded = loop().afterEachStep(unserved);
            JtorchLoop watched = loop().afterEachStep(served);
            AtomicLong events = new AtomicLong();
            AtomicLong seconds = new AtomicLong();
            Map<String, Rounds.Contender> contenders = new LinkedHashMap<>();
            contenders.put("plain", plain);
            contenders.put("run_directory", n -> {
                unserved.begin(n);
                try {
                    return recorded.run(n);
                } finally {
                    unserved.end();
                }
            });
            contenders.put("server", n -> {
                RunDirectory run = served.begin(n);
                ProgressServer server = new ProgressServer(root,
                        new ProgressServer.Options().port(0).maxEventStreams(STREAMS));
                server.attach(run);
                EventStreams streams = null;
                try {
                    if (!server.start()) {
                        throw new IllegalStateException("server_overhead: the progress server did not start");
                    }
                    streams = new EventStreams(client, server.uri().resolve("api/runs/" + run.id() + "/events"));
                    long t0 = System.nanoTime();
                    long before = streams.events();
                    double[] times = watched.run(n);
                    events.addAndGet(streams.events() - before);
                    seconds.addAndGet(System.nanoTime() - t0);
                    return times;
                } finally {
                    server.close();
                    served.end();
                    if (streams != null) {
                        streams.join();
                    }
                }
            });
            Map<String, double[]> times = Rounds.alternate(contenders, steps, Rounds.ROUNDS, Rounds.WARM_UP_SECONDS);
            double p = Rounds.median(times.get("plain"));
            double r = Rounds.median(times.get("run_directory"));
            double s = Rounds.median(times.get("server"));
            report.figure("server_overhead/plain", p, 1, "us/step");
            report.figure("server_overhead/run_directory", r, 1, "us/step");
            report.figure("server_overhead/server", s, 1, "us/step (" + STREAMS + " event streams)");
            report.figure("server_overhead/events_delivered", events.get() / (seconds.get() / 1e9), 0,
                    "events/s to the " + STREAMS + " streams while stepping");
            report.figure("server_overhead/run_directory_over_plain", r / p, 3, "ratio");
            report.ratio("server_overhead/server_over_run_directory", s / r, 1.02);
            // The median hides the steps the server's threads slow down now and then; the mean counts them.
            double rMean = Arrays.stream(times.get("run_directory")).average().orElse(Double.NaN);
            double sMean = Arrays.stream(times.get("server")).average().orElse(Double.NaN);
            report.figure("server_overhead/server_over_run_directory_mean", sMean / rMean, 3,
                    "ratio of mean step times");
        }
    }

    private static JtorchLoop loop() {
        return new JtorchLoop(Models.mlp(), Torch.randn(64, 10), Torch.randint(0, 2, 64));
    }

    /** What TrainingWorkflow records per step and per epoch, into a fresh run directory each round. */
    private static final class Recorder implements JtorchLoop.AfterStep {
        private final Path root;
        private RunDirectory run;
        private int step;
        private int totalEpochs;
        private double epochLoss;
        private long start;

        Recorder(Path root) {
            this.root = root;
        }

        RunDirectory begin(int steps) {
            totalEpochs = (steps + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH;
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("seed", 0);
            config.put("device", "cpu");
            config.put("total_epochs", totalEpochs);
            config.put("batches_per_epoch", BATCHES_PER_EPOCH);
            config.put("lr", 1e-3);
            config.put("weight_decay", 1e-5);
            config.put("batch_size", 64);
            run = RunDirectory.create(root, "server-overhead", config);
            step = 0;
            epochLoss = 0;
            start = System.nanoTime();
            return run;
        }

        @Override
        public void accept(double loss) {
            int epoch = step / BATCHES_PER_EPOCH + 1;
            int batch = step % BATCHES_PER_EPOCH + 1;
            step++;
            epochLoss += loss;
            double seconds = (System.nanoTime() - start) / 1e9;
            run.progress(epoch, totalEpochs, batch, BATCHES_PER_EPOCH, seconds > 0 ? step * 64 / seconds : 0);
            if (batch == BATCHES_PER_EPOCH) {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("train_loss", epochLoss / BATCHES_PER_EPOCH);
                values.put("lr", 1e-3);
                run.logEpoch(epoch, values);
                epochLoss = 0;
            }
        }

        void end() {
            run.markFinished();
        }
    }

    /**
     * {@link #STREAMS} server-sent event streams, each read line by line by a thread of its own until the server
     * ends it; counts the events received. The constructor returns once every stream has received its first event.
     */
    private static final class EventStreams {
        private final List<Thread> readers = new ArrayList<>();
        private final AtomicLong events = new AtomicLong();
        private final AtomicInteger failed = new AtomicInteger();

        EventStreams(HttpClient client, URI uri) {
            CountDownLatch opened = new CountDownLatch(STREAMS);
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
            for (int i = 0; i < STREAMS; i++) {
                Thread t = new Thread(() -> read(client, request, opened), "bench-event-stream-" + i);
                t.setDaemon(true);
                t.start();
                readers.add(t);
            }
            try {
                if (!opened.await(30, TimeUnit.SECONDS) || failed.get() > 0) {
                    throw new IllegalStateException("server_overhead: " + failed.get() + " of " + STREAMS
                            + " event streams failed to open (or timed out)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void read(HttpClient client, HttpRequest request, CountDownLatch opened) {
            boolean first = true;
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    return; // counted as failed below
                }
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event:")) {
                            events.incrementAndGet();
                            if (first) {
                                first = false;
                                opened.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the server ended the stream
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (first) {
                    failed.incrementAndGet();
                    opened.countDown();
                }
            }
        }

        long events() {
            return events.get();
        }

        /** Waits for the readers to see their streams end (after the server stopped). */
        void join() {
            for (Thread t : readers) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
