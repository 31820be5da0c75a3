package dev.jtorch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mlp_step} and {@code cnn_step}: the median microseconds of one training step for jtorch, the raw presets
 * and the external workers (Python, C++), with jtorch's ratios to the raw presets and to Python checked against
 * their targets; other external workers are reported beside them.
 */
final class StepBenchmark {

    private final Report report;

    StepBenchmark(Report report) {
        this.report = report;
    }

    /**
     * @param workerBench the worker's name for this benchmark ({@code mlp} or {@code cnn})
     * @param workers     external contenders by label; a null value is reported as skipped with its reason
     */
    void run(String name, String workerBench, int steps, Rounds.Contender jtorch, Rounds.Contender javacpp,
            Map<String, Workers.Entry> workers, double javacppTarget, double pythonTarget) {
        Map<String, Rounds.Contender> contenders = new LinkedHashMap<>();
        contenders.put("jtorch", jtorch);
        contenders.put("javacpp", javacpp);
        workers.forEach((label, entry) -> {
            if (entry.worker() != null) {
                contenders.put(label, n -> entry.worker().stepTimes(workerBench, n));
            }
        });
        // Many short rounds (a quarter of `steps` each, four times as many) so that drift of this shared machine
        // falls evenly on the contenders; a few seconds of warm-up each first.
        Map<String, double[]> times = Rounds.alternate(contenders, Math.max(1, steps / 4), 4 * Rounds.ROUNDS,
                Rounds.WARM_UP_SECONDS);
        double j = Rounds.median(times.get("jtorch"));
        double c = Rounds.median(times.get("javacpp"));
        report.figure(name + "/jtorch", j, 1, "us/step");
        report.figure(name + "/javacpp", c, 1, "us/step");
        report.ratio(name + "/jtorch_over_javacpp", j / c, javacppTarget);
        workers.forEach((label, entry) -> {
            if (entry.worker() == null) {
                report.skipped(name + "/" + label, entry.why());
                return;
            }
            double w = Rounds.median(times.get(label));
            report.figure(name + "/" + label + entry.note(), w, 1, "us/step");
            if (label.equals("python")) {
                report.ratio(name + "/jtorch_over_python", j / w, pythonTarget);
            } else {
                report.figure(name + "/jtorch_over_" + label, j / w, 3, "ratio");
            }
        });
    }
}
