package dev.jtorch.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live interop with Python's torchvision (skipped without it): {@code gen_vision_models_golden.py --pth} saves
 * {@code torch.save(model.state_dict(), f)} of a full-size model with perturbed weights and running statistics,
 * and the outputs for an input; the Java model loads the file strictly and gives the same outputs in eval and
 * train mode. The files are written to a temporary directory (a resnet50 state dict is 100 MB).
 */
@Tag("python")
class TorchvisionInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "vgg11", "mobilenet_v2"})
    @SuppressWarnings("unchecked")
    void torchvisionStateDictLoadsStrictlyAndGivesTorchvisionsOutputs(String name) throws Exception {
        assumeTrue(Python.hasModule("torchvision"), "python3-torchvision is not installed");
        Python.Result r = Python.run("src/test/python/gen_vision_models_golden.py", "--pth", name, dir.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        try (TensorScope s = new TensorScope("test")) {
            Module model = VisionModelsParityTest.builder(name).apply(10);
            try (TensorScope load = new TensorScope("state dict")) { // VGG's is 500 MB: release it once copied
                Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(dir.resolve(name + ".pth"));
                assertEquals("<All keys matched successfully>", model.loadStateDict(sd, true).toString());
            }
            Map<String, Object> io = (Map<String, Object>) Torch.load(dir.resolve(name + "_io.pt"));
            Tensor x = (Tensor) io.get("input");
            Torch.manualSeed(111 + 1); // the script's run_outputs(model, x, seed + 100) seeds seed + 101 for train mode
            model.train();
            Tensor train;
            try (var g = Torch.noGrad()) {
                train = model.forward(x);
            }
            model.eval();
            Tensor eval;
            try (var g = Torch.noGrad()) {
                eval = model.forward(x);
            }
            assertClose((Tensor) io.get("train"), train, name + " train");
            assertClose((Tensor) io.get("eval"), eval, name + " eval");
        }
        Files.deleteIfExists(dir.resolve(name + ".pth"));
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length, what);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-3 * scale + 1e-4 * Math.abs(e[i]), what + "[" + i + "]");
        }
    }
}
