package dev.jtorch.optim.swa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.BatchNorm1d;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.SGD;
import dev.jtorch.testing.Golden;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AveragedModel, SWALR and updateBn beyond the golden cases of MoreOptimizersGoldenTest. */
class SwaUtilsTest {
    private static final Supplier<Sequential> NET = () -> new Sequential(new Linear(3, 4), new BatchNorm1d(4),
            new ReLU(), new Linear(4, 2));

    @Test
    void copyingTheModelDrawsNothingFromTheGenerator() {
        Torch.manualSeed(3);
        Sequential model = NET.get();
        float[] expected = Torch.randn(5).toFloatArray();
        Torch.manualSeed(3);
        Sequential again = NET.get();
        var swa = new AveragedModel<>(again, NET);
        assertArrayEquals(expected, Torch.randn(5).toFloatArray(), "deepcopy draws no random numbers");
        assertArrayEquals(again.parameters().get(0).detach().toFloatArray(),
                swa.module.parameters().get(0).detach().toFloatArray(), "the copy has the model's values");
        assertTrue(swa.module.parameters().get(0).nativeTensor().data_ptr().address()
                != again.parameters().get(0).nativeTensor().data_ptr().address(), "in memory of its own");
        assertEquals(model.toString(), swa.module.toString());
    }

    @Test
    void stateDictRoundTripAndNAveraged() {
        Torch.manualSeed(4);
        Sequential model = NET.get();
        var swa = new AveragedModel<>(model, NET);
        assertEquals(DType.INT64, swa.nAveraged().dtype());
        assertEquals(0, swa.nAveraged().dim());
        swa.updateParameters(model);
        swa.updateParameters(model);
        assertEquals(2, swa.nAveraged().itemLong());
        Map<String, Tensor> sd = swa.stateDict();
        assertEquals("n_averaged", sd.keySet().iterator().next());
        assertTrue(sd.containsKey("module.0.weight") && sd.containsKey("module.1.running_var"), sd.keySet().toString());
        Torch.manualSeed(5);
        var other = new AveragedModel<>(NET.get(), NET);
        assertEquals("<All keys matched successfully>", other.loadStateDict(sd).toString());
        assertEquals(2, other.nAveraged().itemLong());
        assertArrayEquals(swa.module.parameters().get(0).detach().toFloatArray(),
                other.module.parameters().get(0).detach().toFloatArray());
    }

    @TempDir
    Path dir;

    /**
     * An AveragedModel state dict jtorch saves loads into Python's AveragedModel (strict), which averages on as
     * jtorch does; the one Python saves back loads into jtorch's (strict) with Python's values.
     */
    @Tag("python")
    @Test
    @SuppressWarnings("unchecked")
    void averagedModelCheckpointsInteroperateWithPython() throws Exception {
        Assumptions.assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Torch.manualSeed(8);
        Sequential model = NET.get();
        var swa = new AveragedModel<>(model, NET);
        swa.updateParameters(model);
        try (var g = Torch.noGrad()) {
            model.parameters().get(0).mul_(0.5);
        }
        swa.updateParameters(model);
        Path javaFile = dir.resolve("swa_java.pt");
        Path pyFile = dir.resolve("swa_python.pt");
        Map<String, Object> ckpt = new java.util.LinkedHashMap<>();
        ckpt.put("swa", swa.stateDict());
        ckpt.put("model", model.stateDict());
        Torch.save(ckpt, javaFile);
        String script = String.join("\n",
                "import sys, torch, torch.nn as nn",
                "from torch.optim.swa_utils import AveragedModel",
                "c = torch.load(sys.argv[1])",
                "net = lambda: nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))",
                "model = net(); print(model.load_state_dict(c['model']))",
                "swa = AveragedModel(net()); print(swa.load_state_dict(c['swa']))",
                "with torch.no_grad():",
                "    model[0].weight.mul_(3.0)",
                "swa.update_parameters(model)",
                "print(int(swa.n_averaged), swa.n_averaged.dtype)",
                "torch.save(swa.state_dict(), sys.argv[2])");
        Path py = dir.resolve("swa.py");
        Files.writeString(py, script);
        Python.Result r = Python.run(py.toString(), javaFile.toString(), pyFile.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("<All keys matched successfully>\n<All keys matched successfully>\n3 torch.int64",
                r.stdout().strip());
        try (var g = Torch.noGrad()) {
            model.parameters().get(0).mul_(3.0);
        }
        swa.updateParameters(model);
        Map<String, Tensor> fromPython = (Map<String, Tensor>) Torch.load(pyFile);
        var loaded = new AveragedModel<>(NET.get(), NET);
        assertEquals("<All keys matched successfully>", loaded.loadStateDict(fromPython).toString());
        assertEquals(3, loaded.nAveraged().itemLong());
        Golden.assertClose(swa.module.parameters().get(0).detach().toDoubleArray(),
                loaded.module.parameters().get(0).detach().toDoubleArray(), 1e-6, 1e-7,
                "Python's third average of jtorch's two");
    }

    @Test
    void architectureMismatchIsRefused() {
        Sequential model = NET.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AveragedModel<>(model, () -> new Sequential(new Linear(3, 4))));
        assertTrue(e.getMessage().contains("another architecture"), e.getMessage());
    }

    @Test
    void updateBnReadsDataLoaderBatchesAndRestoresTheModel() {
        Torch.manualSeed(6);
        Sequential model = NET.get();
        Tensor x = Torch.randn(20, 3);
        var loader = new DataLoader<>(new TensorDataset(x, Torch.zeros(20)), new DataLoader.Options().batchSize(5));
        model.eval();
        BatchNorm1d bn = (BatchNorm1d) model.get(1);
        SwaUtils.updateBn(loader, model);
        assertEquals(4, bn.numBatchesTracked().itemLong());
        assertEquals(0.1, bn.momentum());
        assertTrue(!model.isTraining(), "training mode restored");
        // momentum None over equal batches: the running mean is the mean of the batch means
        Tensor h;
        try (var g = Torch.noGrad()) {
            h = ((Linear) model.get(0)).forward(x);
        }
        dev.jtorch.testing.Golden.assertClose(h.mean(0, false).toDoubleArray(), bn.runningMean().toDoubleArray(),
                1e-5, 1e-6, "cumulative running mean");
        Sequential noBn = new Sequential(new Linear(3, 2));
        SwaUtils.updateBn(List.of(x), noBn); // nothing to do, as in PyTorch
    }

    @Test
    void swalrChecksItsArgumentsLikePyTorch() {
        SGD opt = new SGD(List.of(new ParamGroup(List.of(new dev.jtorch.nn.Parameter(Torch.ones(1)))),
                new ParamGroup(List.of(new dev.jtorch.nn.Parameter(Torch.ones(1))))), new SGD.Options(0.1));
        assertEquals("anneal_epochs must be equal or greater than 0, got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> new SWALR(opt, new SWALR.Options(0.05).annealEpochs(-1))).getMessage());
        assertEquals("swa_lr must have the same length as optimizer.param_groups: swa_lr has 3, "
                + "optimizer.param_groups has 2", assertThrows(IllegalArgumentException.class,
                        () -> new SWALR(opt, new SWALR.Options(0.1, 0.2, 0.3))).getMessage());
    }

    @Test
    void swalrStateDictRoundTripContinuesInLockStep() {
        SGD a = new SGD(List.of(new dev.jtorch.nn.Parameter(Torch.ones(1))), new SGD.Options(0.1));
        SWALR sa = new SWALR(a, new SWALR.Options(0.01).annealEpochs(6).annealStrategy(SWALR.AnnealStrategy.LINEAR));
        for (int i = 0; i < 3; i++) {
            a.step();
            sa.step();
        }
        SGD b = new SGD(List.of(new dev.jtorch.nn.Parameter(Torch.ones(1))), new SGD.Options(0.1));
        // the strategy is the constructor's: Python's anneal_func entry, a function, is not in jtorch's state dict
        SWALR sb = new SWALR(b, new SWALR.Options(0.5).annealEpochs(1).annealStrategy(SWALR.AnnealStrategy.LINEAR));
        b.loadStateDict(a.stateDict());
        sb.loadStateDict(sa.stateDict());
        assertEquals(6, sb.annealEpochs());
        for (int i = 0; i < 6; i++) {
            a.step();
            sa.step();
            b.step();
            sb.step();
            assertEquals(sa.getLastLr(), sb.getLastLr(), "step " + i);
        }
        assertEquals(List.of(0.01), sb.getLastLr());
    }
}
