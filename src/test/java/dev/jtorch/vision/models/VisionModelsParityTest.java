package dev.jtorch.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.testing.Golden;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models against torchvision 0.14 ({@code gen_vision_models_golden.py} wrote {@code vision_models.json} and
 * {@code vision_mobilenet_v2_small.pth}): reprs, state-dict keys, initial weights for a seed, outputs in train and
 * eval mode, and a state dict saved by torchvision loaded strictly.
 */
class VisionModelsParityTest {
    static final JsonNode GOLDEN = Golden.load("vision_models.json");

    /** The Java builder for a torchvision builder name, taking {@code num_classes}. */
    static LongFunction<Module> builder(String name) {
        return switch (name) {
            case "resnet18" -> Models::resnet18;
            case "resnet34" -> Models::resnet34;
            case "resnet50" -> Models::resnet50;
            case "mobilenet_v2" -> Models::mobilenetV2;
            case "vgg11" -> Models::vgg11;
            case "vgg11_bn" -> Models::vgg11Bn;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode m : GOLDEN.get("models")) {
            out.add(Arguments.of(m.get("name").asText(), m));
        }
        return out.stream();
    }

    static Stream<Arguments> outputs() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode m : GOLDEN.get("outputs")) {
            out.add(Arguments.of(m.get("name").asText(), m));
        }
        return out.stream();
    }

    /** The float64 sum and sum of squares of a tensor, a million elements at a time (VGG's 100M-weight layer). */
    static double[] sums(Tensor t) {
        Tensor flat = t.reshape(-1);
        long n = flat.numel();
        double sum = 0;
        double sq = 0;
        for (long start = 0; start < n; start += 1 << 20) {
            try (TensorScope s = new TensorScope("chunk")) {
                Tensor d = flat.narrow(0, start, Math.min(1 << 20, n - start)).to(DType.FLOAT64);
                sum += d.sum().item();
                sq += d.mul(d).sum().item();
            }
        }
        return new double[] {sum, sq};
    }

    static double sum(Tensor t) {
        return sums(t)[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reprKeysAndInitialWeightsMatchTorchvisionForTheSameSeed(String name, JsonNode g) {
        try (TensorScope s = new TensorScope("test")) {
            Torch.manualSeed(g.get("seed").asLong());
            Module model = builder(name).apply(1000);
            assertEquals(g.get("repr").asText(), model.toString());
            long numParams = model.parameters().stream().mapToLong(Tensor::numel).sum();
            assertEquals(g.get("num_parameters").asLong(), numParams);
            Map<String, Tensor> sd = model.stateDict();
            List<String> keys = new ArrayList<>(sd.keySet());
            JsonNode gk = g.get("keys");
            assertEquals(gk.size(), keys.size(), "number of state-dict keys");
            for (int i = 0; i < gk.size(); i++) {
                JsonNode k = gk.get(i);
                String key = k.get(0).asText();
                assertEquals(key, keys.get(i), "key " + i);
                Tensor t = sd.get(key);
                long[] shape = new long[k.get(1).size()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = k.get(1).get(d).asLong();
                }
                assertArrayEquals(shape, t.shape().toArray(), key);
                assertEquals(k.get(2).asText(), t.dtype().toString(), key);
            }
            for (JsonNode st : g.get("stats")) {
                String key = st.get(0).asText();
                Tensor t = sd.get(key);
                double sq = st.get(2).asDouble();
                double[] actual = sums(t);
                assertEquals(sq, actual[1], 1e-9 * Math.max(sq, 1e-6), key + " sum of squares");
                assertEquals(st.get(1).asDouble(), actual[0], 1e-9 * Math.max(Math.sqrt(sq * t.numel()), 1e-6),
                        key + " sum");
            }
            for (JsonNode sm : g.get("samples")) {
                String key = sm.get(0).asText();
                float v = (float) sd.get(key).reshape(-1).narrow(0, sm.get(1).asLong(), 1).item();
                assertEquals((float) sm.get(2).asDouble(), v, key + "[" + sm.get(1).asInt() + "]");
            }
        }
    }

    static void assertClose(JsonNode expected, Tensor actual, String what) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.size(), a.length, what + " size");
        double scale = 0;
        for (JsonNode e : expected) {
            scale = Math.max(scale, Math.abs(e.asDouble()));
        }
        for (int i = 0; i < a.length; i++) {
            double e = expected.get(i).asDouble();
            // float32 through 20 to 50 layers, and logits that are sums of ~1000 cancelling terms (MobileNet's
            // normal(0, 0.01) head): 0.1% of the largest logit
            assertEquals(e, a[i], 1e-3 * scale + 1e-4 * Math.abs(e), what + "[" + i + "]");
        }
    }

    /**
     * Python's {@code run_outputs}: after {@code torch.manual_seed(seed)} a train-mode forward (batch statistics,
     * dropout), the running statistics it updated, then an eval-mode forward.
     */
    static void checkOutputs(Module model, Tensor x, long seed, JsonNode g) {
        Torch.manualSeed(seed);
        model.train();
        Tensor train;
        try (var ng = Torch.noGrad()) {
            train = model.forward(x);
        }
        Map<String, Tensor> sd = model.stateDict();
        for (JsonNode r : g.get("running")) {
            String key = r.get(0).asText();
            double e = r.get(1).asDouble();
            assertEquals(e, sum(sd.get(key)), 1e-4 * Math.max(1, Math.abs(e)), key);
        }
        model.eval();
        Tensor eval;
        try (var ng = Torch.noGrad()) {
            eval = model.forward(x);
        }
        assertClose(g.get("train"), train, "train-mode output");
        assertClose(g.get("eval"), eval, "eval-mode output");
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void outputsMatchTorchvisionInTrainAndEvalMode(String name, JsonNode g) {
        try (TensorScope s = new TensorScope("test")) {
            long seed = g.get("seed").asLong();
            Torch.manualSeed(seed);
            Module model = builder(name).apply(g.get("num_classes").asLong());
            Tensor x = Torch.randn(longs(g.get("input_shape")));
            checkOutputs(model, x, seed + 1, g);
        }
    }

    static int[][] setting(JsonNode a) {
        int[][] out = new int[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[a.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = a.get(i).get(j).asInt();
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateDictSavedByTorchvisionLoadsStrictlyAndGivesTheSameOutputs() throws URISyntaxException {
        JsonNode g = GOLDEN.get("checkpoint");
        Path file = Path.of(getClass().getResource("/golden/" + g.get("file").asText()).toURI());
        try (TensorScope s = new TensorScope("test")) {
            MobileNetV2 model = Models.mobilenetV2(new MobileNetV2.Options().widthMult(g.get("width_mult").asDouble())
                    .numClasses(g.get("num_classes").asLong())
                    .invertedResidualSetting(setting(g.get("inverted_residual_setting"))));
            Map<String, Tensor> sd = (Map<String, Tensor>) Torch.load(file);
            assertEquals(new ArrayList<>(model.stateDict().keySet()), new ArrayList<>(sd.keySet()));
            assertEquals("<All keys matched successfully>", model.loadStateDict(sd, true).toString());
            assertEquals(100, (long) model.stateDict().get("features.0.1.num_batches_tracked").item());
            Torch.manualSeed(g.get("input_seed").asLong());
            Tensor x = Torch.randn(longs(g.get("input_shape")));
            checkOutputs(model, x, g.get("input_seed").asLong() + 1, g);
            assertEquals(101, (long) model.stateDict().get("features.0.1.num_batches_tracked").item());
        }
    }

    @Test
    void kaimingNormalMatchesPyTorchForEveryModeAndNonlinearity() {
        for (JsonNode c : GOLDEN.get("kaiming_normal")) {
            try (TensorScope s = new TensorScope("test")) {
                Torch.manualSeed(9);
                Tensor t = Torch.empty(6, 4, 3, 3);
                dev.jtorch.nn.init.Init.kaimingNormal_(t, c.get("a").asDouble(),
                        c.get("mode").asText().equals("fan_in") ? dev.jtorch.nn.init.Init.FanMode.FAN_IN
                                : dev.jtorch.nn.init.Init.FanMode.FAN_OUT,
                        c.get("nonlinearity").asText());
                float[] a = t.toFloatArray();
                JsonNode e = c.get("values");
                assertEquals(e.size(), a.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals((float) e.get(i).asDouble(), a[i], c.get("mode") + " " + c.get("nonlinearity")
                            + " a=" + c.get("a") + " [" + i + "]");
                }
            }
        }
        assertTrue(GOLDEN.get("kaiming_normal").size() == 8);
    }
}
