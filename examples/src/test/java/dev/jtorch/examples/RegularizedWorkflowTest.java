package dev.jtorch.examples;

import static dev.jtorch.examples.Examples.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RegularizedWorkflow prints what its Python twin prints (golden outputs of src/test/python/seed004_regularized.py).
 * The twin runs with Debian's OpenBLAS, the BLAS jtorch's libtorch bundles: with the reference BLAS some float32
 * products of the training round differently in the last bit, and the six-decimal early-stopping messages show it.
 */
class RegularizedWorkflowTest {
    @TempDir
    Path dir;
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
    @ValueSource(strings = {"--seed 42", "--seed 0 --patience 5",
        "--seed 7 --dropout 0.2 --weight-decay 0.001 --epochs 30"})
    void printsThePythonScriptsOutput(String flags) throws IOException {
        String java = Examples.output(RegularizedWorkflow::run,
                args(flags, "--checkpoint", dir.resolve("checkpoint.pt").toString()));
        assertEquals(Examples.golden("seed004", flags), java);
    }

    @Test
    @SuppressWarnings("unchecked")
    void earlyStoppingSavesTheBestWeightsOfTheModel() {
        Path ckpt = dir.resolve("best.pt");
        String out = Examples.output(RegularizedWorkflow::run,
                args("--seed 3 --epochs 4", "--checkpoint", ckpt.toString()));
        assertTrue(out.contains("Validation loss decreased (inf --> "), out);
        Map<String, Tensor> best = (Map<String, Tensor>) Torch.load(ckpt);
        assertEquals(List.of("net.0.weight", "net.0.bias", "net.1.weight", "net.1.bias", "net.1.running_mean",
                "net.1.running_var", "net.1.num_batches_tracked"), best.keySet().stream().limit(7).toList());
        assertEquals(16, best.size(), "3 Linear layers and 2 BatchNorm1d");
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 31 --epochs 12 --patience 3", "--seed 2026 --epochs 8 --dropout 0.3"})
    void printsWhatPythonPrintsForOtherSeeds(String flags) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        assumeTrue(Python.hasOpenBlas(), "Debian's OpenBLAS is not installed (apt-get install libopenblas0-pthread)");
        String py = Examples.python(true, "seed004_regularized.py",
                args(flags, "--checkpoint", dir.resolve("python.pt").toString()));
        assertEquals(py, Examples.output(RegularizedWorkflow::run,
                args(flags, "--checkpoint", dir.resolve("java.pt").toString())));
    }
}
