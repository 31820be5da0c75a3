package dev.jtorch.metrics;

import static dev.jtorch.prep.GoldenArrays.assertClose;
import static dev.jtorch.prep.GoldenArrays.doubles;
import static dev.jtorch.prep.GoldenArrays.longs;
import static dev.jtorch.prep.GoldenArrays.matrix;
import static dev.jtorch.prep.GoldenArrays.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.prep.RandomState;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric against scikit-learn 1.2 ({@code metrics.json}, written by {@code gen_metrics_golden.py}). */
class MetricsGoldenTest {
    private static final JsonNode GOLDEN = Golden.load("metrics.json");

    private static Average average(String s) {
        return switch (s) {
            case "binary" -> Average.BINARY;
            case "micro" -> Average.MICRO;
            case "macro" -> Average.MACRO;
            case "weighted" -> Average.WEIGHTED;
            case "None" -> Average.NONE;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static ZeroDivision zeroDivision(String s) {
        return switch (s) {
            case "warn" -> ZeroDivision.WARN;
            case "0" -> ZeroDivision.ZERO;
            case "1" -> ZeroDivision.ONE;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static long[][] longMatrix(JsonNode a) {
        long[][] out = new long[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs(a.get(i));
        }
        return out;
    }

    private static void assertPrfs(JsonNode e, PrecisionRecallFscoreSupport r, String at) {
        if (e.get("p").isArray()) {
            assertClose(doubles(e.get("p")), r.precision(), at + " precision");
            assertClose(doubles(e.get("r")), r.recall(), at + " recall");
            assertClose(doubles(e.get("f")), r.fbetaScore(), at + " f");
            assertArrayEquals(longs(e.get("s")), r.support(), at + " support");
        } else {
            assertClose(num(e.get("p")), r.precision()[0], at + " precision");
            assertClose(num(e.get("r")), r.recall()[0], at + " recall");
            assertClose(num(e.get("f")), r.fbetaScore()[0], at + " f");
            assertNull(r.support(), at + " support");
        }
    }

    @Test
    void classificationMetricsMatchSklearn() {
        int checked = 0;
        for (JsonNode c : GOLDEN.get("classification")) {
            String name = c.get("name").asText();
            long[] yTrue = longs(c.get("y_true"));
            long[] yPred = longs(c.get("y_pred"));
            long posLabel = c.get("pos_label").asLong();
            long[] labels = c.get("labels").isNull() ? null : longs(c.get("labels"));
            JsonNode results = c.get("results");
            for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                JsonNode e = entry.getValue();
                String at = name + " " + key;
                String[] k = key.split("\\|");
                switch (k[0]) {
                    case "accuracy" -> assertClose(num(e), Metrics.accuracyScore(yTrue, yPred), at);
                    case "accuracy_count" -> assertClose(num(e), Metrics.accuracyScore(yTrue, yPred, false), at);
                    case "prfs", "prfs_labels" -> {
                        ScoreOptions o = new ScoreOptions().average(average(k[1])).zeroDivision(zeroDivision(k[2]))
                                .posLabel(posLabel);
                        if (k[0].equals("prfs_labels")) {
                            o.labels(labels);
                        }
                        assertPrfs(e, Metrics.precisionRecallFscoreSupport(yTrue, yPred, 1.0, o), at);
                    }
                    case "precision", "recall", "f1" -> {
                        ScoreOptions o = new ScoreOptions().average(average(k[1])).zeroDivision(zeroDivision(k[2]))
                                .posLabel(posLabel);
                        double v = switch (k[0]) {
                            case "precision" -> Metrics.precisionScore(yTrue, yPred, o);
                            case "recall" -> Metrics.recallScore(yTrue, yPred, o);
                            default -> Metrics.f1Score(yTrue, yPred, o);
                        };
                        assertClose(num(e), v, at);
                    }
                    case "fbeta" -> assertClose(num(e), Metrics.fbetaScore(yTrue, yPred, Double.parseDouble(k[1]),
                            new ScoreOptions().average(average(k[2])).posLabel(posLabel)), at);
                    case "confusion" -> {
                        if (k.length == 1) {
                            assertArrayEquals(longMatrix(e), Metrics.confusionMatrix(yTrue, yPred), at);
                        } else {
                            Normalize n = Normalize.valueOf(k[1].toUpperCase(java.util.Locale.ROOT));
                            assertClose(matrix(e), Metrics.confusionMatrix(yTrue, yPred, n), at);
                        }
                    }
                    case "confusion_labels" ->
                        assertArrayEquals(longMatrix(e), Metrics.confusionMatrix(yTrue, yPred, labels), at);
                    case "mcm", "mcm_labels" -> {
                        long[][][] m = k[0].equals("mcm") ? Metrics.multilabelConfusionMatrix(yTrue, yPred)
                                : Metrics.multilabelConfusionMatrix(yTrue, yPred, labels);
                        assertEquals(e.size(), m.length, at);
                        for (int i = 0; i < m.length; i++) {
                            assertArrayEquals(longMatrix(e.get(i)), m[i], at + " label " + i);
                        }
                    }
                    case "report" -> assertEquals(e.asText(), Metrics.classificationReport(yTrue, yPred,
                            new ReportOptions().digits(Integer.parseInt(k[1])).zeroDivision(zeroDivision(k[2]))), at);
                    case "report_labels" -> assertEquals(e.asText(),
                            Metrics.classificationReport(yTrue, yPred, new ReportOptions().labels(labels)), at);
                    case "report_names" -> {
                        List<String> names = new ArrayList<>();
                        results.get("report_names_list").forEach(n -> names.add(n.asText()));
                        assertEquals(e.asText(), Metrics.classificationReport(yTrue, yPred,
                                new ReportOptions().targetNames(names)), at);
                    }
                    case "report_names_list" -> { }
                    default -> fail("unknown golden key " + key);
                }
                checked++;
            }
            if (c.has("y_score")) {
                checked += checkRanking(c, yTrue);
            }
        }
        assertEquals(true, checked > 500, "checked " + checked);
    }

    private static int checkRanking(JsonNode c, long[] yTrue) {
        String name = c.get("name").asText();
        double[] score = doubles(c.get("y_score"));
        JsonNode pl = c.get("curve_pos_label");
        Long pos = pl.isNull() ? null : pl.asLong();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("ranking").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode e = entry.getValue();
            String at = name + " " + key;
            String[] k = key.split("\\|");
            switch (k[0]) {
                case "roc" -> {
                    boolean drop = k[1].equals("True");
                    RocCurve r = pos == null ? Metrics.rocCurve(yTrue, score, drop)
                            : Metrics.rocCurve(yTrue, score, pos, drop);
                    assertClose(doubles(e.get("fpr")), r.fpr(), at + " fpr");
                    assertClose(doubles(e.get("tpr")), r.tpr(), at + " tpr");
                    assertClose(doubles(e.get("thresholds")), r.thresholds(), at + " thresholds");
                }
                case "pr_curve" -> {
                    PrecisionRecallCurve r = pos == null ? Metrics.precisionRecallCurve(yTrue, score)
                            : Metrics.precisionRecallCurve(yTrue, score, pos);
                    assertClose(doubles(e.get("precision")), r.precision(), at + " precision");
                    assertClose(doubles(e.get("recall")), r.recall(), at + " recall");
                    assertClose(doubles(e.get("thresholds")), r.thresholds(), at + " thresholds");
                }
                case "ap" -> assertClose(num(e), pos == null ? Metrics.averagePrecisionScore(yTrue, score)
                        : Metrics.averagePrecisionScore(yTrue, score, pos), at);
                case "roc_auc" -> assertClose(num(e), k.length == 1 ? Metrics.rocAucScore(yTrue, score)
                        : Metrics.rocAucScore(yTrue, score, Double.parseDouble(k[1])), at);
                case "auc_of_roc" -> {
                    RocCurve r = pos == null ? Metrics.rocCurve(yTrue, score) : Metrics.rocCurve(yTrue, score, pos, true);
                    assertClose(num(e), Metrics.auc(r.fpr(), r.tpr()), at);
                }
                default -> fail("unknown ranking key " + key);
            }
            checked++;
        }
        return checked;
    }

    @Test
    void multiclassRocAucOneVsRestMatchesSklearn() {
        for (JsonNode c : GOLDEN.get("multiclass_roc_auc")) {
            long[] y = longs(c.get("y_true"));
            double[][] s = matrix(c.get("y_score"));
            String name = c.get("name").asText();
            assertClose(num(c.get("macro")), Metrics.rocAucScore(y, s, Average.MACRO), name + " macro");
            assertClose(num(c.get("weighted")), Metrics.rocAucScore(y, s, Average.WEIGHTED), name + " weighted");
            assertClose(num(c.get("micro")), Metrics.rocAucScore(y, s, Average.MICRO), name + " micro");
        }
    }

    private static void assertRegression(JsonNode c, double[] yTrue, double[] yPred, String name) {
        assertClose(num(c.get("mse")), Metrics.meanSquaredError(yTrue, yPred), name + " mse");
        assertClose(num(c.get("rmse")), Metrics.rootMeanSquaredError(yTrue, yPred), name + " rmse");
        assertClose(num(c.get("mae")), Metrics.meanAbsoluteError(yTrue, yPred), name + " mae");
        assertClose(num(c.get("r2")), Metrics.r2Score(yTrue, yPred), name + " r2");
        assertClose(num(c.get("r2_not_finite")), Metrics.r2Score(yTrue, yPred, false), name + " r2 not finite");
    }

    @Test
    void regressionMetricsMatchSklearn() {
        for (JsonNode c : GOLDEN.get("regression")) {
            assertRegression(c, doubles(c.get("y_true")), doubles(c.get("y_pred")), c.get("name").asText());
        }
        for (JsonNode c : GOLDEN.get("regression_generated")) {
            RandomState g = new RandomState(c.get("seed").asLong());
            int n = c.get("n").asInt();
            double[] yTrue = g.uniform(-10.0, 10.0, n);
            double[] noise = g.uniform(-1.0, 1.0, n);
            double[] yPred = new double[n];
            for (int i = 0; i < n; i++) {
                yPred[i] = yTrue[i] + noise[i];
            }
            assertRegression(c, yTrue, yPred, "generated seed " + c.get("seed"));
        }
    }
}
