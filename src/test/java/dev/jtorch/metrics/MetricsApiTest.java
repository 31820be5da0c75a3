package dev.jtorch.metrics;

import static dev.jtorch.prep.GoldenArrays.doubles;
import static dev.jtorch.prep.GoldenArrays.longs;
import static dev.jtorch.prep.GoldenArrays.num;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class MetricsApiTest {
    private static final JsonNode GOLDEN = Golden.load("metrics.json");
    private static final JsonNode ERRORS = GOLDEN.get("errors");

    private static void assertMessage(String key, Runnable r) {
        assertEquals(ERRORS.get(key).asText(), assertThrows(IllegalArgumentException.class, r::run).getMessage(), key);
    }

    @Test
    void tensorOverloadsEqualArrayResults() {
        JsonNode c = Golden.find(GOLDEN.get("classification"), "seed001_first200");
        long[] y = longs(c.get("y_true"));
        long[] p = longs(c.get("y_pred"));
        double[] s = doubles(c.get("y_score"));
        try (TensorScope scope = new TensorScope("overloads")) {
            Tensor yt = Torch.tensor(y).toFloat().view(-1, 1); // the tutorials' float32 (N, 1) targets
            Tensor pt = Torch.tensor(p).toFloat().view(-1, 1);
            Tensor st = Torch.tensor(s, DType.FLOAT64).view(-1, 1);
            JsonNode r = c.get("results");
            assertEquals(num(r.get("accuracy")), Metrics.accuracyScore(yt, pt));
            assertEquals(num(r.get("precision|binary|warn")), Metrics.precisionScore(yt, pt));
            assertEquals(num(r.get("recall|binary|warn")), Metrics.recallScore(yt, pt));
            assertEquals(num(r.get("f1|binary|warn")), Metrics.f1Score(yt, pt));
            assertEquals(num(r.get("f1|macro|warn")), Metrics.f1Score(yt, pt, new ScoreOptions().average(Average.MACRO)));
            assertEquals(r.get("report|2|warn").asText(), Metrics.classificationReport(yt, pt));
            assertArrayEquals(Metrics.confusionMatrix(y, p), Metrics.confusionMatrix(yt, pt));
            assertEquals(num(c.get("ranking").get("roc_auc")), Metrics.rocAucScore(yt, st));
            assertEquals(num(c.get("ranking").get("ap")), Metrics.averagePrecisionScore(yt, st));
            assertArrayEquals(Metrics.rocCurve(y, s).tpr(), Metrics.rocCurve(yt, st).tpr());
            assertArrayEquals(Metrics.precisionRecallCurve(y, s).precision(),
                    Metrics.precisionRecallCurve(yt, st).precision());
            assertEquals(Metrics.meanSquaredError(s, s), Metrics.meanSquaredError(st, st));
            Tensor probabilities = Torch.tensor(0.2, 0.7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metrics.accuracyScore(Torch.tensor(0, 1), probabilities));
            assertTrue(e.getMessage().startsWith("Classification metrics can't handle continuous targets"));
        }
        int[] yi = {0, 1, 1, 0};
        int[] pi = {0, 1, 0, 0};
        assertEquals(0.75, Metrics.accuracyScore(yi, pi));
        assertEquals(0.5, Metrics.recallScore(yi, pi));
    }

    @Test
    void averageNoneNeedsTheSupportFunction() {
        long[] y = {0, 1, 2, 1};
        PrecisionRecallFscoreSupport perClass = Metrics.precisionRecallFscoreSupport(y, y);
        assertArrayEquals(new long[] {1, 2, 1}, perClass.support());
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.precisionScore(y, y, new ScoreOptions().average(Average.NONE)));
    }

    @Test
    void rejectsBadArgumentsWithSklearnMessages() {
        long[] b = {0, 1, 1};
        double[] s = {0.1, 0.2, 0.3};
        assertMessage("binary_average_on_multiclass", () -> Metrics.precisionScore(new long[] {0, 1, 2}, b));
        assertMessage("pos_label_not_present", () -> Metrics.precisionScore(b, b, new ScoreOptions().posLabel(2)));
        assertMessage("inconsistent_lengths", () -> Metrics.accuracyScore(new long[] {0, 1}, b));
        assertMessage("confusion_empty_labels", () -> Metrics.confusionMatrix(new long[] {0, 1}, new long[] {0, 1},
                new long[0]));
        assertMessage("confusion_labels_not_in_y_true", () -> Metrics.confusionMatrix(new long[] {0, 1},
                new long[] {0, 1}, new long[] {5}));
        assertMessage("fbeta_negative", () -> Metrics.fbetaScore(new long[] {0, 1}, new long[] {0, 1}, -1));
        assertMessage("report_target_names", () -> Metrics.classificationReport(new long[] {0, 1}, new long[] {0, 1},
                new ReportOptions().targetNames("a")));
        assertMessage("roc_auc_single_class", () -> Metrics.rocAucScore(new long[] {0, 0, 0}, s));
        assertMessage("roc_auc_multiclass_1d", () -> Metrics.rocAucScore(new long[] {0, 1, 2}, s));
        assertMessage("roc_curve_multiclass", () -> Metrics.rocCurve(new long[] {0, 1, 2}, s));
        assertMessage("roc_curve_pos_label", () -> Metrics.rocCurve(new long[] {1, 2, 2}, s));
        assertMessage("roc_curve_nan", () -> Metrics.rocCurve(new long[] {0, 1}, new double[] {0.1, Double.NaN}));
        assertMessage("roc_curve_inf", () -> Metrics.rocCurve(new long[] {0, 1},
                new double[] {0.1, Double.POSITIVE_INFINITY}));
        assertMessage("ap_pos_label", () -> Metrics.averagePrecisionScore(b, s, 2));
        assertMessage("ap_multiclass", () -> Metrics.averagePrecisionScore(new long[] {0, 1, 2}, s));
        assertMessage("auc_one_point", () -> Metrics.auc(new double[] {0.0}, new double[] {1.0}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new double[] {0.0, 1.0, 0.5},
                new double[] {1.0, 2.0, 3.0})).getMessage().startsWith("x is neither increasing nor decreasing : ["));
        assertMessage("roc_auc_max_fpr", () -> Metrics.rocAucScore(b, s, 1.5));
        assertMessage("roc_auc_ovr_not_probabilities", () -> Metrics.rocAucScore(new long[] {0, 1, 2, 1},
                new double[][] {{0.1, 0.2, 0.3}, {0.1, 0.2, 0.3}, {0.1, 0.2, 0.3}, {0.1, 0.2, 0.3}}, Average.MACRO));
        assertMessage("mse_inconsistent", () -> Metrics.meanSquaredError(new double[] {1.0, 2.0}, new double[] {2.0}));
    }

    @Test
    void logsSklearnsWarningsOnce() {
        Logger logger = Logger.getLogger("dev.jtorch.metrics");
        List<String> seen = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(h);
        Targets.resetWarnings();
        try {
            long[] y = {0, 1, 0};
            long[] none = {0, 0, 0};
            String msg = "Precision is ill-defined and being set to 0.0 due to no predicted samples. Use "
                    + "`zero_division` parameter to control this behavior.";
            assertEquals(0.0, Metrics.precisionScore(y, none));
            assertEquals(0.0, Metrics.precisionScore(y, none));
            assertEquals(1.0, Metrics.precisionScore(y, none, new ScoreOptions().zeroDivision(ZeroDivision.ONE)));
            assertEquals(List.of(msg), seen);
        } finally {
            logger.removeHandler(h);
        }
    }
}
