package dev.jtorch.metrics;

import dev.jtorch.PyFormat;
import dev.jtorch.internal.NumpySum;
import java.util.Arrays;
import java.util.Comparator;
import java.util.StringJoiner;

/** The algorithms of {@code sklearn.metrics._ranking}, for binary targets. */
final class RankingMetrics {
    private RankingMetrics() {}

    /** {@code _binary_clf_curve}: false and true positive counts per distinct score, highest score first. */
    record ClfCurve(double[] fps, double[] tps, double[] thresholds) {}

    static ClfCurve binaryClfCurve(long[] yTrue, double[] yScore, Long posLabel) {
        String type = Targets.typeOf(yTrue);
        if (!(type.equals("binary") || posLabel != null)) {
            throw new IllegalArgumentException(type + " format is not supported");
        }
        Targets.checkConsistentLength(yTrue.length, yScore.length);
        Targets.checkFinite(yScore);
        long pos = checkPosLabel(posLabel, yTrue);
        int n = yTrue.length;
        if (n == 0) {
            throw new IllegalArgumentException("y_true and y_score must not be empty");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // NumPy's stable argsort, reversed: descending scores, ties in reverse index order.
        Comparator<Integer> ascending = (a, b) -> yScore[a] < yScore[b] ? -1 : yScore[a] > yScore[b] ? 1 : 0;
        Arrays.sort(order, ascending);
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            int src = order[n - 1 - i];
            score[i] = yScore[src];
            positive[i] = yTrue[src] == pos;
        }
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n - 1; i++) {
            if (score[i + 1] - score[i] != 0) {
                idx[m++] = i;
            }
        }
        idx[m++] = n - 1;
        double[] fps = new double[m];
        double[] tps = new double[m];
        double[] thresholds = new double[m];
        double cum = 0;
        int k = 0;
        for (int i = 0; i < n && k < m; i++) {
            cum += positive[i] ? 1.0 : 0.0;
            if (i == idx[k]) {
                tps[k] = cum;
                fps[k] = 1 + idx[k] - cum;
                thresholds[k] = score[i];
                k++;
            }
        }
        return new ClfCurve(fps, tps, thresholds);
    }

    /** {@code _check_pos_label_consistency}: the positive class, 1 by default for {0, 1} or {-1, 1} labels. */
    private static long checkPosLabel(Long posLabel, long[] yTrue) {
        if (posLabel != null) {
            return posLabel;
        }
        long[] classes = Targets.unique(yTrue);
        boolean ok = Arrays.equals(classes, new long[] {0, 1}) || Arrays.equals(classes, new long[] {-1, 1})
                || Arrays.equals(classes, new long[] {0}) || Arrays.equals(classes, new long[] {-1})
                || Arrays.equals(classes, new long[] {1});
        if (!ok) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            for (long c : classes) {
                j.add(Long.toString(c));
            }
            throw new IllegalArgumentException("y_true takes value in " + j + " and pos_label is not specified: "
                    + "either make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly.");
        }
        return 1;
    }

    /** {@code roc_curve}. */
    static RocCurve rocCurve(long[] yTrue, double[] yScore, Long posLabel, boolean dropIntermediate) {
        ClfCurve c = binaryClfCurve(yTrue, yScore, posLabel);
        double[] fps = c.fps;
        double[] tps = c.tps;
        double[] thr = c.thresholds;
        if (dropIntermediate && fps.length > 2) {
            int n = fps.length;
            int[] keep = new int[n];
            int m = 0;
            keep[m++] = 0;
            for (int i = 0; i < n - 2; i++) {
                double dfps = (fps[i + 2] - fps[i + 1]) - (fps[i + 1] - fps[i]);
                double dtps = (tps[i + 2] - tps[i + 1]) - (tps[i + 1] - tps[i]);
                if (dfps != 0 || dtps != 0) {
                    keep[m++] = i + 1;
                }
            }
            keep[m++] = n - 1;
            fps = pick(fps, keep, m);
            tps = pick(tps, keep, m);
            thr = pick(thr, keep, m);
        }
        int n = fps.length + 1;
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] thresholds = new double[n];
        thresholds[0] = thr[0] + 1;
        System.arraycopy(thr, 0, thresholds, 1, n - 1);
        double lastF = fps[fps.length - 1];
        double lastT = tps[tps.length - 1];
        if (lastF <= 0) {
            Targets.warn("No negative samples in y_true, false positive value should be meaningless");
        }
        if (lastT <= 0) {
            Targets.warn("No positive samples in y_true, true positive value should be meaningless");
        }
        for (int i = 0; i < n; i++) {
            double f = i == 0 ? 0.0 : fps[i - 1];
            double t = i == 0 ? 0.0 : tps[i - 1];
            fpr[i] = lastF <= 0 ? Double.NaN : f / lastF;
            tpr[i] = lastT <= 0 ? Double.NaN : t / lastT;
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    private static double[] pick(double[] a, int[] idx, int m) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /** {@code auc(x, y)}: the trapezoidal area, for x increasing or decreasing. */
    static double auc(double[] x, double[] y) {
        Targets.checkConsistentLength(x.length, y.length);
        if (x.length < 2) {
            throw new IllegalArgumentException("At least 2 points are needed to compute area under curve, but x.shape = "
                    + x.length);
        }
        double direction = 1;
        boolean anyNegative = false;
        boolean allNonPositive = true;
        for (int i = 0; i < x.length - 1; i++) {
            double dx = x[i + 1] - x[i];
            anyNegative |= dx < 0;
            allNonPositive &= dx <= 0;
        }
        if (anyNegative) {
            if (allNonPositive) {
                direction = -1;
            } else {
                StringJoiner j = new StringJoiner(" ", "[", "]");
                for (double v : x) {
                    j.add(PyFormat.repr(v));
                }
                throw new IllegalArgumentException("x is neither increasing nor decreasing : " + j + ".");
            }
        }
        double[] terms = new double[x.length - 1];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        }
        return direction * NumpySum.sum(terms);
    }

    /** {@code roc_auc_score} for binary targets, with {@code max_fpr} (null for the full area). */
    static double rocAucScore(long[] yTrue, double[] yScore, Double maxFpr) {
        long[] classes = Targets.unique(yTrue);
        if (classes.length > 2) {
            throw new IllegalArgumentException("multi_class must be in ('ovo', 'ovr')");
        }
        Targets.checkConsistentLength(yTrue.length, yScore.length);
        long[] binary = new long[yTrue.length];
        if (classes.length == 2) {
            for (int i = 0; i < yTrue.length; i++) {
                binary[i] = yTrue[i] == classes[1] ? 1 : 0;
            }
        }
        return binaryRocAuc(binary, yScore, maxFpr);
    }

    /** {@code _binary_roc_auc_score} of 0/1 targets. */
    static double binaryRocAuc(long[] y01, double[] yScore, Double maxFpr) {
        if (Targets.unique(y01).length != 2) {
            throw new IllegalArgumentException(
                    "Only one class present in y_true. ROC AUC score is not defined in that case.");
        }
        RocCurve c = rocCurve(y01, yScore, null, true);
        double[] fpr = c.fpr();
        double[] tpr = c.tpr();
        if (maxFpr == null || maxFpr == 1) {
            return auc(fpr, tpr);
        }
        if (maxFpr <= 0 || maxFpr > 1 || maxFpr.isNaN()) {
            throw new IllegalArgumentException("Expected max_fpr in range (0, 1], got: " + PyFormat.repr(maxFpr));
        }
        int stop = 0;
        while (stop < fpr.length && fpr[stop] <= maxFpr) {
            stop++;
        }
        double x0 = fpr[stop - 1];
        double x1 = fpr[stop];
        double y0 = tpr[stop - 1];
        double y1 = tpr[stop];
        double interp;
        if (maxFpr == x0) {
            interp = y0;
        } else {
            double slope = (y1 - y0) / (x1 - x0);
            interp = slope * (maxFpr - x0) + y0;
        }
        double[] px = Arrays.copyOf(fpr, stop + 1);
        double[] py = Arrays.copyOf(tpr, stop + 1);
        px[stop] = maxFpr;
        py[stop] = interp;
        double partial = auc(px, py);
        double minArea = 0.5 * (maxFpr * maxFpr);
        double maxArea = maxFpr;
        return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
    }

    /** {@code roc_auc_score(y_true, y_score, multi_class='ovr', average=...)} for more than two classes. */
    static double rocAucScoreOvr(long[] yTrue, double[][] yScore, Average average) {
        Targets.checkConsistentLength(yTrue.length, yScore.length);
        long[] classes = Targets.unique(yTrue);
        int nCols = yScore.length == 0 ? 0 : yScore[0].length;
        if (classes.length <= 2) {
            throw new IllegalArgumentException("y should be a 1d array, got an array of shape (" + yScore.length + ", "
                    + nCols + ") instead.");
        }
        for (double[] row : yScore) {
            double s = NumpySum.sum(row);
            if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
                throw new IllegalArgumentException("Target scores need to be probabilities for multiclass roc_auc, i.e. "
                        + "they should sum up to 1.0 over classes");
            }
        }
        if (average != Average.MICRO && average != Average.MACRO && average != Average.WEIGHTED) {
            throw new IllegalArgumentException("average must be one of ('micro', 'macro', 'weighted', None) for "
                    + "multiclass problems");
        }
        if (classes.length != nCols) {
            throw new IllegalArgumentException(
                    "Number of classes in y_true not equal to the number of columns in 'y_score'");
        }
        int n = yTrue.length;
        if (average == Average.MICRO) {
            long[] y = new long[n * nCols];
            double[] s = new double[n * nCols];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < nCols; c++) {
                    y[i * nCols + c] = yTrue[i] == classes[c] ? 1 : 0;
                    s[i * nCols + c] = yScore[i][c];
                }
            }
            return binaryRocAuc(y, s, null);
        }
        double[] scores = new double[nCols];
        double[] weights = new double[nCols];
        for (int c = 0; c < nCols; c++) {
            long[] y = new long[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = yTrue[i] == classes[c] ? 1 : 0;
                s[i] = yScore[i][c];
                weights[c] += y[i];
            }
            scores[c] = binaryRocAuc(y, s, null);
        }
        return average == Average.WEIGHTED ? NumpySum.average(scores, weights) : NumpySum.mean(scores);
    }

    /** {@code precision_recall_curve}. */
    static PrecisionRecallCurve precisionRecallCurve(long[] yTrue, double[] probasPred, Long posLabel) {
        ClfCurve c = binaryClfCurve(yTrue, probasPred, posLabel);
        int n = c.tps.length;
        double lastT = c.tps[n - 1];
        if (lastT == 0) {
            Targets.warn("No positive class found in y_true, recall is set to one for all thresholds.");
        }
        double[] precision = new double[n + 1];
        double[] recall = new double[n + 1];
        double[] thresholds = new double[n];
        for (int i = 0; i < n; i++) {
            int src = n - 1 - i;
            double ps = c.tps[src] + c.fps[src];
            precision[i] = ps != 0 ? c.tps[src] / ps : 0.0;
            recall[i] = lastT == 0 ? 1.0 : c.tps[src] / lastT;
            thresholds[i] = c.thresholds[src];
        }
        precision[n] = 1;
        recall[n] = 0;
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }

    /** {@code average_precision_score} for binary targets. */
    static double averagePrecisionScore(long[] yTrue, double[] yScore, long posLabel) {
        String type = Targets.typeOf(yTrue);
        if (!type.equals("binary")) {
            throw new IllegalArgumentException(type + " format is not supported");
        }
        long[] present = Targets.unique(yTrue);
        if (present.length == 2 && !Targets.contains(present, posLabel)) {
            throw new IllegalArgumentException("pos_label=" + posLabel + " is not a valid label. It should be one of "
                    + Targets.pyList(present));
        }
        PrecisionRecallCurve c = precisionRecallCurve(yTrue, yScore, posLabel);
        double[] p = c.precision();
        double[] r = c.recall();
        double[] terms = new double[r.length - 1];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = (r[i + 1] - r[i]) * p[i];
        }
        return -NumpySum.sum(terms);
    }
}
