package dev.jtorch.vision;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Image files for {@link Image#open(Path, Image.Mode)} and {@link Image#save(Path)}: decoding through
 * {@code javax.imageio} into Pillow's RGB pixels (palette, greyscale, 16-bit and alpha images converted as Pillow
 * does), and writing PNG.
 */
final class ImageFiles {

    private ImageFiles() {}

    /** {@code PIL.Image.open(path).convert("RGB")}. */
    static Image read(Path path) {
        BufferedImage bi;
        try {
            bi = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image file '" + path + "'", e);
        }
        if (bi == null) {
            throw new IllegalArgumentException("cannot identify image file '" + path + "'");
        }
        return fromRaster(bi, path);
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
            return new Image(Image.Mode.RGB, w, h, out);
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
        return new Image(Image.Mode.RGB, w, h, out);
    }

    /** {@code img.save(path)} as PNG. */
    static void writePng(Image im, Path path) {
        Image.Mode mode = im.mode();
        int width = im.width();
        int height = im.height();
        byte[] pixels = im.pixels();
        BufferedImage bi = new BufferedImage(Math.max(width, 1), Math.max(height, 1),
                mode == Image.Mode.RGB ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = bi.getRaster();
        int[] row = new int[width * mode.bands()];
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
}
