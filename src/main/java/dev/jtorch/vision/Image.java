package dev.jtorch.vision;

import dev.jtorch.PyEnum;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit image in memory, standing for a <a href="https://pillow.readthedocs.io/en/stable/reference/Image.html">
 * PIL.Image.Image</a> of mode {@code "RGB"} (three interleaved bytes per pixel) or {@code "L"} (one byte per
 * pixel), row by row from the top left, as Pillow stores it. The operations torchvision's transforms need
 * ({@link #crop}, {@link #resize}, {@link #transposeLeftRight}, {@link #convert}, {@link #blend}) compute Pillow
 * 9.4's pixels bit for bit.
 *
 * <p>{@link #open(Path)} decodes PNG and JPEG (and BMP, GIF) through {@code javax.imageio}; PNG pixels equal PIL's
 * exactly. JPEG decoders may differ: {@code javax.imageio}'s (IJG libjpeg 6b) and Pillow's (libjpeg-turbo) gave
 * identical pixels for the committed test JPEG (baseline 4:2:0), but other JPEGs may differ by a unit.
 *
 * <p>The images torchvision's <a href="https://pytorch.org/vision/0.14/transforms.html">transforms</a> take.
 */
public final class Image {
    /** The modes supported, as Pillow names them. */
    public enum Mode implements PyEnum {
        /** {@code "RGB"}: 3x8-bit. */
        RGB(3),
        /** {@code "L"}: 8-bit greyscale. */
        L(1);

        private final int bands;

        /** PIL's mode string ({@code "RGB"}, {@code "L"}). */
        @Override
        public String pythonName() {
            return name();
        }

        Mode(int bands) {
            this.bands = bands;
        }

        /** The number of bands (channels): 3 or 1. */
        public int bands() {
            return bands;
        }
    }

    private final Mode mode;
    private final int width;
    private final int height;
    private final byte[] pixels;

    /**
     * An image over {@code pixels} (row-major, bands interleaved; not copied).
     *
     * @throws IllegalArgumentException if the sizes do not match
     */
    public Image(Mode mode, int width, int height, byte[] pixels) {
        this.mode = Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pixels, "pixels");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must be >= 0, got " + width + "x" + height);
        }
        if ((long) width * height * mode.bands != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, a " + width + "x" + height
                    + " " + mode + " image needs " + ((long) width * height * mode.bands));
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** {@code PIL.Image.new(mode, (width, height), color)}: every band of every pixel set to {@code value}. */
    public static Image newImage(Mode mode, int width, int height, int value) {
        byte[] p = new byte[width * height * mode.bands];
        Arrays.fill(p, (byte) value);
        return new Image(mode, width, height, p);
    }

    /** Pillow's {@code img.mode}. */
    public Mode mode() {
        return mode;
    }

    /** Pillow's {@code img.width}. */
    public int width() {
        return width;
    }

    /** Pillow's {@code img.height}. */
    public int height() {
        return height;
    }

    /** The pixel bytes (row-major, bands interleaved), as {@code img.tobytes()}; the array itself, not a copy. */
    public byte[] pixels() {
        return pixels;
    }

    /** Band {@code band} of pixel ({@code x}, {@code y}), 0..255, as {@code img.getpixel((x, y))[band]}. */
    public int get(int x, int y, int band) {
        return pixels[(y * width + x) * mode.bands + band] & 0xFF;
    }

    // ------------------------------------------------------------------ files

    /**
     * {@code PIL.Image.open(path).convert("RGB")} (torchvision's {@code pil_loader}): decodes PNG, JPEG, BMP or GIF;
     * greyscale, palette and alpha images become RGB as Pillow converts them (alpha is dropped, not composited).
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if no decoder knows the format
     */
    public static Image open(Path path) {
        return open(path, Mode.RGB);
    }

    /** {@code PIL.Image.open(path).convert(mode)}. */
    public static Image open(Path path, Mode mode) {
        Image rgb = ImageFiles.read(path);
        return mode == Mode.RGB ? rgb : rgb.convert(mode);
    }

    /**
     * {@code img.save(path)} as PNG (what torchvision's {@code ToPILImage()(tensor).save(path)} does for a
     * {@code .png} name); PIL reads back the same pixels.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public void save(Path path) {
        ImageFiles.writePng(this, path);
    }

    // ------------------------------------------------------------------ geometry

    /**
     * {@code img.crop((left, upper, right, lower))}: the box may reach outside the image; those pixels are 0.
     *
     * @throws IllegalArgumentException if {@code right < left} or {@code lower < upper}
     */
    public Image crop(int left, int upper, int right, int lower) {
        if (right < left) {
            throw new IllegalArgumentException("Coordinate 'right' is less than 'left'");
        }
        if (lower < upper) {
            throw new IllegalArgumentException("Coordinate 'lower' is less than 'upper'");
        }
        int w = right - left;
        int h = lower - upper;
        int nb = mode.bands;
        byte[] out = new byte[w * h * nb];
        int x0 = Math.max(left, 0);
        int x1 = Math.min(right, width);
        for (int y = 0; y < h; y++) {
            int sy = y + upper;
            if (sy < 0 || sy >= height || x1 <= x0) {
                continue;
            }
            System.arraycopy(pixels, (sy * width + x0) * nb, out, (y * w + x0 - left) * nb, (x1 - x0) * nb);
        }
        return new Image(mode, w, h, out);
    }

    /** {@code img.transpose(Image.FLIP_LEFT_RIGHT)} (torchvision's {@code hflip}). */
    public Image transposeLeftRight() {
        int nb = mode.bands;
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(pixels, (y * width + x) * nb, out, (y * width + width - 1 - x) * nb, nb);
            }
        }
        return new Image(mode, width, height, out);
    }

    /** Pillow's resampling filters supported by {@link #resize}. */
    public enum Resampling implements PyEnum {
        /** {@code Image.NEAREST} (0). */
        NEAREST,
        /** {@code Image.BILINEAR} (2). */
        BILINEAR;

        /** PIL's name ({@code Image.Resampling.NEAREST}: {@code "NEAREST"}). */
        @Override
        public String pythonName() {
            return name();
        }
    }

    /**
     * {@code img.resize((width, height), resample)}, Pillow 9.4's pixels bit for bit: NEAREST samples as its
     * affine scaling does ({@code ImagingScaleAffine}), BILINEAR is its antialiased two-pass convolution
     * ({@code ImagingResample}) with 22-bit fixed-point coefficients.
     *
     * @throws IllegalArgumentException if a size is below 1 ("height and width must be &gt; 0")
     */
    public Image resize(int newWidth, int newHeight, Resampling resample) {
        if (newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("height and width must be > 0");
        }
        if (newWidth == width && newHeight == height) {
            return new Image(mode, width, height, pixels.clone());
        }
        return resample == Resampling.NEAREST ? Resample.nearest(this, newWidth, newHeight)
                : Resample.bilinear(this, newWidth, newHeight);
    }

    /**
     * {@code img.rotate(angle)} (Pillow 9.4, NEAREST, no expand, about the centre, black outside): counter-clockwise
     * by {@code angle} degrees. Exact multiples of 180 (and of 90 for a square image) are transposes; any other
     * angle samples through Pillow's inverse affine matrix (cosine and sine rounded to 15 decimals) in its 16.16
     * fixed-point arithmetic, giving PIL's pixels.
     */
    public Image rotate(double angle) {
        return Rotate.rotate(this, angle);
    }

    // ------------------------------------------------------------------ colour

    /**
     * {@code img.convert(mode)}: RGB to L is Pillow's {@code L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}
     * (ITU-R 601-2 luma); L to RGB copies the grey into each band.
     */
    public Image convert(Mode target) {
        if (target == mode) {
            return new Image(mode, width, height, pixels.clone());
        }
        int n = width * height;
        if (target == Mode.L) {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                int r = pixels[3 * i] & 0xFF;
                int g = pixels[3 * i + 1] & 0xFF;
                int b = pixels[3 * i + 2] & 0xFF;
                out[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16);
            }
            return new Image(Mode.L, width, height, out);
        }
        byte[] out = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = pixels[i];
        }
        return new Image(Mode.RGB, width, height, out);
    }

    /**
     * {@code PIL.Image.blend(im1, im2, alpha)}: {@code im1 + alpha * (im2 - im1)} per band in single precision,
     * truncated, and clipped to 0..255 when {@code alpha} is outside [0, 1] (Pillow's {@code ImagingBlend}).
     * ImageEnhance's Brightness, Contrast and Color are blends.
     *
     * @throws IllegalArgumentException if the images differ in mode or size
     */
    public static Image blend(Image im1, Image im2, double alpha) {
        if (im1.mode != im2.mode || im1.width != im2.width || im1.height != im2.height) {
            throw new IllegalArgumentException("images do not match");
        }
        float a = (float) alpha;
        byte[] p1 = im1.pixels;
        byte[] p2 = im2.pixels;
        byte[] out = new byte[p1.length];
        boolean inside = a >= 0 && a <= 1.0;
        for (int i = 0; i < out.length; i++) {
            int v1 = p1[i] & 0xFF;
            int v2 = p2[i] & 0xFF;
            float t = v1 + a * (v2 - v1);
            if (inside) {
                out[i] = (byte) (int) t;
            } else {
                out[i] = (byte) (t <= 0f ? 0 : t >= 255f ? 255 : (int) t);
            }
        }
        return new Image(im1.mode, im1.width, im1.height, out);
    }

    /** Equal mode, size and pixels. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && i.mode == mode && i.width == width && i.height == height
                && Arrays.equals(i.pixels, pixels);
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(mode, width, height, Arrays.hashCode(pixels));
    }

    /** As Pillow's repr, without the address: {@code <PIL.Image.Image image mode=RGB size=32x24>}. */
    @Override
    public String toString() {
        return "<PIL.Image.Image image mode=" + mode + " size=" + width + "x" + height + ">";
    }
}
