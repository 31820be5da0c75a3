package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;

/** The benchmarks' models in jtorch, the same as bench_torch.py's and native/bench's. */
final class Models {

    private Models() {
    }

    /** Seed 000's classifier, seeded as the tutorial seeds it. */
    static Module mlp() {
        Torch.manualSeed(0);
        return new Mlp();
    }

    /** Seed 000's classifier: Linear 10-64, ReLU, Dropout 0.5, Linear 64-2. */
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

    /** Two Conv2d and two Linear on 1x28x28 images. */
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
}
