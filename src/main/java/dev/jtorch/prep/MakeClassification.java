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

        /** {@code random_state}. */
        RandomStateArg randomState() {
            return randomState;
        }
    }

    /** {@code make_classification(**options)}. */
    public static LabeledData makeClassification(Options o) {
        return ClassificationGenerator.generate(o);
    }
}
