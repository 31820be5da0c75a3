package dev.jtorch.vision.transforms;

import dev.jtorch.PyFormat;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.vision.Image;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.ColorJitter.html">
 * torchvision.transforms.ColorJitter(brightness=0, contrast=0, saturation=0, hue=0)</a> on PIL images. Each call
 * draws as torchvision does: {@code torch.randperm(4)} for the order, then one {@code torch.empty(1).uniform_}
 * per enabled factor (brightness, contrast, saturation, hue), so the same seed gives the same factors and order.
 *
 * <p>Brightness, contrast and saturation are Pillow's {@code ImageEnhance} blends ({@link Image#blend}) and equal
 * PIL's pixels bit for bit. Hue ({@link #adjustHue}) ports Pillow's RGB/HSV conversions and adds
 * {@code (int)(factor * 255)} modulo 256 to the hue byte (torchvision's {@code np.uint8(hue_factor * 255)} with
 * NumPy 1.24), and equals PIL's pixels bit for bit too, negative factors included (golden-tested). (NumPy 2
 * raises {@code OverflowError} for negative factors there; torchvision 0.14 predates it.)
 */
public final class ColorJitter implements Transform {
    private final double[] brightness;
    private final double[] contrast;
    private final double[] saturation;
    private final double[] hue;
    private final String repr;

    /** {@code ColorJitter(brightness, contrast, saturation, hue)}, each a single number as in Python. */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        this.brightness = check(brightness, "brightness", 1, true);
        this.contrast = check(contrast, "contrast", 1, true);
        this.saturation = check(saturation, "saturation", 1, true);
        if (hue < 0) {
            throw new IllegalArgumentException("If hue is a single number, it must be non negative.");
        }
        double[] h = {-hue, hue};
        if (!(-0.5 <= h[0] && h[0] <= h[1] && h[1] <= 0.5)) {
            throw new IllegalArgumentException("hue values should be between (-0.5, 0.5)");
        }
        this.hue = h[0] == 0 && h[1] == 0 ? null : h;
        this.repr = "ColorJitter(brightness=" + range(this.brightness) + ", contrast=" + range(this.contrast)
                + ", saturation=" + range(this.saturation) + ", hue=" + range(this.hue) + ")";
    }

    /** {@code ColorJitter(brightness)}. */
    public ColorJitter(double brightness) {
        this(brightness, 0, 0, 0);
    }

    private static double[] check(double value, String name, double center, boolean clipFirstOnZero) {
        if (value < 0) {
            throw new IllegalArgumentException("If " + name + " is a single number, it must be non negative.");
        }
        double[] v = {center - value, center + value};
        if (clipFirstOnZero) {
            v[0] = Math.max(v[0], 0.0);
        }
        return v[0] == center && v[1] == center ? null : v;
    }

    private static String range(double[] v) {
        return v == null ? "None" : "[" + PyFormat.repr(v[0]) + ", " + PyFormat.repr(v[1]) + "]";
    }

    /**
     * torchvision's {@code ColorJitter.get_params}: {@code {i0, i1, i2, i3, b, c, s, h}}, the order (a permutation
     * of 0..3) then the factors, NaN for a disabled one.
     */
    public static double[] getParams(double[] brightness, double[] contrast, double[] saturation, double[] hue) {
        double[] out = new double[8];
        try (TensorScope s = new TensorScope("ColorJitter")) {
            long[] perm = Torch.randperm(4).toLongArray();
            for (int i = 0; i < 4; i++) {
                out[i] = perm[i];
            }
            double[][] ranges = {brightness, contrast, saturation, hue};
            for (int i = 0; i < 4; i++) {
                double[] r = ranges[i];
                out[4 + i] = r == null ? Double.NaN : Torch.empty(1).uniform_(r[0], r[1]).item();
            }
        }
        return out;
    }

    /** Python's {@code color_jitter(img)}. */
    @Override
    public Object apply(Object img) {
        Image im = Functional.pil(img);
        double[] p = getParams(brightness, contrast, saturation, hue);
        for (int k = 0; k < 4; k++) {
            int fn = (int) p[k];
            double f = p[4 + fn];
            if (Double.isNaN(f)) {
                continue;
            }
            switch (fn) {
                case 0 -> im = adjustBrightness(im, f);
                case 1 -> im = adjustContrast(im, f);
                case 2 -> im = adjustSaturation(im, f);
                default -> im = adjustHue(im, f);
            }
        }
        return im;
    }

    /** {@code F.adjust_brightness(img, factor)}: {@code ImageEnhance.Brightness}, a blend with black. */
    public static Image adjustBrightness(Image img, double factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("brightness_factor (" + PyFormat.repr(factor) + ") is not non-negative.");
        }
        return Image.blend(Image.newImage(img.mode(), img.width(), img.height(), 0), img, factor);
    }

    /**
     * {@code F.adjust_contrast(img, factor)}: {@code ImageEnhance.Contrast}, a blend with the grey of the mean
     * luma, rounded ({@code int(mean + 0.5)}).
     */
    public static Image adjustContrast(Image img, double factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("contrast_factor (" + PyFormat.repr(factor) + ") is not non-negative.");
        }
        byte[] l = img.convert(Image.Mode.L).pixels();
        long sum = 0;
        for (byte b : l) {
            sum += b & 0xFF;
        }
        int mean = (int) ((double) sum / l.length + 0.5);
        Image degenerate = Image.newImage(Image.Mode.L, img.width(), img.height(), mean).convert(img.mode());
        return Image.blend(degenerate, img, factor);
    }

    /** {@code F.adjust_saturation(img, factor)}: {@code ImageEnhance.Color}, a blend with the image's greyscale. */
    public static Image adjustSaturation(Image img, double factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("saturation_factor (" + PyFormat.repr(factor)
                    + ") is not non-negative.");
        }
        return Image.blend(img.convert(Image.Mode.L).convert(img.mode()), img, factor);
    }

    /**
     * {@code F.adjust_hue(img, factor)}: to Pillow's HSV, the hue byte shifted by {@code (int)(factor * 255)}
     * modulo 256, back to RGB; an L image is returned unchanged.
     *
     * @throws IllegalArgumentException if the factor is outside [-0.5, 0.5]
     */
    public static Image adjustHue(Image img, double factor) {
        if (!(-0.5 <= factor && factor <= 0.5)) {
            throw new IllegalArgumentException("hue_factor (" + PyFormat.repr(factor) + ") is not in [-0.5, 0.5].");
        }
        if (img.mode() == Image.Mode.L) {
            return img;
        }
        int shift = (int) (factor * 255);
        byte[] in = img.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int r = in[i] & 0xFF;
            int g = in[i + 1] & 0xFF;
            int b = in[i + 2] & 0xFF;
            int maxc = Math.max(r, Math.max(g, b));
            int minc = Math.min(r, Math.min(g, b));
            int uh;
            int us;
            int uv = maxc;
            if (minc == maxc) {
                uh = 0;
                us = 0;
            } else {
                float cr = (float) (maxc - minc);
                float s = cr / (float) maxc;
                float rc = ((float) (maxc - r)) / cr;
                float gc = ((float) (maxc - g)) / cr;
                float bc = ((float) (maxc - b)) / cr;
                float h;
                if (r == maxc) {
                    h = bc - gc;
                } else if (g == maxc) {
                    h = (float) (2.0 + rc - bc);
                } else {
                    h = (float) (4.0 + gc - rc);
                }
                h = (float) ((h / 6.0 + 1.0) % 1.0);
                uh = clip8((int) (h * 255.0));
                us = clip8((int) (s * 255.0));
            }
            uh = (uh + shift) & 0xFF;
            hsvToRgb(uh, us, uv, out, i);
        }
        return new Image(Image.Mode.RGB, img.width(), img.height(), out);
    }

    private static int clip8(int v) {
        return v <= 0 ? 0 : Math.min(v, 255);
    }

    /** C's {@code round} (half away from zero) of a non-negative or negative double. */
    private static int cround(double x) {
        double a = Math.abs(x);
        double f = Math.floor(a);
        if (a - f >= 0.5) {
            f += 1;
        }
        return (int) (x < 0 ? -f : f);
    }

    private static void hsvToRgb(int h, int s, int v, byte[] out, int o) {
        if (s == 0) {
            out[o] = out[o + 1] = out[o + 2] = (byte) v;
            return;
        }
        int i = (int) Math.floor((float) h * 6.0 / 255.0);
        float f = (float) ((float) h * 6.0 / 255.0 - (float) i);
        float fs = (float) (((float) s) / 255.0);
        int up = clip8(cround((float) v * (1.0 - fs)));
        int uq = clip8(cround((float) v * (1.0 - fs * f)));
        int ut = clip8(cround((float) v * (1.0 - fs * (1.0 - f))));
        int r;
        int g;
        int b;
        switch (i % 6) {
            case 0 -> { r = v; g = ut; b = up; }
            case 1 -> { r = uq; g = v; b = up; }
            case 2 -> { r = up; g = v; b = ut; }
            case 3 -> { r = up; g = uq; b = v; }
            case 4 -> { r = ut; g = up; b = v; }
            default -> { r = v; g = up; b = uq; }
        }
        out[o] = (byte) r;
        out[o + 1] = (byte) g;
        out[o + 2] = (byte) b;
    }

    /** torchvision's repr, {@code ColorJitter(brightness=[0.8, 1.2], contrast=None, saturation=None, hue=None)}. */
    @Override
    public String toString() {
        return repr;
    }
}
