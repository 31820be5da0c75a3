package dev.jtorch.examples;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.io.PrintStream;

/**
 * A first training run on the tensor core alone: seed 000's synthetic data and logistic regression trained with
 * plain tensors and autograd, line by line as its Python twin {@code src/test/python/tensor_core_demo.py}, and
 * printing the same numbers. Arguments: {@code [seed] [epochs]} (defaults 42 and 20).
 */
public final class TensorCoreDemo {
    private TensorCoreDemo() {}

    public static void main(String[] args) {
        run(args, System.out);
    }

    /** Runs the demo, printing to {@code out}. */
    public static void run(String[] args, PrintStream out) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Torch.manualSeed(seed);
        Tensor X = Torch.randn(1000, 10);
        Tensor trueWeights = Torch.randn(10, 1);
        Tensor trueBias = Torch.randn(1);
        Tensor logits = X.matmul(trueWeights).add(trueBias).add(Torch.randn(1000, 1).mul(0.5));
        Tensor y = logits.sigmoid().gt(0.5).toFloat();
        Tensor xTrain = X.index(":800");
        Tensor xVal = X.index("800:");
        Tensor yTrain = y.index(":800");
        Tensor yVal = y.index("800:");
        out.println("X_train: " + xTrain.shape() + ", y_train: " + yTrain.shape());
        Tensor w = Torch.zeros(10, 1).requiresGrad_();
        Tensor b = Torch.zeros(1).requiresGrad_();
        double lr = 0.5;
        for (int epoch = 0; epoch < epochs; epoch++) {
            try (var scope = new TensorScope("epoch " + (epoch + 1))) {
                Tensor p = xTrain.matmul(w).add(b).sigmoid();
                Tensor loss = yTrain.mul(p.log()).add(yTrain.rsub(1).mul(p.rsub(1).log())).mean().neg();
                loss.backward();
                double valAcc;
                try (var g = Torch.noGrad()) {
                    w.sub_(w.grad().mul(lr));
                    b.sub_(b.grad().mul(lr));
                    w.grad().zero_();
                    b.grad().zero_();
                    valAcc = xVal.matmul(w).add(b).sigmoid().gt(0.5).toFloat().eq(yVal).toFloat().mean().item();
                }
                out.println(String.format("Epoch %2d: loss %s, val accuracy %s", epoch + 1,
                        PyFormat.fixed(loss.item(), 4), PyFormat.fixed(valAcc, 4)));
            }
        }
        out.println("Learned bias: " + PyFormat.fixed(b.item(), 4) + ", true bias: "
                + PyFormat.fixed(trueBias.item(), 4));
    }
}
