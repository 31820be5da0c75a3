package dev.jtorch.metrics;

import dev.jtorch.PyFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** scikit-learn's {@code classification_report} text, character for character. */
final class ClassificationReport {
    private static final List<String> HEADERS = List.of("precision", "recall", "f1-score", "support");
    private static final Set<String> WARN_ALL = Set.of("precision", "recall", "f-score");

    private ClassificationReport() {}

    static String build(long[] yTrue, long[] yPred, ReportOptions o) {
        Targets.checkTargets(yTrue, yPred);
        long[] present = Targets.uniqueLabels(yTrue, yPred);
        boolean labelsGiven = o.labels != null;
        long[] labels = labelsGiven ? o.labels : present;
        boolean microIsAccuracy = !labelsGiven
                || Targets.unique(labels).length == present.length && sameSet(labels, present);
        List<String> names = o.targetNames;
        if (names != null && labels.length != names.size()) {
            if (labelsGiven) {
                Targets.warn("labels size, " + labels.length + ", does not match size of target_names, "
                        + names.size());
            } else {
                throw new IllegalArgumentException("Number of classes, " + labels.length
                        + ", does not match size of target_names, " + names.size()
                        + ". Try specifying the labels parameter");
            }
        }
        if (names == null) {
            names = new ArrayList<>();
            for (long l : labels) {
                names.add(Long.toString(l));
            }
        }
        ScoreOptions perClass = new ScoreOptions().labels(labels).average(Average.NONE).zeroDivision(o.zeroDivision);
        PrecisionRecallFscoreSupport s = ClassificationMetrics.prfs(yTrue, yPred, 1.0, perClass, WARN_ALL);
        int digits = o.digits;
        int nameWidth = 0;
        for (String n : names) {
            nameWidth = Math.max(nameWidth, n.codePointCount(0, n.length()));
        }
        int width = Math.max(Math.max(nameWidth, "weighted avg".length()), digits);
        StringBuilder report = new StringBuilder();
        report.append(pad("", width)).append(' ');
        for (String h : HEADERS) {
            report.append(' ').append(pad(h, 9));
        }
        report.append("\n\n");
        double[] p = s.precision();
        double[] r = s.recall();
        double[] f = s.fbetaScore();
        long[] support = s.support();
        int rows = Math.min(names.size(), p.length);
        for (int k = 0; k < rows; k++) {
            row(report, names.get(k), p[k], r[k], f[k], support[k], width, digits);
        }
        report.append('\n');
        long totalSupport = 0;
        for (long v : support) {
            totalSupport += v;
        }
        for (Average average : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
            ScoreOptions avgOptions = new ScoreOptions().labels(labels).average(average).zeroDivision(o.zeroDivision);
            PrecisionRecallFscoreSupport a = ClassificationMetrics.prfs(yTrue, yPred, 1.0, avgOptions, WARN_ALL);
            if (average == Average.MICRO && microIsAccuracy) {
                report.append(pad("accuracy", width)).append(' ');
                report.append(' ').append(pad("", 9)).append(' ').append(pad("", 9));
                report.append(' ').append(pad(PyFormat.fixed(a.fbetaScore()[0], digits), 9));
                report.append(' ').append(pad(Long.toString(totalSupport), 9)).append('\n');
            } else {
                row(report, average.pythonName() + " avg", a.precision()[0], a.recall()[0], a.fbetaScore()[0],
                        totalSupport, width, digits);
            }
        }
        return report.toString();
    }

    private static boolean sameSet(long[] a, long[] sortedDistinct) {
        for (long v : a) {
            if (!Targets.contains(sortedDistinct, v)) {
                return false;
            }
        }
        return true;
    }

    private static void row(StringBuilder sb, String name, double p, double r, double f, long support, int width,
            int digits) {
        sb.append(pad(name, width)).append(' ');
        sb.append(' ').append(pad(PyFormat.fixed(p, digits), 9));
        sb.append(' ').append(pad(PyFormat.fixed(r, digits), 9));
        sb.append(' ').append(pad(PyFormat.fixed(f, digits), 9));
        sb.append(' ').append(pad(Long.toString(support), 9)).append('\n');
    }

    /** Python's {@code format(s, '>width')}. */
    private static String pad(String s, int width) {
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : " ".repeat(width - len) + s;
    }
}
