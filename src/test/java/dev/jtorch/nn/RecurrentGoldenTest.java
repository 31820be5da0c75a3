package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import dev.jtorch.nn.utils.rnn.Rnn;
import dev.jtorch.optim.Adam;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * RNN, LSTM, GRU and the cells against golden/nn_rnn.json (src/test/python/gen_rnn_golden.py, PyTorch 1.13): same
 * seed gives the same initial weights (exactly) under PyTorch's parameter names and order, and the same outputs,
 * final states and gradients (float32 tolerance) for every option combination, padded and packed.
 */
class RecurrentGoldenTest {
    static final JsonNode ROOT = Golden.load("nn_rnn.json");
    /** Outputs and gradients: libtorch 2.10 and PyTorch 1.13 may round float32 matmuls differently. */
    static final double TOL = 2e-5;

    /** Builds the module a golden case describes (Python keyword names). */
    static Module build(JsonNode o) {
        String kind = o.get("kind").asText();
        long in = o.get("input_size").asLong();
        long hid = o.get("hidden_size").asLong();
        boolean bias = !o.has("bias") || o.get("bias").asBoolean();
        boolean relu = o.has("nonlinearity") && o.get("nonlinearity").asText().equals("relu");
        switch (kind) {
            case "RNNCell":
                return new RNNCell(in, hid, bias, relu ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH);
            case "LSTMCell":
                return new LSTMCell(in, hid, bias);
            case "GRUCell":
                return new GRUCell(in, hid, bias);
            default:
                break;
        }
        RNNBase.Options<?> opts = switch (kind) {
            case "RNN" -> new RNN.Options().nonlinearity(relu ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH);
            case "LSTM" -> new LSTM.Options().projSize(o.has("proj_size") ? o.get("proj_size").asLong() : 0);
            case "GRU" -> new GRU.Options();
            default -> throw new IllegalArgumentException(kind);
        };
        opts.bias(bias);
        if (o.has("num_layers")) {
            opts.numLayers(o.get("num_layers").asLong());
        }
        if (o.has("batch_first")) {
            opts.batchFirst(o.get("batch_first").asBoolean());
        }
        if (o.has("dropout")) {
            opts.dropout(o.get("dropout").asDouble());
        }
        if (o.has("bidirectional")) {
            opts.bidirectional(o.get("bidirectional").asBoolean());
        }
        return switch (kind) {
            case "RNN" -> new RNN(in, hid, (RNN.Options) opts);
            case "LSTM" -> new LSTM(in, hid, (LSTM.Options) opts);
            default -> new GRU(in, hid, (GRU.Options) opts);
        };
    }

    static Map<String, Tensor> grads(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().grad());
        }
        return out;
    }

    static Tensor randnLike(JsonNode golden) {
        return Torch.randn(Golden.shape(golden));
    }

    @TestFactory
    Stream<DynamicTest> modulesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("modules")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkModule(c)));
        }
        return tests.stream();
    }

    private static void checkModule(JsonNode c) {
        String name = c.get("name").asText();
        try (TensorScope s = new TensorScope(name)) {
            Torch.manualSeed(c.get("seed").asLong());
            Module m = build(c.get("options"));
            assertEquals(c.get("repr").asText(), m.toString(), name + ": repr");
            NnGolden.assertNamed(c.get("init"), m.stateDict(), 0, name + " init");
            m.train(c.get("train").asBoolean());
            Tensor x = Torch.randn(Golden.shape(c.get("input"))).requiresGrad_();
            NnGolden.assertTensor(c.get("input"), x, 0, name + " input");
            Tensor h0 = null;
            Tensor c0 = null;
            if (c.get("hx").asBoolean()) {
                h0 = randnLike(c.get("h0"));
                if (!c.get("c0").isNull()) {
                    c0 = randnLike(c.get("c0"));
                }
            }
            List<Tensor> results = new ArrayList<>();
            if (m instanceof LSTM lstm) {
                LSTM.Output r = lstm.forward(x, h0, c0);
                results.addAll(List.of(r.output(), r.hN(), r.cN()));
            } else if (m instanceof RNN rnn) {
                RNN.Output r = rnn.forward(x, h0);
                results.addAll(List.of(r.output(), r.hN()));
            } else if (m instanceof GRU gru) {
                GRU.Output r = gru.forward(x, h0);
                results.addAll(List.of(r.output(), r.hN()));
            } else if (m instanceof LSTMCell cell) {
                LSTMCell.Output r = cell.forward(x, h0, c0);
                results.addAll(List.of(r.h1(), r.c1()));
            } else if (m instanceof RNNCell cell) {
                results.add(cell.forward(x, h0));
            } else {
                results.add(((GRUCell) m).forward(x, h0));
            }
            JsonNode want = c.get("results");
            assertEquals(want.size(), results.size(), name + ": results");
            Tensor loss = null;
            for (int i = 0; i < results.size(); i++) {
                NnGolden.assertTensor(want.get(i), results.get(i), TOL, name + " result " + i);
                loss = loss == null ? results.get(i).sum() : loss.add(results.get(i).sum());
            }
            loss.backward();
            NnGolden.assertNamed(c.get("grads"), grads(m), TOL, name + " grad");
            NnGolden.assertTensor(c.get("input_grad"), x.grad(), TOL, name + " input grad");
        }
    }

    @TestFactory
    Stream<DynamicTest> packedInputsMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("packed")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkPacked(c)));
        }
        return tests.stream();
    }

    private static void checkPacked(JsonNode c) {
        String name = c.get("name").asText();
        try (TensorScope s = new TensorScope(name)) {
            Torch.manualSeed(c.get("seed").asLong());
            RNNBase m = (RNNBase) build(c.get("options"));
            Tensor x = Torch.randn(NnGolden.longs(c.get("input_shape"))).requiresGrad_();
            long[] lengths = NnGolden.longs(c.get("lengths"));
            Tensor h0 = null;
            Tensor c0 = null;
            if (c.get("hx").asBoolean()) {
                long d = m.bidirectional() ? 2 : 1;
                long hout = m.projSize() > 0 ? m.projSize() : m.hiddenSize();
                h0 = Torch.randn(m.numLayers() * d, lengths.length, hout);
                if (m instanceof LSTM) {
                    c0 = Torch.randn(m.numLayers() * d, lengths.length, m.hiddenSize());
                }
            }
            PackedSequence packed = Rnn.packPaddedSequence(x, lengths, m.batchFirst(),
                    c.get("enforce_sorted").asBoolean());
            PackedSequence out;
            List<Tensor> states = new ArrayList<>();
            if (m instanceof LSTM lstm) {
                LSTM.PackedOutput r = lstm.forward(packed, h0, c0);
                out = r.output();
                states.addAll(List.of(r.hN(), r.cN()));
            } else if (m instanceof GRU gru) {
                GRU.PackedOutput r = gru.forward(packed, h0);
                out = r.output();
                states.add(r.hN());
            } else {
                RNN.PackedOutput r = ((RNN) m).forward(packed, h0);
                out = r.output();
                states.add(r.hN());
            }
            NnGolden.assertTensor(c.get("packed_data"), out.data(), TOL, name + " packed data");
            NnGolden.assertTensor(c.get("batch_sizes"), out.batchSizes(), 0, name + " batch sizes");
            assertIndices(c.get("sorted_indices"), out.sortedIndices(), name + " sorted indices");
            assertIndices(c.get("unsorted_indices"), out.unsortedIndices(), name + " unsorted indices");
            for (int i = 0; i < states.size(); i++) {
                NnGolden.assertTensor(c.get("states").get(i), states.get(i), TOL, name + " state " + i);
            }
            Rnn.Padded padded = Rnn.padPackedSequence(out, m.batchFirst());
            NnGolden.assertTensor(c.get("padded"), padded.output(), TOL, name + " padded");
            NnGolden.assertTensor(c.get("padded_lengths"), padded.lengths(), 0, name + " padded lengths");
            Tensor loss = padded.output().sum();
            for (Tensor st : states) {
                loss = loss.add(st.sum());
            }
            loss.backward();
            NnGolden.assertNamed(c.get("grads"), grads(m), TOL, name + " grad");
            NnGolden.assertTensor(c.get("input_grad"), x.grad(), TOL, name + " input grad");
        }
    }

    static void assertIndices(JsonNode expected, Tensor actual, String what) {
        if (expected.isNull()) {
            assertEquals(null, actual, what);
        } else {
            NnGolden.assertTensor(expected, actual, 0, what);
        }
    }

    @Test
    void reprsStateDictKeysAndShapesArePyTorchs() {
        for (JsonNode r : ROOT.get("reprs")) {
            if (r.get("options").isNull()) {
                Sequential seq = new Sequential(new LSTM(10, 20, new LSTM.Options().numLayers(2).batchFirst(true)),
                        new Linear(20, 2));
                assertEquals(r.get("repr").asText(), seq.toString());
                continue;
            }
            Module m = build(r.get("options"));
            assertEquals(r.get("repr").asText(), m.toString());
            List<String> keys = new ArrayList<>();
            r.get("keys").forEach(k -> keys.add(k.asText()));
            assertEquals(keys, new ArrayList<>(m.stateDict().keySet()), r.get("repr").asText());
            int i = 0;
            for (Tensor t : m.stateDict().values()) {
                assertEquals(List.of(toObjects(NnGolden.longs(r.get("shapes").get(i++)))),
                        List.of(toObjects(t.shape().toArray())), "shape of " + keys.get(i - 1));
            }
        }
    }

    private static Long[] toObjects(long[] a) {
        Long[] o = new Long[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }

    private static String message(String key) {
        return Golden.errorMessage(ROOT.get("errors"), key);
    }

    private static void assertMessage(String key, Class<? extends Throwable> type, Executable f) {
        Golden.assertError(ROOT.get("errors"), key, type, f);
    }

    @Test
    void errorsArePyTorchs() {
        try (TensorScope s = new TensorScope("errors")) {
            LSTM lstm = new LSTM(10, 20, new LSTM.Options().numLayers(2));
            assertMessage("input_size", TorchException.class, () -> lstm.forward(Torch.randn(5, 3, 7)));
            assertMessage("hidden0", TorchException.class, () -> lstm.forward(Torch.randn(5, 3, 10),
                    Torch.randn(1, 3, 20), Torch.randn(2, 3, 20)));
            assertMessage("hidden1", TorchException.class, () -> lstm.forward(Torch.randn(5, 3, 10),
                    Torch.randn(2, 3, 20), Torch.randn(2, 4, 20)));
            assertMessage("lstm_hx_dims", TorchException.class, () -> lstm.forward(Torch.randn(5, 3, 10),
                    Torch.randn(2, 20), Torch.randn(2, 20)));
            assertMessage("lstm_unbatched_hx_dims", TorchException.class, () -> lstm.forward(Torch.randn(5, 10),
                    Torch.randn(2, 1, 20), Torch.randn(2, 20)));
            assertMessage("input_dims", TorchException.class, () -> lstm.forward(Torch.randn(2, 3, 4, 10)));
            assertMessage("gru_hidden", TorchException.class, () -> new GRU(4, 5).forward(Torch.randn(2, 3, 4),
                    Torch.randn(1, 2, 5)));
            assertMessage("rnn_hx_dims", TorchException.class, () -> new RNN(4, 5).forward(Torch.randn(2, 3, 4),
                    Torch.randn(3, 5)));
            assertMessage("rnn_unbatched_hx_dims", TorchException.class, () -> new RNN(4, 5).forward(
                    Torch.randn(2, 4), Torch.randn(1, 1, 5)));
            assertMessage("dropout_range", IllegalArgumentException.class, () -> new LSTM(3, 4,
                    new LSTM.Options().dropout(1.5)));
            assertMessage("proj_negative", IllegalArgumentException.class, () -> new LSTM(3, 4,
                    new LSTM.Options().projSize(-1)));
            assertMessage("proj_too_big", IllegalArgumentException.class, () -> new LSTM(3, 4,
                    new LSTM.Options().projSize(4)));
            assertMessage("cell_dims", IllegalArgumentException.class, () -> new LSTMCell(3, 4).forward(
                    Torch.randn(2, 3, 3)));
            Throwable t = assertThrows(TorchException.class, () -> new GRUCell(3, 4).forward(Torch.randn(2, 5)));
            assertTrue(t.getMessage().startsWith(message("cell_input_size")), t.getMessage());
        }
    }

    @Test
    void dropoutWithOneLayerWarnsAsPyTorch() {
        List<String> seen = new ArrayList<>();
        for (dev.jtorch.Warnings.Warning w : dev.jtorch.Warnings.capture(() -> new GRU(3, 4,
                new GRU.Options().dropout(0.2)))) {
            seen.add(w.message());
        }
        assertEquals(List.of(ROOT.get("errors").get("dropout_warning").asText()), seen);
    }

    @Test
    void adamStepsOfAnLstmClassifierGivePythonsLosses() {
        JsonNode g = ROOT.get("training");
        try (TensorScope s = new TensorScope("training")) {
            Torch.manualSeed(g.get("seed").asLong());
            LSTM lstm = new LSTM(4, 8, new LSTM.Options().batchFirst(true));
            Linear head = new Linear(8, 3);
            Tensor x = Torch.randn(16, 5, 4);
            Tensor y = Torch.randint(0, 3, 16);
            List<Parameter> params = new ArrayList<>(lstm.parameters());
            params.addAll(head.parameters());
            Adam opt = new Adam(params, new Adam.Options(0.01));
            double[] losses = new double[g.get("losses").size()];
            for (int i = 0; i < losses.length; i++) {
                try (TensorScope step = new TensorScope("step")) {
                    opt.zeroGrad();
                    Tensor hN = lstm.forward(x, null, null).hN();
                    Tensor loss = F.crossEntropy(head.forward(hN.select(0, -1)), y);
                    loss.backward();
                    opt.step();
                    losses[i] = loss.item();
                }
            }
            double[] want = new double[losses.length];
            for (int i = 0; i < want.length; i++) {
                want[i] = g.get("losses").get(i).asDouble();
            }
            Golden.assertClose(want, losses, 1e-5, 1e-6, "losses");
            NnGolden.assertTensor(g.get("final_weight_hh_l0"), lstm.parameterMap().get("weight_hh_l0"), 1e-4,
                    "weight_hh_l0 after training");
        }
    }
}
