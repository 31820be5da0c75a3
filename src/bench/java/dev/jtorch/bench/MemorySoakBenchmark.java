package dev.jtorch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code memory_soak}: the resident memory of seed 000's training loop written as the tutorial writes it, without
 * any scope or {@code close()} (so only the garbage collector releases a step's tensors), at step 1,000 and at step
 * 100,000; target: growth <= 50 MB (10^6 bytes). For comparison (no target), the same loop with a
 * {@code TensorScope} per step, and the tutorial's loop over a shuffled {@code DataLoader}, whose batches have scopes
 * of their own. Each loop runs in a JVM of its own ({@link SoakMain}, same {@code java} and classpath) with a fixed
 * 1 GiB heap that is committed and touched at start ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}), so that the growth
 * is native memory and not the heap warming up to its young generation; see docs/benchmarks.md. Quick mode runs
 * 10,000 steps and reports the growth without a target.
 */
final class MemorySoakBenchmark {

    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

    private final Report report;

    MemorySoakBenchmark(Report report) {
        this.report = report;
    }

    void run(boolean quick) {
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            report.skipped("memory_soak", "resident memory is read from /proc (Linux only)");
            return;
        }
        int[] steps = quick ? new int[] {1_000, 2_000, 5_000, 10_000}
                : new int[] {1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000};
        loop("memory_soak", "gc", steps, !quick);
        loop("memory_soak/scoped", "scoped", steps, false);
        loop("memory_soak/loader", "loader", steps, false);
    }

    private void loop(String name, String mode, int[] steps, boolean target) {
        int first = steps[0];
        int last = steps[steps.length - 1];
        String list = Arrays.stream(steps).mapToObj(Integer::toString).collect(Collectors.joining(","));
        Map<Integer, Double> rss = new LinkedHashMap<>();
        Map<String, String> tail = new LinkedHashMap<>();
        Deque<String> lastLines = new ArrayDeque<>();
        List<String> cmd = ChildJvm.command(JVM_OPTIONS, SoakMain.class, mode, list);
        int exit;
        boolean[] timedOut = {false};
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!p.waitFor(last <= 10_000 ? 15 : 60, TimeUnit.MINUTES)) {
                        timedOut[0] = true;
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }, "memory-soak-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split(" ");
                    if (f[0].equals("rss") && f.length >= 3) {
                        rss.put(Integer.parseInt(f[1]), mb(Long.parseLong(f[2])));
                    } else if (f.length == 2 && List.of("max", "micros", "heap_bytes_per_step").contains(f[0])) {
                        tail.put(f[0], f[1]);
                    } else if (f[0].equals("gc") && f.length == 3) {
                        tail.put("gc", f[1]);
                    }
                    lastLines.addLast(line);
                    if (lastLines.size() > 5) {
                        lastLines.removeFirst();
                    }
                }
            }
            exit = p.waitFor();
            watchdog.join();
        } catch (IOException | InterruptedException e) {
            report.skipped(name, "cannot run the child JVM: " + e);
            return;
        }
        if (exit != 0 || !rss.containsKey(last) || !tail.containsKey("max")) {
            report.skipped(name, "the child JVM " + (timedOut[0] ? "timed out" : "exited " + exit) + " before step "
                    + last + ": " + String.join(" | ", lastLines));
            return;
        }
        for (Map.Entry<Integer, Double> e : rss.entrySet()) {
            report.figure(name + "/rss_step_" + e.getKey(), e.getValue(), 1, "MB");
        }
        report.figure(name + "/rss_max", mb(Long.parseLong(tail.get("max"))), 1,
                "MB, steps " + first + " to " + last);
        report.figure(name + "/step_time", Double.parseDouble(tail.get("micros")), 1,
                "us/step, " + tail.get("gc") + " garbage collections, "
                        + Math.round(Double.parseDouble(tail.get("heap_bytes_per_step"))) + " heap bytes/step");
        double growth = rss.get(last) - rss.get(first);
        if (target) {
            report.atMost(name + "/growth", growth, 1, "MB, steps " + first + " to " + last, 50.0, 1);
        } else {
            report.figure(name + "/growth", growth, 1, "MB, steps " + first + " to " + last);
        }
    }

    /** kB (KiB, as /proc reports them) to MB (10^6 bytes). */
    private static double mb(long kb) {
        return kb * 1024 / 1e6;
    }
}
