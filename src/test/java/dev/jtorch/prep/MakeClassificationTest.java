package dev.jtorch.prep;

import static dev.jtorch.prep.GoldenArrays.assertClose;
import static dev.jtorch.prep.GoldenArrays.doubles;
import static dev.jtorch.prep.GoldenArrays.ints;
import static dev.jtorch.prep.GoldenArrays.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MakeClassificationTest {
    private static final JsonNode GOLDEN = Golden.load("prep.json");

    static MakeClassification.Options options(JsonNode args) {
        MakeClassification.Options o = new MakeClassification.Options();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "n_samples" -> o.nSamples(v.asInt());
                case "n_features" -> o.nFeatures(v.asInt());
                case "n_informative" -> o.nInformative(v.asInt());
                case "n_redundant" -> o.nRedundant(v.asInt());
                case "n_repeated" -> o.nRepeated(v.asInt());
                case "n_classes" -> o.nClasses(v.asInt());
                case "n_clusters_per_class" -> o.nClustersPerClass(v.asInt());
                case "weights" -> o.weights(doubles(v));
                case "flip_y" -> o.flipY(v.asDouble());
                case "class_sep" -> o.classSep(v.asDouble());
                case "hypercube" -> o.hypercube(v.asBoolean());
                case "shuffle" -> o.shuffle(v.asBoolean());
                case "random_state" -> o.randomState(v.asLong());
                case "shift" -> {
                    if (v.isArray()) {
                        o.shiftPerFeature(doubles(v));
                    } else {
                        o.shift(v.isNull() ? null : v.asDouble());
                    }
                }
                case "scale" -> {
                    if (v.isArray()) {
                        o.scalePerFeature(doubles(v));
                    } else {
                        o.scale(v.isNull() ? null : v.asDouble());
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + e.getKey());
            }
        }
        return o;
    }

    @Test
    void producesSklearnDatasetsForEveryGoldenCase() {
        for (JsonNode c : GOLDEN.get("make_classification")) {
            String name = c.get("name").asText();
            LabeledData d = Datasets.makeClassification(options(c.get("args")));
            assertArrayEquals(ints(c.get("y")), d.y(), name + ": y");
            double[][] expected = matrix(c.get("X"));
            assertClose(expected, d.x(), name + ": X");
            int total = expected.length * (expected.length == 0 ? 0 : expected[0].length);
            int exact = GoldenArrays.bitExact(expected, d.x());
            // Differences, where any, are last-bit roundings of a logarithm or of a BLAS product.
            assertTrue(exact >= 0.99 * total, name + ": only " + exact + " of " + total + " values bit-exact");
        }
    }

    @Test
    void seed001DatasetMatchesTheTutorial() {
        JsonNode c = Golden.find(GOLDEN.get("make_classification"), "seed001_rs42");
        LabeledData d = Datasets.makeClassification(1000, 2, new MakeClassification.Options().nInformative(2)
                .nRedundant(0).nClustersPerClass(1).randomState(42));
        assertEquals(1000, d.nSamples());
        assertEquals(2, d.nFeatures());
        assertArrayEquals(ints(c.get("y")), d.y());
        assertClose(matrix(c.get("X")), d.x(), "X");
        assertEquals(d.y()[3], d.yLong()[3]);
    }

    @Test
    void sameSeedSameData() {
        MakeClassification.Options o = new MakeClassification.Options().randomState(3);
        LabeledData a = Datasets.makeClassification(50, 5, o);
        LabeledData b = Datasets.makeClassification(50, 5, o);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        RandomState rng = new RandomState(3);
        LabeledData c = Datasets.makeClassification(50, 5, new MakeClassification.Options().randomState(rng));
        assertArrayEquals(a.y(), c.y());
        LabeledData d = Datasets.makeClassification(50, 5, new MakeClassification.Options().randomState(rng));
        assertEquals(50, d.nSamples()); // the generator moved on
    }

    @Test
    void rejectsBadArgumentsWithSklearnMessages() {
        JsonNode e = GOLDEN.get("errors");
        assertEquals(e.get("make_classification_features").asText(), assertThrows(IllegalArgumentException.class,
                () -> Datasets.makeClassification(100, 3, new MakeClassification.Options().nInformative(2)
                        .nRedundant(2))).getMessage());
        assertEquals(e.get("make_classification_hypercube").asText(), assertThrows(IllegalArgumentException.class,
                () -> Datasets.makeClassification(100, 5, new MakeClassification.Options().nInformative(1)
                        .nRedundant(0))).getMessage());
        assertEquals(e.get("make_classification_weights").asText(), assertThrows(IllegalArgumentException.class,
                () -> Datasets.makeClassification(new MakeClassification.Options().weights(0.2, 0.3, 0.5)))
                .getMessage());
    }
}
