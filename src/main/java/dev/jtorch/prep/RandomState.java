package dev.jtorch.prep;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * NumPy's legacy generator {@code numpy.random.RandomState}: the Mersenne Twister MT19937 seeded like
 * {@code RandomState(seed)}, with NumPy's legacy sampling algorithms, so that the same seed gives the same
 * numbers as Python. scikit-learn draws all its randomness ({@code random_state=42}) from this generator.
 *
 * <p>{@link #randomSample()}, {@link #uniform}, {@link #randint}, {@link #permutation}, {@link #shuffle} and
 * {@link #choice} give NumPy's values bit for bit. {@link #standardNormal()} uses the legacy polar method and its
 * cached second value exactly as NumPy does; its one transcendental step, a logarithm, is Java's
 * {@link Math#log}, which now and then rounds the last bit differently from the C library (glibc) NumPy calls:
 * of a million {@code standard_normal()} values for seed 0, 304 differ from NumPy's, by at most 3.4e-16
 * relative. The stream of draws always stays in step.
 *
 * <p>Not thread-safe.
 *
 * <p>NumPy's, not PyTorch's: no PyTorch counterpart. Mirrors
 * <a href="https://numpy.org/doc/stable/reference/random/legacy.html">numpy.random.RandomState</a>.
 */
public final class RandomState {
    private static final int N = Mt19937.N;
    private static final long U32 = 0xFFFF_FFFFL;

    private static RandomState global;

    private final Mt19937 mt = new Mt19937();
    private final LegacyGauss gauss = new LegacyGauss();

    /** {@code numpy.random.RandomState(seed)}, for a seed in {@code [0, 2**32 - 1]}. */
    public RandomState(long seed) {
        seed(seed);
    }

    /** {@code numpy.random.RandomState()}: seeded from the operating system's entropy. */
    public RandomState() {
        seed(new SecureRandom().nextInt() & U32);
    }

    /**
     * The generator behind {@code random_state=None} (NumPy's global {@code numpy.random.mtrand._rand}), seeded
     * from entropy on first use; {@link #seedGlobal(long)} is {@code numpy.random.seed(seed)}.
     */
    public static synchronized RandomState global() {
        if (global == null) {
            global = new RandomState();
        }
        return global;
    }

    /** {@code numpy.random.seed(seed)}: reseeds the generator that {@code random_state=None} uses. */
    public static synchronized void seedGlobal(long seed) {
        global().seed(seed);
    }

    /** {@code RandomState.seed(seed)}: reseeds this generator (MT19937's {@code init_genrand}). */
    public void seed(long seed) {
        if (seed < 0 || seed > U32) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1");
        }
        mt.seed((int) seed);
        gauss.set(false, 0.0);
    }

    // ------------------------------------------------------------------ state

    /**
     * {@code RandomState.get_state()}: the 624 words of the twister (as unsigned values), the position in them,
     * and the cached Gaussian.
     */
    public record State(long[] key, int pos, boolean hasGauss, double cachedGaussian) {
        /** Checks the sizes. */
        public State {
            Objects.requireNonNull(key, "key");
            if (key.length != N) {
                throw new IllegalArgumentException("state must be 624 elements, got " + key.length);
            }
            if (pos < 0 || pos > N) {
                throw new IllegalArgumentException("pos must be in [0, 624], got " + pos);
            }
            key = key.clone();
        }

        /** The 624 words of the twister, as unsigned values (a copy). */
        @Override
        public long[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(key, s.key) && pos == s.pos && hasGauss == s.hasGauss
                    && Double.compare(cachedGaussian, s.cachedGaussian) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + pos;
        }

        @Override
        public String toString() {
            return "State[pos=" + pos + ", hasGauss=" + hasGauss + ", cachedGaussian=" + cachedGaussian + "]";
        }
    }

    /** {@code RandomState.get_state()}. */
    public State getState() {
        return new State(mt.key(), mt.pos(), gauss.hasCached(), gauss.cached());
    }

    /** {@code RandomState.set_state(state)}. */
    public void setState(State state) {
        mt.set(state.key(), state.pos());
        gauss.set(state.hasGauss(), state.cachedGaussian());
    }

    // ------------------------------------------------------------------ raw bits

    /** The next 32 random bits (MT19937's {@code genrand_int32}). */
    int nextInt32() {
        return mt.nextInt32();
    }

    /** The next 32 random bits as an unsigned value. */
    long nextUint32() {
        return mt.nextUint32();
    }

    /** The next 64 random bits: the first 32-bit draw is the high half. */
    long nextInt64() {
        return mt.nextInt64();
    }

    // ------------------------------------------------------------------ uniform doubles

    /** {@code RandomState.random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code RandomState.random_sample(size)}. */
    public double[] randomSample(int size) {
        return Fill.vector(size, this::randomSample);
    }

    /** {@code RandomState.rand()}: the same as {@link #randomSample()}. */
    public double rand() {
        return randomSample();
    }

    /** {@code RandomState.rand(n)}. */
    public double[] rand(int n) {
        return randomSample(n);
    }

    /** {@code RandomState.rand(rows, cols)}, filled row by row. */
    public double[][] rand(int rows, int cols) {
        return Fill.matrix(rows, cols, this::randomSample);
    }

    /** {@code RandomState.uniform(low, high)}: {@code low + (high - low) * random_sample()}. */
    public double uniform(double low, double high) {
        double range = checkRange(low, high);
        return low + range * randomSample();
    }

    /** {@code RandomState.uniform()}: the same as {@code uniform(0.0, 1.0)}. */
    public double uniform() {
        return uniform(0.0, 1.0);
    }

    /** {@code RandomState.uniform(low, high, size)}. */
    public double[] uniform(double low, double high, int size) {
        double range = checkRange(low, high);
        return Fill.vector(size, () -> low + range * randomSample());
    }

    /** {@code RandomState.uniform(low, high, size=(rows, cols))}, filled row by row. */
    public double[][] uniform(double low, double high, int rows, int cols) {
        double range = checkRange(low, high);
        return Fill.matrix(rows, cols, () -> low + range * randomSample());
    }

    private static double checkRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("Range exceeds valid bounds");
        }
        return range;
    }

    // ------------------------------------------------------------------ normal

    /** {@code RandomState.standard_normal()}: NumPy's legacy polar Box-Muller, which keeps its second value. */
    public double standardNormal() {
        return gauss.next(this::randomSample);
    }

    /** {@code RandomState.standard_normal(size)}. */
    public double[] standardNormal(int size) {
        return Fill.vector(size, this::standardNormal);
    }

    /** {@code RandomState.standard_normal(size=(rows, cols))}, filled row by row. */
    public double[][] standardNormal(int rows, int cols) {
        return Fill.matrix(rows, cols, this::standardNormal);
    }

    /** {@code RandomState.randn()}: the same as {@link #standardNormal()}. */
    public double randn() {
        return standardNormal();
    }

    /** {@code RandomState.randn(n)}. */
    public double[] randn(int n) {
        return standardNormal(n);
    }

    /** {@code RandomState.randn(rows, cols)}. */
    public double[][] randn(int rows, int cols) {
        return standardNormal(rows, cols);
    }

    /** {@code RandomState.normal(loc, scale)}: {@code loc + scale * standard_normal()}. */
    public double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * standardNormal();
    }

    /** {@code RandomState.normal(loc, scale, size)}. */
    public double[] normal(double loc, double scale, int size) {
        checkScale(scale);
        return Fill.vector(size, () -> loc + scale * standardNormal());
    }

    private static void checkScale(double scale) {
        if (scale < 0 || Double.isNaN(scale)) {
            throw new IllegalArgumentException("scale < 0");
        }
    }

    // ------------------------------------------------------------------ integers

    /** {@code RandomState.randint(high)}: an integer in {@code [0, high)}. */
    public long randint(long high) {
        if (high <= 0) {
            throw new IllegalArgumentException("high <= 0");
        }
        return randint(0, high);
    }

    /** {@code RandomState.randint(low, high)}: an integer in {@code [low, high)}, by masked rejection sampling. */
    public long randint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("low >= high");
        }
        return low + bounded(high - 1 - low);
    }

    /** {@code RandomState.randint(low, high, size)} (int64). */
    public long[] randint(long low, long high, int size) {
        if (low >= high) {
            throw new IllegalArgumentException("low >= high");
        }
        long rng = high - 1 - low;
        return Fill.longs(size, () -> low + bounded(rng));
    }

    /** {@code RandomState.randint(low, high, size=(rows, cols))}, filled row by row. */
    public long[][] randint(long low, long high, int rows, int cols) {
        if (low >= high) {
            throw new IllegalArgumentException("low >= high");
        }
        long rng = high - 1 - low;
        return Fill.longMatrix(rows, cols, () -> low + bounded(rng));
    }

    /** A value in {@code [0, rng]} (rng taken as unsigned), NumPy's legacy masked method. */
    private long bounded(long rng) {
        return BoundedDraws.bounded(mt, rng);
    }

    /** A value in {@code [0, max]}: the draw NumPy's legacy shuffle makes for each position. */
    private long interval(long max) {
        return BoundedDraws.interval(mt, max);
    }

    // ------------------------------------------------------------------ permutations

    /** {@code RandomState.shuffle(x)} in place: the legacy Fisher-Yates pass from the last element down. */
    public void shuffle(int[] x) {
        Permutations.shuffle(mt, x);
    }

    /** {@code RandomState.shuffle(x)} in place. */
    public void shuffle(long[] x) {
        Permutations.shuffle(mt, x);
    }

    /** {@code RandomState.shuffle(x)} in place. */
    public void shuffle(double[] x) {
        Permutations.shuffle(mt, x);
    }

    /** {@code RandomState.shuffle(x)} in place; for a 2-D array the rows are shuffled. */
    public <T> void shuffle(T[] x) {
        Permutations.shuffle(mt, x);
    }

    /** {@code RandomState.shuffle(x)} in place, for a list. */
    public <T> void shuffle(List<T> x) {
        Permutations.shuffle(mt, x);
    }

    /** {@code RandomState.permutation(n)}: {@code 0..n-1} shuffled. */
    public int[] permutation(int n) {
        int[] out = new int[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        shuffle(out);
        return out;
    }

    /** {@code RandomState.permutation(x)}: a shuffled copy. */
    public int[] permutation(int[] x) {
        int[] out = x.clone();
        shuffle(out);
        return out;
    }

    /** {@code RandomState.permutation(x)}: a shuffled copy. */
    public long[] permutation(long[] x) {
        long[] out = x.clone();
        shuffle(out);
        return out;
    }

    /** {@code RandomState.permutation(x)}: a shuffled copy. */
    public double[] permutation(double[] x) {
        double[] out = x.clone();
        shuffle(out);
        return out;
    }

    /**
     * {@code RandomState.choice(a, size, replace)} for {@code a} an integer: with replacement
     * {@code randint(0, a, size)}, without replacement the first {@code size} values of {@code permutation(a)}.
     */
    public int[] choice(int a, int size, boolean replace) {
        return Permutations.choice(mt, a, size, replace);
    }

    /** {@code RandomState.choice(a, size, replace)} for an array {@code a}: {@code a[choice(len(a), ...)]}. */
    public int[] choice(int[] a, int size, boolean replace) {
        return Permutations.choice(mt, a, size, replace);
    }

    /** {@code RandomState.choice(a, size, replace)} for an array {@code a}. */
    public long[] choice(long[] a, int size, boolean replace) {
        return Permutations.choice(mt, a, size, replace);
    }

    static int checkSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative dimensions are not allowed");
        }
        return size;
    }
}
