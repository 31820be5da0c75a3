package dev.jtorch.vision.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.ReLU6;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Conv2dNormActivation} against torchvision 0.14's reprs and state-dict keys (as Python prints them). */
class Conv2dNormActivationTest {
    @Test
    void defaultPaddingBiasAndLayersAsTorchvision() {
        try (TensorScope s = new TensorScope("test")) {
            // Conv2dNormActivation(4, 8, kernel_size=5, stride=2, norm_layer=None, activation_layer=nn.ReLU6)
            Conv2dNormActivation a = new Conv2dNormActivation(4, 8, new Conv2dNormActivation.Options().kernelSize(5)
                    .stride(2).normLayer(null).activationLayer(ReLU6::new));
            assertEquals("Conv2dNormActivation(\n"
                    + "  (0): Conv2d(4, 8, kernel_size=(5, 5), stride=(2, 2), padding=(2, 2))\n"
                    + "  (1): ReLU6(inplace=True)\n)", a.toString());
            assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(a.stateDict().keySet()));
            // Conv2dNormActivation(4, 8, dilation=2, groups=2)
            Conv2dNormActivation b = new Conv2dNormActivation(4, 8, new Conv2dNormActivation.Options().dilation(2)
                    .groups(2));
            assertEquals("Conv2dNormActivation(\n"
                    + "  (0): Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=(2, 2), dilation=(2, 2), groups=2,"
                    + " bias=False)\n"
                    + "  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
                    + "  (2): ReLU(inplace=True)\n)", b.toString());
            assertEquals(8, b.outChannels());
            assertArrayEquals(new long[] {1, 8, 6, 6}, a.forward(Torch.randn(1, 4, 11, 11)).shape().toArray());
            assertArrayEquals(new long[] {1, 8, 11, 11}, b.forward(Torch.randn(1, 4, 11, 11)).shape().toArray());
        }
    }
}
