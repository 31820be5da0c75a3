package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.testing.Python;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the recurrent modules beyond the golden numbers: state dicts both ways, dtypes, lifetimes. */
class RecurrentTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> goldenState(JsonNode list) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode c : list) {
            out.put(c.get("name").asText(), dev.jtorch.testing.Golden.tensor(c));
        }
        return out;
    }

    private static JsonNode moduleCase(String name) {
        for (JsonNode c : RecurrentGoldenTest.ROOT.get("modules")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void aPythonStateDictLoadsStrictlyAndGivesPythonsOutputs() {
        JsonNode c = moduleCase("lstm_bidir_2l");
        try (TensorScope s = new TensorScope("load")) {
            Torch.manualSeed(12345);
            LSTM lstm = (LSTM) RecurrentGoldenTest.build(c.get("options"));
            assertEquals("<All keys matched successfully>",
                    lstm.loadStateDict(goldenState(c.get("init"))).toString());
            Tensor x = dev.jtorch.testing.Golden.tensor(c.get("input"));
            LSTM.Output r = lstm.forward(x, dev.jtorch.testing.Golden.tensor(c.get("h0")),
                    dev.jtorch.testing.Golden.tensor(c.get("c0")));
            NnGolden.assertTensor(c.get("results").get(0), r.output(), RecurrentGoldenTest.TOL, "output");
            NnGolden.assertTensor(c.get("results").get(2), r.cN(), RecurrentGoldenTest.TOL, "c_n");

            Map<String, Tensor> missing = goldenState(c.get("init"));
            missing.remove("bias_hh_l1_reverse");
            TorchException e = assertThrows(TorchException.class, () -> lstm.loadStateDict(missing));
            assertTrue(e.getMessage().contains("Missing key(s) in state_dict: \"bias_hh_l1_reverse\"."),
                    e.getMessage());
        }
    }

    @Test
    void flatWeightsFollowPyTorchsOrderWithProjections() {
        LSTM lstm = new LSTM(3, 5, new LSTM.Options().projSize(2).bidirectional(true));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_hr_l0_reverse"), lstm.flatWeightsNames());
        // weight_hr is (proj_size, hidden_size)
        assertEquals(List.of(2L, 5L), List.of(lstm.allWeights().get(1).get(4).size(0),
                lstm.allWeights().get(1).get(4).size(1)));
    }

    @Test
    void forwardOfOneTensorIsTheOutputAndDoubleModulesRunInDouble() {
        try (TensorScope s = new TensorScope("double")) {
            Torch.manualSeed(3);
            GRU gru = new GRU(4, 3, new GRU.Options().numLayers(2));
            Tensor x = Torch.randn(5, 2, 4);
            assertTrue(gru.forward(x).equal(gru.forward(x, null).output()));
            gru.to(DType.FLOAT64);
            GRU.Output r = gru.forward(x.toDouble(), null);
            assertEquals(DType.FLOAT64, r.output().dtype());
            assertEquals(DType.FLOAT64, r.hN().dtype());
            assertEquals(List.of(2L, 2L, 3L), List.of(r.hN().size(0), r.hN().size(1), r.hN().size(2)));
        }
    }

    @Test
    void aReleasedInputIsAJavaException() {
        LSTM lstm = new LSTM(4, 3);
        Tensor x;
        try (TensorScope s = new TensorScope("short")) {
            x = Torch.randn(2, 1, 4);
        }
        Tensor released = x;
        assertThrows(IllegalStateException.class, () -> lstm.forward(released));
        LSTMCell cell = new LSTMCell(4, 3);
        assertTrue(released.isReleased());
        assertThrows(IllegalStateException.class, () -> cell.forward(released));
        assertThrows(IllegalStateException.class, () -> new GRU(4, 3).forward(released, null));
    }

    @Test
    void halfGivenInitialStatesAreRejected() {
        try (TensorScope s = new TensorScope("pair")) {
            LSTM lstm = new LSTM(4, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lstm.forward(Torch.randn(2, 1, 4), Torch.zeros(1, 1, 3), null));
            assertTrue(e.getMessage().contains("h_0 and c_0"), e.getMessage());
        }
    }

    @Tag("python")
    @Test
    void aJtorchStateDictLoadsStrictlyInPythonAndGivesTheSameOutput() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed");
        Path f = dir.resolve("lstm.pt");
        double javaSum;
        try (TensorScope s = new TensorScope("save")) {
            Torch.manualSeed(21);
            LSTM lstm = new LSTM(3, 6, new LSTM.Options().numLayers(2).projSize(2).bidirectional(true)
                    .batchFirst(true));
            Torch.save(lstm.stateDict(), f);
            Torch.manualSeed(5);
            Tensor x = Torch.randn(2, 4, 3);
            javaSum = lstm.forward(x, null, null).output().sum().item();
        }
        Python.Result r = Python.runCode(String.join("\n",
                "import sys, torch",
                "m = torch.nn.LSTM(3, 6, num_layers=2, proj_size=2, bidirectional=True, batch_first=True)",
                "print(m.load_state_dict(torch.load(sys.argv[1]), strict=True))",
                "torch.manual_seed(5)",
                "print(repr(m(torch.randn(2, 4, 3))[0].sum().item()))"), f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        assertEquals("<All keys matched successfully>", lines[0]);
        assertEquals(Double.parseDouble(lines[1]), javaSum, 1e-5);
    }

    @Tag("python")
    @Test
    void aPythonSavedGruStateDictLoadsIntoJtorch() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed");
        Path f = dir.resolve("gru.pt");
        Python.Result r = Python.runCode(String.join("\n",
                "import sys, torch",
                "torch.manual_seed(8)",
                "m = torch.nn.GRU(3, 4, bidirectional=True)",
                "torch.save(m.state_dict(), sys.argv[1])",
                "torch.manual_seed(9)",
                "print(repr(m(torch.randn(5, 2, 3))[1].sum().item()))"), f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        try (TensorScope s = new TensorScope("load")) {
            GRU gru = new GRU(3, 4, new GRU.Options().bidirectional(true));
            @SuppressWarnings("unchecked")
            Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(f);
            assertEquals("<All keys matched successfully>", gru.loadStateDict(sd).toString());
            Torch.manualSeed(9);
            double hSum = gru.forward(Torch.randn(5, 2, 3), null).hN().sum().item();
            assertEquals(Double.parseDouble(r.stdout().strip()), hSum, 1e-5);
        }
    }
}
