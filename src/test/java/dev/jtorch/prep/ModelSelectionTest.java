package dev.jtorch.prep;

import static dev.jtorch.prep.GoldenArrays.ints;
import static dev.jtorch.prep.GoldenArrays.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {
    private static final JsonNode GOLDEN = Golden.load("prep.json");

    private static void assertSplits(JsonNode expected, List<Split> actual, String name) {
        assertEquals(expected.size(), actual.size(), name + ": number of splits");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(ints(expected.get(i).get("train")), actual.get(i).train(), name + " split " + i + " train");
            assertArrayEquals(ints(expected.get(i).get("test")), actual.get(i).test(), name + " split " + i + " test");
        }
    }

    private static TrainTestSplit.Options options(JsonNode args) {
        TrainTestSplit.Options o = new TrainTestSplit.Options();
        JsonNode v;
        if ((v = args.get("test_size")) != null) {
            if (v.isInt()) {
                o.testSize(v.asInt());
            } else {
                o.testSize(v.asDouble());
            }
        }
        if ((v = args.get("train_size")) != null) {
            if (v.isInt()) {
                o.trainSize(v.asInt());
            } else {
                o.trainSize(v.asDouble());
            }
        }
        if ((v = args.get("random_state")) != null) {
            o.randomState(v.asLong());
        }
        if ((v = args.get("shuffle")) != null) {
            o.shuffle(v.asBoolean());
        }
        if ((v = args.get("stratify")) != null) {
            o.stratify(longs(v));
        }
        return o;
    }

    @Test
    void trainTestSplitTakesSklearnsRows() {
        for (JsonNode c : GOLDEN.get("train_test_split")) {
            String name = c.get("name").asText();
            Split s = ModelSelection.trainTestSplitIndices(c.get("n_samples").asInt(), options(c.get("args")));
            assertArrayEquals(ints(c.get("train")), s.train(), name + " train");
            assertArrayEquals(ints(c.get("test")), s.test(), name + " test");
        }
    }

    @Test
    void seed001SplitsArraysAndTensorsAlike() {
        JsonNode c = Golden.find(GOLDEN.get("train_test_split"), "seed001");
        LabeledData d = Datasets.makeClassification(1000, 2, new MakeClassification.Options().nInformative(2)
                .nRedundant(0).nClustersPerClass(1).randomState(42));
        TrainTestSplit.Options o = new TrainTestSplit.Options().testSize(0.2).randomState(42);
        TrainTestSplit<double[][], int[]> s = ModelSelection.trainTestSplit(d.x(), d.y(), o);
        int[] train = ints(c.get("train"));
        int[] test = ints(c.get("test"));
        assertEquals(800, s.xTrain().length);
        assertEquals(200, s.yTest().length);
        assertArrayEquals(d.x()[train[5]], s.xTrain()[5]);
        assertEquals(d.y()[test[7]], s.yTest()[7]);
        try (TensorScope scope = new TensorScope("split")) {
            Tensor x = Torch.tensor(d.x(), dev.jtorch.DType.FLOAT32);
            Tensor y = Torch.tensor(d.y()).toFloat().view(-1, 1);
            TrainTestSplit<Tensor, Tensor> t = ModelSelection.trainTestSplit(x, y, o);
            assertEquals("torch.Size([800, 2])", t.xTrain().shape().toString());
            assertEquals("torch.Size([200, 1])", t.yTest().shape().toString());
            assertEquals((float) d.x()[train[0]][1], t.xTrain().toFloatArray()[1]);
            assertEquals(d.y()[test[199]], (int) t.yTest().toFloatArray()[199]);
        }
    }

    @Test
    void kFoldMatchesSklearn() {
        for (JsonNode c : GOLDEN.get("kfold")) {
            JsonNode a = c.get("args");
            int k = a.get("n_splits").asInt();
            KFold kf = a.has("random_state") ? new KFold(k, true, a.get("random_state").asLong()) : new KFold(k);
            assertSplits(c.get("splits"), kf.split(c.get("n_samples").asInt()), c.get("name").asText());
            assertSplits(c.get("splits"), kf.split(new double[c.get("n_samples").asInt()][1]), "again");
            assertEquals(k, kf.getNSplits());
        }
    }

    @Test
    void stratifiedKFoldMatchesSklearn() {
        for (JsonNode c : GOLDEN.get("stratified_kfold")) {
            JsonNode a = c.get("args");
            int k = a.get("n_splits").asInt();
            StratifiedKFold skf = a.has("random_state")
                    ? new StratifiedKFold(k, true, a.get("random_state").asLong()) : new StratifiedKFold(k);
            assertSplits(c.get("splits"), skf.split(longs(c.get("y"))), c.get("name").asText());
            assertSplits(c.get("splits"), skf.split(new double[c.get("y").size()][2], ints(c.get("y"))), "ints");
        }
    }

    @Test
    void shuffleSplitsMatchSklearn() {
        for (JsonNode c : GOLDEN.get("shuffle_split")) {
            JsonNode a = c.get("args");
            ShuffleSplit.Options o = new ShuffleSplit.Options().randomState(a.get("random_state").asLong());
            if (a.has("n_splits")) {
                o.nSplits(a.get("n_splits").asInt());
            }
            if (a.has("test_size")) {
                if (a.get("test_size").isInt()) {
                    o.testSize(a.get("test_size").asInt());
                } else {
                    o.testSize(a.get("test_size").asDouble());
                }
            }
            if (a.has("train_size")) {
                o.trainSize(a.get("train_size").asInt());
            }
            assertSplits(c.get("splits"), new ShuffleSplit(o).split(c.get("n_samples").asInt()),
                    c.get("name").asText());
        }
        for (JsonNode c : GOLDEN.get("stratified_shuffle_split")) {
            JsonNode a = c.get("args");
            ShuffleSplit.Options o = StratifiedShuffleSplit.options()
                    .randomState(a.get("random_state").asLong()).nSplits(a.get("n_splits").asInt());
            if (a.get("test_size").isInt()) {
                o.testSize(a.get("test_size").asInt());
            } else {
                o.testSize(a.get("test_size").asDouble());
            }
            if (a.has("train_size")) {
                o.trainSize(a.get("train_size").asInt());
            }
            assertSplits(c.get("splits"), new StratifiedShuffleSplit(o).split(longs(c.get("y"))),
                    c.get("name").asText());
        }
    }

    @Test
    void printsLikeSklearn() {
        assertEquals("KFold(n_splits=5, random_state=None, shuffle=False)", new KFold().toString());
        assertEquals("StratifiedKFold(n_splits=3, random_state=42, shuffle=True)",
                new StratifiedKFold(3, true, 42).toString());
        assertEquals("ShuffleSplit(n_splits=10, random_state=None, test_size=None, train_size=None)",
                new ShuffleSplit().toString());
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsBadArgumentsWithSklearnMessages() {
        JsonNode e = GOLDEN.get("errors");
        double[][] x10 = new double[10][1];
        int[] y10 = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        assertEquals(e.get("test_size_1_5").asText(),
                message(() -> ModelSelection.trainTestSplitIndices(10, new TrainTestSplit.Options().testSize(1.5))));
        assertEquals(e.get("test_size_0").asText(),
                message(() -> ModelSelection.trainTestSplitIndices(10, new TrainTestSplit.Options().testSize(0.0))));
        assertEquals(e.get("test_size_int_too_big").asText(),
                message(() -> ModelSelection.trainTestSplitIndices(10, new TrainTestSplit.Options().testSize(10))));
        assertEquals(e.get("train_empty").asText(),
                message(() -> ModelSelection.trainTestSplitIndices(10, new TrainTestSplit.Options().testSize(0.95))));
        assertEquals(e.get("sizes_sum").asText(), message(() -> ModelSelection.trainTestSplitIndices(10,
                new TrainTestSplit.Options().testSize(0.6).trainSize(0.6))));
        assertEquals(e.get("sizes_sum_int").asText(), message(() -> ModelSelection.trainTestSplitIndices(10,
                new TrainTestSplit.Options().testSize(6).trainSize(6))));
        assertEquals(e.get("inconsistent").asText(),
                message(() -> ModelSelection.trainTestSplit(x10, new int[8], new TrainTestSplit.Options())));
        assertEquals(e.get("stratify_no_shuffle").asText(), message(() -> ModelSelection.trainTestSplit(x10, y10,
                new TrainTestSplit.Options().shuffle(false).stratify(y10))));
        assertEquals(e.get("stratify_singleton").asText(), message(() -> ModelSelection.trainTestSplit(x10, y10,
                new TrainTestSplit.Options().stratify(0, 0, 0, 0, 0, 0, 0, 0, 0, 1))));
        assertEquals(e.get("stratify_test_too_small").asText(), message(() -> ModelSelection.trainTestSplit(x10, y10,
                new TrainTestSplit.Options().testSize(1).stratify(y10))));
        assertEquals(e.get("kfold_1").asText(), message(() -> new KFold(1)));
        assertEquals(e.get("kfold_random_state_no_shuffle").asText(), message(() -> new KFold(3, false, 1)));
        assertEquals(e.get("kfold_too_many_splits").asText(), message(() -> new KFold(5).split(3)));
        assertEquals(e.get("skfold_too_many_splits").asText(),
                message(() -> new StratifiedKFold(4).split(new int[] {0, 0, 0, 1, 1, 1})));
    }
}
