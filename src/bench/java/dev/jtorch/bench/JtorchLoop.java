package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Module;
import dev.jtorch.optim.Adam;

/**
 * The seed-000 training step in jtorch, each step in its own scope as a DataLoader batch would be; optionally
 * followed, inside the timed step, by what the training program does with the step's loss ({@link #afterEachStep}).
 */
final class JtorchLoop implements Rounds.Contender {
    /** What a training program does after each step with its loss (report progress, log metrics). */
    interface AfterStep {
        void accept(double loss);
    }

    private final Module model;
    private final Tensor x;
    private final Tensor y;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private final Adam optimizer;
    private AfterStep afterStep;

    JtorchLoop(Module model, Tensor x, Tensor y) {
        this.model = model;
        this.x = x.keep();
        this.y = y.keep();
        model.train();
        optimizer = new Adam(model.parameters(), new Adam.Options(1e-3).weightDecay(1e-5));
    }

    /** Runs {@code afterStep} after each step, within the step's time. */
    JtorchLoop afterEachStep(AfterStep afterStep) {
        this.afterStep = afterStep;
        return this;
    }

    @Override
    public double[] run(int n) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (var scope = new TensorScope()) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(x), y);
                loss.backward();
                optimizer.step();
                double value = loss.item();
                if (afterStep != null) {
                    afterStep.accept(value);
                }
            }
            times[i] = (System.nanoTime() - t0) / 1e3;
        }
        return times;
    }
}
