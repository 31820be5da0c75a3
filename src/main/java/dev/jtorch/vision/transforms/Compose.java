package dev.jtorch.vision.transforms;

import java.util.List;
import java.util.Objects;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.Compose.html">
 * torchvision.transforms.Compose</a>: applies the transforms in order.
 */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    /** {@code Compose([t1, t2, ...])}. */
    public Compose(List<? extends Transform> transforms) {
        Objects.requireNonNull(transforms, "transforms");
        this.transforms = List.copyOf(transforms);
    }

    /** {@code Compose([t1, t2, ...])}, the transforms as arguments. */
    public Compose(Transform... transforms) {
        this(List.of(transforms));
    }

    /** Python's {@code compose.transforms}. */
    public List<Transform> transforms() {
        return transforms;
    }

    /** Python's {@code compose(img)}: each transform's output is the next one's input. */
    @Override
    public Object apply(Object img) {
        for (Transform t : transforms) {
            img = t.apply(img);
        }
        return img;
    }

    /** torchvision's repr: one transform per indented line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Compose(");
        for (Transform t : transforms) {
            sb.append("\n    ").append(t);
        }
        return sb.append("\n)").toString();
    }
}
