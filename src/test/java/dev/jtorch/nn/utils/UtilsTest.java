package dev.jtorch.nn.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.Parameter;
import dev.jtorch.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient clipping against golden/amp_clip.json (Python 1.13). */
class UtilsTest {
    private static final JsonNode CLIP = Golden.load("amp_clip.json").get("clip");

    private static double[] values(JsonNode v) {
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.get(i).asDouble();
        }
        return d;
    }

    @Test
    void clipGradNormMatchesPyTorchForEachNormType() {
        for (JsonNode c : CLIP) {
            if (!c.has("total")) {
                continue;
            }
            String name = c.get("name").asText();
            Torch.manualSeed(3);
            Parameter a = new Parameter(Torch.randn(4, 3));
            Parameter b = new Parameter(Torch.randn(3));
            Parameter unused = new Parameter(Torch.randn(2));
            a.sum().mul(2).add(b.pow(2).sum().mul(3)).backward();
            double normType = c.get("norm_type").isTextual() ? Double.POSITIVE_INFINITY : c.get("norm_type").asDouble();
            Tensor total = Utils.clipGradNorm_(List.of(a, b, unused), c.get("max_norm").asDouble(), normType, false);
            Golden.assertClose(new double[] {c.get("total").asDouble()}, new double[] {total.item()}, 1e-6, 0, name);
            Golden.assertClose(values(c.get("grad_a")), a.grad().toDoubleArray(), 1e-6, 1e-7, name + " grad a");
            Golden.assertClose(values(c.get("grad_b")), b.grad().toDoubleArray(), 1e-6, 1e-7, name + " grad b");
        }
    }

    @Test
    void clipGradValueClampsEachGradient() {
        JsonNode c = Golden.find(CLIP, "value");
        Torch.manualSeed(3);
        Parameter a = new Parameter(Torch.randn(4, 3));
        a.mul(Torch.arange(12.0).view(4, 3)).sum().backward();
        Utils.clipGradValue_(List.of(a), c.get("clip_value").asDouble());
        Golden.assertClose(values(c.get("grad_a")), a.grad().toDoubleArray(), 0, 0, "clip_grad_value_");
    }

    @Test
    void nonFiniteNormsAreReportedWhenAsked() {
        Parameter a = new Parameter(Torch.ones(2));
        a.mul(Torch.tensor(Double.POSITIVE_INFINITY, 1.0)).sum().backward();
        TorchException e = assertThrows(TorchException.class,
                () -> Utils.clipGradNorm_(List.of(a), 1.0, 2.0, true));
        assertTrue(e.getMessage().startsWith("The total norm of order 2.0 for gradients from `parameters` is "
                + "non-finite, so it cannot be clipped."), e.getMessage());
        assertEquals(Double.POSITIVE_INFINITY, Utils.clipGradNorm_(List.of(a), 1.0).item());
    }

    @Test
    void noGradientsGiveAZeroNorm() {
        assertEquals(0.0, Utils.clipGradNorm_(List.of(new Parameter(Torch.ones(2))), 1.0).item());
    }
}
