package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files that Python 1.13 wrote with {@code torch.jit.save} load in libtorch 2.10 as jtorch modules with Python's
 * repr, names, state dicts and outputs (golden: {@code gen_jit_golden.py}).
 */
class JitLoadTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-6;

    @Test
    void loadsPython113ScriptedModelWithPythonsReprNamesStateAndOutputs() {
        JsonNode g = JitGolden.doc().get("mlp");
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            assertEquals(g.get("repr").asText(), m.toString());
            assertEquals(g.get("original_name").asText(), m.originalName());
            assertEquals("__torch__.Mlp", m.qualifiedName());
            assertEquals(JitGolden.strings(g.get("parameters")), new ArrayList<>(m.namedParameters().keySet()));
            JitGolden.assertState(g.get("state"), m.stateDict(), 0, 0); // loaded values are bit-exact
            assertEquals(List.of("forward", "hidden"), m.methodNames());
            assertTrue(m.hasMethod("hidden"));
            assertFalse(m.hasMethod("nope"));
            assertTrue(m.isTraining(), "saved in training mode, as Python's scripted module was");
            Tensor x = JitGolden.tensor("x");
            try (var ng = Torch.noGrad()) {
                JitGolden.assertTensor(g.get("output"), m.forward(x), RTOL, ATOL, "forward");
                Object hidden = m.runMethod("hidden", x, 2.5);
                JitGolden.assertTensor(g.get("hidden"), (Tensor) hidden, RTOL, ATOL, "hidden(x, 2.5)");
            }
        }
    }

    @Test
    void submodulesAreScriptModulesWithTheirOwnParameters() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt"))) {
            Map<String, Module> children = m.namedChildren();
            assertEquals(List.of("fc1", "act", "fc2"), new ArrayList<>(children.keySet()));
            ScriptModule fc1 = (ScriptModule) children.get("fc1");
            assertEquals("Linear", fc1.originalName());
            assertEquals("RecursiveScriptModule(original_name=Linear)", fc1.toString());
            assertEquals(List.of("weight", "bias"), new ArrayList<>(fc1.namedParameters().keySet()));
            // the parent's parameter is the child's object, not a copy
            assertSame(fc1.namedParameters().get("weight"), m.namedParameters().get("fc1.weight"));
            assertEquals(List.of("", "fc1", "act", "fc2"), new ArrayList<>(m.namedModules().keySet()));
            Tensor viaChild = fc1.forward(Torch.ones(1, 4));
            assertEquals(List.of(1L, 8L), List.of(viaChild.size(0), viaChild.size(1)));
        }
    }

    @Test
    void parametersAreTheTensorsTheScriptedCodeReads() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x");
            Parameter bias = m.namedParameters().get("fc2.bias");
            assertTrue(bias.requiresGrad());
            Tensor before = m.forward(x).detach();
            try (var ng = Torch.noGrad()) {
                bias.add_(Torch.tensor(1.0, 2.0, 3.0));
            }
            Tensor after = m.forward(x).detach();
            assertClose(before.add(Torch.tensor(1.0, 2.0, 3.0)), after);
            // gradients of a backward through the scripted code land in the jtorch parameters
            m.forward(x).sum().backward();
            for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
                assertTrue(e.getValue().grad() != null, e.getKey() + " has a gradient");
            }
            // d(sum)/d(fc2.bias) = batch size for each output
            assertEquals(List.of(8.0, 8.0, 8.0), boxed(bias.grad().toDoubleArray()));
            // the native module holds the very same tensor objects (one TensorImpl)
            try (var ps = new org.bytedeco.javacpp.PointerScope()) {
                long nativeBias = m.nativeModule().attr("fc2").toObject().getAttr("bias").toTensor()
                        .unsafeGetTensorImpl().address();
                assertEquals(bias.nativeTensor().unsafeGetTensorImpl().address(), nativeBias);
            }
        }
    }

    @Test
    void aBufferThatScriptedCodeReassignsIsTheNewTensor() {
        JsonNode g = JitGolden.doc().get("counter");
        try (ScriptModule c = Jit.load(JitGolden.model("counter.pt")); TensorScope s = new TensorScope("test");
                var ng = Torch.noGrad()) {
            Tensor before = c.getBuffer("steps");
            dev.jtorch.nn.Sequential outer = new dev.jtorch.nn.Sequential(c);
            Tensor out = null;
            for (int i = 0; i < 3; i++) {
                out = outer.forward(Torch.ones(2, 3));
            }
            JitGolden.assertTensor(g.get("output_3"), out, 0, 0, "output");
            JitGolden.assertState(g.get("state_after_3"), c.stateDict(), 0, 0);
            assertEquals(3.0, outer.stateDict().get("0.steps").item(), "seen through a jtorch parent too");
            assertEquals(0.0, before.item(), "the first tensor is untouched: the scripted code made new ones");
            assertNotSame(before, c.getBuffer("steps"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadStateDictOfAPythonStateDictRestoresTheScriptedWeights() {
        JsonNode g = JitGolden.doc().get("mlp");
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x");
            try (var ng = Torch.noGrad()) {
                for (Parameter p : m.parameters()) {
                    p.mul_(0.5); // something else than the saved weights
                }
            }
            Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(JitGolden.model("mlp_state_dict.pt"));
            assertEquals("<All keys matched successfully>", m.loadStateDict(sd).toString());
            try (var ng = Torch.noGrad()) {
                JitGolden.assertTensor(g.get("output"), m.forward(x), RTOL, ATOL, "forward after load_state_dict");
            }
            java.util.Map<String, Tensor> bad = new java.util.LinkedHashMap<>(sd);
            bad.remove("fc2.bias");
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> m.loadStateDict(bad));
            assertTrue(e.getMessage().contains("Missing key(s) in state_dict: \"fc2.bias\""), e.getMessage());
        }
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        dev.jtorch.testing.Golden.assertClose(expected.toDoubleArray(), actual.toDoubleArray(), 1e-6, 1e-6, "out");
    }

    private static List<Double> boxed(double[] a) {
        List<Double> l = new ArrayList<>();
        for (double d : a) {
            l.add(d);
        }
        return l;
    }
}
