package dev.jtorch.vision;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;

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
    public enum Mode {
        /** {@code "RGB"}: 3x8-bit. */
        RGB(3),
        /** {@code "L"}: 8-bit greyscale. */
        L(1);

        private final int bands;

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
        BufferedImage bi;
        try {
            bi = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image file '" + path + "'", e);
        }
        if (bi == null) {
            throw new IllegalArgumentException("cannot identify image file '" + path + "'");
        }
        Image rgb = fromRaster(bi, path);
        return mode == Mode.RGB ? rgb : rgb.convert(mode);
    }

    private static Image fromRaster(BufferedImage bi, Path path) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        Raster r = bi.getRaster();
        byte[] out = new byte[w * h * 3];
        if (bi.getColorModel() instanceof IndexColorModel icm) {
            int[] idx = r.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < idx.length; i++) {
                out[3 * i] = (byte) icm.getRed(idx[i]);
                out[3 * i + 1] = (byte) icm.getGreen(idx[i]);
                out[3 * i + 2] = (byte) icm.getBlue(idx[i]);
            }
            return new Image(Mode.RGB, w, h, out);
        }
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        int[][] s = new int[bands][];
        for (int b = 0; b < bands; b++) {
            s[b] = r.getSamples(0, 0, w, h, b, (int[]) null);
            if (bits == 16) {
                for (int i = 0; i < s[b].length; i++) {
                    s[b][i] >>= 8;
                }
            } else if (bits < 8) {
                int max = (1 << bits) - 1;
                for (int i = 0; i < s[b].length; i++) {
                    s[b][i] = s[b][i] * 255 / max;
                }
            } else if (bits != 8) {
                throw new IllegalArgumentException("unsupported " + bits + "-bit image '" + path + "'");
            }
        }
        boolean grey = bands <= 2;
        for (int i = 0; i < w * h; i++) {
            out[3 * i] = (byte) s[0][i];
            out[3 * i + 1] = (byte) s[grey ? 0 : 1][i];
            out[3 * i + 2] = (byte) s[grey ? 0 : 2][i];
        }
        return new Image(Mode.RGB, w, h, out);
    }

    /**
     * {@code img.save(path)} as PNG (what torchvision's {@code ToPILImage()(tensor).save(path)} does for a
     * {@code .png} name); PIL reads back the same pixels.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public void save(Path path) {
        BufferedImage bi = new BufferedImage(Math.max(width, 1), Math.max(height, 1),
                mode == Mode.RGB ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = bi.getRaster();
        int[] row = new int[width * mode.bands];
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < row.length; i++) {
                row[i] = pixels[y * row.length + i] & 0xFF;
            }
            r.setPixels(0, y, width, 1, row);
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(bi, "png", path.toFile())) {
                throw new IllegalStateException("no PNG writer in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image file '" + path + "'", e);
        }
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
    public enum Resampling {
        /** {@code Image.NEAREST} (0). */
        NEAREST,
        /** {@code Image.BILINEAR} (2). */
        BILINEAR
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
        angle = pyMod(angle, 360.0);
        int nb = mode.bands;
        if (angle == 0) {
            return new Image(mode, width, height, pixels.clone());
        }
        if (angle == 180 || ((angle == 90 || angle == 270) && width == height)) {
            byte[] out = new byte[pixels.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sx;
                    int sy;
                    if (angle == 180) {
                        sx = width - 1 - x;
                        sy = height - 1 - y;
                    } else if (angle == 90) {
                        sx = width - 1 - y;
                        sy = x;
                    } else {
                        sx = y;
                        sy = height - 1 - x;
                    }
                    System.arraycopy(pixels, (sy * width + sx) * nb, out, (y * width + x) * nb, nb);
                }
            }
            return new Image(mode, width, height, out);
        }
        double cx = width / 2.0;
        double cy = height / 2.0;
        double rad = -Math.toRadians(angle);
        double[] a = {round15(StrictMath.cos(rad)), round15(StrictMath.sin(rad)), 0.0, round15(-StrictMath.sin(rad)),
            round15(StrictMath.cos(rad)), 0.0};
        double tx = a[0] * -cx + a[1] * -cy + a[2];
        double ty = a[3] * -cx + a[4] * -cy + a[5];
        a[2] = tx + cx;
        a[5] = ty + cy;
        byte[] out = new byte[pixels.length];
        int w = width;
        int h = height;
        if (checkFixed(a, 0, 0) && checkFixed(a, w, h) && checkFixed(a, 0, h) && checkFixed(a, w, 0)) {
            int a0 = fix(a[0]);
            int a1 = fix(a[1]);
            int a3 = fix(a[3]);
            int a4 = fix(a[4]);
            int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
            int a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
            for (int y = 0; y < h; y++) {
                int xx = a2;
                int yy = a5;
                for (int x = 0; x < w; x++) {
                    int xin = xx >> 16;
                    if (xin >= 0 && xin < w) {
                        int yin = yy >> 16;
                        if (yin >= 0 && yin < h) {
                            System.arraycopy(pixels, (yin * w + xin) * nb, out, (y * w + x) * nb, nb);
                        }
                    }
                    xx += a0;
                    yy += a3;
                }
                a2 += a1;
                a5 += a4;
            }
        } else {
            double xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
            double yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
            for (int y = 0; y < h; y++) {
                double xx = xo;
                double yy = yo;
                for (int x = 0; x < w; x++) {
                    int xin = xx < 0.0 ? -1 : (int) xx;
                    if (xin >= 0 && xin < w) {
                        int yin = yy < 0.0 ? -1 : (int) yy;
                        if (yin >= 0 && yin < h) {
                            System.arraycopy(pixels, (yin * w + xin) * nb, out, (y * w + x) * nb, nb);
                        }
                    }
                    xx += a[0];
                    yy += a[3];
                }
                xo += a[1];
                yo += a[4];
            }
        }
        return new Image(mode, width, height, out);
    }

    private static boolean checkFixed(double[] a, int x, int y) {
        return Math.abs(x * a[0] + y * a[1] + a[2]) < 32768.0 && Math.abs(x * a[3] + y * a[4] + a[5]) < 32768.0;
    }

    private static int fix(double v) {
        double t = v * 65536.0 + 0.5;
        return t < 0.0 ? (int) Math.floor(t) : (int) t;
    }

    /** Python's {@code round(x, 15)}: the exact binary value rounded half to even at 15 decimals. */
    private static double round15(double x) {
        return new java.math.BigDecimal(x).setScale(15, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Python's float {@code x % m}: the sign of {@code m}. */
    private static double pyMod(double x, double m) {
        double r = x % m;
        if (r != 0 && (r < 0) != (m < 0)) {
            r += m;
        }
        return r == 0 ? Math.copySign(0.0, m) : r;
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
