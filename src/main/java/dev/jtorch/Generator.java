package dev.jtorch;

import dev.jtorch.internal.Ops;

import dev.jtorch.internal.Native;

/**
 * A random-number generator, mirroring {@code torch.Generator} (CPU): {@code torch.Generator().manual_seed(0)} is
 * {@code new Generator().manualSeed(0)}. Pass it where PyTorch takes {@code generator=}: DataLoader shuffling,
 * {@code random_split}, {@code Torch.randn}, {@code rand}, {@code randint}, {@code randperm}, {@code normal},
 * {@code bernoulli}, {@code multinomial}, and the in-place samplers {@code uniform_}, {@code normal_},
 * {@code random_}, {@code bernoulli_}, {@code exponential_}. It is an owner: it belongs to no {@link TensorScope}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.Generator.html">torch.Generator</a>.
 */
public final class Generator {
    private final org.bytedeco.pytorch.Generator handle;

    /** {@code torch.Generator()}: a new CPU generator with PyTorch's default seed. */
    public Generator() {
        Native.ensureLoaded();
        this.handle = dev.jtorch.internal.Ops.unscoped(org.bytedeco.pytorch.global.torch.make_generator_cpu());
    }

    /** {@code generator.manual_seed(seed)}. Returns this generator. */
    public Generator manualSeed(long seed) {
        handle.set_current_seed(seed);
        return this;
    }

    /** {@code generator.initial_seed()}. */
    public long initialSeed() {
        return handle.current_seed();
    }

    /** libtorch's generator; for jtorch's own native glue. */
    public org.bytedeco.pytorch.Generator nativeGenerator() {
        return handle;
    }

    /**
     * The optional-generator argument of native calls: this generator, or for null the default one (the thread's
     * own on a {@code DataLoader} worker thread, as in PyTorch's worker processes; else libtorch's global one).
     */
    public static org.bytedeco.pytorch.GeneratorOptional optional(Generator g) {
        Generator use = g != null ? g : dev.jtorch.internal.ThreadGenerator.get();
        return use == null ? new org.bytedeco.pytorch.GeneratorOptional()
                : new org.bytedeco.pytorch.GeneratorOptional(use.handle);
    }

    /**
     * One draw of a 64-bit seed, as PyTorch's data utilities make it:
     * {@code torch.empty((), dtype=torch.int64).random_(generator=g).item()}.
     */
    public static long drawSeed(Generator g) {
        try (TensorScope s = new TensorScope("seed draw")) {
            Tensor t = Torch.empty(new long[0], DType.INT64);
            Ops.call(() -> t.nativeTensor().random_(optional(g)));
            return t.itemLong();
        }
    }
}
