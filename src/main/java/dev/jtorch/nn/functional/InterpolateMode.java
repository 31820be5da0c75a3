package dev.jtorch.nn.functional;

import dev.jtorch.PyEnum;

/**
 * Python's {@code mode} strings of {@code F.interpolate} and {@code nn.Upsample}, as an enum, taken by
 * {@link F#interpolate(dev.jtorch.Tensor, long[], InterpolateMode)} and its siblings, and by
 * {@code new Upsample.Options().mode(InterpolateMode.BILINEAR)}.
 *
 * <p>Mirrors the {@code mode} argument of
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.interpolate.html">torch.nn.functional.interpolate</a>.
 */
public enum InterpolateMode implements PyEnum {
    /** {@code 'nearest'} (the default): the nearest input element, for 3-, 4- and 5-dimensional inputs. */
    NEAREST("nearest"),
    /** {@code 'linear'}: linear interpolation of 3-dimensional inputs. */
    LINEAR("linear"),
    /** {@code 'bilinear'}: of 4-dimensional inputs. */
    BILINEAR("bilinear"),
    /** {@code 'bicubic'}: of 4-dimensional inputs. */
    BICUBIC("bicubic"),
    /** {@code 'trilinear'}: of 5-dimensional inputs. */
    TRILINEAR("trilinear"),
    /** {@code 'area'}: adaptive average pooling to the output size, for 3-, 4- and 5-dimensional inputs. */
    AREA("area");

    private final String pythonName;

    InterpolateMode(String pythonName) {
        this.pythonName = pythonName;
    }

    /** Python's spelling, e.g. {@code bilinear}. */
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
