package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.optim.Adam;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * jtorch's benchmarks (issue 8), run with {@code mvn -q -Pbench compile exec:java} (see docs/benchmarks.md).
 *
 * <p>Each benchmark has contenders that do the same work: jtorch, the same loop written directly against the
 * JavaCPP presets (the floor any bridge on them can reach), and Python PyTorch in a subprocess
 * ({@code src/bench/python/bench_torch.py}, skipped when {@code python3-torch} is absent). After a warm-up round
 * the contenders alternate, round by round and in rotating order, in the same run, so that drift of the machine
 * (frequency, other load) falls on all of them alike; the figure is the median over all rounds. Every benchmark
 * runs with one intra-op thread and with all cores.
 *
 * <p>Output: one line per figure, {@code bench <name>: <value> <unit> (target <comparison>)}, then
 * {@code bench summary: <met> of <total> targets met}. Nothing here asserts speed; unit tests never do.
 *
 * <p>System properties: {@code jtorch.bench.python} (interpreter, default {@code /usr/bin/python3}),
 * {@code jtorch.bench.rounds} (default 5), {@code jtorch.bench.quick} (fewer steps, for a smoke run).
 */
public final class Benchmarks {

    private static final String PYTHON = System.getProperty("jtorch.bench.python", "/usr/bin/python3");
    private static final Path PYTHON_SCRIPT = Path.of("src/bench/python/bench_torch.py");
    private static final int ROUNDS = Integer.getInteger("jtorch.bench.rounds", 5);
    private static final boolean QUICK = Boolean.getBoolean("jtorch.bench.quick");

    private final PrintStream out;
    private int met;
    private int total;

    private Benchmarks(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // Load libtorch through jtorch first: the raw contender touches the presets directly, and a JVM that loads
        // them from an empty JavaCPP cache without jtorch's pre-extraction crashes (see internal/Native).
        dev.jtorch.internal.Native.ensureLoaded();
        new Benchmarks(System.out).runAll();
        // The Python workers are gone; JavaCPP's deallocator thread must not keep exec:java waiting.
        System.exit(0);
    }

    private void runAll() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threadCounts = cores > 1 ? List.of(1, cores) : List.of(1);
        for (int threads : threadCounts) {
            Torch.setNumThreads(threads);
            String suffix = "/threads=" + threads;
            try (PythonWorker python = PythonWorker.start(threads)) {
                steps("mlp_step" + suffix, 1.05, 0.85, python, "mlp", QUICK ? 50 : 300,
                        new JtorchLoop(mlp(), Torch.randn(64, 10), Torch.randint(0, 2, 64)),
                        RawLoop.mlp());
                steps("cnn_step" + suffix, 1.02, 1.0, python, "cnn", QUICK ? 3 : 20,
                        new JtorchLoop(new SmallCnn(), Torch.randn(64, 1, 28, 28), Torch.randint(0, 10, 64)),
                        RawLoop.cnn());
                loader("loader_throughput" + suffix, python, QUICK ? 300 : 3000);
            }
        }
        out.println("bench summary: " + met + " of " + total + " targets met");
    }

    // ---------------------------------------------------------------- training steps

    /** A training loop that runs {@code n} steps and returns each step's microseconds. */
    interface Loop {
        double[] steps(int n);
    }

    private void steps(String name, double javacppTarget, double pythonTarget, PythonWorker python, String pyName,
            int steps, Loop jtorch, Loop javacpp) throws IOException {
        Map<String, Loop> contenders = new LinkedHashMap<>();
        contenders.put("jtorch", jtorch);
        contenders.put("javacpp", javacpp);
        if (python != null) {
            contenders.put("python", n -> python.stepTimes(pyName, n));
        }
        Map<String, double[]> times = alternate(contenders, steps);
        double j = median(times.get("jtorch"));
        double c = median(times.get("javacpp"));
        out.printf("bench %s/jtorch: %.1f us/step (no target)%n", name, j);
        out.printf("bench %s/javacpp: %.1f us/step (no target)%n", name, c);
        ratio(name + "/jtorch_over_javacpp", j / c, javacppTarget);
        if (python != null) {
            double p = median(times.get("python"));
            out.printf("bench %s/python: %.1f us/step (no target)%n", name, p);
            ratio(name + "/jtorch_over_python", j / p, pythonTarget);
        } else {
            out.printf("bench %s/python: skipped (python3-torch not installed)%n", name);
        }
    }

    private void ratio(String name, double value, double target) {
        boolean ok = value <= target;
        total++;
        if (ok) {
            met++;
        }
        out.printf("bench %s: %.3f ratio (target <= %.2f: %s)%n", name, value, target, ok ? "met" : "missed");
    }

    /** A warm-up round, then {@link #ROUNDS} rounds in which every contender runs once, in rotating order. */
    private static Map<String, double[]> alternate(Map<String, Loop> contenders, int n) {
        List<String> names = new ArrayList<>(contenders.keySet());
        Map<String, List<double[]>> rounds = new LinkedHashMap<>();
        for (String c : names) {
            contenders.get(c).steps(Math.max(1, n / 3)); // warm-up: JIT, allocator, oneDNN primitives
            rounds.put(c, new ArrayList<>());
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < names.size(); k++) {
                String c = names.get((r + k) % names.size());
                rounds.get(c).add(contenders.get(c).steps(n));
            }
        }
        Map<String, double[]> all = new LinkedHashMap<>();
        rounds.forEach((c, list) -> all.put(c, list.stream().flatMapToDouble(Arrays::stream).toArray()));
        return all;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Seed 000's classifier: Linear 10-64, ReLU, Dropout 0.5, Linear 64-2. */
    static Module mlp() {
        Torch.manualSeed(0);
        return new Mlp();
    }

    static final class Mlp extends Module {
        Linear fc1 = new Linear(10, 64);
        ReLU relu = new ReLU();
        Dropout dropout = new Dropout(0.5);
        Linear fc2 = new Linear(64, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(dropout.forward(relu.forward(fc1.forward(x))));
        }
    }

    /** Two Conv2d and two Linear on 1x28x28 images (the same net as bench_torch.py's SmallCnn). */
    static final class SmallCnn extends Module {
        Conv2d conv1 = new Conv2d(1, 8, 3);
        Conv2d conv2 = new Conv2d(8, 16, 3);
        MaxPool2d pool = new MaxPool2d(2);
        Linear fc1 = new Linear(16 * 5 * 5, 64);
        Linear fc2 = new Linear(64, 10);

        @Override
        public Tensor forward(Tensor x) {
            x = pool.forward(conv1.forward(x).relu());
            x = pool.forward(conv2.forward(x).relu());
            x = x.flatten(1, -1);
            return fc2.forward(fc1.forward(x).relu());
        }
    }

    /** The seed-000 training step in jtorch, each step in its own scope as a DataLoader batch would be. */
    static final class JtorchLoop implements Loop {
        private final Module model;
        private final Tensor x;
        private final Tensor y;
        private final CrossEntropyLoss criterion = new CrossEntropyLoss();
        private final Adam optimizer;

        JtorchLoop(Module model, Tensor x, Tensor y) {
            this.model = model;
            this.x = x.keep();
            this.y = y.keep();
            model.train();
            optimizer = new Adam(model.parameters(), new Adam.Options(1e-3).weightDecay(1e-5));
        }

        @Override
        public double[] steps(int n) {
            double[] times = new double[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                try (var scope = new TensorScope()) {
                    optimizer.zeroGrad();
                    Tensor loss = criterion.forward(model.forward(x), y);
                    loss.backward();
                    optimizer.step();
                    loss.item();
                }
                times[i] = (System.nanoTime() - t0) / 1e3;
            }
            return times;
        }
    }

    /** The same step written directly against the JavaCPP presets (torch::nn modules, torch::optim::Adam). */
    static final class RawLoop implements Loop {
        interface Forward {
            org.bytedeco.pytorch.Tensor apply(org.bytedeco.pytorch.Tensor x);
        }

        private final Forward forward;
        private final org.bytedeco.pytorch.Tensor x;
        private final org.bytedeco.pytorch.Tensor y;
        private final org.bytedeco.pytorch.Adam optimizer;

        RawLoop(Forward forward, List<org.bytedeco.pytorch.Module> modules, long[] xShape, long classes) {
            this.forward = forward;
            List<org.bytedeco.pytorch.Tensor> params = new ArrayList<>();
            for (org.bytedeco.pytorch.Module m : modules) {
                m.train(true);
                TensorVector v = m.parameters();
                for (long i = 0; i < v.size(); i++) {
                    params.add(v.get(i));
                }
            }
            AdamOptions options = new AdamOptions(1e-3);
            options.weight_decay().put(1e-5);
            optimizer = new org.bytedeco.pytorch.Adam(
                    new TensorVector(params.toArray(new org.bytedeco.pytorch.Tensor[0])), options);
            x = torch.randn(xShape);
            y = torch.randint(classes, new long[] {xShape[0]});
        }

        static RawLoop mlp() {
            LinearImpl fc1 = new LinearImpl(10, 64);
            DropoutImpl dropout = new DropoutImpl(0.5);
            LinearImpl fc2 = new LinearImpl(64, 2);
            return new RawLoop(x -> fc2.forward(dropout.forward(torch.relu(fc1.forward(x)))),
                    List.of(fc1, dropout, fc2), new long[] {64, 10}, 2);
        }

        static RawLoop cnn() {
            Conv2dImpl conv1 = new Conv2dImpl(1, 8, new LongPointer(3L, 3L));
            Conv2dImpl conv2 = new Conv2dImpl(8, 16, new LongPointer(3L, 3L));
            LinearImpl fc1 = new LinearImpl(16 * 5 * 5, 64);
            LinearImpl fc2 = new LinearImpl(64, 10);
            return new RawLoop(x -> {
                x = torch.max_pool2d(torch.relu(conv1.forward(x)), 2, 2);
                x = torch.max_pool2d(torch.relu(conv2.forward(x)), 2, 2);
                x = torch.flatten(x, 1, -1);
                return fc2.forward(torch.relu(fc1.forward(x)));
            }, List.of(conv1, conv2, fc1, fc2), new long[] {64, 1, 28, 28}, 10);
        }

        @Override
        public double[] steps(int n) {
            double[] times = new double[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                try (PointerScope scope = new PointerScope()) {
                    optimizer.zero_grad(true);
                    org.bytedeco.pytorch.Tensor loss = torch.cross_entropy_loss(forward.apply(x), y);
                    loss.backward();
                    optimizer.step();
                    loss.item().toDouble();
                }
                times[i] = (System.nanoTime() - t0) / 1e3;
            }
            return times;
        }
    }

    // ---------------------------------------------------------------- loader throughput

    private void loader(String name, PythonWorker python, int batches) throws IOException {
        Torch.manualSeed(0);
        Tensor data = Torch.randn(1_000_000, 10).keep();
        var loader = new DataLoader<>(new TensorDataset(data), new DataLoader.Options().batchSize(64).shuffle(true));
        org.bytedeco.pytorch.Tensor raw = data.nativeTensor();
        Map<String, Loop> contenders = new LinkedHashMap<>();
        // Each "step" is one round's throughput in samples per second over `batches` batches of a fresh epoch.
        contenders.put("jtorch", n -> new double[] {jtorchEpoch(loader, batches)});
        contenders.put("javacpp", n -> new double[] {rawEpoch(raw, batches)});
        if (python != null) {
            contenders.put("python", n -> new double[] {python.throughput(batches)});
        }
        Map<String, double[]> rates = alternate(contenders, 1);
        for (String c : contenders.keySet()) {
            out.printf("bench %s/%s: %.0f samples/s (no target)%n", name, c, median(rates.get(c)));
        }
        if (python == null) {
            out.printf("bench %s/python: skipped (python3-torch not installed)%n", name);
        }
    }

    private static double jtorchEpoch(DataLoader<?> loader, int batches) {
        long t0 = System.nanoTime();
        long seen = 0;
        try (var outer = new TensorScope()) {
            int i = 0;
            for (Batch b : loader) {
                seen += b.get(0).size(0);
                if (++i == batches) {
                    break;
                }
            }
        }
        return seen / ((System.nanoTime() - t0) / 1e9);
    }

    private static double rawEpoch(org.bytedeco.pytorch.Tensor data, int batches) {
        long t0 = System.nanoTime();
        long seen = 0;
        try (PointerScope outer = new PointerScope()) {
            long n = data.size(0);
            org.bytedeco.pytorch.Tensor perm = torch.randperm(n);
            for (long i = 0; i < batches && i * 64 < n; i++) {
                try (PointerScope scope = new PointerScope()) {
                    org.bytedeco.pytorch.Tensor idx = perm.slice(0, new LongOptional(i * 64),
                            new LongOptional(Math.min(n, i * 64 + 64)), 1);
                    seen += data.index_select(0, idx).size(0);
                }
            }
        }
        return seen / ((System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------- the Python subprocess

    /** bench_torch.py, started once per thread count; null from {@link #start} when Python torch is absent. */
    static final class PythonWorker implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;
        private final Writer toPython;

        private PythonWorker(Process process) {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.toPython = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static PythonWorker start(int threads) {
            if (!Files.isExecutable(Path.of(PYTHON)) || !Files.isRegularFile(PYTHON_SCRIPT)) {
                return null;
            }
            try {
                Process p = new ProcessBuilder(PYTHON, PYTHON_SCRIPT.toString(), Integer.toString(threads))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                PythonWorker w = new PythonWorker(p);
                if ("ready".equals(w.in.readLine())) {
                    return w;
                }
                p.destroy();
            } catch (IOException e) {
                // no Python: skipped
            }
            return null;
        }

        private String ask(String line) {
            try {
                toPython.write(line + "\n");
                toPython.flush();
                String answer = in.readLine();
                if (answer == null) {
                    throw new IllegalStateException("bench_torch.py exited");
                }
                return answer;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        double[] stepTimes(String bench, int n) {
            return Arrays.stream(ask(bench + " " + n).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        }

        double throughput(int batches) {
            return Double.parseDouble(ask("loader " + batches).trim());
        }

        @Override
        public void close() {
            try {
                toPython.close();
            } catch (IOException e) {
                // already gone
            }
            process.destroy();
        }
    }
}
