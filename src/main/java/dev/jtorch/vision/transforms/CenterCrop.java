package dev.jtorch.vision.transforms;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.CenterCrop.html">
 * torchvision.transforms.CenterCrop(size)</a> on PIL images: the centre {@code size} crop (offsets rounded half to
 * even, as Python's {@code round}); an image smaller than the crop is padded with 0 first.
 */
public final class CenterCrop implements Transform {
    private final int[] size;

    /** {@code CenterCrop(size)}: a square crop. */
    public CenterCrop(int size) {
        this(new int[] {size});
    }

    /** {@code CenterCrop((h, w))}. */
    public CenterCrop(int[] size) {
        this.size = Functional.size2(size, "size");
    }

    /** Python's {@code center_crop(img)}. */
    @Override
    public Object apply(Object img) {
        return Functional.centerCrop(Functional.pil(img), size[0], size[1]);
    }

    /** torchvision's repr, {@code CenterCrop(size=(224, 224))}. */
    @Override
    public String toString() {
        return "CenterCrop(size=" + Functional.tuple(size) + ")";
    }
}
