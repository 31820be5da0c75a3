package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Set;

/**
 * scikit-learn's {@code sklearn.metrics}: the same values as scikit-learn 1.2 for the same arguments (within
 * 1e-12; sums are taken in NumPy's order, so most agree to the last bit). {@code accuracy_score(y, p)} is
 * {@code Metrics.accuracyScore(y, p)}, {@code f1_score(y, p, average='macro')} is
 * {@code Metrics.f1Score(y, p, new ScoreOptions().average(Average.MACRO))}.
 *
 * <p>Labels are {@code int[]} or {@code long[]} class labels, scores and regression values {@code double[]}. Each
 * function also takes jtorch tensors (on any device), flattened: label tensors may be floating as long as they hold
 * whole numbers, like the tutorials' {@code float32} 0/1 targets. Where scikit-learn warns
 * ({@code UndefinedMetricWarning}), the same message is logged on the {@code dev.jtorch.metrics} logger.
 *
 * <p>Mirrors scikit-learn's <a href="https://scikit-learn.org/stable/api/sklearn.metrics.html">sklearn.metrics</a>.
 */
public final class Metrics {
    private static final Set<String> WARN_ALL = Set.of("precision", "recall", "f-score");

    private Metrics() {}

    // ------------------------------------------------------------------ accuracy

    /** {@code accuracy_score(y_true, y_pred)}: the fraction of exact matches. */
    public static double accuracyScore(long[] yTrue, long[] yPred) {
        return ClassificationMetrics.accuracyScore(yTrue, yPred, true);
    }

    /** {@code accuracy_score(y_true, y_pred, normalize=normalize)}: without normalizing, the number of matches. */
    public static double accuracyScore(long[] yTrue, long[] yPred, boolean normalize) {
        return ClassificationMetrics.accuracyScore(yTrue, yPred, normalize);
    }

    /** {@code accuracy_score(y_true, y_pred)}. */
    public static double accuracyScore(int[] yTrue, int[] yPred) {
        return accuracyScore(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code accuracy_score(y_true, y_pred)} of label tensors. */
    public static double accuracyScore(Tensor yTrue, Tensor yPred) {
        return accuracyScore(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"));
    }

    // ------------------------------------------------------------------ precision, recall, F

    /** {@code precision_score(y_true, y_pred)}: binary, positive class 1. */
    public static double precisionScore(long[] yTrue, long[] yPred) {
        return precisionScore(yTrue, yPred, new ScoreOptions());
    }

    /** {@code precision_score(y_true, y_pred, **options)}. */
    public static double precisionScore(long[] yTrue, long[] yPred, ScoreOptions o) {
        return ClassificationMetrics.prfs(yTrue, yPred, 1.0, scalar(o), Set.of("precision")).precision()[0];
    }

    /** {@code precision_score(y_true, y_pred)}. */
    public static double precisionScore(int[] yTrue, int[] yPred) {
        return precisionScore(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code precision_score(y_true, y_pred, **options)}. */
    public static double precisionScore(int[] yTrue, int[] yPred, ScoreOptions o) {
        return precisionScore(Targets.toLong(yTrue), Targets.toLong(yPred), o);
    }

    /** {@code precision_score(y_true, y_pred)} of label tensors. */
    public static double precisionScore(Tensor yTrue, Tensor yPred) {
        return precisionScore(yTrue, yPred, new ScoreOptions());
    }

    /** {@code precision_score(y_true, y_pred, **options)} of label tensors. */
    public static double precisionScore(Tensor yTrue, Tensor yPred, ScoreOptions o) {
        return precisionScore(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"), o);
    }

    /** {@code recall_score(y_true, y_pred)}: binary, positive class 1. */
    public static double recallScore(long[] yTrue, long[] yPred) {
        return recallScore(yTrue, yPred, new ScoreOptions());
    }

    /** {@code recall_score(y_true, y_pred, **options)}. */
    public static double recallScore(long[] yTrue, long[] yPred, ScoreOptions o) {
        return ClassificationMetrics.prfs(yTrue, yPred, 1.0, scalar(o), Set.of("recall")).recall()[0];
    }

    /** {@code recall_score(y_true, y_pred)}. */
    public static double recallScore(int[] yTrue, int[] yPred) {
        return recallScore(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code recall_score(y_true, y_pred, **options)}. */
    public static double recallScore(int[] yTrue, int[] yPred, ScoreOptions o) {
        return recallScore(Targets.toLong(yTrue), Targets.toLong(yPred), o);
    }

    /** {@code recall_score(y_true, y_pred)} of label tensors. */
    public static double recallScore(Tensor yTrue, Tensor yPred) {
        return recallScore(yTrue, yPred, new ScoreOptions());
    }

    /** {@code recall_score(y_true, y_pred, **options)} of label tensors. */
    public static double recallScore(Tensor yTrue, Tensor yPred, ScoreOptions o) {
        return recallScore(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"), o);
    }

    /** {@code f1_score(y_true, y_pred)}: binary, positive class 1. */
    public static double f1Score(long[] yTrue, long[] yPred) {
        return f1Score(yTrue, yPred, new ScoreOptions());
    }

    /** {@code f1_score(y_true, y_pred, **options)}. */
    public static double f1Score(long[] yTrue, long[] yPred, ScoreOptions o) {
        return fbetaScore(yTrue, yPred, 1.0, o);
    }

    /** {@code f1_score(y_true, y_pred)}. */
    public static double f1Score(int[] yTrue, int[] yPred) {
        return f1Score(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code f1_score(y_true, y_pred, **options)}. */
    public static double f1Score(int[] yTrue, int[] yPred, ScoreOptions o) {
        return f1Score(Targets.toLong(yTrue), Targets.toLong(yPred), o);
    }

    /** {@code f1_score(y_true, y_pred)} of label tensors. */
    public static double f1Score(Tensor yTrue, Tensor yPred) {
        return f1Score(yTrue, yPred, new ScoreOptions());
    }

    /** {@code f1_score(y_true, y_pred, **options)} of label tensors. */
    public static double f1Score(Tensor yTrue, Tensor yPred, ScoreOptions o) {
        return f1Score(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"), o);
    }

    /** {@code fbeta_score(y_true, y_pred, beta=beta)}. */
    public static double fbetaScore(long[] yTrue, long[] yPred, double beta) {
        return fbetaScore(yTrue, yPred, beta, new ScoreOptions());
    }

    /** {@code fbeta_score(y_true, y_pred, beta=beta, **options)}. */
    public static double fbetaScore(long[] yTrue, long[] yPred, double beta, ScoreOptions o) {
        return ClassificationMetrics.prfs(yTrue, yPred, beta, scalar(o), Set.of("f-score")).fbetaScore()[0];
    }

    /** {@code fbeta_score(y_true, y_pred, beta=beta, **options)}. */
    public static double fbetaScore(int[] yTrue, int[] yPred, double beta, ScoreOptions o) {
        return fbetaScore(Targets.toLong(yTrue), Targets.toLong(yPred), beta, o);
    }

    /** {@code precision_recall_fscore_support(y_true, y_pred)}: per class ({@code average=None}), beta 1. */
    public static PrecisionRecallFscoreSupport precisionRecallFscoreSupport(long[] yTrue, long[] yPred) {
        return precisionRecallFscoreSupport(yTrue, yPred, 1.0, new ScoreOptions());
    }

    /**
     * {@code precision_recall_fscore_support(y_true, y_pred, beta=beta, **options)}; without an average in the
     * options, per class.
     */
    public static PrecisionRecallFscoreSupport precisionRecallFscoreSupport(long[] yTrue, long[] yPred, double beta,
            ScoreOptions o) {
        return ClassificationMetrics.prfs(yTrue, yPred, beta, o.withDefaultAverage(Average.NONE), WARN_ALL);
    }

    /** {@code precision_recall_fscore_support(y_true, y_pred, beta=beta, **options)}. */
    public static PrecisionRecallFscoreSupport precisionRecallFscoreSupport(int[] yTrue, int[] yPred, double beta,
            ScoreOptions o) {
        return precisionRecallFscoreSupport(Targets.toLong(yTrue), Targets.toLong(yPred), beta, o);
    }

    private static ScoreOptions scalar(ScoreOptions o) {
        ScoreOptions resolved = o.withDefaultAverage(Average.BINARY);
        if (resolved.average == Average.NONE) {
            throw new IllegalArgumentException("average=None gives one score per class: use "
                    + "precisionRecallFscoreSupport for it");
        }
        return resolved;
    }

    // ------------------------------------------------------------------ confusion matrices and report

    /** {@code confusion_matrix(y_true, y_pred)}: counts, true classes in rows, predictions in columns. */
    public static long[][] confusionMatrix(long[] yTrue, long[] yPred) {
        return ClassificationMetrics.confusionMatrix(yTrue, yPred, null);
    }

    /** {@code confusion_matrix(y_true, y_pred, labels=labels)}. */
    public static long[][] confusionMatrix(long[] yTrue, long[] yPred, long[] labels) {
        return ClassificationMetrics.confusionMatrix(yTrue, yPred, labels);
    }

    /** {@code confusion_matrix(y_true, y_pred, normalize=...)}. */
    public static double[][] confusionMatrix(long[] yTrue, long[] yPred, Normalize normalize) {
        return confusionMatrix(yTrue, yPred, null, normalize);
    }

    /** {@code confusion_matrix(y_true, y_pred, labels=labels, normalize=...)}. */
    public static double[][] confusionMatrix(long[] yTrue, long[] yPred, long[] labels, Normalize normalize) {
        return ClassificationMetrics.normalize(ClassificationMetrics.confusionMatrix(yTrue, yPred, labels),
                java.util.Objects.requireNonNull(normalize, "normalize"));
    }

    /** {@code confusion_matrix(y_true, y_pred)}. */
    public static long[][] confusionMatrix(int[] yTrue, int[] yPred) {
        return confusionMatrix(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code confusion_matrix(y_true, y_pred)} of label tensors. */
    public static long[][] confusionMatrix(Tensor yTrue, Tensor yPred) {
        return confusionMatrix(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"));
    }

    /** {@code multilabel_confusion_matrix(y_true, y_pred)}: {@code [[tn, fp], [fn, tp]]} per class. */
    public static long[][][] multilabelConfusionMatrix(long[] yTrue, long[] yPred) {
        return ClassificationMetrics.multilabelConfusionMatrix(yTrue, yPred, null);
    }

    /** {@code multilabel_confusion_matrix(y_true, y_pred, labels=labels)}. */
    public static long[][][] multilabelConfusionMatrix(long[] yTrue, long[] yPred, long[] labels) {
        return ClassificationMetrics.multilabelConfusionMatrix(yTrue, yPred, labels);
    }

    /** {@code print(classification_report(y_true, y_pred))}: the same text as scikit-learn. */
    public static String classificationReport(long[] yTrue, long[] yPred) {
        return classificationReport(yTrue, yPred, new ReportOptions());
    }

    /** {@code classification_report(y_true, y_pred, **options)}. */
    public static String classificationReport(long[] yTrue, long[] yPred, ReportOptions o) {
        return ClassificationReport.build(yTrue, yPred, o);
    }

    /** {@code classification_report(y_true, y_pred)}. */
    public static String classificationReport(int[] yTrue, int[] yPred) {
        return classificationReport(Targets.toLong(yTrue), Targets.toLong(yPred));
    }

    /** {@code classification_report(y_true, y_pred, **options)}. */
    public static String classificationReport(int[] yTrue, int[] yPred, ReportOptions o) {
        return classificationReport(Targets.toLong(yTrue), Targets.toLong(yPred), o);
    }

    /** {@code classification_report(y_true, y_pred)} of label tensors. */
    public static String classificationReport(Tensor yTrue, Tensor yPred) {
        return classificationReport(yTrue, yPred, new ReportOptions());
    }

    /** {@code classification_report(y_true, y_pred, **options)} of label tensors. */
    public static String classificationReport(Tensor yTrue, Tensor yPred, ReportOptions o) {
        return classificationReport(Targets.labels(yTrue, "yTrue"), Targets.labels(yPred, "yPred"), o);
    }

    // ------------------------------------------------------------------ ranking

    /** {@code roc_curve(y_true, y_score)}: labels in {0, 1} or {-1, 1}, intermediate points dropped. */
    public static RocCurve rocCurve(long[] yTrue, double[] yScore) {
        return RankingMetrics.rocCurve(yTrue, yScore, null, true);
    }

    /** {@code roc_curve(y_true, y_score, pos_label=pos_label, drop_intermediate=drop_intermediate)}. */
    public static RocCurve rocCurve(long[] yTrue, double[] yScore, long posLabel, boolean dropIntermediate) {
        return RankingMetrics.rocCurve(yTrue, yScore, posLabel, dropIntermediate);
    }

    /** {@code roc_curve(y_true, y_score, drop_intermediate=drop_intermediate)}. */
    public static RocCurve rocCurve(long[] yTrue, double[] yScore, boolean dropIntermediate) {
        return RankingMetrics.rocCurve(yTrue, yScore, null, dropIntermediate);
    }

    /** {@code roc_curve(y_true, y_score)}. */
    public static RocCurve rocCurve(int[] yTrue, double[] yScore) {
        return rocCurve(Targets.toLong(yTrue), yScore);
    }

    /** {@code roc_curve(y_true, y_score)} of tensors. */
    public static RocCurve rocCurve(Tensor yTrue, Tensor yScore) {
        return rocCurve(Targets.labels(yTrue, "yTrue"), Targets.values(yScore, "yScore"));
    }

    /** {@code roc_auc_score(y_true, y_score)} for two classes (the larger label is positive). */
    public static double rocAucScore(long[] yTrue, double[] yScore) {
        return RankingMetrics.rocAucScore(yTrue, yScore, null);
    }

    /** {@code roc_auc_score(y_true, y_score, max_fpr=max_fpr)}: the standardized partial area (McClish). */
    public static double rocAucScore(long[] yTrue, double[] yScore, double maxFpr) {
        return RankingMetrics.rocAucScore(yTrue, yScore, maxFpr);
    }

    /**
     * {@code roc_auc_score(y_true, y_score, multi_class='ovr', average=average)} for more than two classes;
     * {@code y_score} holds one probability per class (columns in sorted label order), rows summing to 1.
     */
    public static double rocAucScore(long[] yTrue, double[][] yScore, Average average) {
        return RankingMetrics.rocAucScoreOvr(yTrue, yScore, average);
    }

    /** {@code roc_auc_score(y_true, y_score)}. */
    public static double rocAucScore(int[] yTrue, double[] yScore) {
        return rocAucScore(Targets.toLong(yTrue), yScore);
    }

    /** {@code roc_auc_score(y_true, y_score)} of tensors (scores flattened, e.g. {@code (N, 1)} probabilities). */
    public static double rocAucScore(Tensor yTrue, Tensor yScore) {
        return rocAucScore(Targets.labels(yTrue, "yTrue"), Targets.values(yScore, "yScore"));
    }

    /** {@code precision_recall_curve(y_true, probas_pred)}: labels in {0, 1} or {-1, 1}. */
    public static PrecisionRecallCurve precisionRecallCurve(long[] yTrue, double[] probasPred) {
        return RankingMetrics.precisionRecallCurve(yTrue, probasPred, null);
    }

    /** {@code precision_recall_curve(y_true, probas_pred, pos_label=pos_label)}. */
    public static PrecisionRecallCurve precisionRecallCurve(long[] yTrue, double[] probasPred, long posLabel) {
        return RankingMetrics.precisionRecallCurve(yTrue, probasPred, posLabel);
    }

    /** {@code precision_recall_curve(y_true, probas_pred)}. */
    public static PrecisionRecallCurve precisionRecallCurve(int[] yTrue, double[] probasPred) {
        return precisionRecallCurve(Targets.toLong(yTrue), probasPred);
    }

    /** {@code precision_recall_curve(y_true, probas_pred)} of tensors. */
    public static PrecisionRecallCurve precisionRecallCurve(Tensor yTrue, Tensor probasPred) {
        return precisionRecallCurve(Targets.labels(yTrue, "yTrue"), Targets.values(probasPred, "probasPred"));
    }

    /** {@code average_precision_score(y_true, y_score)}: positive class 1. */
    public static double averagePrecisionScore(long[] yTrue, double[] yScore) {
        return RankingMetrics.averagePrecisionScore(yTrue, yScore, 1);
    }

    /** {@code average_precision_score(y_true, y_score, pos_label=pos_label)}. */
    public static double averagePrecisionScore(long[] yTrue, double[] yScore, long posLabel) {
        return RankingMetrics.averagePrecisionScore(yTrue, yScore, posLabel);
    }

    /** {@code average_precision_score(y_true, y_score)}. */
    public static double averagePrecisionScore(int[] yTrue, double[] yScore) {
        return averagePrecisionScore(Targets.toLong(yTrue), yScore);
    }

    /** {@code average_precision_score(y_true, y_score)} of tensors. */
    public static double averagePrecisionScore(Tensor yTrue, Tensor yScore) {
        return averagePrecisionScore(Targets.labels(yTrue, "yTrue"), Targets.values(yScore, "yScore"));
    }

    /** {@code auc(x, y)}: the area under a curve by the trapezoidal rule. */
    public static double auc(double[] x, double[] y) {
        return RankingMetrics.auc(x, y);
    }

    // ------------------------------------------------------------------ regression

    /** {@code mean_squared_error(y_true, y_pred)}. */
    public static double meanSquaredError(double[] yTrue, double[] yPred) {
        return RegressionMetrics.meanSquaredError(yTrue, yPred);
    }

    /** {@code mean_squared_error(y_true, y_pred)} of tensors. */
    public static double meanSquaredError(Tensor yTrue, Tensor yPred) {
        return meanSquaredError(Targets.values(yTrue, "yTrue"), Targets.values(yPred, "yPred"));
    }

    /** {@code root_mean_squared_error(y_true, y_pred)} ({@code mean_squared_error(..., squared=False)} in 1.2). */
    public static double rootMeanSquaredError(double[] yTrue, double[] yPred) {
        return Math.sqrt(RegressionMetrics.meanSquaredError(yTrue, yPred));
    }

    /** {@code root_mean_squared_error(y_true, y_pred)} of tensors. */
    public static double rootMeanSquaredError(Tensor yTrue, Tensor yPred) {
        return rootMeanSquaredError(Targets.values(yTrue, "yTrue"), Targets.values(yPred, "yPred"));
    }

    /** {@code mean_absolute_error(y_true, y_pred)}. */
    public static double meanAbsoluteError(double[] yTrue, double[] yPred) {
        return RegressionMetrics.meanAbsoluteError(yTrue, yPred);
    }

    /** {@code mean_absolute_error(y_true, y_pred)} of tensors. */
    public static double meanAbsoluteError(Tensor yTrue, Tensor yPred) {
        return meanAbsoluteError(Targets.values(yTrue, "yTrue"), Targets.values(yPred, "yPred"));
    }

    /** {@code r2_score(y_true, y_pred)}. */
    public static double r2Score(double[] yTrue, double[] yPred) {
        return RegressionMetrics.r2Score(yTrue, yPred, true);
    }

    /** {@code r2_score(y_true, y_pred, force_finite=force_finite)}. */
    public static double r2Score(double[] yTrue, double[] yPred, boolean forceFinite) {
        return RegressionMetrics.r2Score(yTrue, yPred, forceFinite);
    }

    /** {@code r2_score(y_true, y_pred)} of tensors. */
    public static double r2Score(Tensor yTrue, Tensor yPred) {
        return r2Score(Targets.values(yTrue, "yTrue"), Targets.values(yPred, "yPred"));
    }
}
