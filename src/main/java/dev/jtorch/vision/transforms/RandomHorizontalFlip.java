package dev.jtorch.vision.transforms;

import dev.jtorch.PyFormat;
import dev.jtorch.Torch;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.RandomHorizontalFlip.html">
 * torchvision.transforms.RandomHorizontalFlip(p=0.5)</a>: flips when {@code torch.rand(1) < p}, one draw from the
 * global generator per call, as torchvision.
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** {@code RandomHorizontalFlip()}, p = 0.5. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    /** {@code RandomHorizontalFlip(p)}. */
    public RandomHorizontalFlip(double p) {
        this.p = p;
    }

    /** Python's {@code flip(img)}. */
    @Override
    public Object apply(Object img) {
        dev.jtorch.vision.Image im = Functional.pil(img);
        float r = (float) Functional.item(() -> Torch.rand(1));
        // torch.rand(1) < p compares in float32
        return r < (float) p ? im.transposeLeftRight() : im;
    }

    /** torchvision's repr, {@code RandomHorizontalFlip(p=0.5)}. */
    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + PyFormat.repr(p) + ")";
    }
}
