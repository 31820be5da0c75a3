package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.functional.AttentionOutput;
import dev.jtorch.nn.functional.F;
import dev.jtorch.testing.Golden;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * MultiheadAttention and the Transformer modules against golden/nn_attention.json
 * (src/test/python/gen_attention_golden.py, PyTorch 1.13): the same seed gives the same initial weights (exactly)
 * under PyTorch's names and order, and the same outputs, attention weights and gradients (float32 tolerance) for
 * self-, key-value- and cross-attention, bool and float masks, batched and unbatched inputs, in train and eval mode,
 * and against PyTorch's eval-mode fast path; reprs, error messages, and a state dict written by torch.save.
 */
class AttentionGoldenTest {
    static final JsonNode ROOT = Golden.load("nn_attention.json");
    /**
     * Outputs and gradients: libtorch 2.10 and PyTorch 1.13 (reference BLAS) round float32 matmuls differently; the
     * largest difference seen is 1.4e-6 (a LayerNorm weight gradient after three encoder layers).
     */
    static final double TOL = 5e-6;

    static long lng(JsonNode o, String key, long dflt) {
        return o.has(key) ? o.get(key).asLong() : dflt;
    }

    static <O extends Transformer.LayerOptions<O>> O layerOptions(JsonNode o, O opts) {
        if (o.has("dim_feedforward")) {
            opts.dimFeedforward(o.get("dim_feedforward").asLong());
        }
        if (o.has("dropout")) {
            opts.dropout(o.get("dropout").asDouble());
        }
        if (o.has("activation")) {
            opts.activation(Transformer.Activation.valueOf(o.get("activation").asText().toUpperCase()));
        }
        if (o.has("layer_norm_eps")) {
            opts.layerNormEps(o.get("layer_norm_eps").asDouble());
        }
        if (o.has("batch_first")) {
            opts.batchFirst(o.get("batch_first").asBoolean());
        }
        if (o.has("norm_first")) {
            opts.normFirst(o.get("norm_first").asBoolean());
        }
        return opts;
    }

    /** Builds the module a golden case describes (Python keyword names). */
    static Module build(JsonNode o) {
        String kind = o.get("kind").asText();
        switch (kind) {
            case "MultiheadAttention": {
                var opts = new MultiheadAttention.Options();
                if (o.has("dropout")) {
                    opts.dropout(o.get("dropout").asDouble());
                }
                if (o.has("bias")) {
                    opts.bias(o.get("bias").asBoolean());
                }
                if (o.has("add_bias_kv")) {
                    opts.addBiasKv(o.get("add_bias_kv").asBoolean());
                }
                if (o.has("add_zero_attn")) {
                    opts.addZeroAttn(o.get("add_zero_attn").asBoolean());
                }
                if (o.has("kdim")) {
                    opts.kdim(o.get("kdim").asLong());
                }
                if (o.has("vdim")) {
                    opts.vdim(o.get("vdim").asLong());
                }
                if (o.has("batch_first")) {
                    opts.batchFirst(o.get("batch_first").asBoolean());
                }
                return new MultiheadAttention(o.get("embed_dim").asLong(), o.get("num_heads").asLong(), opts);
            }
            case "TransformerEncoderLayer":
                return new TransformerEncoderLayer(o.get("d_model").asLong(), o.get("nhead").asLong(),
                        layerOptions(o, new TransformerEncoderLayer.Options()));
            case "TransformerDecoderLayer":
                return new TransformerDecoderLayer(o.get("d_model").asLong(), o.get("nhead").asLong(),
                        layerOptions(o, new TransformerDecoderLayer.Options()));
            case "TransformerEncoder": {
                var layer = new TransformerEncoderLayer(o.get("d_model").asLong(), o.get("nhead").asLong(),
                        layerOptions(o, new TransformerEncoderLayer.Options()));
                LayerNorm norm = o.has("norm") && o.get("norm").asBoolean() ? new LayerNorm(o.get("d_model").asLong())
                        : null;
                return new TransformerEncoder(layer, o.get("num_layers").asLong(), norm);
            }
            case "TransformerDecoder": {
                var layer = new TransformerDecoderLayer(o.get("d_model").asLong(), o.get("nhead").asLong(),
                        layerOptions(o, new TransformerDecoderLayer.Options()));
                LayerNorm norm = o.has("norm") && o.get("norm").asBoolean() ? new LayerNorm(o.get("d_model").asLong())
                        : null;
                return new TransformerDecoder(layer, o.get("num_layers").asLong(), norm);
            }
            case "Transformer": {
                var opts = layerOptions(o, new Transformer.Options());
                opts.dModel(lng(o, "d_model", 512)).nhead(lng(o, "nhead", 8))
                        .numEncoderLayers(lng(o, "num_encoder_layers", 6))
                        .numDecoderLayers(lng(o, "num_decoder_layers", 6));
                return new Transformer(opts);
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** The inputs in the listed order; "same" gives the very same Java tensor. */
    static Map<String, Tensor> draw(JsonNode inputs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode spec : inputs) {
            String name = spec.get(0).asText();
            if (spec.get(1).isTextual()) {
                out.put(name, out.get(spec.get(2).asText()));
            } else {
                out.put(name, Torch.randn(NnGolden.longs(spec.get(1))).requiresGrad_());
            }
        }
        return out;
    }

    static Tensor mask(JsonNode spec) {
        if (spec == null || spec.isNull()) {
            return null;
        }
        String dtype = spec.get("dtype").asText();
        long[] shape = NnGolden.longs(spec.get("shape"));
        JsonNode v = spec.get("values");
        switch (dtype) {
            case "bool": {
                boolean[] b = new boolean[v.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = v.get(i).asBoolean();
                }
                return Torch.tensor(b).reshape(shape);
            }
            case "float": {
                double[] d = new double[v.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = v.get(i).isTextual() ? Double.parseDouble(v.get(i).asText().replace("inf", "Infinity"))
                            : v.get(i).asDouble();
                }
                return Torch.tensor(d, DType.FLOAT32).reshape(shape);
            }
            case "uint8": {
                long[] l = new long[v.size()];
                for (int i = 0; i < l.length; i++) {
                    l[i] = v.get(i).asLong();
                }
                return Torch.tensor(l, DType.UINT8).reshape(shape);
            }
            default:
                throw new IllegalArgumentException(dtype);
        }
    }

    static List<Tensor> run(Module m, Map<String, Tensor> x, JsonNode masks, JsonNode call) {
        Map<String, Tensor> mk = new HashMap<>();
        masks.fields().forEachRemaining(e -> mk.put(e.getKey(), mask(e.getValue())));
        if (m instanceof MultiheadAttention mha) {
            boolean need = !call.has("need_weights") || call.get("need_weights").asBoolean();
            boolean avg = !call.has("average_attn_weights") || call.get("average_attn_weights").asBoolean();
            AttentionOutput r = mha.forward(x.get("query"), x.get("key"), x.get("value"),
                    mk.get("key_padding_mask"), need, mk.get("attn_mask"), avg);
            if (!need) {
                assertNull(r.attnWeights(), "need_weights=False gives no weights");
                return List.of(r.attnOutput());
            }
            return List.of(r.attnOutput(), r.attnWeights());
        }
        if (m instanceof TransformerEncoderLayer l) {
            return List.of(l.forward(x.get("src"), mk.get("src_mask"), mk.get("src_key_padding_mask")));
        }
        if (m instanceof TransformerEncoder e) {
            return List.of(e.forward(x.get("src"), mk.get("mask"), mk.get("src_key_padding_mask")));
        }
        if (m instanceof TransformerDecoderLayer l) {
            return List.of(l.forward(x.get("tgt"), x.get("memory"), mk.get("tgt_mask"), mk.get("memory_mask"),
                    mk.get("tgt_key_padding_mask"), mk.get("memory_key_padding_mask")));
        }
        if (m instanceof TransformerDecoder d) {
            return List.of(d.forward(x.get("tgt"), x.get("memory"), mk.get("tgt_mask"), mk.get("memory_mask"),
                    mk.get("tgt_key_padding_mask"), mk.get("memory_key_padding_mask")));
        }
        Transformer t = (Transformer) m;
        return List.of(t.forward(x.get("src"), x.get("tgt"), mk.get("src_mask"), mk.get("tgt_mask"),
                mk.get("memory_mask"), mk.get("src_key_padding_mask"), mk.get("tgt_key_padding_mask"),
                mk.get("memory_key_padding_mask")));
    }

    @TestFactory
    Stream<DynamicTest> multiheadAttentionMatchesPyTorch() {
        return cases("mha");
    }

    @TestFactory
    Stream<DynamicTest> transformerModulesMatchPyTorch() {
        return cases("transformer");
    }

    private static Stream<DynamicTest> cases(String key) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get(key)) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        String mode = c.get("mode").asText();
        try (TensorScope s = new TensorScope(name)) {
            Torch.manualSeed(c.get("seed").asLong());
            Module m = build(c.get("options"));
            assertEquals(c.get("repr").asText(), m.toString(), name + ": repr");
            NnGolden.assertNamed(c.get("init"), m.stateDict(), 0, name + " init");
            m.train(mode.equals("train"));
            Map<String, Tensor> x = draw(c.get("inputs"));
            JsonNode want = c.get("results");
            if (mode.equals("fast")) {
                List<Tensor> results;
                try (var g = Torch.noGrad()) {
                    results = run(m, x, c.get("masks"), c.get("call"));
                }
                assertEquals(want.size(), results.size(), name + ": results");
                for (int i = 0; i < results.size(); i++) {
                    NnGolden.assertTensor(want.get(i), results.get(i), TOL, name + " result " + i);
                }
                return;
            }
            List<Tensor> results = run(m, x, c.get("masks"), c.get("call"));
            assertEquals(want.size(), results.size(), name + ": results");
            Tensor loss = null;
            for (int i = 0; i < results.size(); i++) {
                NnGolden.assertTensor(want.get(i), results.get(i), TOL, name + " result " + i);
                loss = loss == null ? results.get(i).sum() : loss.add(results.get(i).sum());
            }
            loss.backward();
            NnGolden.assertNamed(c.get("grads"), NnGolden.grads(m), TOL, name + " grad");
            for (JsonNode g : c.get("input_grads")) {
                String in = g.get("name").asText();
                NnGolden.assertTensor(g, x.get(in).grad(), TOL, name + " grad of " + in);
            }
        }
    }

    @Test
    void reprsStateDictKeysAndShapesArePyTorchs() {
        for (JsonNode r : ROOT.get("reprs")) {
            try (TensorScope s = new TensorScope("reprs")) {
                Torch.manualSeed(0);
                Module m = build(r.get("options"));
                assertEquals(r.get("repr").asText(), m.toString());
                List<String> keys = new ArrayList<>();
                r.get("keys").forEach(k -> keys.add(k.asText()));
                StateDict sd = m.stateDict();
                assertEquals(keys, new ArrayList<>(sd.keySet()), r.get("options").toString());
                int i = 0;
                for (Tensor t : sd.values()) {
                    assertEquals(r.get("shapes").get(i).toString(), t.shape().toString().replace("torch.Size(", "")
                            .replace(")", "").replace(" ", ""), "shape of " + keys.get(i));
                    i++;
                }
            }
        }
    }

    @Test
    void encoderLayersAreDeepCopiesSharingTheFirstValues() {
        try (TensorScope s = new TensorScope("copies")) {
            Torch.manualSeed(3);
            var layer = new TransformerEncoderLayer(8, 2, new TransformerEncoderLayer.Options().dimFeedforward(16));
            Tensor before = Torch.getRngState();
            var enc = new TransformerEncoder(layer, 3);
            assertTrue(before.equal(Torch.getRngState()), "copying draws nothing from the generator");
            Parameter w0 = ((TransformerEncoderLayer) enc.layers.get(0)).linear1.weight;
            Parameter w1 = ((TransformerEncoderLayer) enc.layers.get(1)).linear1.weight;
            assertNotSame(w0, w1);
            assertTrue(w0.equal(w1) && w0.equal(layer.linear1.weight));
            try (var g = Torch.noGrad()) {
                w0.add_(1.0);
            }
            assertTrue(w1.equal(layer.linear1.weight), "the copies do not share storage");
            assertEquals(3 * 12, enc.parameters().size(), "12 parameters per layer, the original layer not among them");
        }
    }

    @Test
    void squareSubsequentMaskIsPyTorchs() {
        try (TensorScope s = new TensorScope("mask")) {
            NnGolden.assertTensor(ROOT.get("square_subsequent_mask"), Transformer.generateSquareSubsequentMask(4), 0,
                    "mask");
        }
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
            MultiheadAttention mha = new MultiheadAttention(8, 2);
            MultiheadAttention sep = new MultiheadAttention(8, 2, new MultiheadAttention.Options().kdim(5).vdim(6));
            Tensor q = Torch.randn(3, 2, 8);
            Tensor k = Torch.randn(4, 2, 8);
            Transformer t = new Transformer(new Transformer.Options().dModel(8).nhead(2).numEncoderLayers(1)
                    .numDecoderLayers(1).dimFeedforward(16));
            TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 2,
                    new TransformerEncoderLayer.Options().dimFeedforward(16));
            Tensor noBool4 = Torch.zeros(new long[] {4}, DType.BOOL);
            assertMessage("embed_dim_divisible", IllegalArgumentException.class, () -> new MultiheadAttention(5, 2));
            assertMessage("query_dims", TorchException.class, () -> mha.forward(Torch.randn(1, 3, 2, 8), k, k));
            assertMessage("batched_key_dims", TorchException.class, () -> mha.forward(q, Torch.randn(4, 8),
                    Torch.randn(4, 8)));
            assertMessage("unbatched_key_dims", TorchException.class, () -> mha.forward(Torch.randn(3, 8), k, k));
            assertMessage("batched_kpm_dims", TorchException.class, () -> mha.forward(q, k, k, noBool4, null));
            assertMessage("unbatched_kpm_dims", TorchException.class, () -> mha.forward(Torch.randn(3, 8),
                    Torch.randn(4, 8), Torch.randn(4, 8), Torch.zeros(new long[] {2, 4}, DType.BOOL), null));
            assertMessage("batched_mask_dims", TorchException.class, () -> mha.forward(q, k, k, null, noBool4));
            assertMessage("unbatched_3d_mask_shape", TorchException.class, () -> mha.forward(Torch.randn(3, 8),
                    Torch.randn(4, 8), Torch.randn(4, 8), null, Torch.zeros(new long[] {2, 3, 3}, DType.BOOL)));
            assertMessage("embed_dim_check", TorchException.class, () -> mha.forward(Torch.randn(3, 2, 6),
                    Torch.randn(4, 2, 6), Torch.randn(4, 2, 6)));
            assertMessage("key_value_shape", TorchException.class, () -> mha.forward(q, k, Torch.randn(5, 2, 8)));
            assertMessage("separate_key_value_shape", TorchException.class, () -> sep.forward(q, Torch.randn(4, 2, 5),
                    Torch.randn(5, 2, 6)));
            assertMessage("mask_2d_shape", TorchException.class, () -> mha.forward(q, k, k, null,
                    Torch.zeros(new long[] {3, 3}, DType.BOOL)));
            assertMessage("mask_3d_shape", TorchException.class, () -> mha.forward(q, k, k, null,
                    Torch.zeros(new long[] {2, 3, 4}, DType.BOOL)));
            assertMessage("mask_dtype", TorchException.class, () -> mha.forward(q, k, k, null,
                    Torch.zeros(new long[] {3, 4}, DType.INT64)));
            assertMessage("kpm_dtype", TorchException.class, () -> mha.forward(q, k, k,
                    Torch.zeros(new long[] {2, 4}, DType.INT64), null));
            assertMessage("kpm_shape", TorchException.class, () -> mha.forward(q, k, k,
                    Torch.zeros(new long[] {2, 3}, DType.BOOL), null));
            assertMessage("enc_kpm_dtype", TorchException.class, () -> enc.forward(k, null,
                    Torch.zeros(new long[] {2, 4}, DType.INT32)));
            assertMessage("transformer_batch", TorchException.class, () -> t.forward(Torch.randn(4, 2, 8),
                    Torch.randn(3, 3, 8)));
            assertMessage("transformer_features", TorchException.class, () -> t.forward(Torch.randn(4, 2, 8),
                    Torch.randn(3, 2, 6)));
        }
    }

    @Test
    void byteAttnMaskWarnsAsPyTorch() {
        try (TensorScope s = new TensorScope("byte mask")) {
            MultiheadAttention mha = new MultiheadAttention(8, 2);
            Tensor q = Torch.randn(3, 2, 8);
            Tensor k = Torch.randn(4, 2, 8);
            List<String> seen = new ArrayList<>();
            for (dev.jtorch.Warnings.Warning w : dev.jtorch.Warnings.capture(() -> mha.forward(q, k, k, null,
                    Torch.zeros(new long[] {3, 4}, DType.UINT8)))) {
                seen.add(w.message());
            }
            assertEquals(List.of(ROOT.get("errors").get("byte_mask_warning").asText()), seen);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateDictsSavedByPythonLoadStrictlyAndGiveTheSameOutputs() throws URISyntaxException {
        JsonNode g = ROOT.get("checkpoint");
        Path file = Path.of(AttentionGoldenTest.class.getResource("/golden/" + g.get("file").asText()).toURI());
        try (TensorScope s = new TensorScope("checkpoint")) {
            Map<String, Object> saved = (Map<String, Object>) Torch.load(file);
            Transformer t = new Transformer(new Transformer.Options().dModel(8).nhead(2).numEncoderLayers(2)
                    .numDecoderLayers(1).dimFeedforward(16).dropout(0.0).batchFirst(true));
            MultiheadAttention mha = new MultiheadAttention(8, 2, new MultiheadAttention.Options().kdim(5).vdim(6)
                    .addBiasKv(true));
            Map<String, Tensor> tsd = (Map<String, Tensor>) saved.get("transformer");
            Map<String, Tensor> msd = (Map<String, Tensor>) saved.get("mha");
            List<String> tk = new ArrayList<>();
            g.get("transformer_keys").forEach(k -> tk.add(k.asText()));
            List<String> mk = new ArrayList<>();
            g.get("mha_keys").forEach(k -> mk.add(k.asText()));
            assertEquals(tk, new ArrayList<>(t.stateDict().keySet()));
            assertEquals(mk, new ArrayList<>(mha.stateDict().keySet()));
            assertEquals("<All keys matched successfully>", t.loadStateDict(tsd, true).toString());
            assertEquals("<All keys matched successfully>", mha.loadStateDict(msd, true).toString());
            t.eval();
            mha.eval();
            Torch.manualSeed(g.get("input_seed").asLong());
            Tensor src = Torch.randn(2, 4, 8);
            Tensor tgt = Torch.randn(2, 3, 8);
            Tensor q = Torch.randn(3, 2, 8);
            Tensor k = Torch.randn(4, 2, 5);
            Tensor v = Torch.randn(4, 2, 6);
            Tensor out = t.forward(src, tgt, null, Transformer.generateSquareSubsequentMask(3), null, null, null, null);
            NnGolden.assertTensor(g.get("transformer_output"), out, TOL, "transformer output");
            AttentionOutput r = mha.forward(q, k, v);
            NnGolden.assertTensor(g.get("mha_output"), r.attnOutput(), TOL, "mha output");
            NnGolden.assertTensor(g.get("mha_weights"), r.attnWeights(), TOL, "mha weights");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateDictSavedByJtorchLoadsStrictlyIntoAFreshTransformer(@org.junit.jupiter.api.io.TempDir Path dir) {
        try (TensorScope s = new TensorScope("round trip")) {
            Transformer.Options o = new Transformer.Options().dModel(8).nhead(2).numEncoderLayers(1)
                    .numDecoderLayers(2).dimFeedforward(16).dropout(0.0);
            Torch.manualSeed(1);
            Transformer a = new Transformer(o);
            Torch.manualSeed(2);
            Transformer b = new Transformer(o);
            Path file = dir.resolve("transformer.pth");
            Torch.save(a.stateDict(), file);
            Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(file);
            assertEquals("<All keys matched successfully>", b.loadStateDict(sd, true).toString());
            Tensor src = Torch.randn(4, 2, 8);
            Tensor tgt = Torch.randn(3, 2, 8);
            assertTrue(a.forward(src, tgt).equal(b.forward(src, tgt)));
        }
    }

    @Test
    void functionalFormGivesTheModulesResult() {
        try (TensorScope s = new TensorScope("functional")) {
            Torch.manualSeed(5);
            MultiheadAttention mha = new MultiheadAttention(8, 2);
            Tensor x = Torch.randn(3, 2, 8);
            AttentionOutput a = mha.forward(x, x, x);
            AttentionOutput b = F.multiHeadAttentionForward(x, x, x, 8, 2, mha.inProjWeight,
                    mha.inProjBias, null, null, false, 0.0, mha.outProj.weight, mha.outProj.bias, true, null, true,
                    null, false, null, null, null, null, null, true);
            assertTrue(a.attnOutput().equal(b.attnOutput()));
            assertTrue(a.attnWeights().equal(b.attnWeights()));
        }
    }
}
