package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.MSELoss;
import dev.jtorch.nn.Parameter;
import dev.jtorch.optim.SGD;
import dev.jtorch.testing.Golden;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code save} writes what Python's {@code torch.jit.load} and {@link Jit#load} read back; devices and dtypes. */
class JitSaveTest {
    @TempDir
    Path dir;

    /** The mlp fine-tuned 5 SGD steps with fc1 frozen, then put in eval mode. */
    private static ScriptModule tuned() {
        ScriptModule m = Jit.load(JitGolden.model("mlp.pt"));
        try (TensorScope s = new TensorScope("tune")) {
            ((ScriptModule) m.namedChildren().get("fc1")).requiresGrad_(false);
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                if (p.requiresGrad()) {
                    trainable.add(p);
                }
            }
            SGD opt = new SGD(trainable, new SGD.Options(0.1).momentum(0.9));
            Tensor x = JitGolden.tensor("x");
            Tensor y = JitGolden.tensor("y_reg");
            for (int i = 0; i < 5; i++) {
                opt.zeroGrad();
                new MSELoss().forward(m.forward(x), y).backward();
                opt.step();
            }
        }
        m.eval();
        return m;
    }

    @Test
    void savedModuleReloadsWithItsTrainedStateModeAndMethods() throws Exception {
        Path f = dir.resolve("tuned.pt");
        try (ScriptModule m = tuned(); TensorScope s = new TensorScope("test")) {
            Jit.save(m, f);
            Map<String, Tensor> expected = m.stateDict();
            assertFalse(expected.get("fc2.weight").equal(Jit.load(JitGolden.model("mlp.pt")).stateDict()
                    .get("fc2.weight")), "fine-tuning changed fc2");
            try (ScriptModule back = Jit.load(f)) {
                assertEquals(m.toString(), back.toString());
                assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(back.stateDict().keySet()));
                for (Map.Entry<String, Tensor> e : back.stateDict().entrySet()) {
                    assertTrue(expected.get(e.getKey()).equal(e.getValue()), e.getKey());
                }
                assertFalse(back.isTraining());
                assertFalse(back.namedParameters().get("fc1.weight").requiresGrad(), "frozen stays frozen");
                assertTrue(back.namedParameters().get("fc2.weight").requiresGrad());
                assertEquals(List.of("forward", "hidden"), back.methodNames());
                Tensor x = JitGolden.tensor("x");
                assertTrue(m.forward(x).equal(back.forward(x)));
            }
            // saving over an existing file replaces it; the archive is named after the file, as Python names it
            Jit.save(m, f);
            try (var zip = new java.util.zip.ZipFile(f.toFile())) {
                assertTrue(zip.getEntry("tuned/constants.pkl") != null, "archive folder named after the file");
            }
        }
    }

    @Test
    @Tag("python")
    void pythonsTorchJitLoadReadsWhatJavaSaved() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path f = dir.resolve("from_java.pt");
        Path golden = Path.of(JitGolden.class.getResource("/golden/jit.json").toURI());
        try (ScriptModule m = tuned(); TensorScope s = new TensorScope("test")) {
            m.save(f);
            String code = String.join("\n",
                    "import json, sys, torch",
                    "m = torch.jit.load(sys.argv[1])",
                    "d = json.load(open(sys.argv[2]))['x']",
                    "x = torch.tensor(d['values'], dtype=torch.float32).reshape(d['shape'])",
                    "with torch.no_grad():",
                    "    out = m(x)",
                    "print(json.dumps({'repr': repr(m), 'training': m.training,",
                    "    'keys': list(m.state_dict().keys()),",
                    "    'state': [v.double().reshape(-1).tolist() for v in m.state_dict().values()],",
                    "    'frozen': [n for n, p in m.named_parameters() if not p.requires_grad],",
                    "    'out': out.double().reshape(-1).tolist(), 'hidden': m.hidden(x, 0.5).shape[1]}))");
            Python.Result r = Python.runCode(code, f.toString(), golden.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            JsonNode py = new ObjectMapper().readTree(r.stdout());
            assertEquals(m.toString(), py.get("repr").asText());
            assertFalse(py.get("training").asBoolean());
            Map<String, Tensor> state = m.stateDict();
            assertEquals(new ArrayList<>(state.keySet()), JitGolden.strings(py.get("keys")));
            int i = 0;
            for (Tensor t : state.values()) {
                Golden.assertClose(JitGolden.doubles(py.get("state").get(i++)), t.toDouble().toDoubleArray(), 0, 0,
                        "state written by Java, read by Python");
            }
            assertEquals(List.of("fc1.weight", "fc1.bias"), JitGolden.strings(py.get("frozen")));
            try (var ng = Torch.noGrad()) {
                Golden.assertClose(JitGolden.doubles(py.get("out")), m.forward(JitGolden.tensor("x")).toDouble()
                        .toDoubleArray(), 1e-6, 1e-7, "Python's forward of the Java-saved file");
            }
            assertEquals(8, py.get("hidden").asInt());
        }
    }

    @Test
    void toDtypeConvertsTheScriptedModulesOwnTensors() {
        try (ScriptModule m = Jit.load(JitGolden.model("bn_net.pt")); TensorScope s = new TensorScope("test")) {
            Parameter w = m.namedParameters().get("fc1.weight");
            Tensor before = w.clone();
            m.to(DType.FLOAT64);
            assertEquals(DType.FLOAT64, w.dtype(), "the same Parameter object, converted in place");
            assertEquals(DType.FLOAT64, m.namedBuffers().get("bn.running_mean").dtype());
            assertEquals(DType.INT64, m.namedBuffers().get("bn.num_batches_tracked").dtype());
            m.eval();
            Tensor out = m.forward(JitGolden.tensor("x_bn").to(DType.FLOAT64));
            assertEquals(DType.FLOAT64, out.dtype(), "the scripted code reads the converted tensors");
            assertTrue(before.to(DType.FLOAT64).equal(w.detach()));
            m.to(Device.CPU);
            assertEquals(Device.CPU, w.device());
        }
    }

    @Test
    void loadWithADeviceMapsTheTensorsThere() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt"), Device.CPU)) {
            for (Tensor t : m.stateDict().values()) {
                assertEquals(Device.CPU, t.device());
            }
        }
    }

    @Test
    @Tag("cuda")
    void loadsTrainsAndSavesOnCuda() throws Exception {
        assumeTrue(Torch.cudaIsAvailable(), "needs a CUDA device");
        Path f = dir.resolve("cuda.pt");
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt"), Device.cuda()); TensorScope s = new TensorScope("t")) {
            for (Tensor t : m.parameters()) {
                assertTrue(t.device().isCuda(), "parameter on CUDA");
            }
            Tensor x = JitGolden.tensor("x").to(Device.cuda());
            SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                opt.zeroGrad();
                Tensor loss = new MSELoss().forward(m.forward(x), JitGolden.tensor("y_reg").to(Device.cuda()));
                loss.backward();
                opt.step();
                losses.add(loss.item());
            }
            Golden.assertClose(JitGolden.doubles(JitGolden.doc().get("mlp_sgd_mse").get("losses")),
                    losses.stream().mapToDouble(d -> d).toArray(), 1e-4, 1e-5, "CUDA losses");
            m.to(Device.CPU);
            JitGolden.assertState(JitGolden.doc().get("mlp_sgd_mse").get("state"), m.stateDict(), 1e-4, 1e-5);
            m.save(f);
            assertTrue(Files.size(f) > 0);
        }
    }
}
