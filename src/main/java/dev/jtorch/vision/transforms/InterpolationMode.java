package dev.jtorch.vision.transforms;

import dev.jtorch.PyEnum;
import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/transforms.html#torchvision.transforms.InterpolationMode">
 * torchvision.transforms.InterpolationMode</a>, the modes jtorch's PIL-image transforms support.
 */
public enum InterpolationMode implements PyEnum {
    /** {@code InterpolationMode.NEAREST} ({@code "nearest"}). */
    NEAREST("nearest", Image.Resampling.NEAREST),
    /** {@code InterpolationMode.BILINEAR} ({@code "bilinear"}). */
    BILINEAR("bilinear", Image.Resampling.BILINEAR);

    private final String value;
    private final Image.Resampling pil;

    InterpolationMode(String value, Image.Resampling pil) {
        this.value = value;
        this.pil = pil;
    }

    /** Python's {@code mode.value} ({@code "nearest"}, {@code "bilinear"}). */
    @Override
    public String pythonName() {
        return value;
    }

    /** Python's {@code mode.value}, as reprs print it (as {@link #pythonName()}). */
    public String value() {
        return value;
    }

    /** The Pillow filter torchvision maps it to. */
    Image.Resampling pil() {
        return pil;
    }
}
