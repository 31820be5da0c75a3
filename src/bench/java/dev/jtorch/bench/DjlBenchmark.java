package dev.jtorch.bench;

import dev.jtorch.Torch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code djl_mlp_step}: seed 000's training step in jtorch ({@link JtorchLoop}, in this JVM) and in DJL on its PyTorch
 * engine ({@code dev.jtorch.bench.djl.DjlWorker}, {@code Trainer} and {@code EasyTrain.trainBatch}, in a child JVM
 * of its own: DJL brings its own libtorch, 2.7.1, which must not share a process with the presets' 2.10),
 * alternating round by round as the other step benchmarks do. Target: jtorch/DJL at most 0.6 (issue 17). The DJL
 * worker is compiled only in the {@code bench} profile, whose dependencies are DJL's API, PyTorch engine, JNI and
 * CPU native jars; without it (or when the child does not start) the lines read {@code skipped (...)}.
 */
final class DjlBenchmark {

    static final String WORKER = "dev.jtorch.bench.djl.DjlWorker";

    private final Report report;

    DjlBenchmark(Report report) {
        this.report = report;
    }

    void run(String name, int threads, int steps) {
        try {
            Class.forName(WORKER, false, DjlBenchmark.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            report.skipped(name, "the DJL worker is compiled in the bench profile only: mvn -Pbench");
            return;
        }
        Worker djl = Worker.start(ChildJvm.command(List.of("-Xmx1g"), WORKER, Integer.toString(threads)));
        if (djl == null) {
            report.skipped(name, "the DJL worker did not start (DJL's PyTorch native not found offline?): run "
                    + WORKER + " by hand to see its error");
            return;
        }
        try (djl) {
            Map<String, Rounds.Contender> contenders = new LinkedHashMap<>();
            contenders.put("jtorch", new JtorchLoop(Models.mlp(), Torch.randn(64, 10), Torch.randint(0, 2, 64)));
            contenders.put("djl", n -> djl.stepTimes("mlp", n));
            Map<String, double[]> times = Rounds.alternate(contenders, Math.max(1, steps / 4), 4 * Rounds.ROUNDS,
                    Rounds.WARM_UP_SECONDS);
            double j = Rounds.median(times.get("jtorch"));
            double d = Rounds.median(times.get("djl"));
            report.figure(name + "/jtorch", j, 1, "us/step");
            report.figure(name + "/djl_0.36.0_libtorch2.7.1", d, 1, "us/step");
            report.ratio(name + "/jtorch_over_djl", j / d, 0.6);
        }
    }
}
