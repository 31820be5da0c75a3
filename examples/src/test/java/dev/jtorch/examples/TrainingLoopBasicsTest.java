package dev.jtorch.examples;

import static dev.jtorch.examples.Examples.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TrainingLoopBasics prints what its Python twin prints (golden outputs of src/test/python/seed003_training_loop.py). */
class TrainingLoopBasicsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--seed 42", "--seed 0 --epochs 5 --lr 0.05", "--seed 7 --batch-size 16 --num-workers 2"})
    void printsThePythonScriptsOutput(String flags) throws IOException {
        assertEquals(Examples.golden("seed003", flags), Examples.output(TrainingLoopBasics::run, args(flags)));
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 2026 --epochs 4", "--seed 31 --epochs 3 --batch-size 50 --num-workers 3 --lr 0.2"})
    void printsWhatPythonPrintsForOtherSeeds(String flags) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        assertEquals(Examples.python("seed003_training_loop.py", args(flags)),
                Examples.output(TrainingLoopBasics::run, args(flags)));
    }
}
