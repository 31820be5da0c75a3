package dev.jtorch.vision.transforms;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.ToPILImage.html">
 * torchvision.transforms.ToPILImage()</a>: a C x H x W (or H x W) tensor becomes an {@link Image}, RGB for 3
 * channels and L for 1; a floating tensor is {@code pic.mul(255).byte()} first (values outside [0, 1] wrap as
 * that cast does), a uint8 tensor is taken as is. {@code new ToPILImage().apply(t)} then {@link Image#save} is
 * Python's {@code ToPILImage()(t).save("x.png")}.
 */
public final class ToPILImage implements Transform {
    /** {@code ToPILImage()}. */
    public ToPILImage() {}

    /**
     * Python's {@code to_pil_image(pic)}.
     *
     * @throws IllegalArgumentException for other than 2 or 3 dimensions, or other than 1 or 3 channels
     */
    @Override
    public Object apply(Object pic) {
        Tensor t = Functional.tensor(pic);
        if (t.dim() != 2 && t.dim() != 3) {
            throw new IllegalArgumentException("pic should be 2/3 dimensional. Got " + t.dim() + " dimensions.");
        }
        long c = t.dim() == 2 ? 1 : t.size(0);
        if (c > 4) {
            throw new IllegalArgumentException("pic should not have > 4 channels. Got " + c + " channels.");
        }
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("ToPILImage supports 1 (L) or 3 (RGB) channels here, got " + c);
        }
        long[] v;
        int h;
        int w;
        try (TensorScope s = new TensorScope("ToPILImage")) {
            Tensor x = t.dim() == 2 ? t.unsqueeze(0) : t;
            if (x.dtype().isFloatingPoint()) {
                x = x.mul(255).to(DType.UINT8);
            } else if (x.dtype() != DType.UINT8) {
                throw new IllegalArgumentException("Input type " + x.dtype() + " is not supported");
            }
            h = (int) x.size(1);
            w = (int) x.size(2);
            v = x.permute(1, 2, 0).contiguous().toLongArray();
        }
        byte[] p = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = (byte) v[i];
        }
        return new Image(c == 1 ? Image.Mode.L : Image.Mode.RGB, w, h, p);
    }

    /** {@code ToPILImage()}. */
    @Override
    public String toString() {
        return "ToPILImage()";
    }
}
