package dev.jtorch.distributed;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.parallel.DistributedDataParallel;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One rank of the multi-process tests, started by {@link Launcher} (or by the test with the env:// variables):
 * {@code DistWorker SCENARIO}. Every rank checks its own results and exits non-zero (an AssertionError) on a
 * mismatch; rank 0 prints one {@code OK ...} line per check, which the tests read.
 */
public final class DistWorker {
    private DistWorker() {}

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        switch (scenario) {
            case "env" -> env();
            case "collectives" -> collectives();
            case "ddp-equivalence" -> ddpEquivalence();
            case "no-sync" -> noSync();
            case "unused" -> unused(Boolean.parseBoolean(args[1]));
            case "die" -> die(Integer.parseInt(args[1]));
            case "survivor" -> survivor();
            case "hang" -> hang();
            case "buffers" -> buffers();
            case "close-race" -> closeRace();
            case "wrong-world" -> Dist.initProcessGroup(Backend.GLOO,
                    new InitOptions().worldSize(3).timeout(Duration.ofSeconds(8)));
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("rank " + System.getenv("RANK") + ": " + what);
        }
    }

    static void ok(String line) {
        if (Dist.getRank() == 0) {
            System.out.println("OK " + line);
        }
    }

    /** Prints the launcher's environment (every rank, rank 0 on stdout, the others on stderr via the launcher). */
    static void env() {
        System.out.println("env RANK=" + System.getenv("RANK") + " LOCAL_RANK=" + System.getenv("LOCAL_RANK")
                + " WORLD_SIZE=" + System.getenv("WORLD_SIZE") + " LOCAL_WORLD_SIZE=" + System.getenv("LOCAL_WORLD_SIZE")
                + " MASTER_ADDR=" + System.getenv("MASTER_ADDR") + " OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
                + " MASTER_PORT_SET=" + (System.getenv("MASTER_PORT") != null));
        System.err.println("stderr of rank " + System.getenv("RANK"));
    }

    static void collectives() {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().timeout(Duration.ofSeconds(60)));
        int rank = Dist.getRank();
        int n = Dist.getWorldSize();
        check(Dist.isInitialized() && Dist.getBackend() == Backend.GLOO, "initialized with gloo");

        Tensor t = Torch.tensor(new double[] {rank + 1, 10 * (rank + 1)}, DType.FLOAT32);
        Dist.allReduce(t);
        double sum = n * (n + 1) / 2.0;
        check(Arrays.equals(t.toFloatArray(), new float[] {(float) sum, (float) (10 * sum)}), "SUM " + t);
        ok("allReduce SUM " + Arrays.toString(t.toFloatArray()));

        Tensor avg = Torch.tensor(new double[] {rank + 1}, DType.FLOAT64);
        Dist.allReduce(avg, ReduceOp.AVG);
        check(avg.item() == sum / n, "AVG " + avg);
        ok("allReduce AVG " + avg.item());

        Tensor max = Torch.tensor(new long[] {rank, -rank});
        Dist.allReduce(max, ReduceOp.MAX);
        check(Arrays.equals(max.toLongArray(), new long[] {n - 1, 0}), "MAX " + max);
        Tensor min = Torch.tensor(new long[] {rank, -rank});
        Dist.allReduce(min, ReduceOp.MIN);
        check(Arrays.equals(min.toLongArray(), new long[] {0, -(n - 1)}), "MIN " + min);
        Tensor prod = Torch.tensor(new long[] {rank + 2});
        Dist.allReduce(prod, ReduceOp.PRODUCT);
        long expectedProd = 1;
        for (int r = 0; r < n; r++) {
            expectedProd *= r + 2;
        }
        check(prod.itemLong() == expectedProd, "PRODUCT " + prod);
        ok("allReduce MAX MIN PRODUCT " + max.toLongArray()[0] + " " + min.toLongArray()[1] + " " + prod.itemLong());

        Tensor b = rank == 1 ? Torch.arange(4).toFloat() : Torch.zeros(4);
        Dist.broadcast(b, 1);
        check(Arrays.equals(b.toFloatArray(), new float[] {0, 1, 2, 3}), "broadcast " + b);
        ok("broadcast from 1 " + Arrays.toString(b.toFloatArray()));

        List<Tensor> gathered = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            gathered.add(Torch.zeros(new long[] {2}, DType.INT64));
        }
        Dist.allGather(gathered, Torch.tensor(new long[] {rank, rank * rank}));
        for (int r = 0; r < n; r++) {
            check(Arrays.equals(gathered.get(r).toLongArray(), new long[] {r, (long) r * r}), "allGather " + r);
        }
        ok("allGather " + gathered.get(n - 1));

        List<Tensor> inputs = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            inputs.add(Torch.full(new long[] {3}, 100 * rank + r).toFloat());
        }
        Tensor scattered = Torch.zeros(3);
        Dist.reduceScatter(scattered, inputs);
        // rank r receives sum over ranks q of (100 q + r)
        float expected = (float) (100 * sum - 100 * n + (double) n * rank);
        check(scattered.toFloatArray()[0] == expected, "reduceScatter " + scattered + " expected " + expected);
        ok("reduceScatter " + scattered.toFloatArray()[0]);

        Tensor a = Torch.ones(1000).mul(rank + 1);
        Work w = Dist.allReduce(a, ReduceOp.SUM, true);
        check(w.waitFor(), "work");
        check(w.isCompleted() && a.toFloatArray()[999] == (float) sum, "async allReduce " + a.toFloatArray()[999]);
        ok("async allReduce " + a.toFloatArray()[999]);

        Dist.barrier();
        ok("barrier");

        List<Object> objects = new ArrayList<>();
        Dist.allGatherObject(objects, rank == 0 ? "zero" : List.of(rank, "r" + rank));
        check(objects.size() == n && objects.get(0).equals("zero") && objects.get(n - 1).equals(List.of(n - 1,
                "r" + (n - 1))), "allGatherObject " + objects);
        ok("allGatherObject " + objects);

        List<Object> list = new ArrayList<>(Arrays.asList(null, null));
        if (rank == 0) {
            list.set(0, java.util.Map.of("lr", 0.001));
            list.set(1, 42L);
        }
        Dist.broadcastObjectList(list, 0);
        check(list.get(0).equals(java.util.Map.of("lr", 0.001)) && list.get(1).equals(42L), "broadcastObjectList "
                + list);
        ok("broadcastObjectList " + list);

        Dist.destroyProcessGroup();
        check(!Dist.isInitialized(), "destroyed");
        System.out.flush();
    }

    /** Seed 000's model without dropout (so one process and two take the same path). */
    static final class Net extends Module {
        Linear fc1 = new Linear(10, 64);
        ReLU relu = new ReLU();
        Linear fc2 = new Linear(64, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(relu.forward(fc1.forward(x)));
        }
    }

    /** Two ranks with batch 32 each end where one process with batch 64 ends, for SGD and Adam. */
    static void ddpEquivalence() {
        Dist.initProcessGroup(Backend.GLOO);
        int rank = Dist.getRank();
        int n = Dist.getWorldSize();
        for (String opt : List.of("sgd", "adam")) {
            Torch.manualSeed(7);
            Tensor x = Torch.randn(10 * 64, 10);
            Tensor y = Torch.randint(0, 2, 10 * 64);
            Torch.manualSeed(rank + 100); // DDP must overwrite every rank's own initialisation with rank 0's
            Net local = new Net();
            Torch.manualSeed(100);
            Net single = new Net();
            var ddp = new DistributedDataParallel<>(local);
            Optimizer o1 = optimizer(opt, ddp.parameters());
            Optimizer o2 = optimizer(opt, single.parameters());
            CrossEntropyLoss criterion = new CrossEntropyLoss();
            int per = 64 / n;
            for (int step = 0; step < 10; step++) {
                Tensor xb = x.narrow(0, step * 64L, 64);
                Tensor yb = y.narrow(0, step * 64L, 64);
                o1.zeroGrad();
                criterion.forward(ddp.forward(xb.narrow(0, (long) rank * per, per)),
                        yb.narrow(0, (long) rank * per, per)).backward();
                o1.step();
                o2.zeroGrad();
                criterion.forward(single.forward(xb), yb).backward();
                o2.step();
            }
            double maxDiff = 0;
            var a = local.stateDict();
            var b = single.stateDict();
            for (String k : b.keySet()) {
                maxDiff = Math.max(maxDiff, a.get(k).sub(b.get(k)).abs().max().item());
            }
            check(maxDiff < 1e-5, opt + ": max difference " + maxDiff);
            ok("ddp equals single process " + opt + " maxdiff<1e-5");
        }
        Dist.destroyProcessGroup();
    }

    static Optimizer optimizer(String name, List<Parameter> params) {
        return name.equals("sgd") ? new SGD(params, new SGD.Options(0.1).momentum(0.9))
                : new Adam(params, new Adam.Options(0.01));
    }

    /** Inside noSync gradients accumulate locally; the next synced backward averages the accumulated sums. */
    static void noSync() {
        Dist.initProcessGroup(Backend.GLOO);
        int rank = Dist.getRank();
        int n = Dist.getWorldSize();
        Torch.manualSeed(3);
        Tensor x = Torch.randn(2 * n * 8, 10);
        Tensor y = Torch.randint(0, 2, 2 * n * 8);
        Torch.manualSeed(5);
        Net net = new Net();
        Torch.manualSeed(5);
        Net reference = new Net();
        var ddp = new DistributedDataParallel<>(net);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        try (var s = ddp.noSync()) {
            criterion.forward(ddp.forward(x.narrow(0, rank * 8L, 8)), y.narrow(0, rank * 8L, 8)).backward();
        }
        Tensor localOnly = net.fc1.weight.grad().clone().keep();
        criterion.forward(ddp.forward(x.narrow(0, (n + rank) * 8L, 8)), y.narrow(0, (n + rank) * 8L, 8)).backward();
        // what the gradient must be: the mean over ranks of each rank's two micro-batch gradients
        for (int r = 0; r < n; r++) {
            criterion.forward(reference.forward(x.narrow(0, r * 8L, 8)), y.narrow(0, r * 8L, 8)).backward();
            criterion.forward(reference.forward(x.narrow(0, (n + r) * 8L, 8)), y.narrow(0, (n + r) * 8L, 8)).backward();
        }
        Tensor expected = reference.fc1.weight.grad().div(n);
        double diff = net.fc1.weight.grad().sub(expected).abs().max().item();
        check(diff < 1e-6, "no_sync accumulation differs by " + diff);
        // and inside noSync nothing was exchanged: rank 0's local gradient is not the average
        double localDiff = localOnly.sub(expected).abs().max().item();
        check(localDiff > 1e-4, "gradient inside noSync looks averaged");
        ok("noSync accumulates locally, then averages (diff " + (diff < 1e-6) + ")");
        Dist.destroyProcessGroup();
    }

    /** A model whose forward skips a layer: it needs findUnusedParameters. */
    static final class Branchy extends Module {
        Linear used = new Linear(4, 2);
        Linear unused = new Linear(4, 2);

        @Override
        public Tensor forward(Tensor x) {
            return used.forward(x);
        }
    }

    static void unused(boolean find) {
        Dist.initProcessGroup(Backend.GLOO);
        Torch.manualSeed(1);
        var ddp = new DistributedDataParallel<>(new Branchy(),
                new DistributedDataParallel.Options().findUnusedParameters(find));
        try {
            for (int i = 0; i < 3; i++) {
                ddp.zeroGrad();
                ddp.forward(Torch.randn(3, 4)).sum().backward();
            }
            check(ddp.module().unused.weight.grad() == null, "unused parameter got a gradient");
            ok("findUnusedParameters " + find + ": 3 iterations");
        } catch (dev.jtorch.TorchException e) {
            ok("findUnusedParameters " + find + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    .lines().findFirst().orElse(""));
            System.out.flush();
            System.exit(0);
        }
        Dist.destroyProcessGroup();
    }

    /** With BatchNorm, rank 0's running statistics are broadcast before each forward (broadcast_buffers). */
    static void buffers() {
        Dist.initProcessGroup(Backend.GLOO);
        int rank = Dist.getRank();
        Torch.manualSeed(0);
        var bn = new dev.jtorch.nn.BatchNorm1d(3);
        var ddp = new DistributedDataParallel<>(new dev.jtorch.nn.Sequential(new Linear(2, 3), bn));
        Torch.manualSeed(10 + rank); // every rank trains on different data: their running means drift apart
        for (int i = 0; i < 3; i++) {
            ddp.forward(Torch.randn(8, 2).mul(rank + 1)).sum().backward();
        }
        int n = Dist.getWorldSize();
        List<Tensor> before = new ArrayList<>();
        List<Tensor> after = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            before.add(Torch.zeros(3));
            after.add(Torch.zeros(3));
        }
        Dist.allGather(before, bn.getBuffer("running_mean"));
        check(!Arrays.equals(before.get(0).toFloatArray(), before.get(1).toFloatArray()), "ranks' buffers equal");
        ddp.eval(); // an evaluation forward does not change the statistics: what it sees is what was broadcast
        try (var g = Torch.noGrad()) {
            ddp.forward(Torch.randn(8, 2));
        }
        Dist.allGather(after, bn.getBuffer("running_mean"));
        for (int r = 0; r < n; r++) {
            check(Arrays.equals(before.get(0).toFloatArray(), after.get(r).toFloatArray()),
                    "rank " + r + " does not hold rank 0's buffers");
        }
        ok("buffers broadcast from rank 0 before forward");
        Dist.destroyProcessGroup();
    }

    /** Rank {@code victim} exits with 3 after the group is made; the others keep all-reducing. */
    static void die(int victim) throws InterruptedException {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().timeout(Duration.ofSeconds(20)));
        if (Dist.getRank() == victim) {
            Thread.sleep(500);
            Runtime.getRuntime().halt(3);
        }
        while (true) {
            Dist.allReduce(Torch.ones(10));
            Thread.sleep(10);
        }
    }

    /** Rank 1 vanishes; rank 0 reports how its next collective fails, and how fast. */
    static void survivor() throws InterruptedException {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().timeout(Duration.ofSeconds(15)));
        if (Dist.getRank() == 1) {
            Thread.sleep(300);
            Runtime.getRuntime().halt(9);
        }
        long start = System.nanoTime();
        try {
            while (true) {
                Dist.allReduce(Torch.ones(10));
                Thread.sleep(20);
            }
        } catch (DistBackendError e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("caught " + e.getClass().getSimpleName() + " after " + ms + " ms: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Joins a group and waits forever: the test kills a rank or the launcher. */
    static void hang() throws InterruptedException {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().timeout(Duration.ofSeconds(20)));
        System.out.println("ready " + Dist.getRank());
        System.out.flush();
        while (true) {
            Dist.allReduce(Torch.ones(1));
            Thread.sleep(50);
        }
    }

    /**
     * A thread all-reduces in a loop while the main thread destroys the group: the thread's loop ends with a clear
     * exception (the next collective refused, or the one in flight failed because the peer closed), never a crash
     * or a hang; every rank checks it and rank 0 prints one line.
     */
    static void closeRace() throws InterruptedException {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().timeout(Duration.ofSeconds(10)));
        int rank = Dist.getRank();
        int n = Dist.getWorldSize();
        ProcessGroup group = Dist.defaultGroup();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> end = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    try (dev.jtorch.TensorScope s = new dev.jtorch.TensorScope("close-race")) {
                        Tensor t = Torch.ones(256);
                        Dist.allReduce(t);
                        check(t.toFloatArray()[255] == n, "sum " + t.toFloatArray()[255]);
                    }
                    done.incrementAndGet();
                }
            } catch (Throwable e) {
                end.set(e);
            }
        }, "collectives");
        worker.start();
        while (done.get() < 200 && worker.isAlive()) {
            Thread.sleep(1);
        }
        check(done.get() >= 200, "the worker stopped early: " + end.get());
        Dist.destroyProcessGroup();
        worker.join(60_000);
        check(!worker.isAlive(), "the worker is still running after destroy_process_group");
        Throwable e = end.get();
        boolean refused = e instanceof IllegalStateException && e.getMessage().equals("Default process group has "
                + "not been initialized, please make sure to call init_process_group.");
        check(refused || e instanceof DistBackendError, "the worker ended with " + e);
        try {
            group.allReduce(Torch.ones(1), ReduceOp.SUM, false);
            check(false, "a collective on the destroyed group ran");
        } catch (IllegalStateException closed) {
            check(closed.getMessage().startsWith("The process group has been destroyed"), closed.getMessage());
        }
        check(!Dist.isInitialized(), "still initialized");
        if (rank == 0) {
            System.out.println("OK destroy_process_group during collectives on another thread: the thread stopped "
                    + "with a clear exception");
        }
    }
}
