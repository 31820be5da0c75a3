package dev.jtorch.metrics;

import static dev.jtorch.prep.GoldenArrays.assertClose;
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
import dev.jtorch.prep.RandomState;
import dev.jtorch.testing.Golden;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics accumulated batch by batch equal scikit-learn's value of the whole data ({@code metrics.json}). */
class StreamingMetricsTest {
    private static final JsonNode GOLDEN = Golden.load("metrics.json");
    private static final int BATCH = 32;

    private static long[][][] batches(long[] y, long[] p) {
        int nb = (y.length + BATCH - 1) / BATCH;
        long[][][] out = new long[nb][2][];
        for (int b = 0; b < nb; b++) {
            int from = b * BATCH;
            int to = Math.min(y.length, from + BATCH);
            out[b][0] = Arrays.copyOfRange(p, from, to);
            out[b][1] = Arrays.copyOfRange(y, from, to);
        }
        return out;
    }

    @Test
    void binaryMetricsOverBatchesEqualSklearn() {
        for (String name : List.of("binary_random_400", "seed001_first200", "binary_basic")) {
            JsonNode c = Golden.find(GOLDEN.get("classification"), name);
            long[] y = longs(c.get("y_true"));
            double[] score = doubles(c.get("y_score"));
            JsonNode r = c.get("results");
            BinaryAccuracy acc = new BinaryAccuracy();
            BinaryPrecision precision = new BinaryPrecision();
            BinaryRecall recall = new BinaryRecall();
            BinaryF1Score f1 = new BinaryF1Score();
            BinaryAUROC auroc = new BinaryAUROC();
            ConfusionMatrix cm = new ConfusionMatrix(2);
            for (int from = 0; from < y.length; from += BATCH) {
                int to = Math.min(y.length, from + BATCH);
                double[] s = Arrays.copyOfRange(score, from, to);
                long[] t = Arrays.copyOfRange(y, from, to);
                acc.update(s, t);
                precision.update(s, t);
                recall.update(s, t);
                f1.update(s, t);
                auroc.update(s, t);
                try (TensorScope scope = new TensorScope("batch")) {
                    cm.update(Torch.tensor(s, DType.FLOAT32).view(-1, 1), Torch.tensor(t).toFloat().view(-1, 1));
                }
            }
            if (!name.equals("binary_basic")) { // binary_basic's predictions are not score > 0.5
                assertClose(num(r.get("accuracy")), acc.compute(), name + " accuracy");
                assertClose(num(r.get("precision|binary|0")), precision.compute(), name + " precision");
                assertClose(num(r.get("recall|binary|0")), recall.compute(), name + " recall");
                assertClose(num(r.get("f1|binary|0")), f1.compute(), name + " f1");
                long[][] expected = new long[2][];
                expected[0] = longs(r.get("confusion").get(0));
                expected[1] = longs(r.get("confusion").get(1));
                assertArrayEquals(expected, cm.compute(), name + " confusion");
            }
            assertClose(num(c.get("ranking").get("roc_auc")), auroc.compute(), name + " auroc");
            acc.reset();
            acc.update(new long[] {1, 0}, new long[] {1, 1});
            assertEquals(0.5, acc.compute());
        }
    }

    @Test
    void binaryMetricsTakeLogitsAndTensors() {
        try (TensorScope scope = new TensorScope("logits")) {
            Tensor logits = Torch.tensor(-2.0, 0.3, 1e-9, -1e-9, 4.0, 0.0).view(-1, 1);
            Tensor target = Torch.tensor(0.0f, 1.0f, 1.0f, 0.0f, 0.0f, 1.0f).view(-1, 1);
            BinaryAccuracy fromLogits = new BinaryAccuracy();
            fromLogits.update(logits, target);
            BinaryAccuracy fromProbs = new BinaryAccuracy();
            fromProbs.update(logits.sigmoid(), target);
            assertEquals(fromProbs.compute(), fromLogits.compute());
            long[] predicted = logits.sigmoid().gt(0.5).toLong().flatten().toLongArray();
            assertEquals(Metrics.accuracyScore(target, Torch.tensor(predicted)), fromLogits.compute());
        }
        BinaryAccuracy bad = new BinaryAccuracy();
        assertEquals("Detected the following values in `target`: [0, 2] but expected only the following values [0, 1].",
                assertThrows(IllegalArgumentException.class, () -> bad.update(new long[] {0, 1}, new long[] {0, 2}))
                        .getMessage());
    }

    @Test
    void multiclassMetricsOverBatchesEqualSklearn() {
        JsonNode c = Golden.find(GOLDEN.get("classification"), "multiclass_random");
        long[] y = longs(c.get("y_true"));
        long[] p = longs(c.get("y_pred"));
        JsonNode r = c.get("results");
        MulticlassAccuracy micro = new MulticlassAccuracy(4, Average.MICRO);
        MulticlassAccuracy macro = new MulticlassAccuracy(4);
        MulticlassAccuracy weighted = new MulticlassAccuracy(4, Average.WEIGHTED);
        ConfusionMatrix cm = new ConfusionMatrix(4);
        for (long[][] b : batches(y, p)) {
            micro.update(b[0], b[1]);
            macro.update(b[0], b[1]);
            weighted.update(b[0], b[1]);
            cm.update(b[0], b[1]);
        }
        assertClose(num(r.get("accuracy")), micro.compute(), "micro");
        assertClose(num(r.get("recall|macro|0")), macro.compute(), "macro");
        assertClose(num(r.get("recall|weighted|0")), weighted.compute(), "weighted");
        JsonNode e = r.get("confusion");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(longs(e.get(i)), cm.compute()[i]);
        }
        assertClose(doubles(r.get("confusion|true").get(2)), cm.compute(Normalize.TRUE)[2], "normalized");

        JsonNode never = Golden.find(GOLDEN.get("classification"), "multiclass_never_predicted");
        MulticlassAccuracy m = new MulticlassAccuracy(6);
        m.update(longs(never.get("y_pred")), longs(never.get("y_true")));
        assertClose(num(never.get("results").get("recall|macro|0")), m.compute(), "classes 3-5 never seen");
    }

    @Test
    void multiclassAccuracyTakesScoreTensors() {
        try (TensorScope scope = new TensorScope("scores")) {
            Tensor scores = Torch.tensor(new double[][] {{0.1, 2.0, 0.3}, {1.0, 0.0, -1.0}, {0.2, 0.1, 0.9},
                {0.5, 0.5, 0.1}}, DType.FLOAT32);
            Tensor target = Torch.tensor(1, 0, 1, 1);
            MulticlassAccuracy micro = new MulticlassAccuracy(3, Average.MICRO);
            micro.update(scores, target);
            assertEquals(0.5, micro.compute()); // row 3 ties: the first maximum (class 0) wins
        }
    }

    @Test
    void regressionMetricsOverBatchesEqualSklearn() {
        JsonNode c = null;
        for (JsonNode g : GOLDEN.get("regression_generated")) {
            if (g.get("seed").asInt() == 6) {
                c = g;
            }
        }
        RandomState g = new RandomState(6);
        int n = c.get("n").asInt();
        double[] yTrue = g.uniform(-10.0, 10.0, n);
        double[] noise = g.uniform(-1.0, 1.0, n);
        double[] yPred = new double[n];
        for (int i = 0; i < n; i++) {
            yPred[i] = yTrue[i] + noise[i];
        }
        MeanSquaredError mse = new MeanSquaredError();
        MeanSquaredError rmse = new MeanSquaredError(false);
        MeanAbsoluteError mae = new MeanAbsoluteError();
        R2Score r2 = new R2Score();
        for (int from = 0; from < n; from += 1000) {
            double[] p = Arrays.copyOfRange(yPred, from, from + 1000);
            double[] t = Arrays.copyOfRange(yTrue, from, from + 1000);
            mse.update(p, t);
            rmse.update(p, t);
            mae.update(p, t);
            r2.update(p, t);
        }
        assertClose(num(c.get("mse")), mse.compute(), "mse");
        assertClose(num(c.get("rmse")), rmse.compute(), "rmse");
        assertClose(num(c.get("mae")), mae.compute(), "mae");
        assertClose(num(c.get("r2")), r2.compute(), "r2");
        r2.reset();
        mse.reset();
        try (TensorScope scope = new TensorScope("regression")) {
            Tensor p = Torch.tensor(new double[] {2.5, 0.0, 2.0, 8.0}, DType.FLOAT64);
            Tensor t = Torch.tensor(new double[] {3.0, -0.5, 2.0, 7.0}, DType.FLOAT64);
            mse.update(p, t);
            r2.update(p, t);
            JsonNode small = Golden.find(GOLDEN.get("regression"), "small");
            assertClose(num(small.get("mse")), mse.compute(), "tensor mse");
            assertClose(num(small.get("r2")), r2.compute(), "tensor r2");
            assertClose(num(small.get("mae")), Metrics.meanAbsoluteError(t, p), "tensor mae");
        }
    }

    @Test
    void metricsShareOneInterface() {
        List<Metric<?>> all = List.of(new BinaryAccuracy(), new BinaryPrecision(), new BinaryRecall(),
                new BinaryF1Score(), new BinaryAUROC(), new MulticlassAccuracy(2), new ConfusionMatrix(2),
                new MeanSquaredError(), new MeanAbsoluteError(), new R2Score());
        try (TensorScope scope = new TensorScope("interface")) {
            Tensor preds = Torch.tensor(0.9, 0.2, 0.7, 0.4);
            Tensor target = Torch.tensor(1, 0, 0, 1);
            for (Metric<?> m : all) {
                m.update(m instanceof MulticlassAccuracy ? preds.gt(0.5).toLong() : preds, target);
                assertTrue(m.compute() != null, m.getClass().getSimpleName());
                m.reset();
            }
        }
    }
}
