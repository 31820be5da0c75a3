package dev.jtorch.internal;

import dev.jtorch.Generator;

/**
 * The default generator of the current thread, where it is not libtorch's global one: a {@code DataLoader} worker
 * thread has its own, as each of PyTorch's worker processes has its own default generator (seeded
 * {@code base_seed + worker_id}). Everything in jtorch that draws from "the default generator" (factories such as
 * {@code Torch.rand}, {@code Tensor.uniform_}, dropout, {@code Torch.manualSeed}) asks here first. No PyTorch
 * counterpart (PyTorch's workers are processes).
 */
public final class ThreadGenerator {
    private static final ThreadLocal<Generator> CURRENT = new ThreadLocal<>();

    private ThreadGenerator() {}

    /** This thread's own default generator, or null where it uses libtorch's global one. */
    public static Generator get() {
        return CURRENT.get();
    }

    /** Makes {@code g} this thread's default generator (null: back to the global one). */
    public static void set(Generator g) {
        if (g == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(g);
        }
    }
}
