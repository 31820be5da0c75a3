package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.PixelUnshuffle(downscale_factor)}: rearranges (N, C, H * r, W * r) into (N, C * r * r, H, W), the
 * inverse of {@link PixelShuffle}, with r the downscale factor.
 *
 * <pre>{@code
 * new PixelUnshuffle(2)      // nn.PixelUnshuffle(2)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.PixelUnshuffle.html">
 * torch.nn.PixelUnshuffle</a>.
 */
public class PixelUnshuffle extends Module {
    private final long downscaleFactor;

    /** {@code nn.PixelUnshuffle(downscale_factor)}. */
    public PixelUnshuffle(long downscaleFactor) {
        this.downscaleFactor = downscaleFactor;
    }

    /** Python's {@code downscale_factor}. */
    public long downscaleFactor() {
        return downscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.pixelUnshuffle(input, downscaleFactor);
    }

    @Override
    public String extraRepr() {
        return "downscale_factor=" + downscaleFactor;
    }
}
