package dev.jtorch.vision.transforms;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.transforms.Normalize.html">
 * torchvision.transforms.Normalize(mean, std, inplace=False)</a>: {@code (tensor - mean) / std} per channel, with
 * mean and std as float32 tensors of shape (C, 1, 1), as torchvision computes it.
 */
public final class Normalize implements Transform {
    private final double[] mean;
    private final double[] std;
    private final boolean inplace;

    /** {@code Normalize(mean, std)}. */
    public Normalize(double[] mean, double[] std) {
        this(mean, std, false);
    }

    /** {@code Normalize(mean, std, inplace)}. */
    public Normalize(double[] mean, double[] std, boolean inplace) {
        this.mean = mean.clone();
        this.std = std.clone();
        this.inplace = inplace;
    }

    /**
     * Python's {@code normalize(tensor)}.
     *
     * @throws IllegalArgumentException if the input is not a floating-point tensor of at least 3 dimensions, or a
     *     std value is zero (torchvision's messages)
     */
    @Override
    public Object apply(Object img) {
        Tensor t = Functional.tensor(img);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("Input tensor should be a float tensor. Got " + t.dtype() + ".");
        }
        if (t.dim() < 3) {
            throw new IllegalArgumentException("Expected tensor to be a tensor image of size (..., C, H, W). Got "
                    + "tensor.size() = " + t.shape());
        }
        return Functional.scoped("Normalize", () -> {
            Tensor m = Torch.tensor(mean, t.dtype());
            Tensor s = Torch.tensor(std, t.dtype());
            if (s.eq(0).any().itemBool()) {
                throw new IllegalArgumentException("std evaluated to zero after conversion to " + t.dtype()
                        + ", leading to division by zero.");
            }
            m = m.view(-1, 1, 1);
            s = s.view(-1, 1, 1);
            return inplace ? t.copy_(t.sub(m).div(s)) : t.sub(m).div(s);
        });
    }

    /** torchvision's repr, {@code Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])}. */
    @Override
    public String toString() {
        return "Normalize(mean=" + list(mean) + ", std=" + list(std) + ")";
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(PyFormat.repr(v[i]));
        }
        return sb.append("]").toString();
    }

}
