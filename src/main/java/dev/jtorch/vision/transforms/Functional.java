package dev.jtorch.vision.transforms;

import dev.jtorch.Tensor;
import dev.jtorch.vision.Image;
import java.util.Locale;

/** What several transforms share: argument checks and torchvision's {@code functional} helpers on PIL images. */
final class Functional {
    private Functional() {}

    static Image pil(Object img) {
        if (img instanceof Image i) {
            return i;
        }
        throw new IllegalArgumentException("img should be PIL Image. Got " + typeName(img));
    }

    static Tensor tensor(Object t) {
        if (t instanceof Tensor x) {
            return x;
        }
        throw new IllegalArgumentException("Input tensor should be a torch tensor. Got " + typeName(t) + ".");
    }

    /**
     * Computes a tensor in a scope of its own, freeing the temporaries, and hands the result to the scope that was
     * current before (or to the garbage collector when there was none).
     */
    static Tensor scoped(String name, java.util.function.Supplier<Tensor> body) {
        dev.jtorch.TensorScope outer = dev.jtorch.TensorScope.current();
        Tensor out;
        try (dev.jtorch.TensorScope s = new dev.jtorch.TensorScope(name)) {
            out = body.get().keep();
        }
        if (outer != null) {
            outer.adopt(out);
        }
        return out;
    }

    /** A random draw's value ({@code tensor.item()}), its tensor freed at once. */
    static double item(java.util.function.Supplier<Tensor> draw) {
        try (dev.jtorch.TensorScope s = new dev.jtorch.TensorScope("draw")) {
            return draw.get().item();
        }
    }

    static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    static int[] size2(int[] size, String what) {
        if (size.length == 1) {
            return new int[] {size[0], size[0]};
        }
        if (size.length != 2) {
            throw new IllegalArgumentException("Please provide only two dimensions (h, w) for size.");
        }
        return size.clone();
    }

    /** {@code F.crop(img, top, left, height, width)}: {@code img.crop((left, top, left + width, top + height))}. */
    static Image crop(Image img, int top, int left, int height, int width) {
        return img.crop(left, top, left + width, top + height);
    }

    /** torchvision's {@code _compute_resized_output_size}, then {@code img.resize}. */
    static Image resize(Image img, int[] size, InterpolationMode mode, Integer maxSize) {
        int h = img.height();
        int w = img.width();
        int newH;
        int newW;
        if (size.length == 1) {
            int shortSide = Math.min(w, h);
            int longSide = Math.max(w, h);
            int newShort = size[0];
            int newLong = (int) ((double) ((long) size[0] * longSide) / shortSide);
            if (maxSize != null) {
                if (maxSize <= size[0]) {
                    throw new IllegalArgumentException("max_size = " + maxSize + " must be strictly greater than the "
                            + "requested size for the smaller edge size = [" + size[0] + "]");
                }
                if (newLong > maxSize) {
                    newShort = (int) ((double) ((long) maxSize * newShort) / newLong);
                    newLong = maxSize;
                }
            }
            if (w <= h) {
                newW = newShort;
                newH = newLong;
            } else {
                newW = newLong;
                newH = newShort;
            }
        } else {
            newH = size[0];
            newW = size[1];
        }
        return img.resize(newW, newH, mode.pil());
    }

    /** {@code F.center_crop} on a PIL image: pads with 0 where the crop is larger, then crops the centre. */
    static Image centerCrop(Image img, int cropH, int cropW) {
        int ih = img.height();
        int iw = img.width();
        if (cropW > iw || cropH > ih) {
            int padL = cropW > iw ? (cropW - iw) / 2 : 0;
            int padT = cropH > ih ? (cropH - ih) / 2 : 0;
            int padR = cropW > iw ? (cropW - iw + 1) / 2 : 0;
            int padB = cropH > ih ? (cropH - ih + 1) / 2 : 0;
            img = img.crop(-padL, -padT, iw + padR, ih + padB);
            ih = img.height();
            iw = img.width();
            if (cropW == iw && cropH == ih) {
                return img;
            }
        }
        int top = (int) Math.rint((ih - cropH) / 2.0);
        int left = (int) Math.rint((iw - cropW) / 2.0);
        return crop(img, top, left, cropH, cropW);
    }

    /** Python's {@code str} of a tuple of ints: {@code (224, 224)}. */
    static String tuple(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** Python's {@code str} of a list of ints: {@code [256]}. */
    static String list(int[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append("]").toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
