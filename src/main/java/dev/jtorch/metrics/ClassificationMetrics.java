package dev.jtorch.metrics;

import dev.jtorch.internal.NumpySum;
import java.util.Arrays;
import java.util.Set;

/** The algorithms of {@code sklearn.metrics._classification}, on integer labels. */
final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /** {@code accuracy_score(y_true, y_pred, normalize=normalize)}. */
    static double accuracyScore(long[] yTrue, long[] yPred, boolean normalize) {
        Targets.checkTargets(yTrue, yPred);
        long correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                correct++;
            }
        }
        return normalize ? (double) correct / yTrue.length : correct;
    }

    /** Per-label true-positive, predicted and true counts ({@code multilabel_confusion_matrix}). */
    record Counts(long[] tp, long[] pred, long[] truth) {}

    static Counts counts(long[] yTrue, long[] yPred, long[] labels) {
        long[] present = Targets.uniqueLabels(yTrue, yPred);
        long[] selected = labels == null ? present : labels;
        long[] sorted = java.util.stream.LongStream.concat(Arrays.stream(selected), Arrays.stream(present))
                .distinct().sorted().toArray();
        long[] tpAll = new long[sorted.length];
        long[] predAll = new long[sorted.length];
        long[] trueAll = new long[sorted.length];
        for (int i = 0; i < yTrue.length; i++) {
            int t = Arrays.binarySearch(sorted, yTrue[i]);
            int p = Arrays.binarySearch(sorted, yPred[i]);
            trueAll[t]++;
            predAll[p]++;
            if (t == p) {
                tpAll[t]++;
            }
        }
        long[] tp = new long[selected.length];
        long[] pred = new long[selected.length];
        long[] truth = new long[selected.length];
        for (int k = 0; k < selected.length; k++) {
            int idx = Arrays.binarySearch(sorted, selected[k]);
            tp[k] = tpAll[idx];
            pred[k] = predAll[idx];
            truth[k] = trueAll[idx];
        }
        return new Counts(tp, pred, truth);
    }

    /** {@code multilabel_confusion_matrix(y_true, y_pred, labels=labels)}: {@code [[tn, fp], [fn, tp]]} per label. */
    static long[][][] multilabelConfusionMatrix(long[] yTrue, long[] yPred, long[] labels) {
        Targets.checkTargets(yTrue, yPred);
        Counts c = counts(yTrue, yPred, labels);
        long[][][] out = new long[c.tp.length][][];
        for (int k = 0; k < out.length; k++) {
            long fp = c.pred[k] - c.tp[k];
            long fn = c.truth[k] - c.tp[k];
            long tn = yTrue.length - c.tp[k] - fp - fn;
            out[k] = new long[][] {{tn, fp}, {fn, c.tp[k]}};
        }
        return out;
    }

    /** {@code _check_set_wise_labels}: the labels to score. */
    private static long[] setWiseLabels(long[] yTrue, long[] yPred, ScoreOptions o) {
        String yType = Targets.checkTargets(yTrue, yPred);
        long[] present = Targets.uniqueLabels(yTrue, yPred);
        if (o.average == Average.BINARY) {
            if (yType.equals("binary")) {
                if (!Targets.contains(present, o.posLabel) && present.length >= 2) {
                    throw new IllegalArgumentException("pos_label=" + o.posLabel + " is not a valid label. It should "
                            + "be one of " + Targets.pyList(present));
                }
                return new long[] {o.posLabel};
            }
            throw new IllegalArgumentException("Target is multiclass but average='binary'. Please choose another "
                    + "average setting, one of [None, 'micro', 'macro', 'weighted'].");
        }
        if (o.posLabelSet && o.posLabel != 1) {
            String got = o.average == Average.NONE ? "None" : "'" + o.average.pythonName() + "'";
            Targets.warn("Note that pos_label (set to " + o.posLabel + ") is ignored when average != 'binary' (got "
                    + got + "). You may use labels=[pos_label] to specify a single positive class.");
        }
        return o.labels;
    }

    /**
     * {@code precision_recall_fscore_support(y_true, y_pred, beta=beta, ...)}; {@code warnFor} is the set of
     * {@code "precision"}, {@code "recall"}, {@code "f-score"} whose ill-defined values are reported.
     */
    static PrecisionRecallFscoreSupport prfs(long[] yTrue, long[] yPred, double beta, ScoreOptions o,
            Set<String> warnFor) {
        if (beta < 0) {
            throw new IllegalArgumentException("beta should be >=0 in the F-beta score");
        }
        long[] labels = setWiseLabels(yTrue, yPred, o);
        Counts c = counts(yTrue, yPred, labels);
        long[] tp = c.tp;
        long[] pred = c.pred;
        long[] truth = c.truth;
        if (o.average == Average.MICRO) {
            tp = new long[] {Arrays.stream(tp).sum()};
            pred = new long[] {Arrays.stream(pred).sum()};
            truth = new long[] {Arrays.stream(truth).sum()};
        }
        double beta2 = beta * beta;
        double[] precision = divide(tp, pred, "precision", "predicted", o, warnFor);
        double[] recall = divide(tp, truth, "recall", "true", o, warnFor);
        if (o.zeroDivision == ZeroDivision.WARN && warnFor.equals(Set.of("f-score"))) {
            for (int k = 0; k < truth.length; k++) {
                if (truth[k] == 0 && pred[k] == 0) {
                    warn("F-score is", "true nor predicted", truth.length);
                    break;
                }
            }
        }
        double[] f = new double[precision.length];
        for (int k = 0; k < f.length; k++) {
            if (beta == Double.POSITIVE_INFINITY) {
                f[k] = recall[k];
            } else {
                double denom = beta2 * precision[k] + recall[k];
                if (denom == 0.0) {
                    denom = 1;
                }
                f[k] = (1 + beta2) * precision[k] * recall[k] / denom;
            }
        }
        switch (o.average) {
            case NONE:
                return new PrecisionRecallFscoreSupport(precision, recall, f, truth);
            case WEIGHTED: {
                double[] w = new double[truth.length];
                long total = 0;
                long totalPred = 0;
                for (int k = 0; k < w.length; k++) {
                    w[k] = truth[k];
                    total += truth[k];
                    totalPred += pred[k];
                }
                if (total == 0) {
                    double z = o.zeroDivision.value();
                    return totalPred == 0 ? single(z, z, z) : single(0.0, z, 0.0);
                }
                return single(NumpySum.average(precision, w), NumpySum.average(recall, w), NumpySum.average(f, w));
            }
            default:
                return single(NumpySum.mean(precision), NumpySum.mean(recall), NumpySum.mean(f));
        }
    }

    private static PrecisionRecallFscoreSupport single(double p, double r, double f) {
        return new PrecisionRecallFscoreSupport(new double[] {p}, new double[] {r}, new double[] {f}, null);
    }

    /** {@code _prf_divide}. */
    private static double[] divide(long[] num, long[] den, String metric, String modifier, ScoreOptions o,
            Set<String> warnFor) {
        double[] out = new double[num.length];
        boolean any = false;
        for (int k = 0; k < num.length; k++) {
            if (den[k] == 0) {
                out[k] = o.zeroDivision.value();
                any = true;
            } else {
                out[k] = (double) num[k] / den[k];
            }
        }
        if (any && o.zeroDivision == ZeroDivision.WARN && warnFor.contains(metric)) {
            String title = Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
            warn(warnFor.contains("f-score") ? title + " and F-score are" : title + " is", modifier, out.length);
        }
        return out;
    }

    private static void warn(String start, String modifier, int size) {
        Targets.warn(start + " ill-defined and being set to 0.0 " + (size == 1 ? "due to" : "in labels with") + " no "
                + modifier + " samples. Use `zero_division` parameter to control this behavior.");
    }

    /** {@code confusion_matrix(y_true, y_pred, labels=labels)}: rows are true classes, columns predictions. */
    static long[][] confusionMatrix(long[] yTrue, long[] yPred, long[] labels) {
        Targets.checkTargets(yTrue, yPred);
        if (labels == null) {
            labels = Targets.uniqueLabels(yTrue, yPred);
        } else {
            if (labels.length == 0) {
                throw new IllegalArgumentException("'labels' should contains at least one label.");
            }
            if (yTrue.length == 0) {
                return new long[labels.length][labels.length];
            }
            boolean any = false;
            for (long l : labels) {
                any |= Targets.contains(yTrue, l);
            }
            if (!any) {
                throw new IllegalArgumentException("At least one label specified must be in y_true");
            }
        }
        java.util.Map<Long, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < labels.length; k++) {
            index.putIfAbsent(labels[k], k);
        }
        long[][] cm = new long[labels.length][labels.length];
        for (int i = 0; i < yTrue.length; i++) {
            Integer t = index.get(yTrue[i]);
            Integer p = index.get(yPred[i]);
            if (t != null && p != null) {
                cm[t][p]++;
            }
        }
        return cm;
    }

    /** {@code confusion_matrix(..., normalize=...)}: divided by the row, column or total sums, 0 where those are 0. */
    static double[][] normalize(long[][] cm, Normalize how) {
        int n = cm.length;
        double[][] out = new double[n][n];
        long total = 0;
        long[] rows = new long[n];
        long[] cols = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[i] += cm[i][j];
                cols[j] += cm[i][j];
                total += cm[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long d = switch (how) {
                    case TRUE -> rows[i];
                    case PRED -> cols[j];
                    case ALL -> total;
                };
                double v = (double) cm[i][j] / d;
                out[i][j] = Double.isNaN(v) ? 0.0 : v;
            }
        }
        return out;
    }
}
