package dev.jtorch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A contender in another process (Python's {@code src/bench/python/bench_torch.py}, the C++ program of
 * {@code native/bench}), driven round by round over its standard input so that it alternates with the Java
 * contenders in the same run. It prints {@code ready} once, then answers each line {@code <bench> <count>} with one
 * line: the microseconds of each step, space-separated, or for {@code loader} the samples per second, or for
 * {@code checkpoint_save} and {@code checkpoint_load} the megabytes per second.
 */
final class Worker implements AutoCloseable {

    private final Process process;
    private final BufferedReader in;
    private final Writer toWorker;

    private Worker(Process process) {
        this.process = process;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code command}; null when it cannot start or does not say {@code ready}. */
    static Worker start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Worker w = new Worker(p);
            if ("ready".equals(w.in.readLine())) {
                return w;
            }
            p.destroy();
        } catch (IOException e) {
            // not installed or not built: the caller reports it as skipped
        }
        return null;
    }

    private String ask(String line) {
        try {
            toWorker.write(line + "\n");
            toWorker.flush();
            String answer = in.readLine();
            if (answer == null) {
                throw new IllegalStateException("benchmark worker exited: " + process.info().commandLine().orElse("?"));
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The microseconds of each of {@code n} steps of benchmark {@code bench} ({@code mlp} or {@code cnn}). */
    double[] stepTimes(String bench, int n) {
        return Arrays.stream(ask(bench + " " + n).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Samples per second over {@code batches} batches of a fresh shuffled epoch. */
    double throughput(int batches) {
        return value("loader", batches);
    }

    /** The one number a worker answers to {@code <bench> <count>} (a throughput, a rate). */
    double value(String bench, int count) {
        return Double.parseDouble(ask(bench + " " + count).trim());
    }

    @Override
    public void close() {
        try {
            toWorker.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            // End of input ends the worker's loop; give it a moment to delete its temporary files.
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
