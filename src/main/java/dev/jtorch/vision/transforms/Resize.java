package dev.jtorch.vision.transforms;

import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.Resize.html">
 * torchvision.transforms.Resize(size, interpolation=BILINEAR, max_size=None, antialias=None)</a> on PIL images:
 * an int size sets the smaller edge (the other keeps the aspect ratio, truncated), two sizes are (h, w). The
 * pixels are Pillow's ({@link Image#resize}), bit for bit.
 */
public final class Resize implements Transform {
    private final int[] size;
    private final InterpolationMode interpolation;
    private final Integer maxSize;
    private String sizeRepr;

    /** {@code Resize(size)}: the smaller edge becomes {@code size}. */
    public Resize(int size) {
        this(new int[] {size}, InterpolationMode.BILINEAR, null);
        this.sizeRepr = Integer.toString(size);
    }

    /** {@code Resize((h, w))} (two values) or {@code Resize([size])} (one). */
    public Resize(int[] size) {
        this(size, InterpolationMode.BILINEAR, null);
    }

    /** {@code Resize(size, interpolation)}. */
    public Resize(int[] size, InterpolationMode interpolation) {
        this(size, interpolation, null);
    }

    /**
     * {@code Resize(size, interpolation, max_size)}.
     *
     * @throws IllegalArgumentException for a size of other than 1 or 2 values, or max_size with two values
     */
    public Resize(int[] size, InterpolationMode interpolation, Integer maxSize) {
        if (size.length != 1 && size.length != 2) {
            throw new IllegalArgumentException("If size is a sequence, it should have 1 or 2 values");
        }
        if (maxSize != null && size.length != 1) {
            throw new IllegalArgumentException("max_size should only be passed if size specifies the length of the "
                    + "smaller edge, i.e. size should be an int or a sequence of length 1 in torchscript mode.");
        }
        this.size = size.clone();
        this.interpolation = interpolation;
        this.maxSize = maxSize;
        this.sizeRepr = size.length == 1 ? Functional.list(size) : Functional.tuple(size);
    }

    /** Python's {@code resize(img)}. */
    @Override
    public Object apply(Object img) {
        return Functional.resize(Functional.pil(img), size, interpolation, maxSize);
    }

    /** torchvision's repr, {@code Resize(size=256, interpolation=bilinear, max_size=None, antialias=None)}. */
    @Override
    public String toString() {
        return "Resize(size=" + sizeRepr + ", interpolation=" + interpolation.value() + ", max_size="
                + (maxSize == null ? "None" : maxSize) + ", antialias=None)";
    }
}
