package dev.jtorch.bench;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The benchmarks' training step written directly against the JavaCPP presets (torch::nn modules,
 * torch::optim::Adam, a PointerScope per step): the floor of any bridge on the presets.
 */
final class RawLoop implements Rounds.Contender {
    interface Forward {
        Tensor apply(Tensor x);
    }

    private final Forward forward;
    private final Tensor x;
    private final Tensor y;
    private final org.bytedeco.pytorch.Adam optimizer;

    private RawLoop(Forward forward, List<Module> modules, long[] xShape, long classes) {
        this.forward = forward;
        List<Tensor> params = new ArrayList<>();
        for (Module m : modules) {
            m.train(true);
            TensorVector v = m.parameters();
            for (long i = 0; i < v.size(); i++) {
                params.add(v.get(i));
            }
        }
        AdamOptions options = new AdamOptions(1e-3);
        options.weight_decay().put(1e-5);
        optimizer = new org.bytedeco.pytorch.Adam(new TensorVector(params.toArray(new Tensor[0])), options);
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
    public double[] run(int n) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (PointerScope scope = new PointerScope()) {
                optimizer.zero_grad(true);
                Tensor loss = torch.cross_entropy_loss(forward.apply(x), y);
                loss.backward();
                optimizer.step();
                loss.item().toDouble();
            }
            times[i] = (System.nanoTime() - t0) / 1e3;
        }
        return times;
    }
}
