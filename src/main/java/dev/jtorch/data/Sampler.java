package dev.jtorch.data;

/**
 * Where a {@link DataLoader} takes its indices from, mirroring {@code torch.utils.data.Sampler}: iterating yields
 * dataset indices; {@code size()} is Python's {@code len(sampler)}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Sampler">torch.utils.data.Sampler</a>.
 */
public interface Sampler extends Iterable<Long> {
    /** Python's {@code len(sampler)}. */
    long size();
}
