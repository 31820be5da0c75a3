package dev.jtorch.bench;

import dev.jtorch.distributed.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ddp_scaling: the cnn_step model under DistributedDataParallel (gloo, one intra-op thread per rank, a batch of 64
 * per rank). Figures: samples per second of 2 ranks over 1 rank (target >= 1.8 on two cores), and jtorch's 2-rank
 * step time over Python DDP's (src/bench/python/bench_ddp.py, target <= 1.0). The contenders alternate, job by
 * job, for {@code rounds} rounds in the same run; each figure is the median of its rounds.
 */
final class DdpScalingBenchmark {
    private final Report report;

    DdpScalingBenchmark(Report report) {
        this.report = report;
    }

    void run(int rounds, int warmup, int steps) throws IOException, InterruptedException {
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        boolean python = Files.isExecutable(Path.of(Workers.PYTHON)) && Files.isRegularFile(script());
        for (int r = 0; r < rounds; r++) {
            one.add(jtorch(1, warmup, steps));
            two.add(jtorch(2, warmup, steps));
            if (python) {
                Double p = python(2, warmup, steps);
                if (p != null) {
                    py.add(p);
                } else {
                    python = false;
                }
            }
        }
        double t1 = median(one);
        double t2 = median(two);
        report.figure("ddp_scaling/jtorch_1rank_step", t1, 2, "ms");
        report.figure("ddp_scaling/jtorch_2ranks_step", t2, 2, "ms");
        report.atLeast("ddp_scaling/samples_per_s_2ranks_over_1rank", 2 * t1 / t2, 3, "ratio", 1.8, 1);
        if (!py.isEmpty()) {
            double p2 = median(py);
            report.figure("ddp_scaling/python_2ranks_step", p2, 2, "ms");
            report.ratio("ddp_scaling/jtorch_over_python_2ranks", t2 / p2, 1.0);
        } else {
            report.skipped("ddp_scaling/jtorch_over_python_2ranks", "python3-torch with gloo not available");
        }
    }

    private static double jtorch(int nproc, int warmup, int steps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Launcher(new Launcher.Options().nprocPerNode(nproc).env("OMP_NUM_THREADS", "1")
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .launch(DdpStepMain.class.getName(), Integer.toString(warmup), Integer.toString(steps));
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("ddp_scaling: jtorch job of " + nproc + " ranks failed (" + code + "):\n"
                    + text + err.toString(StandardCharsets.UTF_8));
        }
        return stepMs(text);
    }

    private static Path script() {
        return Path.of("src/bench/python/bench_ddp.py");
    }

    /** Mean step time of a Python job of {@code nproc} ranks, or null when it fails (no gloo, say). */
    private static Double python(int nproc, int warmup, int steps) throws IOException, InterruptedException {
        int port = Launcher.freePort();
        List<Process> ranks = new ArrayList<>();
        try {
            for (int r = 0; r < nproc; r++) {
                ProcessBuilder pb = new ProcessBuilder(Workers.PYTHON, script().toString(), Integer.toString(warmup),
                        Integer.toString(steps));
                var env = pb.environment();
                env.put("RANK", Integer.toString(r));
                env.put("LOCAL_RANK", Integer.toString(r));
                env.put("WORLD_SIZE", Integer.toString(nproc));
                env.put("MASTER_ADDR", "127.0.0.1");
                env.put("MASTER_PORT", Integer.toString(port));
                env.put("OMP_NUM_THREADS", "1");
                env.put("PYTHONPATH", "src/bench/python");
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                ranks.add(pb.start());
            }
            String text = new String(ranks.get(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (Process p : ranks) {
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    return null;
                }
            }
            return stepMs(text);
        } finally {
            for (Process p : ranks) {
                p.destroyForcibly();
            }
        }
    }

    private static double stepMs(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("step_ms ")) {
                return Double.parseDouble(line.substring(8).strip());
            }
        }
        throw new IllegalStateException("no step_ms line in:\n" + text);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
