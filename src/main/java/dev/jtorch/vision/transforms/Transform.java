package dev.jtorch.vision.transforms;

/**
 * One of torchvision's transforms: a callable from an image (an {@link dev.jtorch.vision.Image}, torchvision's PIL
 * image, or a {@link dev.jtorch.Tensor}) to an image, as the {@code torch.nn.Module}s of
 * <a href="https://pytorch.org/vision/0.14/transforms.html">torchvision.transforms</a> are. Python's
 * {@code transform(img)} is {@code transform.apply(img)}; a lambda is torchvision's {@code transforms.Lambda}.
 */
@FunctionalInterface
public interface Transform {
    /** Python's {@code transform(img)}. */
    Object apply(Object img);
}
