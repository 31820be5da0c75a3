package dev.jtorch.nn;

/**
 * {@code torch.nn.modules.linear.NonDynamicallyQuantizableLinear}: a {@link Linear} under another name, the output
 * projection {@code out_proj} of {@link MultiheadAttention} (PyTorch uses the name to keep dynamic quantization away
 * from it; here it changes only the repr).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiheadAttention.html">torch.nn.MultiheadAttention</a>'s
 * {@code out_proj}.
 */
public class NonDynamicallyQuantizableLinear extends Linear {
    /** {@code NonDynamicallyQuantizableLinear(in_features, out_features, bias)}. */
    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        super(inFeatures, outFeatures, bias);
    }
}
