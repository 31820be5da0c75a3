package dev.jtorch.prep;

/**
 * The geometry {@link ClassificationGenerator} draws: distinct hypercube vertices for the cluster centres, uniform
 * {@code [-1, 1)} matrices, and the matrix products as the reference BLAS computes them.
 */
final class HypercubeClusters {
    private HypercubeClusters() {}

    /** {@code _generate_hypercube}: distinct vertices of the unit hypercube, as 0/1 rows. */
    static double[][] hypercube(int samples, int dimensions, RandomState rng) {
        double[][] out = new double[samples][dimensions];
        int offset = 0;
        if (dimensions > 30) {
            long[][] extra = rng.randint(0, 2, samples, dimensions - 30);
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < dimensions - 30; j++) {
                    out[i][j] = extra[i][j];
                }
            }
            offset = dimensions - 30;
        }
        int dims = dimensions - offset;
        long[] vertices = Sampling.sampleWithoutReplacement(1L << dims, samples, rng);
        for (int i = 0; i < samples; i++) {
            for (int d = 0; d < dims; d++) {
                out[i][offset + d] = (vertices[i] >>> (dims - 1 - d)) & 1L;
            }
        }
        return out;
    }

    static double[][] twoUMinusOne(RandomState rng, int rows, int cols) {
        double[][] m = rng.uniform(0.0, 1.0, rows, cols);
        for (double[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = 2 * r[j] - 1;
            }
        }
        return m;
    }

    /**
     * {@code row @ m} as the reference BLAS computes it (Debian's {@code libblas3}, which NumPy uses unless an
     * optimized BLAS is installed): each product rounded, then added in order.
     */
    static double[] matVec(double[] row, double[][] m, int inner, int cols) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            double acc = 0.0;
            for (int t = 0; t < inner; t++) {
                acc += row[t] * m[t][j];
            }
            out[j] = acc;
        }
        return out;
    }
}
