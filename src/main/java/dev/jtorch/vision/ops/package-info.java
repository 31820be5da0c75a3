/**
 * torchvision 0.14's {@code torchvision.ops} building blocks that the models use:
 * {@link dev.jtorch.vision.ops.Conv2dNormActivation}. See
 * <a href="https://pytorch.org/vision/0.14/ops.html">torchvision.ops</a>.
 */
package dev.jtorch.vision.ops;
