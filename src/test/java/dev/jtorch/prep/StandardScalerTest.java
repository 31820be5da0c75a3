package dev.jtorch.prep;

import static dev.jtorch.prep.GoldenArrays.doubles;
import static dev.jtorch.prep.GoldenArrays.longs;
import static dev.jtorch.prep.GoldenArrays.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
    private static final JsonNode GOLDEN = Golden.load("prep.json");

    private static float[][] floats(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) x[i][j];
            }
        }
        return out;
    }

    private static double[][] doublesOf(float[][] x) {
        return StandardScaler.toDouble(x);
    }

    private static double[] orNull(JsonNode n) {
        return n == null || n.isNull() ? null : doubles(n);
    }

    @Test
    void fitsAndTransformsExactlyLikeSklearn() {
        for (JsonNode c : GOLDEN.get("standard_scaler")) {
            String name = c.get("name").asText();
            JsonNode a = c.get("args");
            StandardScaler.Options o = new StandardScaler.Options();
            if (a.has("with_mean")) {
                o.withMean(a.get("with_mean").asBoolean());
            }
            if (a.has("with_std")) {
                o.withStd(a.get("with_std").asBoolean());
            }
            StandardScaler sc = new StandardScaler(o);
            double[][] x = matrix(c.get("X"));
            boolean f32 = c.get("dtype").asText().equals("float32");
            double[][] z = f32 ? doublesOf(sc.fitTransform(floats(x))) : sc.fitTransform(x);
            assertArrayEquals(orNull(c.get("mean")), sc.mean(), name + " mean_");
            assertArrayEquals(orNull(c.get("var")), sc.var(), name + " var_");
            assertArrayEquals(orNull(c.get("scale")), sc.scale(), name + " scale_");
            assertArrayEquals(longs(c.get("n_samples_seen")), sc.nSamplesSeen(), name + " n_samples_seen_");
            assertArrayEquals(matrix(c.get("transformed")), z, name + " transform");
            double[][] back = f32 ? doublesOf(sc.inverseTransform(floats(z))) : sc.inverseTransform(z);
            assertArrayEquals(matrix(c.get("inverse")), back, name + " inverse_transform");
            if (c.has("X_new")) {
                double[][] xn = matrix(c.get("X_new"));
                double[][] zn = f32 ? doublesOf(sc.transform(floats(xn))) : sc.transform(xn);
                assertArrayEquals(matrix(c.get("X_new_transformed")), zn, name + " transform of new rows");
            }
        }
    }

    @Test
    void seed001TensorsScaleInFloat32() {
        JsonNode c = Golden.find(GOLDEN.get("standard_scaler"), "seed001_float32");
        try (TensorScope s = new TensorScope("scaler")) {
            Tensor xTrain = Torch.tensor(matrix(c.get("X")), DType.FLOAT32);
            Tensor xTest = Torch.tensor(matrix(c.get("X_new")), DType.FLOAT32);
            StandardScaler scaler = new StandardScaler();
            Tensor trainScaled = Torch.tensor(scaler.fitTransform(xTrain), DType.FLOAT32);
            Tensor testScaled = Torch.tensor(scaler.transform(xTest), DType.FLOAT32);
            assertArrayEquals(doubles(c.get("mean")), scaler.mean());
            assertArrayEquals(matrix(c.get("transformed")), trainScaled.toDoubleArray2d());
            assertArrayEquals(matrix(c.get("X_new_transformed")), testScaled.toDoubleArray2d());
            assertEquals("torch.Size([800, 2])", trainScaled.shape().toString());
        }
    }

    @Test
    void sumsInNumpysOrderForLargeAndSingleColumnData() {
        for (JsonNode c : GOLDEN.get("standard_scaler_big")) {
            double[][] x = new RandomState(c.get("seed").asLong()).uniform(c.get("low").asDouble(),
                    c.get("high").asDouble(), c.get("n_samples").asInt(), c.get("n_features").asInt());
            StandardScaler sc = new StandardScaler().fit(x);
            String at = "seed " + c.get("seed");
            assertArrayEquals(doubles(c.get("mean")), sc.mean(), at + " mean_");
            assertArrayEquals(doubles(c.get("var")), sc.var(), at + " var_");
            assertArrayEquals(doubles(c.get("scale")), sc.scale(), at + " scale_");
            double[][] head = java.util.Arrays.copyOf(x, 20);
            assertArrayEquals(matrix(c.get("transformed_head")), sc.transform(head), at + " transform");
        }
    }

    @Test
    void partialFitUpdatesLikeSklearn() {
        StandardScaler sc = new StandardScaler();
        for (JsonNode step : GOLDEN.get("standard_scaler_partial_fit")) {
            sc.partialFit(matrix(step.get("batch")));
            assertArrayEquals(doubles(step.get("mean")), sc.mean());
            assertArrayEquals(doubles(step.get("var")), sc.var());
            assertArrayEquals(doubles(step.get("scale")), sc.scale());
            assertEquals(step.get("n_samples_seen").asLong(), sc.nSamplesSeen()[0]);
        }
    }

    @Test
    void refitForgetsAndReprsMatch() {
        StandardScaler sc = new StandardScaler();
        sc.fit(new double[][] {{1, 2}, {3, 4}});
        sc.fit(new double[][] {{10}, {20}, {30}});
        assertArrayEquals(new double[] {20.0}, sc.mean());
        assertEquals(1, sc.nFeaturesIn());
        assertEquals("StandardScaler()", sc.toString());
        assertEquals("StandardScaler(with_mean=False)",
                new StandardScaler(new StandardScaler.Options().withMean(false)).toString());
        assertEquals("StandardScaler(with_mean=False, with_std=False)",
                new StandardScaler(new StandardScaler.Options().withMean(false).withStd(false)).toString());
        StandardScaler neither = new StandardScaler(new StandardScaler.Options().withMean(false).withStd(false));
        neither.fit(new double[][] {{1}, {2}});
        assertNull(neither.mean());
        assertNull(neither.scale());
    }

    @Test
    void rejectsBadInputWithSklearnMessages() {
        JsonNode e = GOLDEN.get("errors");
        StandardScaler sc = new StandardScaler().fit(new double[3][2]);
        assertEquals(e.get("scaler_features").asText(),
                assertThrows(IllegalArgumentException.class, () -> sc.transform(new double[2][3])).getMessage());
        assertEquals(e.get("scaler_inf").asText(), assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(new double[][] {{1.0}, {Double.POSITIVE_INFINITY}})).getMessage());
        assertEquals("This StandardScaler instance is not fitted yet. Call 'fit' with appropriate arguments before "
                + "using this estimator.", assertThrows(IllegalStateException.class,
                        () -> new StandardScaler().transform(new double[1][1])).getMessage());
    }
}
