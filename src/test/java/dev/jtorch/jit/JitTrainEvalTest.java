package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code train()} and {@code eval()} reach the scripted modules: a scripted BatchNorm and Dropout behave as in
 * Python (golden {@code bn_net} of {@code gen_jit_golden.py}).
 */
class JitTrainEvalTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Test
    void evalOutputIsDeterministicAndPythons() {
        JsonNode g = JitGolden.doc().get("bn_net");
        try (ScriptModule m = Jit.load(JitGolden.model("bn_net.pt")); TensorScope s = new TensorScope("test");
                var ng = Torch.noGrad()) {
            assertEquals(g.get("repr").asText(), m.toString());
            assertEquals(JitGolden.strings(g.get("parameters")), new ArrayList<>(m.namedParameters().keySet()));
            JitGolden.assertState(g.get("state"), m.stateDict(), 0, 0);
            assertEquals(m, m.eval());
            assertFalse(m.isTraining());
            for (Module sub : m.modules()) {
                assertFalse(sub.isTraining(), sub + " is in eval mode");
                assertFalse(((ScriptModule) sub).nativeModule().is_training(), "native " + sub);
            }
            Tensor x = JitGolden.tensor("x_bn");
            Tensor first = m.forward(x);
            JitGolden.assertTensor(g.get("eval_output"), first, RTOL, ATOL, "eval output");
            Tensor second = m.forward(x);
            assertTrue(first.equal(second), "eval output is deterministic (no dropout, running statistics)");
            JitGolden.assertState(g.get("state"), m.stateDict(), 0, 0); // eval does not touch running stats
        }
    }

    @Test
    void trainModeDrawsDropoutAndUpdatesRunningStatisticsAsPythonDoes() {
        JsonNode g = JitGolden.doc().get("bn_net");
        try (ScriptModule m = Jit.load(JitGolden.model("bn_net.pt")); TensorScope s = new TensorScope("test");
                var ng = Torch.noGrad()) {
            Tensor x = JitGolden.tensor("x_bn");
            m.eval();
            m.train();
            assertTrue(m.isTraining());
            for (Module sub : m.modules()) {
                assertTrue(((ScriptModule) sub).nativeModule().is_training(), "native " + sub);
            }
            Torch.manualSeed(3);
            JitGolden.assertTensor(g.get("train_output_seed3"), m.forward(x), RTOL, ATOL, "train output, seed 3");
            JitGolden.assertState(g.get("state_after_train_forward"), m.stateDict(), RTOL, ATOL);
            m.eval();
            JitGolden.assertTensor(g.get("eval_output_after"), m.forward(x), RTOL, ATOL, "eval after a train step");
        }
    }

    @Test
    void trainFalseOnASubmoduleReachesOnlyThatSubtree() {
        try (ScriptModule m = Jit.load(JitGolden.model("bn_net.pt"))) {
            ScriptModule drop = (ScriptModule) m.namedChildren().get("drop");
            drop.eval();
            assertFalse(drop.nativeModule().is_training());
            assertTrue(m.isTraining());
            assertTrue(((ScriptModule) m.namedChildren().get("bn")).isTraining());
        }
    }
}
