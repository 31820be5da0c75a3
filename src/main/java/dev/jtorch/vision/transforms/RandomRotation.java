package dev.jtorch.vision.transforms;

import dev.jtorch.PyFormat;
import dev.jtorch.Torch;
import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.RandomRotation.html">
 * torchvision.transforms.RandomRotation(degrees)</a> on PIL images, with torchvision's defaults (NEAREST, no expand,
 * about the centre, fill 0): the angle is {@code torch.empty(1).uniform_(degrees[0], degrees[1])}, one draw from
 * the global generator per call as torchvision, and the rotation is Pillow's ({@link Image#rotate}), equal to PIL's
 * pixels (golden-tested).
 */
public final class RandomRotation implements Transform {
    private final double[] degrees;

    /**
     * {@code RandomRotation(degrees)}: angles in (-degrees, +degrees).
     *
     * @throws IllegalArgumentException if {@code degrees} is negative (torchvision's message)
     */
    public RandomRotation(double degrees) {
        if (degrees < 0) {
            throw new IllegalArgumentException("If degrees is a single number, it must be positive.");
        }
        this.degrees = new double[] {-degrees, degrees};
    }

    /**
     * {@code RandomRotation((min, max))}.
     *
     * @throws IllegalArgumentException unless two values are given
     */
    public RandomRotation(double[] degrees) {
        if (degrees.length != 2) {
            throw new IllegalArgumentException("If degrees is a sequence, it should be of len 2.");
        }
        this.degrees = degrees.clone();
    }

    /** torchvision's {@code RandomRotation.get_params(degrees)}: the angle drawn. */
    public static double getParams(double[] degrees) {
        return Functional.item(() -> Torch.empty(1).uniform_(degrees[0], degrees[1]));
    }

    /** Python's {@code rotation(img)}. */
    @Override
    public Object apply(Object img) {
        Image im = Functional.pil(img);
        return im.rotate(getParams(degrees));
    }

    /** torchvision's repr, {@code RandomRotation(degrees=[-30.0, 30.0], interpolation=nearest, expand=False, fill=0)}. */
    @Override
    public String toString() {
        return "RandomRotation(degrees=[" + PyFormat.repr(degrees[0]) + ", " + PyFormat.repr(degrees[1])
                + "], interpolation=nearest, expand=False, fill=0)";
    }
}
