package dev.jtorch.train;

import dev.jtorch.Mode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchAndCrossValidationTest {

    @Test
    void gridSearchTriesEveryCombinationInScikitLearnsOrder() {
        SearchSpace space = new SearchSpace().choice("lr", 0.1, 0.01).choice("optimizer", "adam", "sgd");
        List<String> seen = new ArrayList<>();
        HyperparameterSearch.Result r = HyperparameterSearch.grid(space, p -> {
            seen.add(p.getDouble("lr") + "/" + p.getString("optimizer"));
            return p.getString("optimizer").equals("sgd") ? p.getDouble("lr") : -1;
        }, Mode.MAX);
        assertEquals(List.of("0.1/adam", "0.1/sgd", "0.01/adam", "0.01/sgd"), seen);
        assertEquals(1, r.best().index());
        assertEquals(0.1, r.best().params().getDouble("lr"));
        assertEquals(String.join("\n",
                "trial    lr  optimizer   metric",
                "    0   0.1       adam  -1.0000",
                "   *1   0.1        sgd   0.1000",
                "    2  0.01       adam  -1.0000",
                "    3  0.01        sgd   0.0100", ""), r.table());
    }

    @Test
    void randomSearchSamplesEveryKindReproducibly() {
        SearchSpace space = new SearchSpace().logUniform("lr", 1e-4, 1e-1).uniform("dropout", 0.1, 0.5)
                .intUniform("hidden", 16, 64).choice("act", "relu", "gelu");
        List<SearchSpace.Params> a = space.sample(50, 7);
        assertEquals(a.toString(), space.sample(50, 7).toString(), "same seed, same trials");
        for (SearchSpace.Params p : a) {
            assertTrue(p.getDouble("lr") >= 1e-4 && p.getDouble("lr") < 1e-1);
            assertTrue(p.getDouble("dropout") >= 0.1 && p.getDouble("dropout") < 0.5);
            assertTrue(p.getInt("hidden") >= 16 && p.getInt("hidden") <= 64);
        }
        HyperparameterSearch.Result r = HyperparameterSearch.random(space, 20, 3,
                p -> Math.abs(Math.log10(p.getDouble("lr")) + 2), Mode.MIN);
        assertEquals(20, r.trials().size());
        double best = r.best().metric();
        assertTrue(r.trials().stream().allMatch(t -> t.metric() >= best));
        assertThrows(IllegalArgumentException.class, () -> HyperparameterSearch.grid(space, p -> 0,
                Mode.MAX), "grid search needs choices");
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace().logUniform("lr", 0, 1));
    }

    @Test
    void kFoldSplitsLikeScikitLearnAndReportsMeanAndStd() {
        List<CrossValidation.Fold> folds = CrossValidation.kFold(10, 3);
        assertArrayEquals(new long[] {0, 1, 2, 3}, folds.get(0).validationIndices());
        assertArrayEquals(new long[] {4, 5, 6}, folds.get(1).validationIndices());
        assertArrayEquals(new long[] {7, 8, 9}, folds.get(2).validationIndices());
        assertArrayEquals(new long[] {0, 1, 2, 3, 7, 8, 9}, folds.get(1).trainIndices());
        CrossValidation.Result r = CrossValidation.run(folds, (i, f) -> new double[] {0.8, 0.9, 1.0}[i]);
        assertEquals(0.9, r.mean(), 1e-15);
        assertEquals(Math.sqrt(0.02 / 3), r.std(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.kFold(10, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.kFold(2, 3));
    }

    @Test
    void progressBarCountsAndFormatsItsPostfixAndIsSilentWithoutATerminal() {
        try (ProgressBar bar = new ProgressBar("Epoch 1/3", 5, false)) {
            bar.step();
            bar.stepBy(2);
            bar.setPostfix("loss", 0.123456);
            assertEquals(3, bar.count());
            assertEquals("0.1235", bar.postfix().get("loss"));
        }
        try (ProgressBar drawn = new ProgressBar("drawn", 2, true)) {
            drawn.step();
            drawn.setPostfix("acc", 0.5);
            assertEquals(1, drawn.count());
        }
        int n = 0;
        for (Integer i : ProgressBar.wrap(List.of(1, 2, 3), "items", 3)) {
            n += i;
        }
        assertEquals(6, n);
    }
}
