package dev.jtorch.examples;

import static dev.jtorch.examples.Examples.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SequenceClassifier prints what its Python twin prints (golden outputs of src/test/python/sequence_classifier.py). */
class SequenceClassifierTest {
    private int threads;

    @BeforeEach
    void saveThreads() {
        threads = Torch.getNumThreads();
    }

    /** The example runs single-threaded (as its twin does); the other tests keep their threads. */
    @AfterEach
    void restoreThreads() {
        Torch.setNumThreads(threads);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--seed 42", "--seed 7 --epochs 3 --lr 0.005 --batch-size 64"})
    void printsThePythonScriptsOutput(String flags) throws IOException {
        assertEquals(Examples.golden("sequence", flags), Examples.output(SequenceClassifier::run, args(flags)));
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 2026 --epochs 3", "--seed 5 --epochs 2 --batch-size 16 --lr 0.02"})
    void printsWhatPythonPrintsForOtherSeeds(String flags) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        assertEquals(Examples.python("sequence_classifier.py", args(flags)),
                Examples.output(SequenceClassifier::run, args(flags)));
    }
}
