package dev.jtorch.nn;

import static dev.jtorch.nn.NnGolden.TOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.nn.functional.Approximate;
import dev.jtorch.nn.functional.Padding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every module case of golden/nn_modules.json, rebuilt in Java with the same seed: the repr character for character,
 * the initial state dict exactly (only the generator is involved), the input drawn next exactly (so construction
 * consumed the generator as PyTorch does), then outputs, input and parameter gradients of {@code output.sum()} and
 * the state after the forward passes (running statistics) in train and eval mode, within {@link NnGolden#TOL}.
 */
class ModuleParityTest {
    /** The Java twin of each case's Python expression (the "python" field of the golden case). */
    static final Map<String, Supplier<Module>> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("leaky_relu_default", LeakyReLU::new);
        BUILDERS.put("leaky_relu_0_2", () -> new LeakyReLU(0.2));
        BUILDERS.put("gelu_default", GELU::new);
        BUILDERS.put("gelu_tanh", () -> new GELU(Approximate.TANH));
        BUILDERS.put("softmax_dim1", () -> new Softmax(1));
        BUILDERS.put("softmax_dim_neg1_3d", () -> new Softmax(-1));
        BUILDERS.put("softmax_implicit_3d", Softmax::new);
        BUILDERS.put("softmax_implicit_2d", Softmax::new);
        BUILDERS.put("log_softmax_dim1", () -> new LogSoftmax(1));
        BUILDERS.put("log_softmax_dim0", () -> new LogSoftmax(0));
        BUILDERS.put("relu", ReLU::new);
        BUILDERS.put("sigmoid", Sigmoid::new);
        BUILDERS.put("tanh", Tanh::new);
        BUILDERS.put("flatten", Flatten::new);
        BUILDERS.put("identity", Identity::new);
        BUILDERS.put("linear", () -> new Linear(5, 3));
        BUILDERS.put("linear_no_bias", () -> new Linear(4, 2, false));
        BUILDERS.put("batchnorm1d", () -> new BatchNorm1d(4));
        BUILDERS.put("batchnorm1d_3d", () -> new BatchNorm1d(3));
        BUILDERS.put("batchnorm1d_momentum_none", () -> new BatchNorm1d(4, new BatchNorm1d.Options().momentum(null)));
        BUILDERS.put("batchnorm1d_no_affine", () -> new BatchNorm1d(4, new BatchNorm1d.Options().affine(false)));
        BUILDERS.put("batchnorm1d_no_tracking",
                () -> new BatchNorm1d(4, new BatchNorm1d.Options().trackRunningStats(false)));
        BUILDERS.put("batchnorm1d_eps_momentum",
                () -> new BatchNorm1d(2, new BatchNorm1d.Options().eps(0.001).momentum(0.3)));
        BUILDERS.put("batchnorm2d", () -> new BatchNorm2d(3));
        BUILDERS.put("batchnorm2d_options",
                () -> new BatchNorm2d(2, new BatchNorm2d.Options().eps(1e-3).momentum(0.5).affine(false)));
        BUILDERS.put("layernorm", () -> new LayerNorm(5));
        BUILDERS.put("layernorm_2d_shape", () -> new LayerNorm(new long[] {3, 4}));
        BUILDERS.put("layernorm_options",
                () -> new LayerNorm(4, new LayerNorm.Options().eps(1e-6).elementwiseAffine(false)));
        BUILDERS.put("conv1d", () -> new Conv1d(3, 4, 3));
        BUILDERS.put("conv1d_options", () -> new Conv1d(4, 6, 3,
                new Conv1d.Options().stride(2).padding(1).dilation(2).groups(2).bias(false)));
        BUILDERS.put("conv1d_same_reflect", () -> new Conv1d(2, 3, 4,
                new Conv1d.Options().padding(Padding.SAME).paddingMode(Conv1d.PaddingMode.REFLECT)));
        BUILDERS.put("conv2d", () -> new Conv2d(3, 4, 3));
        BUILDERS.put("conv2d_tuples",
                () -> new Conv2d(2, 4, new long[] {3, 2}, new Conv2d.Options().stride(2, 1).padding(1, 0)));
        BUILDERS.put("conv2d_depthwise_same", () -> new Conv2d(4, 4, 3,
                new Conv2d.Options().padding(Padding.SAME).groups(4).bias(false)));
        BUILDERS.put("conv2d_circular", () -> new Conv2d(2, 3, 3,
                new Conv2d.Options().padding(1).paddingMode(Conv2d.PaddingMode.CIRCULAR)));
        BUILDERS.put("conv2d_valid_dilation",
                () -> new Conv2d(2, 2, 3, new Conv2d.Options().padding(Padding.VALID).dilation(2)));
        BUILDERS.put("conv2d_replicate", () -> new Conv2d(1, 2, 2,
                new Conv2d.Options().stride(2).padding(1, 2).paddingMode(Conv2d.PaddingMode.REPLICATE)));
        BUILDERS.put("maxpool2d", () -> new MaxPool2d(2));
        BUILDERS.put("maxpool2d_options",
                () -> new MaxPool2d(3, new MaxPool2d.Options().stride(2).padding(1).ceilMode(true)));
        BUILDERS.put("maxpool2d_tuples",
                () -> new MaxPool2d(new long[] {2, 3}, new MaxPool2d.Options().stride(1, 2).dilation(2, 1)));
        BUILDERS.put("avgpool2d", () -> new AvgPool2d(2));
        BUILDERS.put("avgpool2d_options", () -> new AvgPool2d(3,
                new AvgPool2d.Options().stride(2).padding(1).ceilMode(true).countIncludePad(false)));
        BUILDERS.put("avgpool2d_divisor",
                () -> new AvgPool2d(new long[] {2, 2}, new AvgPool2d.Options().divisorOverride(3)));
        BUILDERS.put("adaptive_avgpool2d_1", () -> new AdaptiveAvgPool2d(1));
        BUILDERS.put("adaptive_avgpool2d_tuple", () -> new AdaptiveAvgPool2d(2, 3));
        BUILDERS.put("adaptive_avgpool2d_none", () -> new AdaptiveAvgPool2d(null, 2L));
        BUILDERS.put("embedding", () -> new Embedding(10, 3));
        BUILDERS.put("embedding_padding", () -> new Embedding(10, 4, new Embedding.Options().paddingIdx(0)));
        BUILDERS.put("embedding_negative_padding", () -> new Embedding(8, 3, new Embedding.Options().paddingIdx(-1)));
        BUILDERS.put("embedding_max_norm", () -> new Embedding(10, 3, new Embedding.Options().maxNorm(1.0)));
        BUILDERS.put("embedding_options", () -> new Embedding(20, 5,
                new Embedding.Options().maxNorm(2.0).normType(1.0).scaleGradByFreq(true)));
        BUILDERS.put("embedding_large", () -> new Embedding(30, 7));
        BUILDERS.put("dropout", () -> new Dropout(0.25));
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndViceVersa() {
        List<String> golden = new ArrayList<>();
        for (JsonNode c : NnGolden.ROOT.get("modules")) {
            golden.add(c.get("name").asText());
        }
        assertEquals(golden, new ArrayList<>(BUILDERS.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> producesPyTorchValuesForEveryModule() {
        return NnGolden.moduleTests(NnGolden.ROOT.get("modules"), BUILDERS);
    }
}
