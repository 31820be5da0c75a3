package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.nn.functional.F;
import dev.jtorch.testing.Golden;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizer checkpoints of Adamax, NAdam, RAdam, Adadelta and LBFGS interoperate with Python PyTorch 1.13 both ways:
 * a state dict jtorch saves with {@code Torch.save} loads into Python's optimizer, which continues as jtorch does,
 * and the one Python saves back loads into a fresh jtorch optimizer, which continues as Python does.
 */
@Tag("python")
class OptimizerInteropTest {
    @TempDir
    Path dir;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("Adamax", "torch.optim.Adamax(ps, lr=0.01, weight_decay=0.01, maximize=False)",
                        (Function<List<Parameter>, Optimizer>) p ->
                                new Adamax(p, new Adamax.Options(0.01).weightDecay(0.01))),
                Arguments.of("NAdam", "torch.optim.NAdam(ps, lr=0.01, momentum_decay=0.01)",
                        (Function<List<Parameter>, Optimizer>) p ->
                                new NAdam(p, new NAdam.Options(0.01).momentumDecay(0.01))),
                Arguments.of("RAdam", "torch.optim.RAdam(ps, lr=0.01, betas=(0.9, 0.9))",
                        (Function<List<Parameter>, Optimizer>) p ->
                                new RAdam(p, new RAdam.Options(0.01).betas(0.9, 0.9))),
                Arguments.of("Adadelta", "torch.optim.Adadelta(ps, lr=0.5, weight_decay=0.01)",
                        (Function<List<Parameter>, Optimizer>) p ->
                                new Adadelta(p, new Adadelta.Options(0.5).weightDecay(0.01))),
                Arguments.of("LBFGS", "torch.optim.LBFGS(ps, max_iter=2, history_size=3, "
                        + "line_search_fn='strong_wolfe')",
                        (Function<List<Parameter>, Optimizer>) p -> new LBFGS(p, new LBFGS.Options().maxIter(2)
                                .historySize(3).lineSearchFn(LBFGS.LineSearchFn.STRONG_WOLFE))));
    }

    /** A least-squares problem: y = x @ w.t() + b. */
    static final class Problem {
        final Tensor x;
        final Tensor y;
        final Parameter w;
        final Parameter b;

        Problem(Tensor x, Tensor y, Tensor w, Tensor b) {
            this.x = x.keep();
            this.y = y.keep();
            this.w = new Parameter(w.detach().clone());
            this.b = new Parameter(b.detach().clone());
        }

        Tensor loss() {
            return F.mseLoss(x.matmul(w.t()).add(b), y, Reduction.MEAN);
        }

        void step(Optimizer opt) {
            try (TensorScope s = new TensorScope("step")) {
                if (opt instanceof LBFGS) {
                    opt.step(() -> {
                        opt.zeroGrad();
                        Tensor l = loss();
                        l.backward();
                        return l;
                    });
                } else {
                    opt.zeroGrad();
                    loss().backward();
                    opt.step();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    @SuppressWarnings("unchecked")
    void checkpointsInteroperateWithPython(String name, String pythonCtor, Function<List<Parameter>, Optimizer> make)
            throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Torch.manualSeed(11);
        Problem a = new Problem(Torch.randn(12, 3), Torch.randn(12, 2), Torch.randn(2, 3), Torch.randn(2));
        Optimizer opt = make.apply(List.of(a.w, a.b));
        for (int i = 0; i < 3; i++) {
            a.step(opt);
        }
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("X", a.x);
        ckpt.put("Y", a.y);
        ckpt.put("W", a.w.detach());
        ckpt.put("b", a.b.detach());
        ckpt.put("optimizer_state_dict", opt.stateDict());
        Path javaFile = dir.resolve("java.pt");
        Path pyFile = dir.resolve("python.pt");
        Torch.save(ckpt, javaFile);
        String script = String.join("\n",
                "import sys, torch",
                "torch.set_num_threads(1)",
                "c = torch.load(sys.argv[1])",
                "ps = [torch.nn.Parameter(c['W'].clone()), torch.nn.Parameter(c['b'].clone())]",
                "opt = " + pythonCtor,
                "opt.load_state_dict(c['optimizer_state_dict'])",
                "def closure():",
                "    opt.zero_grad()",
                "    loss = torch.nn.functional.mse_loss(c['X'] @ ps[0].t() + ps[1], c['Y'])",
                "    loss.backward()",
                "    return loss",
                "def step():",
                "    if isinstance(opt, torch.optim.LBFGS):",
                "        opt.step(closure)",
                "    else:",
                "        closure(); opt.step()",
                "for _ in range(3):",
                "    step()",
                "torch.save({'W': ps[0].detach().clone(), 'b': ps[1].detach().clone(),",
                "            'optimizer_state_dict': opt.state_dict()}, sys.argv[2])",
                "for _ in range(2):",
                "    step()",
                "print(','.join(repr(v) for v in ps[0].detach().reshape(-1).tolist()))");
        Path py = dir.resolve("continue.py");
        Files.writeString(py, script);
        Python.Result r = Python.run(py.toString(), javaFile.toString(), pyFile.toString());
        assertEquals(0, r.exitCode(), r.stderr());

        // Python continued jtorch's checkpoint as jtorch continues it
        for (int i = 0; i < 3; i++) {
            a.step(opt);
        }
        Map<String, Object> back = (Map<String, Object>) Torch.load(pyFile);
        Golden.assertClose(((Tensor) back.get("W")).toDoubleArray(), a.w.detach().toDoubleArray(), 1e-5, 1e-6,
                name + ": Python's steps 4-6 from jtorch's checkpoint");

        // Python's checkpoint loads into a fresh jtorch optimizer, which continues as Python does
        Problem b = new Problem(a.x, a.y, (Tensor) back.get("W"), (Tensor) back.get("b"));
        Optimizer fresh = make.apply(List.of(b.w, b.b));
        fresh.loadStateDict((Map<String, Object>) back.get("optimizer_state_dict"));
        for (int i = 0; i < 2; i++) {
            b.step(fresh);
        }
        String[] parts = r.stdout().strip().split(",");
        double[] pyW = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            pyW[i] = Double.parseDouble(parts[i]);
        }
        Golden.assertClose(pyW, b.w.detach().toDoubleArray(), 1e-5, 1e-6,
                name + ": jtorch's steps 7-8 from Python's checkpoint");
        assertEquals(opt.stateDict().keySet(), fresh.stateDict().keySet());
        Map<Integer, Map<String, Object>> st = (Map<Integer, Map<String, Object>>) fresh.stateDict().get("state");
        Map<Integer, Map<String, Object>> own = (Map<Integer, Map<String, Object>>) opt.stateDict().get("state");
        assertEquals(own.get(0).keySet(), st.get(0).keySet(), name + " state keys");
    }
}
