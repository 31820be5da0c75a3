package dev.jtorch.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.testing.Golden;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CPU autocast against Python 1.13's (golden/amp_clip.json): which ops run in bfloat16, nesting, restoring. */
class AutocastTest {
    private static final JsonNode G = Golden.load("amp_clip.json").get("autocast_cpu");

    @Test
    void cpuAutocastRunsLinearMatmulAndConvInBfloat16AndTheRestInFloat32() {
        Torch.manualSeed(0);
        Tensor x = Torch.randn(4, 8);
        Tensor w = Torch.randn(3, 8);
        Tensor img = Torch.randn(1, 2, 5, 5);
        Tensor k = Torch.randn(3, 2, 3, 3);
        Linear lin = new Linear(8, 3);
        try (var ac = Torch.autocast(Device.CPU, DType.BFLOAT16, true)) {
            assertTrue(Autocast.isEnabled(Device.CPU));
            assertEquals(DType.BFLOAT16, Autocast.dtype(Device.CPU));
            Tensor y = lin.forward(x);
            assertEquals(G.get("linear").asText(), y.dtype().toString());
            assertEquals(G.get("matmul").asText(), x.matmul(w.t()).dtype().toString());
            assertEquals(G.get("conv2d").asText(), F.conv2d(img, k, null, new long[] {1, 1}, new long[] {0, 0},
                    new long[] {1, 1}, 1).dtype().toString());
            assertEquals(G.get("linear_then_add_float32").asText(), y.add(Torch.ones(3)).dtype().toString());
            assertEquals(G.get("sum_of_float32").asText(), x.sum().dtype().toString());
            assertEquals(G.get("relu_of_float32").asText(), x.relu().dtype().toString());
            assertEquals(G.get("mse_loss").asText(),
                    F.mseLoss(y, Torch.zeros(4, 3), Reduction.MEAN).dtype().toString());
            double[] expected = new double[G.get("linear_values").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = G.get("linear_values").get(i).asDouble();
            }
            Golden.assertClose(expected, y.toDoubleArray(), 1e-2, 1e-2, "bfloat16 linear values");
            try (var off = Torch.autocast(Device.CPU, false)) {
                assertFalse(Autocast.isEnabled(Device.CPU));
                assertEquals(G.get("nested_disabled_linear").asText(), lin.forward(x).dtype().toString());
            }
            assertEquals(G.get("after_nested_linear").asText(), lin.forward(x).dtype().toString());
        }
        assertFalse(Autocast.isEnabled(Device.CPU));
        assertEquals(G.get("outside_linear").asText(), lin.forward(x).dtype().toString());
    }

    @Test
    void cpuAutocastOnlyTakesBfloat16() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.autocast(Device.CPU, DType.FLOAT16, true));
        assertTrue(e.getMessage().contains("CPU Autocast only supports dtype of torch.bfloat16"), e.getMessage());
        assertFalse(Autocast.isEnabled(Device.CPU));
    }

    @Test
    void cudaAutocastWithoutCudaIsOffAndHarmless() {
        assumeTrue(!Torch.cudaIsAvailable(), "CUDA is present: covered by the cuda-tagged test");
        try (var ac = Torch.autocast(Device.cuda(), true)) {
            assertEquals(DType.FLOAT32, new Linear(2, 2).forward(Torch.ones(1, 2)).dtype());
        }
    }

    @Tag("cuda")
    @Test
    void cudaAutocastRunsLinearInFloat16() {
        assumeTrue(Torch.cudaIsAvailable(), "needs CUDA");
        Linear lin = new Linear(8, 3);
        lin.to(Device.cuda());
        try (var ac = Torch.autocast(Device.cuda(), true)) {
            assertEquals(DType.FLOAT16, lin.forward(Torch.randn(4, 8).to(Device.cuda())).dtype());
        }
        try (var ac = Torch.autocast(Device.cuda(), DType.BFLOAT16, true)) {
            assertEquals(DType.BFLOAT16, lin.forward(Torch.randn(4, 8).to(Device.cuda())).dtype());
        }
    }
}
