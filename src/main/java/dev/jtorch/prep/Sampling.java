package dev.jtorch.prep;

import java.util.HashSet;
import java.util.Set;

/**
 * scikit-learn's {@code sklearn.utils.random} and {@code sklearn.utils.shuffle}, drawing from a {@link RandomState}.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.utils.random.sample_without_replacement.html">sklearn.utils.random.sample_without_replacement</a>
 * and <a href="https://scikit-learn.org/stable/modules/generated/sklearn.utils.shuffle.html">sklearn.utils.shuffle</a>.
 */
public final class Sampling {
    private Sampling() {}

    /**
     * {@code sklearn.utils.random.sample_without_replacement(n_population, n_samples, random_state=rng)} with
     * {@code method="auto"}: {@code n_samples} distinct integers in {@code [0, n_population)}, drawn the way
     * scikit-learn picks for the ratio of the two (a permutation between 1% and 99%, else tracking selection
     * below 20%, else reservoir sampling).
     */
    public static long[] sampleWithoutReplacement(long nPopulation, int nSamples, RandomState rng) {
        if (nPopulation < 0) {
            throw new IllegalArgumentException("n_population should be greater than 0, got " + nPopulation + ".");
        }
        if (nSamples > nPopulation) {
            throw new IllegalArgumentException("n_population should be greater or equal than n_samples, got "
                    + "n_samples > n_population (" + nSamples + " > " + nPopulation + ")");
        }
        if (nSamples < 0) {
            throw new IllegalArgumentException("n_samples should be greater than 0, got " + nSamples);
        }
        double ratio = nPopulation != 0 ? (double) nSamples / nPopulation : 1.0;
        long[] out = new long[nSamples];
        if (ratio > 0.01 && ratio < 0.99) {
            int[] perm = rng.permutation(Math.toIntExact(nPopulation));
            for (int i = 0; i < nSamples; i++) {
                out[i] = perm[i];
            }
        } else if (ratio < 0.2) {
            Set<Long> selected = new HashSet<>();
            for (int i = 0; i < nSamples; i++) {
                long j = rng.randint(nPopulation);
                while (selected.contains(j)) {
                    j = rng.randint(nPopulation);
                }
                selected.add(j);
                out[i] = j;
            }
        } else {
            for (int i = 0; i < nSamples; i++) {
                out[i] = i;
            }
            for (long i = nSamples; i < nPopulation; i++) {
                long j = rng.randint(0, i + 1);
                if (j < nSamples) {
                    out[(int) j] = i;
                }
            }
        }
        return out;
    }

    /**
     * The row order of {@code sklearn.utils.shuffle(*arrays, random_state=rng)}: {@code arange(n)} shuffled in
     * place by {@code rng}; index every array with it.
     */
    public static int[] shuffleIndices(int n, RandomState rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        rng.shuffle(idx);
        return idx;
    }
}
