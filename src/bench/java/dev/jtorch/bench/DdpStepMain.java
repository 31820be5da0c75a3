package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.distributed.Backend;
import dev.jtorch.distributed.Dist;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.parallel.DistributedDataParallel;
import dev.jtorch.optim.SGD;

/**
 * One rank of the ddp_scaling benchmark, started by {@link dev.jtorch.distributed.Launcher}: the cnn_step model
 * under {@link DistributedDataParallel} on its own batch of 64, SGD; rank 0 prints {@code step_ms <mean>} over
 * {@code STEPS} steps after {@code WARMUP_STEPS}, between two barriers (the twin of src/bench/python/bench_ddp.py).
 */
public final class DdpStepMain {
    private DdpStepMain() {}

    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        Torch.setNumThreads(1);
        Dist.initProcessGroup(Backend.GLOO);
        Torch.manualSeed(0);
        // a third argument "plain" trains the bare model in the same environment (the cost of DDP itself)
        boolean plain = args.length > 2 && args[2].equals("plain");
        dev.jtorch.nn.Module model = plain ? new Models.SmallCnn()
                : new DistributedDataParallel<>(new Models.SmallCnn());
        SGD optimizer = new SGD(model.parameters(), new SGD.Options(0.01));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor x = Torch.randn(64, 1, 28, 28);
        Tensor y = Torch.randint(0, 10, 64);
        Runnable step = () -> {
            try (TensorScope s = new TensorScope("step")) {
                optimizer.zeroGrad();
                criterion.forward(model.forward(x), y).backward();
                optimizer.step();
            }
        };
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        Dist.barrier();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        Dist.barrier();
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        if (Dist.getRank() == 0) {
            System.out.printf("step_ms %.6f%n", ms);
        }
        Dist.destroyProcessGroup();
        System.exit(0);
    }
}
