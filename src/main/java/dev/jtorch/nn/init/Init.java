package dev.jtorch.nn.init;

import dev.jtorch.PyEnum;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * {@code torch.nn.init}: in-place initialisers that draw from the default generator exactly as PyTorch's do, so
 * that the same seed gives the same weights.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/nn.init.html">torch.nn.init</a>.
 */
public final class Init {
    private Init() {}

    /** Fan-in and fan-out of a weight, as {@code _calculate_fan_in_and_fan_out}. */
    public static long[] calculateFanInAndFanOut(Tensor tensor) {
        int dims = tensor.dim();
        if (dims < 2) {
            throw new IllegalArgumentException(
                    "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        long receptive = 1;
        for (int d = 2; d < dims; d++) {
            receptive *= tensor.size(d);
        }
        return new long[] {tensor.size(1) * receptive, tensor.size(0) * receptive};
    }

    /** {@code nn.init.calculate_gain(nonlinearity, param)} for {@code leaky_relu}, {@code relu} and linear ones. */
    public static double calculateGain(String nonlinearity, double param) {
        switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "sigmoid":
                return 1.0;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu":
                return Math.sqrt(2.0 / (1 + Math.pow(param, 2)));
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        }
    }

    /** {@code nn.init.uniform_(tensor, a, b)}. */
    public static Tensor uniform_(Tensor tensor, double a, double b) {
        try (var g = Torch.noGrad()) {
            return tensor.uniform_(a, b);
        }
    }

    /** {@code nn.init.normal_(tensor, mean, std)}. */
    public static Tensor normal_(Tensor tensor, double mean, double std) {
        try (var g = Torch.noGrad()) {
            return tensor.normal_(mean, std);
        }
    }

    /** {@code nn.init.zeros_(tensor)}. */
    public static Tensor zeros_(Tensor tensor) {
        try (var g = Torch.noGrad()) {
            return tensor.zero_();
        }
    }

    /** {@code nn.init.ones_(tensor)}. */
    public static Tensor ones_(Tensor tensor) {
        try (var g = Torch.noGrad()) {
            return tensor.fill_(1.0);
        }
    }

    /** {@code nn.init.constant_(tensor, value)}. */
    public static Tensor constant_(Tensor tensor, double value) {
        try (var g = Torch.noGrad()) {
            return tensor.fill_(value);
        }
    }

    /**
     * {@code nn.init.kaiming_uniform_(tensor, a, mode='fan_in', nonlinearity='leaky_relu')}, the default
     * initialisation of {@code Linear} and {@code Conv} weights (with {@code a = sqrt(5)}). A tensor without
     * elements is left as it is, as in PyTorch.
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a) {
        if (tensor.numel() == 0) {
            return tensor; // PyTorch warns "Initializing zero-element tensors is a no-op"
        }
        long fan = calculateFanInAndFanOut(tensor)[0];
        double gain = calculateGain("leaky_relu", a);
        double std = gain / Math.sqrt(fan);
        double bound = Math.sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /** Python's {@code mode} of the Kaiming initialisers: which fan scales the standard deviation. */
    public enum FanMode implements PyEnum {
        /** {@code mode='fan_in'}: preserves the magnitude of the activations in the forward pass (the default). */
        FAN_IN,
        /** {@code mode='fan_out'}: preserves the magnitude of the gradients in the backward pass. */
        FAN_OUT;

        /** Python's spelling: {@code fan_in} or {@code fan_out}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code nn.init.kaiming_normal_(tensor, a, mode, nonlinearity)}: normal values with mean 0 and standard
     * deviation {@code gain / sqrt(fan)}, where the gain is {@link #calculateGain(String, double)
     * calculateGain(nonlinearity, a)} and the fan is the tensor's fan-in or fan-out. A tensor without elements is
     * left as it is, as in PyTorch. See
     * <a href="https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.kaiming_normal_">torch.nn.init.kaiming_normal_</a>.
     */
    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode, String nonlinearity) {
        java.util.Objects.requireNonNull(mode, "mode");
        if (tensor.numel() == 0) {
            return tensor; // PyTorch warns "Initializing zero-element tensors is a no-op"
        }
        long[] fans = calculateFanInAndFanOut(tensor);
        long fan = mode == FanMode.FAN_IN ? fans[0] : fans[1];
        double gain = calculateGain(nonlinearity, a);
        double std = gain / Math.sqrt(fan);
        return normal_(tensor, 0.0, std);
    }

    /** {@code nn.init.kaiming_normal_(tensor)}: {@code a=0, mode='fan_in', nonlinearity='leaky_relu'}. */
    public static Tensor kaimingNormal_(Tensor tensor) {
        return kaimingNormal_(tensor, 0, FanMode.FAN_IN, "leaky_relu");
    }

    /** {@code nn.init.xavier_uniform_(tensor, gain)}. */
    public static Tensor xavierUniform_(Tensor tensor, double gain) {
        long[] fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans[0] + fans[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(tensor, -a, a);
    }

    /** {@code nn.init.xavier_uniform_(tensor)}: gain 1. */
    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1.0);
    }

    /**
     * {@code nn.init.xavier_normal_(tensor, gain)}: normal values with mean 0 and standard deviation
     * {@code gain * sqrt(2 / (fan_in + fan_out))}, drawn from the default generator as PyTorch does. See
     * <a href="https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.xavier_normal_">torch.nn.init.xavier_normal_</a>.
     */
    public static Tensor xavierNormal_(Tensor tensor, double gain) {
        long[] fans = calculateFanInAndFanOut(tensor);
        double std = gain * Math.sqrt(2.0 / (double) (fans[0] + fans[1]));
        return normal_(tensor, 0.0, std);
    }

    /** {@code nn.init.xavier_normal_(tensor)}: gain 1. */
    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1.0);
    }
}
