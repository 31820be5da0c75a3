package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's model trained for five steps (dropout on) and evaluated, against Python 1.13
 * (golden/training_steps.json): module init, dropout masks, cross-entropy, backward and the optimizers together.
 */
class TrainingStepParityTest {

    /** Seed 000's model, as the tutorial writes it. */
    static class SimpleClassifier extends Module {
        Linear fc1;
        ReLU relu;
        Dropout dropout;
        Linear fc2;

        SimpleClassifier(int inputDim, int hiddenDim, int outputDim, double dropoutProb) {
            fc1 = new Linear(inputDim, hiddenDim);
            relu = new ReLU();
            dropout = new Dropout(dropoutProb);
            fc2 = new Linear(hiddenDim, outputDim);
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(dropout.forward(relu.forward(fc1.forward(x))));
        }
    }

    private static double[] values(JsonNode v) {
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.get(i).asDouble();
        }
        return d;
    }

    @Test
    void fiveTrainingStepsAndAnEvaluationMatchPython() {
        for (JsonNode run : Golden.load("training_steps.json").get("runs")) {
            String name = run.get("optimizer").asText() + " seed " + run.get("seed").asInt();
            Torch.manualSeed(run.get("seed").asLong());
            SimpleClassifier model = new SimpleClassifier(10, 64, 2, 0.5);
            CrossEntropyLoss criterion = new CrossEntropyLoss();
            Optimizer optimizer = run.get("optimizer").asText().equals("adam")
                    ? new Adam(model.parameters(), new Adam.Options(0.001).weightDecay(1e-5))
                    : new SGD(model.parameters(), new SGD.Options(0.01).momentum(0.9).weightDecay(1e-5));
            Tensor X = Torch.randn(64, 10);
            Tensor y = Torch.randint(0, 2, 64);
            assertEquals(run.get("repr").asText(), model.toString(), name);
            List<String> keys = new ArrayList<>();
            run.get("state_dict_keys").forEach(k -> keys.add(k.asText()));
            assertEquals(keys, new ArrayList<>(model.stateDict().keySet()), name);
            model.train();
            double[] losses = new double[5];
            for (int i = 0; i < 5; i++) {
                try (TensorScope s = new TensorScope("step")) {
                    optimizer.zeroGrad();
                    Tensor outputs = model.forward(X);
                    Tensor loss = criterion.forward(outputs, y);
                    loss.backward();
                    optimizer.step();
                    losses[i] = loss.item();
                }
            }
            Golden.assertClose(values(run.get("losses")), losses, 1e-6, 1e-7, name + " losses");
            Golden.assertClose(values(run.get("fc2_weight")), model.fc2.weight.detach().toDoubleArray(), 1e-5, 1e-6,
                    name + " fc2.weight");
            Golden.assertClose(values(run.get("fc2_bias")), model.fc2.bias.detach().toDoubleArray(), 1e-5, 1e-6,
                    name + " fc2.bias");
            model.eval();
            try (var g = Torch.noGrad()) {
                Tensor evalOut = model.forward(X.index(":4"));
                Golden.assertClose(values(run.get("eval_out")), evalOut.toDoubleArray(), 1e-5, 1e-6, name + " eval");
                List<Long> predicted = new ArrayList<>();
                for (long p : Torch.max(evalOut.data(), 1).indices().toLongArray()) {
                    predicted.add(p);
                }
                List<Long> expected = new ArrayList<>();
                run.get("predicted").forEach(p -> expected.add(p.asLong()));
                assertEquals(expected, predicted, name + " predictions");
            }
            assertEquals(run.get("optimizer_repr").asText(), optimizer.toString(), name);
        }
    }
}
