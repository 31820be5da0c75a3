package dev.jtorch.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.nn.Module;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deeper ResNets against torchvision by digest (parameter count, state-dict keys and shapes, repr), and
 * torchvision's errors for invalid arguments.
 */
class ArchitectureTest {
    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void resnet101AndResnet152MatchTorchvisionsArchitecture() throws Exception {
        for (JsonNode g : VisionModelsParityTest.GOLDEN.get("architectures")) {
            try (TensorScope s = new TensorScope("test")) {
                String name = g.get("name").asText();
                Module model = name.equals("resnet101") ? Models.resnet101() : Models.resnet152();
                assertEquals(g.get("num_parameters").asLong(),
                        model.parameters().stream().mapToLong(Tensor::numel).sum(), name);
                Map<String, Tensor> sd = model.stateDict();
                assertEquals(g.get("num_keys").asInt(), sd.size(), name);
                List<String> lines = new ArrayList<>();
                for (Map.Entry<String, Tensor> e : sd.entrySet()) {
                    List<String> dims = new ArrayList<>();
                    for (long d : e.getValue().shape().toArray()) {
                        dims.add(Long.toString(d));
                    }
                    lines.add(e.getKey() + " [" + String.join(", ", dims) + "]");
                }
                assertEquals(g.get("keys_sha256").asText(), sha256(String.join("\n", lines)), name + " keys");
                assertEquals(g.get("repr_sha256").asText(), sha256(model.toString()), name + " repr");
            }
        }
    }

    @Test
    void invalidArgumentsRaiseTorchvisionsMessages() {
        assertEquals("BasicBlock only supports groups=1 and base_width=64", assertThrows(
                IllegalArgumentException.class, () -> new BasicBlock(64, 64, 1, null, 2, 64, 1)).getMessage());
        assertEquals("Dilation > 1 not supported in BasicBlock", assertThrows(UnsupportedOperationException.class,
                () -> new BasicBlock(64, 64, 1, null, 1, 64, 2)).getMessage());
        assertEquals("BasicBlock only supports groups=1 and base_width=64", assertThrows(
                IllegalArgumentException.class, () -> new ResNet(BasicBlock.class, new int[] {1, 1, 1, 1},
                        new ResNet.Options().groups(32))).getMessage());
        assertEquals("stride should be 1 or 2 insted of 3", assertThrows(IllegalArgumentException.class,
                () -> new InvertedResidual(8, 8, 3, 6)).getMessage());
        assertEquals("inverted_residual_setting should be non-empty or a 4-element list, got [[1, 16, 1]]",
                assertThrows(IllegalArgumentException.class, () -> new MobileNetV2(new MobileNetV2.Options()
                        .invertedResidualSetting(new int[][] {{1, 16, 1}}))).getMessage());
        assertEquals("inverted_residual_setting should be non-empty or a 4-element list, got []",
                assertThrows(IllegalArgumentException.class, () -> new MobileNetV2(new MobileNetV2.Options()
                        .invertedResidualSetting(new int[0][]))).getMessage());
        assertEquals("layers must have 4 elements, got 3", assertThrows(IllegalArgumentException.class,
                () -> new ResNet(Bottleneck.class, new int[] {1, 1, 1})).getMessage());
        assertEquals("unknown VGG configuration 'C' (expected A, B, D or E)", assertThrows(
                IllegalArgumentException.class, () -> VGG.makeLayers("C", false)).getMessage());
    }

    @Test
    void makeDivisibleRoundsAsTorchvision() {
        // torchvision.models._utils._make_divisible: (32 * 0.25, 8) -> 8, (1280 * 1.0, 8) -> 1280,
        // (16 * 0.35, 8) -> 8, (96 * 0.75, 8) -> 72, (20, 8) -> 24, (11, 8) -> 16 (the 90% rule: 8 < 9.9)
        assertEquals(8, MobileNetV2.makeDivisible(32 * 0.25, 8));
        assertEquals(1280, MobileNetV2.makeDivisible(1280, 8));
        assertEquals(8, MobileNetV2.makeDivisible(16 * 0.35, 8));
        assertEquals(72, MobileNetV2.makeDivisible(96 * 0.75, 8));
        assertEquals(24, MobileNetV2.makeDivisible(20, 8));
        assertEquals(16, MobileNetV2.makeDivisible(11, 8));
    }
}
