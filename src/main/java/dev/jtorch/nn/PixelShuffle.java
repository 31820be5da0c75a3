package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.PixelShuffle(upscale_factor)}: rearranges (N, C * r * r, H, W) into (N, C, H * r, W * r), with r
 * the upscale factor.
 *
 * <pre>{@code
 * new PixelShuffle(2)      // nn.PixelShuffle(2)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.PixelShuffle.html">torch.nn.PixelShuffle</a>.
 */
public class PixelShuffle extends Module {
    private final long upscaleFactor;

    /** {@code nn.PixelShuffle(upscale_factor)}. */
    public PixelShuffle(long upscaleFactor) {
        this.upscaleFactor = upscaleFactor;
    }

    /** Python's {@code upscale_factor}. */
    public long upscaleFactor() {
        return upscaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.pixelShuffle(input, upscaleFactor);
    }

    @Override
    public String extraRepr() {
        return "upscale_factor=" + upscaleFactor;
    }
}
