package dev.jtorch.prep;

import java.util.Objects;

/**
 * scikit-learn's {@code sklearn.datasets.make_classification}: a random n-class classification problem (Guyon's
 * "Madelon" design), drawing from NumPy's legacy {@link RandomState} in exactly scikit-learn's order so that the
 * same arguments and seed give the same {@code X} and {@code y}. Usually reached through
 * {@link Datasets#makeClassification(int, int, Options)}.
 *
 * <p>The random covariance of each cluster is a matrix product, which NumPy hands to BLAS; it is computed here as
 * the reference BLAS does (Debian's {@code libblas3}, the one {@code python3-sklearn} gets without recommended
 * packages): products summed in order. Labels, and therefore every later draw, never depend on the BLAS; with an
 * optimized BLAS (OpenBLAS's fused multiply-add kernels) NumPy's features can differ from these in the last bit.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_classification.html">sklearn.datasets.make_classification</a>.
 */
public final class MakeClassification {
    private MakeClassification() {}

    /** The arguments of {@code make_classification}, with scikit-learn's defaults. */
    public static final class Options {
        private int nSamples = 100;
        private int nFeatures = 20;
        private int nInformative = 2;
        private int nRedundant = 2;
        private int nRepeated = 0;
        private int nClasses = 2;
        private int nClustersPerClass = 2;
        private double[] weights;
        private double flipY = 0.01;
        private double classSep = 1.0;
        private boolean hypercube = true;
        private Double shift = 0.0;
        private double[] shiftPerFeature;
        private Double scale = 1.0;
        private double[] scalePerFeature;
        private boolean shuffle = true;
        private RandomStateArg randomState = RandomStateArg.NONE;

        /** sklearn's defaults ({@code n_samples=100, n_features=20, ...}). */
        public Options() {}

        Options copy() {
            Options o = new Options();
            o.nSamples = nSamples;
            o.nFeatures = nFeatures;
            o.nInformative = nInformative;
            o.nRedundant = nRedundant;
            o.nRepeated = nRepeated;
            o.nClasses = nClasses;
            o.nClustersPerClass = nClustersPerClass;
            o.weights = weights;
            o.flipY = flipY;
            o.classSep = classSep;
            o.hypercube = hypercube;
            o.shift = shift;
            o.shiftPerFeature = shiftPerFeature;
            o.scale = scale;
            o.scalePerFeature = scalePerFeature;
            o.shuffle = shuffle;
            o.randomState = randomState;
            return o;
        }

        /** {@code n_samples} (default 100). */
        public Options nSamples(int v) {
            nSamples = v;
            return this;
        }

        /** {@code n_features} (default 20). */
        public Options nFeatures(int v) {
            nFeatures = v;
            return this;
        }

        /** {@code n_informative} (default 2). */
        public Options nInformative(int v) {
            nInformative = v;
            return this;
        }

        /** {@code n_redundant} (default 2). */
        public Options nRedundant(int v) {
            nRedundant = v;
            return this;
        }

        /** {@code n_repeated} (default 0). */
        public Options nRepeated(int v) {
            nRepeated = v;
            return this;
        }

        /** {@code n_classes} (default 2). */
        public Options nClasses(int v) {
            nClasses = v;
            return this;
        }

        /** {@code n_clusters_per_class} (default 2). */
        public Options nClustersPerClass(int v) {
            nClustersPerClass = v;
            return this;
        }

        /** {@code weights}: class proportions, {@code n_classes} or {@code n_classes - 1} of them; null for balanced. */
        public Options weights(double... v) {
            weights = v == null ? null : v.clone();
            return this;
        }

        /** {@code flip_y} (default 0.01): the fraction of labels replaced at random. */
        public Options flipY(double v) {
            flipY = v;
            return this;
        }

        /** {@code class_sep} (default 1.0). */
        public Options classSep(double v) {
            classSep = v;
            return this;
        }

        /** {@code hypercube} (default true). */
        public Options hypercube(boolean v) {
            hypercube = v;
            return this;
        }

        /** {@code shift} (default 0.0); null is Python's {@code None}: a random shift in {@code [-class_sep, class_sep]}. */
        public Options shift(Double v) {
            shift = v;
            shiftPerFeature = null;
            return this;
        }

        /** {@code shift} as an array, one value per feature. */
        public Options shiftPerFeature(double... v) {
            shiftPerFeature = Objects.requireNonNull(v, "shift").clone();
            shift = null;
            return this;
        }

        /** {@code scale} (default 1.0); null is Python's {@code None}: a random scale in {@code [1, 101]}. */
        public Options scale(Double v) {
            scale = v;
            scalePerFeature = null;
            return this;
        }

        /** {@code scale} as an array, one value per feature. */
        public Options scalePerFeature(double... v) {
            scalePerFeature = Objects.requireNonNull(v, "scale").clone();
            scale = null;
            return this;
        }

        /** {@code shuffle} (default true): shuffle the samples and the features. */
        public Options shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        /** {@code random_state=seed}. */
        public Options randomState(long seed) {
            randomState = RandomStateArg.of(seed);
            return this;
        }

        /** {@code random_state=rng}: draws from (and advances) the given generator; null for {@code None}. */
        public Options randomState(RandomState rng) {
            randomState = RandomStateArg.of(rng);
            return this;
        }

        /** {@code n_samples}. */
        public int nSamples() {
            return nSamples;
        }

        /** {@code n_features}. */
        public int nFeatures() {
            return nFeatures;
        }

        /** {@code n_informative}. */
        public int nInformative() {
            return nInformative;
        }

        /** {@code n_redundant}. */
        public int nRedundant() {
            return nRedundant;
        }

        /** {@code n_repeated}. */
        public int nRepeated() {
            return nRepeated;
        }

        /** {@code n_classes}. */
        public int nClasses() {
            return nClasses;
        }

        /** {@code n_clusters_per_class}. */
        public int nClustersPerClass() {
            return nClustersPerClass;
        }

        /** {@code weights}; null for {@code None}. */
        public double[] weights() {
            return weights == null ? null : weights.clone();
        }

        /** {@code flip_y}. */
        public double flipY() {
            return flipY;
        }

        /** {@code class_sep}. */
        public double classSep() {
            return classSep;
        }

        /** {@code hypercube}. */
        public boolean hypercube() {
            return hypercube;
        }

        /** {@code shift} as a scalar; null for {@code None} or a per-feature shift. */
        public Double shift() {
            return shift;
        }

        /** {@code shift} per feature; null unless set so. */
        public double[] shiftPerFeature() {
            return shiftPerFeature == null ? null : shiftPerFeature.clone();
        }

        /** {@code scale} as a scalar; null for {@code None} or a per-feature scale. */
        public Double scale() {
            return scale;
        }

        /** {@code scale} per feature; null unless set so. */
        public double[] scalePerFeature() {
            return scalePerFeature == null ? null : scalePerFeature.clone();
        }

        /** {@code shuffle}. */
        public boolean shuffle() {
            return shuffle;
        }
    }

    /** {@code make_classification(**options)}. */
    public static LabeledData makeClassification(Options o) {
        RandomState generator = o.randomState.resolve();
        int nSamples = o.nSamples;
        int nFeatures = o.nFeatures;
        int nInf = o.nInformative;
        int nRed = o.nRedundant;
        int nRep = o.nRepeated;
        int nClasses = o.nClasses;
        int perClass = o.nClustersPerClass;
        if (nSamples < 0 || nFeatures < 0 || nInf < 0 || nRed < 0 || nRep < 0 || nClasses < 1 || perClass < 1) {
            throw new IllegalArgumentException("make_classification needs non-negative sizes, at least one class and "
                    + "one cluster per class");
        }
        if (nInf + nRed + nRep > nFeatures) {
            throw new IllegalArgumentException("Number of informative, redundant and repeated features must sum to "
                    + "less than the number of total features");
        }
        long nClustersLong = (long) nClasses * perClass;
        if (nInf < 62 && (1L << nInf) < nClustersLong) {
            throw new IllegalArgumentException("n_classes(" + nClasses + ") * n_clusters_per_class(" + perClass
                    + ") must be smaller or equal 2**n_informative(" + nInf + ")="
                    + java.math.BigInteger.TWO.pow(nInf));
        }
        double[] weights = classWeights(o.weights, nClasses);
        int nUseless = nFeatures - nInf - nRed - nRep;
        int nClusters = nClasses * perClass;

        int[] perCluster = new int[nClusters];
        long assigned = 0;
        for (int k = 0; k < nClusters; k++) {
            perCluster[k] = (int) (nSamples * weights[k % nClasses] / perClass);
            assigned += perCluster[k];
        }
        for (long i = 0; i < nSamples - assigned; i++) {
            perCluster[(int) (i % nClusters)]++;
        }

        double[][] x = new double[nSamples][nFeatures];
        int[] y = new int[nSamples];

        double[][] centroids = hypercube(nClusters, nInf, generator);
        double twoSep = 2 * o.classSep;
        for (double[] c : centroids) {
            for (int j = 0; j < nInf; j++) {
                c[j] = c[j] * twoSep - o.classSep;
            }
        }
        if (!o.hypercube) {
            double[] rowFactor = generator.uniform(0.0, 1.0, nClusters);
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < nInf; j++) {
                    centroids[k][j] *= rowFactor[k];
                }
            }
            double[] colFactor = generator.uniform(0.0, 1.0, nInf);
            for (double[] c : centroids) {
                for (int j = 0; j < nInf; j++) {
                    c[j] *= colFactor[j];
                }
            }
        }

        for (double[] row : x) {
            for (int j = 0; j < nInf; j++) {
                row[j] = generator.standardNormal();
            }
        }

        int stop = 0;
        for (int k = 0; k < nClusters; k++) {
            int start = Math.min(stop, nSamples);
            stop = stop + perCluster[k];
            int end = Math.min(stop, nSamples);
            double[][] a = twoUMinusOne(generator, nInf, nInf);
            for (int i = start; i < end; i++) {
                y[i] = k % nClasses;
                double[] row = x[i];
                double[] prod = matVec(row, a, nInf, nInf);
                for (int j = 0; j < nInf; j++) {
                    row[j] = prod[j] + centroids[k][j];
                }
            }
        }

        if (nRed > 0) {
            double[][] b = twoUMinusOne(generator, nInf, nRed);
            for (double[] row : x) {
                double[] prod = matVec(row, b, nInf, nRed);
                System.arraycopy(prod, 0, row, nInf, nRed);
            }
        }

        if (nRep > 0) {
            int n = nInf + nRed;
            double[] u = generator.uniform(0.0, 1.0, nRep);
            int[] indices = new int[nRep];
            for (int r = 0; r < nRep; r++) {
                indices[r] = (int) ((n - 1) * u[r] + 0.5);
            }
            for (double[] row : x) {
                for (int r = 0; r < nRep; r++) {
                    row[n + r] = row[indices[r]];
                }
            }
        }

        if (nUseless > 0) {
            for (double[] row : x) {
                for (int j = nFeatures - nUseless; j < nFeatures; j++) {
                    row[j] = generator.standardNormal();
                }
            }
        }

        if (o.flipY >= 0.0) {
            double[] u = generator.uniform(0.0, 1.0, nSamples);
            int count = 0;
            for (double v : u) {
                if (v < o.flipY) {
                    count++;
                }
            }
            long[] newLabels = generator.randint(0, nClasses, count);
            int c = 0;
            for (int i = 0; i < nSamples; i++) {
                if (u[i] < o.flipY) {
                    y[i] = (int) newLabels[c++];
                }
            }
        }

        double[] shift = perFeature(o.shift, o.shiftPerFeature, nFeatures, "shift");
        if (shift == null) {
            shift = generator.uniform(0.0, 1.0, nFeatures);
            for (int j = 0; j < nFeatures; j++) {
                shift[j] = (2 * shift[j] - 1) * o.classSep;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                row[j] += shift[j];
            }
        }
        double[] scale = perFeature(o.scale, o.scalePerFeature, nFeatures, "scale");
        if (scale == null) {
            scale = generator.uniform(0.0, 1.0, nFeatures);
            for (int j = 0; j < nFeatures; j++) {
                scale[j] = 1 + 100 * scale[j];
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                row[j] *= scale[j];
            }
        }

        if (o.shuffle) {
            int[] rows = Sampling.shuffleIndices(nSamples, generator);
            double[][] xs = new double[nSamples][];
            int[] ys = new int[nSamples];
            for (int i = 0; i < nSamples; i++) {
                xs[i] = x[rows[i]];
                ys[i] = y[rows[i]];
            }
            int[] cols = Sampling.shuffleIndices(nFeatures, generator);
            for (int i = 0; i < nSamples; i++) {
                double[] src = xs[i];
                double[] dst = new double[nFeatures];
                for (int j = 0; j < nFeatures; j++) {
                    dst[j] = src[cols[j]];
                }
                xs[i] = dst;
            }
            x = xs;
            y = ys;
        }
        return new LabeledData(x, y);
    }

    private static double[] classWeights(double[] given, int nClasses) {
        if (given == null) {
            double[] w = new double[nClasses];
            java.util.Arrays.fill(w, 1.0 / nClasses);
            return w;
        }
        if (given.length != nClasses && given.length != nClasses - 1) {
            throw new IllegalArgumentException("Weights specified but incompatible with number of classes.");
        }
        if (given.length == nClasses) {
            return given.clone();
        }
        double[] w = java.util.Arrays.copyOf(given, nClasses);
        double sum = 0;
        for (double v : given) {
            sum += v;
        }
        w[nClasses - 1] = 1.0 - sum;
        return w;
    }

    private static double[] perFeature(Double scalar, double[] array, int nFeatures, String name) {
        if (array != null) {
            if (array.length != nFeatures) {
                throw new IllegalArgumentException("operands could not be broadcast together: " + name + " has "
                        + array.length + " values for " + nFeatures + " features");
            }
            return array.clone();
        }
        if (scalar == null) {
            return null;
        }
        double[] out = new double[nFeatures];
        java.util.Arrays.fill(out, scalar);
        return out;
    }

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

    private static double[][] twoUMinusOne(RandomState rng, int rows, int cols) {
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
    private static double[] matVec(double[] row, double[][] m, int inner, int cols) {
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
