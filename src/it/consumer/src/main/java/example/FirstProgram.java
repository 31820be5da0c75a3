package example;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MSELoss;
import dev.jtorch.optim.SGD;

/** README's first program: a linear regression fitted with SGD, printing what the same Python program prints. */
public class FirstProgram {
    public static void main(String[] args) {
        Torch.manualSeed(0);
        Tensor x = Torch.randn(100, 3);
        Tensor y = x.matmul(Torch.tensor(new double[][] {{1.0}, {-2.0}, {0.5}})).add(0.1);
        Linear model = new Linear(3, 1);
        SGD optimizer = new SGD(model.parameters(), new SGD.Options(0.02));
        MSELoss criterion = new MSELoss();
        for (int epoch = 1; epoch <= 50; epoch++) {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (epoch % 10 == 0) {
                System.out.println("epoch " + epoch + " loss " + PyFormat.fixed(loss.item(), 4));
            }
        }
    }
}
