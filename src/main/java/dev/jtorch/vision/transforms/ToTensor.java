package dev.jtorch.vision.transforms;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.ToTensor.html">
 * torchvision.transforms.ToTensor</a>: a PIL image (H x W x C, 0..255) becomes a float32 tensor C x H x W in
 * [0, 1], {@code byte.to(float32).div(255)} as torchvision computes it.
 */
public final class ToTensor implements Transform {
    /** {@code ToTensor()}. */
    public ToTensor() {}

    /** Python's {@code to_tensor(pic)}. */
    @Override
    public Object apply(Object pic) {
        if (!(pic instanceof Image img)) {
            throw new IllegalArgumentException("pic should be PIL Image or ndarray. Got " + Functional.typeName(pic));
        }
        return toTensor(img);
    }

    /** The uint8 tensor H x W x C of the image's bytes. */
    static Tensor bytes(Image img) {
        byte[] p = img.pixels();
        int[] v = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = p[i] & 0xFF;
        }
        return Torch.tensor(v, DType.UINT8).view(img.height(), img.width(), img.mode().bands());
    }

    static Tensor toTensor(Image img) {
        return Functional.scoped("ToTensor", () -> bytes(img).permute(2, 0, 1).contiguous().to(DType.FLOAT32).div(255));
    }

    /** {@code ToTensor()}. */
    @Override
    public String toString() {
        return "ToTensor()";
    }
}
