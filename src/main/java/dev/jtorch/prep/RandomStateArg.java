package dev.jtorch.prep;

/**
 * A {@code random_state} argument as scikit-learn takes it: {@code None}, an integer seed or a {@link RandomState},
 * turned into a generator by {@link #resolve()} ({@code sklearn.utils.check_random_state}).
 */
record RandomStateArg(Long seed, RandomState instance) {
    static final RandomStateArg NONE = new RandomStateArg(null, null);

    static RandomStateArg of(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1");
        }
        return new RandomStateArg(seed, null);
    }

    static RandomStateArg of(RandomState instance) {
        return instance == null ? NONE : new RandomStateArg(null, instance);
    }

    boolean isNone() {
        return seed == null && instance == null;
    }

    /** {@code check_random_state}: a new generator for a seed, the instance itself, or NumPy's global one. */
    RandomState resolve() {
        if (seed != null) {
            return new RandomState(seed);
        }
        return instance != null ? instance : RandomState.global();
    }

    @Override
    public String toString() {
        return seed != null ? seed.toString() : instance != null ? "RandomState(MT19937)" : "None";
    }
}
