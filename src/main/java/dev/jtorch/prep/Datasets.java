package dev.jtorch.prep;

/**
 * scikit-learn's {@code sklearn.datasets} generators: {@code make_classification(n_samples=1000, n_features=2,
 * ...)} is {@code Datasets.makeClassification(1000, 2, new MakeClassification.Options()...)}.
 *
 * <p>Mirrors scikit-learn's <a href="https://scikit-learn.org/stable/api/sklearn.datasets.html">sklearn.datasets</a>.
 */
public final class Datasets {
    private Datasets() {}

    /** {@code make_classification(**options)}. */
    public static LabeledData makeClassification(MakeClassification.Options options) {
        return MakeClassification.makeClassification(options);
    }

    /** {@code make_classification(n_samples, n_features, **options)}. */
    public static LabeledData makeClassification(int nSamples, int nFeatures, MakeClassification.Options options) {
        return MakeClassification.makeClassification(options.copy().nSamples(nSamples).nFeatures(nFeatures));
    }

    /** {@code make_classification(n_samples, n_features)} with every other argument at its default. */
    public static LabeledData makeClassification(int nSamples, int nFeatures) {
        return makeClassification(nSamples, nFeatures, new MakeClassification.Options());
    }
}
