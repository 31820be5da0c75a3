package dev.jtorch.bench;

import dev.jtorch.Torch;

/**
 * jtorch's benchmarks (issue 8), run with {@code mvn -q -Pbench compile exec:java -pl src/bench -am} (see docs/benchmarks.md).
 *
 * <p>Each benchmark has contenders that do the same work: jtorch, the same loop written directly against the
 * JavaCPP presets (the floor any bridge on them can reach), and external workers in subprocesses: Python PyTorch
 * (skipped when {@code python3-torch} is absent) and the C++ program of {@code native/bench} on the system's
 * libtorch (built with CMake into {@code target/native-bench}, {@link NativeBuild}; skipped without CMake or
 * {@code libtorch-dev}). The contenders alternate round by round in the same run ({@link Rounds}); every step
 * benchmark runs with one intra-op thread and with all cores. Then, once, at libtorch's default thread count:
 * {@link MemorySoakBenchmark}, {@link CheckpointBenchmark} and {@link ServerBenchmark}. {@link Machine} prints the
 * machine and its load before and after.
 *
 * <p>Output: one line per figure, {@code bench <name>: <value> <unit> (target <comparison>)}, then
 * {@code bench summary: <met> of <total> targets met} ({@link Report}). Nothing here asserts speed; unit tests
 * never do.
 *
 * <p>System properties: {@code jtorch.bench.python} (interpreter, default {@code /usr/bin/python3}),
 * {@code jtorch.bench.cmake} (CMake for the C++ contender, default {@code cmake} on {@code PATH}),
 * {@code jtorch.bench.rounds} (default 5), {@code jtorch.bench.quick} (fewer steps and a smaller checkpoint, for a
 * smoke run), {@code jtorch.bench.only} (comma-separated benchmark names, e.g. {@code mlp_step,memory_soak}: run
 * only those).
 */
public final class Benchmarks {

    static final boolean QUICK = Boolean.getBoolean("jtorch.bench.quick");
    private static final java.util.Set<String> ONLY = java.util.Set.of(
            System.getProperty("jtorch.bench.only", "").split(","));

    /** Whether benchmark {@code name} runs: all do unless {@code jtorch.bench.only} names some. */
    static boolean only(String name) {
        return ONLY.equals(java.util.Set.of("")) || ONLY.contains(name);
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // Load libtorch through jtorch first: the raw contender touches the presets directly, and a JVM that loads
        // them from an empty JavaCPP cache without jtorch's pre-extraction crashes (see internal/Native).
        dev.jtorch.internal.Native.ensureLoaded();
        Report report = new Report(System.out);
        System.out.println("bench machine: " + Machine.describe());
        System.out.println("bench machine: " + Machine.otherWork("before the run"));
        int defaultThreads = Integer.getInteger("jtorch.bench.threads", Torch.getNumThreads());
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            Torch.setNumThreads(threads);
            String suffix = "/threads=" + threads;
            try (Workers workers = new Workers(threads)) {
                StepBenchmark steps = new StepBenchmark(report);
                if (only("mlp_step")) {
                    steps.run("mlp_step" + suffix, "mlp", QUICK ? 50 : 300,
                            new JtorchLoop(Models.mlp(), Torch.randn(64, 10), Torch.randint(0, 2, 64)),
                            RawLoop.mlp(), workers.all(), 1.05, 0.85);
                }
                if (only("cnn_step")) {
                    steps.run("cnn_step" + suffix, "cnn", QUICK ? 3 : 20,
                            new JtorchLoop(new Models.SmallCnn(), Torch.randn(64, 1, 28, 28),
                                    Torch.randint(0, 10, 64)),
                            RawLoop.cnn(), workers.all(), 1.02, 1.0);
                }
                if (only("djl_mlp_step")) {
                    new DjlBenchmark(report).run("djl_mlp_step" + suffix, threads, QUICK ? 50 : 300);
                }
                if (only("loader_throughput")) {
                    new LoaderBenchmark(report).run("loader_throughput" + suffix, workers.all(), QUICK ? 300 : 3000);
                }
            }
        }
        // Run once, at libtorch's default thread count.
        Torch.setNumThreads(defaultThreads);
        if (only("memory_soak")) {
            new MemorySoakBenchmark(report).run(QUICK);
        }
        if (only("checkpoint_io")) {
            try (Workers workers = new Workers(defaultThreads)) {
                new CheckpointBenchmark(report).run(workers.python(), QUICK ? 2 : CheckpointBenchmark.LAYERS);
            }
        }
        if (only("ddp_scaling")) {
            new DdpScalingBenchmark(report).run(QUICK ? 1 : Rounds.ROUNDS, QUICK ? 5 : 20, QUICK ? 20 : 200);
        }
        if (only("startup")) {
            new StartupBenchmark(report).run("startup", QUICK ? 1 : Rounds.ROUNDS);
        }
        if (only("server_overhead")) {
            new ServerBenchmark(report).run(QUICK ? 300 : 3000);
        }
        System.out.println("bench machine: " + Machine.otherWork("after the run"));
        report.summary();
        // The workers are gone; JavaCPP's deallocator thread must not keep exec:java waiting.
        System.exit(0);
    }
}
