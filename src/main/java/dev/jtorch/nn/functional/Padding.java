package dev.jtorch.nn.functional;

import dev.jtorch.PyEnum;

/**
 * Python's string values of a convolution's {@code padding}: {@code 'same'} or {@code 'valid'}, taken by
 * {@link F#conv1d(dev.jtorch.Tensor, dev.jtorch.Tensor, dev.jtorch.Tensor, long[], Padding, long[], long)} and its
 * 2-d and 3-d siblings, and by the options of the convolution modules
 * ({@code new Conv2d.Options().padding(Padding.SAME)}).
 *
 * <p>Mirrors the {@code padding} argument of
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.conv2d.html">torch.nn.functional.conv2d</a>.
 */
public enum Padding implements PyEnum {
    /** {@code padding='same'}: the output has the input's size (stride 1 only). */
    SAME("same"),
    /** {@code padding='valid'}: no padding. */
    VALID("valid");

    private final String pythonName;

    Padding(String pythonName) {
        this.pythonName = pythonName;
    }

    /** Python's spelling, e.g. {@code same}. */
    @Override
    public String pythonName() {
        return pythonName;
    }

    /** The same as {@link #pythonName()}. */
    @Override
    public String toString() {
        return pythonName;
    }
}
