package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.Padding;
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
 * Invalid arguments raise {@link IllegalArgumentException} with the message of PyTorch's {@code ValueError} or
 * assertion (golden/nn_modules.json, "errors"), or a {@link dev.jtorch.TorchException} with libtorch's.
 */
class ErrorMessagesTest {
    private static final Tensor X4 = Torch.randn(2, 3, 4, 4);
    private static final Tensor X2 = Torch.randn(1, 4);
    private static final Tensor P = Torch.rand(3);
    private static final Tensor T = Torch.rand(4);

    /** The Java twin of each case's Python expression. */
    private static final Map<String, Executable> CASES = new LinkedHashMap<>();

    static {
        CASES.put("conv_groups", () -> new Conv2d(3, 4, 3, new Conv2d.Options().groups(0)));
        CASES.put("conv_in_groups", () -> new Conv2d(3, 4, 3, new Conv2d.Options().groups(2)));
        CASES.put("conv_out_groups", () -> new Conv1d(4, 3, 3, new Conv1d.Options().groups(2)));
        CASES.put("conv_same_strided",
                () -> new Conv2d(3, 4, 3, new Conv2d.Options().stride(2).padding(Padding.SAME)));
        CASES.put("batchnorm1d_dim", () -> new BatchNorm1d(3).forward(X4));
        CASES.put("batchnorm2d_dim", () -> new BatchNorm2d(4).forward(X2));
        CASES.put("batchnorm_batch1", () -> new BatchNorm1d(4).forward(X2));
        CASES.put("embedding_padding_high", () -> new Embedding(5, 2, new Embedding.Options().paddingIdx(5)));
        CASES.put("embedding_padding_low", () -> new Embedding(5, 2, new Embedding.Options().paddingIdx(-6)));
        CASES.put("bce_size", () -> new BCELoss().forward(P, T));
        CASES.put("bce_logits_size", () -> new BCEWithLogitsLoss().forward(P, T));
        CASES.put("dropout_p", () -> new Dropout(1.5));
        CASES.put("adaptive_dim", () -> new AdaptiveAvgPool2d(null, 2L).forward(P));
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndViceVersa() {
        List<String> golden = new ArrayList<>();
        NnGolden.ROOT.get("errors").fieldNames().forEachRemaining(golden::add);
        assertEquals(golden, new ArrayList<>(CASES.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> raisesPyTorchsMessages() {
        List<DynamicTest> tests = new ArrayList<>();
        NnGolden.ROOT.get("errors").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey() + ": " + c.get("python").asText(), () -> {
                try (TensorScope s = new TensorScope(e.getKey())) {
                    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                            CASES.get(e.getKey()));
                    assertEquals(c.get("message").asText(), ex.getMessage());
                }
            }));
        });
        return tests.stream();
    }

    @Test
    void lossOptionsAreValidatedWithLibtorchsMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss.Options().beta(-1));
        assertEquals("smooth_l1_loss does not support negative values for beta.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HuberLoss.Options().delta(0));
        assertEquals("huber_loss does not support non-positive values for delta.", e.getMessage());
    }

    @Test
    void kernelErrorsBecomeTorchExceptions() {
        try (TensorScope s = new TensorScope("kernel")) {
            var conv = new Conv2d(3, 4, 3);
            var e = assertThrows(dev.jtorch.TorchException.class, () -> conv.forward(Torch.randn(1, 2, 5, 5)));
            assertEquals("Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 2, 5, 5] to have 3 channels, "
                    + "but got 2 channels instead", e.getMessage());
        }
    }
}
