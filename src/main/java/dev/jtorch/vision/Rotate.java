package dev.jtorch.vision;

/**
 * Pillow 9.4's {@code Image.rotate(angle)} (NEAREST, no expand, about the centre, black outside) for
 * {@link Image#rotate}: transposes for exact multiples of 180 (and of 90 for a square image), else its inverse
 * affine sampling ({@code ImagingTransformAffine}) in 16.16 fixed point, or in doubles when out of range.
 */
final class Rotate {

    private Rotate() {}

    /** {@code im.rotate(angle)}: counter-clockwise by {@code angle} degrees. */
    static Image rotate(Image im, double angle) {
        angle = pyMod(angle, 360.0);
        Image.Mode mode = im.mode();
        int width = im.width();
        int height = im.height();
        byte[] pixels = im.pixels();
        int nb = mode.bands();
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
}
