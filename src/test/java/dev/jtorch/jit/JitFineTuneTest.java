package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Loss;
import dev.jtorch.nn.MSELoss;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning a scripted model in Java with jtorch's optimizers gives the parameters Python gets fine-tuning the
 * same file (golden {@code mlp_sgd_mse}, {@code mlp_adam_ce}, {@code bn_net_sgd_mse_seed4}, {@code frozen_backbone}
 * of {@code gen_jit_golden.py}).
 */
class JitFineTuneTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    private static List<Double> fineTune(ScriptModule m, Optimizer opt, Loss crit, Tensor x, Tensor y, int steps) {
        m.train();
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            try (TensorScope s = new TensorScope("step")) {
                opt.zeroGrad();
                Tensor loss = crit.forward(m.forward(x), y);
                loss.backward();
                opt.step();
                losses.add(loss.item());
            }
        }
        return losses;
    }

    private static void check(JsonNode g, ScriptModule m, List<Double> losses, Tensor x) {
        Golden.assertClose(JitGolden.doubles(g.get("losses")), losses.stream().mapToDouble(d -> d).toArray(), RTOL,
                ATOL, "losses");
        JitGolden.assertState(g.get("state"), m.stateDict(), RTOL, ATOL);
        m.eval();
        try (var ng = Torch.noGrad()) {
            JitGolden.assertTensor(g.get("output"), m.forward(x), RTOL, ATOL, "eval output after fine-tuning");
        }
    }

    @Test
    void sgdWithMomentumOnMseGivesPythonsParameters() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x");
            SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
            List<Double> losses = fineTune(m, opt, new MSELoss(), x, JitGolden.tensor("y_reg"), 5);
            check(JitGolden.doc().get("mlp_sgd_mse"), m, losses, x);
        }
    }

    @Test
    void adamOnCrossEntropyGivesPythonsParameters() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x");
            Adam opt = new Adam(m.parameters(), new Adam.Options(0.01));
            List<Double> losses = fineTune(m, opt, new CrossEntropyLoss(), x, JitGolden.tensor("y_cls"), 5);
            check(JitGolden.doc().get("mlp_adam_ce"), m, losses, x);
        }
    }

    @Test
    void batchNormAndDropoutModelTrainsAsInPython() {
        try (ScriptModule m = Jit.load(JitGolden.model("bn_net.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x_bn");
            SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
            Torch.manualSeed(4);
            List<Double> losses = fineTune(m, opt, new MSELoss(), x, JitGolden.tensor("y_bn"), 4);
            check(JitGolden.doc().get("bn_net_sgd_mse_seed4"), m, losses, x);
        }
    }

    @Test
    void frozenScriptedBackboneUnderANewJtorchHeadTrainsOnlyTheHead() {
        JsonNode g = JitGolden.doc().get("frozen_backbone");
        try (ScriptModule backbone = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Map<String, Tensor> initial = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : backbone.stateDict().entrySet()) {
                initial.put(e.getKey(), e.getValue().clone());
            }
            for (Parameter p : backbone.parameters()) {
                p.requiresGrad_(false);
            }
            Torch.manualSeed(5);
            Linear head = new Linear(3, 2);
            Sequential model = new Sequential(backbone, head);
            assertEquals(g.get("repr").asText(), model.toString());
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                if (p.requiresGrad()) {
                    trainable.add(p);
                }
            }
            assertEquals(List.of(head.weight, head.bias), trainable);
            SGD opt = new SGD(trainable, new SGD.Options(0.1).momentum(0.9));
            CrossEntropyLoss crit = new CrossEntropyLoss();
            Tensor x = JitGolden.tensor("x");
            Tensor y = Golden.tensor(g.get("y"));
            List<Double> losses = new ArrayList<>();
            model.train();
            for (int i = 0; i < 5; i++) {
                opt.zeroGrad();
                Tensor loss = crit.forward(model.forward(x), y);
                loss.backward();
                opt.step();
                losses.add(loss.item());
            }
            Golden.assertClose(JitGolden.doubles(g.get("losses")), losses.stream().mapToDouble(d -> d).toArray(),
                    RTOL, ATOL, "losses");
            JitGolden.assertState(g.get("state"), model.stateDict(), RTOL, ATOL);
            for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
                assertEquals(null, e.getValue().grad(), e.getKey() + " got no gradient");
                assertFalse(e.getValue().requiresGrad());
                assertTrue(initial.get(e.getKey()).equal(e.getValue()), e.getKey() + " unchanged");
            }
            Module first = model.get(0);
            assertTrue(first instanceof ScriptModule);
        }
    }
}
