package dev.jtorch.vision.transforms;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.vision.Image;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.RandomResizedCrop.html">
 * torchvision.transforms.RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3), interpolation=BILINEAR)</a>
 * on PIL images: a crop of random area and aspect ratio, resized to {@code size}. The crop is drawn exactly as
 * torchvision's {@code get_params} draws it from the global generator (per attempt: {@code torch.empty(1).uniform_}
 * for the area, again for the log-ratio, then two {@code torch.randint} for the position; up to 10 attempts, then
 * the central crop), so the same seed gives the same crops as Python.
 */
public final class RandomResizedCrop implements Transform {
    private final int[] size;
    private final double[] scale;
    private final double[] ratio;
    private final InterpolationMode interpolation;

    /** {@code RandomResizedCrop(size)}: a square output. */
    public RandomResizedCrop(int size) {
        this(new int[] {size});
    }

    /** {@code RandomResizedCrop((h, w))}. */
    public RandomResizedCrop(int[] size) {
        this(size, new double[] {0.08, 1.0}, new double[] {3.0 / 4.0, 4.0 / 3.0}, InterpolationMode.BILINEAR);
    }

    /** {@code RandomResizedCrop(size, scale, ratio, interpolation)}. */
    public RandomResizedCrop(int[] size, double[] scale, double[] ratio, InterpolationMode interpolation) {
        this.size = Functional.size2(size, "size");
        if (scale.length != 2 || ratio.length != 2) {
            throw new IllegalArgumentException("Scale and ratio should be of kind (min, max)");
        }
        this.scale = scale.clone();
        this.ratio = ratio.clone();
        this.interpolation = interpolation;
    }

    /**
     * torchvision's {@code RandomResizedCrop.get_params(img, scale, ratio)}: {@code {top, left, height, width}}.
     */
    public static int[] getParams(Image img, double[] scale, double[] ratio) {
        int height = img.height();
        int width = img.width();
        double area = (double) height * width;
        try (TensorScope s = new TensorScope("RandomResizedCrop")) {
            float[] logRatio = Torch.tensor(new float[] {(float) ratio[0], (float) ratio[1]}).log().toFloatArray();
            for (int attempt = 0; attempt < 10; attempt++) {
                double targetArea = area * Torch.empty(1).uniform_(scale[0], scale[1]).item();
                Tensor u = Torch.empty(1).uniform_(logRatio[0], logRatio[1]);
                double aspectRatio = u.exp().item();
                int w = (int) Math.rint(Math.sqrt(targetArea * aspectRatio));
                int h = (int) Math.rint(Math.sqrt(targetArea / aspectRatio));
                if (0 < w && w <= width && 0 < h && h <= height) {
                    int i = (int) Torch.randint(0, height - h + 1, 1).itemLong();
                    int j = (int) Torch.randint(0, width - w + 1, 1).itemLong();
                    return new int[] {i, j, h, w};
                }
            }
        }
        double inRatio = (double) width / (double) height;
        double minRatio = Math.min(ratio[0], ratio[1]);
        double maxRatio = Math.max(ratio[0], ratio[1]);
        int w;
        int h;
        if (inRatio < minRatio) {
            w = width;
            h = (int) Math.rint(w / minRatio);
        } else if (inRatio > maxRatio) {
            h = height;
            w = (int) Math.rint(h * maxRatio);
        } else {
            w = width;
            h = height;
        }
        return new int[] {Math.floorDiv(height - h, 2), Math.floorDiv(width - w, 2), h, w};
    }

    /** Python's {@code random_resized_crop(img)}: {@code F.resized_crop(img, *get_params(...), size)}. */
    @Override
    public Object apply(Object img) {
        Image im = Functional.pil(img);
        int[] p = getParams(im, scale, ratio);
        return Functional.resize(Functional.crop(im, p[0], p[1], p[2], p[3]), size, interpolation, null);
    }

    /**
     * torchvision 0.14's repr, including its misplaced parenthesis: {@code RandomResizedCrop(size=(224, 224),
     * scale=(0.08, 1.0), ratio=(0.75, 1.3333), interpolation=bilinear), antialias=None)}.
     */
    @Override
    public String toString() {
        return "RandomResizedCrop(size=" + Functional.tuple(size) + ", scale=(" + round4(scale[0]) + ", "
                + round4(scale[1]) + "), ratio=(" + round4(ratio[0]) + ", " + round4(ratio[1]) + "), interpolation="
                + interpolation.value() + "), antialias=None)";
    }

    private static String round4(double v) {
        return PyFormat.repr(new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).doubleValue());
    }
}
