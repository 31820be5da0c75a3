package dev.jtorch.vision;

/**
 * Pillow 9.4's resizing of 8-bit images, reproduced operation for operation (its {@code libImaging/Resample.c}
 * and the nearest-neighbour scaling of {@code Geometry.c}), so that {@link Image#resize} gives PIL's pixels.
 */
final class Resample {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private Resample() {}

    private static int clip8(int in) {
        int v = in >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Coefficients of one pass: per output pixel its first input index, count and fixed-point weights. */
    private static final class Coeffs {
        final int ksize;
        final int[] bounds;
        final int[] kk;

        Coeffs(int ksize, int[] bounds, int[] kk) {
            this.ksize = ksize;
            this.bounds = bounds;
            this.kk = kk;
        }
    }

    private static double bilinearFilter(double x) {
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return 1.0 - x;
        }
        return 0.0;
    }

    /** Pillow's {@code precompute_coeffs} (support 1, the bilinear filter) and {@code normalize_coeffs_8bpc}. */
    private static Coeffs precompute(int inSize, float in0, float in1, int outSize) {
        double support;
        double scale;
        double filterscale;
        filterscale = scale = (double) (in1 - in0) / outSize;
        if (filterscale < 1.0) {
            filterscale = 1.0;
        }
        support = 1.0 * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        double[] kk = new double[outSize * ksize];
        int[] bounds = new int[outSize * 2];
        for (int xx = 0; xx < outSize; xx++) {
            double center = in0 + (xx + 0.5) * scale;
            double ww = 0.0;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            int k = xx * ksize;
            for (int x = 0; x < xmax; x++) {
                double w = bilinearFilter((x + xmin - center + 0.5) * ss);
                kk[k + x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    kk[k + x] /= ww;
                }
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        int[] fixed = new int[kk.length];
        for (int x = 0; x < kk.length; x++) {
            fixed[x] = kk[x] < 0 ? (int) (-0.5 + kk[x] * (1 << PRECISION_BITS))
                    : (int) (0.5 + kk[x] * (1 << PRECISION_BITS));
        }
        return new Coeffs(ksize, bounds, fixed);
    }

    /** {@code ImagingResample(im, w, h, BILINEAR, (0, 0, width, height))}. */
    static Image bilinear(Image in, int xsize, int ysize) {
        int nb = in.mode().bands();
        float[] box = {0, 0, in.width(), in.height()};
        boolean needHorizontal = xsize != in.width() || box[0] != 0 || box[2] != xsize;
        boolean needVertical = ysize != in.height() || box[1] != 0 || box[3] != ysize;
        Coeffs horiz = precompute(in.width(), box[0], box[2], xsize);
        Coeffs vert = precompute(in.height(), box[1], box[3], ysize);
        int yboxFirst = vert.bounds[0];
        int yboxLast = vert.bounds[ysize * 2 - 2] + vert.bounds[ysize * 2 - 1];
        byte[] src = in.pixels();
        int srcW = in.width();
        int srcH = in.height();
        if (needHorizontal) {
            for (int i = 0; i < ysize; i++) {
                vert.bounds[i * 2] -= yboxFirst;
            }
            int th = yboxLast - yboxFirst;
            byte[] tmp = new byte[xsize * th * nb];
            for (int yy = 0; yy < th; yy++) {
                int rowIn = (yy + yboxFirst) * srcW * nb;
                for (int xx = 0; xx < xsize; xx++) {
                    int xmin = horiz.bounds[xx * 2];
                    int xmax = horiz.bounds[xx * 2 + 1];
                    int k = xx * horiz.ksize;
                    for (int b = 0; b < nb; b++) {
                        int ss = 1 << (PRECISION_BITS - 1);
                        for (int x = 0; x < xmax; x++) {
                            ss += (src[rowIn + (x + xmin) * nb + b] & 0xFF) * horiz.kk[k + x];
                        }
                        tmp[(yy * xsize + xx) * nb + b] = (byte) clip8(ss);
                    }
                }
            }
            src = tmp;
            srcW = xsize;
            srcH = th;
        }
        if (needVertical) {
            byte[] out = new byte[srcW * ysize * nb];
            for (int yy = 0; yy < ysize; yy++) {
                int k = yy * vert.ksize;
                int ymin = vert.bounds[yy * 2];
                int ymax = vert.bounds[yy * 2 + 1];
                for (int xx = 0; xx < srcW; xx++) {
                    for (int b = 0; b < nb; b++) {
                        int ss = 1 << (PRECISION_BITS - 1);
                        for (int y = 0; y < ymax; y++) {
                            ss += (src[((y + ymin) * srcW + xx) * nb + b] & 0xFF) * vert.kk[k + y];
                        }
                        out[(yy * srcW + xx) * nb + b] = (byte) clip8(ss);
                    }
                }
            }
            return new Image(in.mode(), srcW, ysize, out);
        }
        return new Image(in.mode(), srcW, srcH, src == in.pixels() ? src.clone() : src);
    }

    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    /** {@code im.resize((w, h), NEAREST)}: Pillow's {@code ImagingScaleAffine} with {@code a = (W/w, 0, 0, 0, H/h, 0)}. */
    static Image nearest(Image in, int xsize, int ysize) {
        int nb = in.mode().bands();
        float[] box = {0, 0, in.width(), in.height()};
        double a0 = (double) (box[2] - box[0]) / xsize;
        double a4 = (double) (box[3] - box[1]) / ysize;
        double a2 = box[0];
        double a5 = box[1];
        int[] xintab = new int[xsize];
        double xo = a2 + a0 * 0.5;
        double yo = a5 + a4 * 0.5;
        int xmin = xsize;
        int xmax = 0;
        for (int x = 0; x < xsize; x++) {
            int xin = coord(xo);
            if (xin >= 0 && xin < in.width()) {
                xmax = x + 1;
                if (x < xmin) {
                    xmin = x;
                }
                xintab[x] = xin;
            }
            xo += a0;
        }
        byte[] src = in.pixels();
        byte[] out = new byte[xsize * ysize * nb];
        for (int y = 0; y < ysize; y++) {
            int yi = coord(yo);
            if (yi >= 0 && yi < in.height()) {
                for (int x = xmin; x < xmax; x++) {
                    System.arraycopy(src, (yi * in.width() + xintab[x]) * nb, out, (y * xsize + x) * nb, nb);
                }
            }
            yo += a4;
        }
        return new Image(in.mode(), xsize, ysize, out);
    }
}
