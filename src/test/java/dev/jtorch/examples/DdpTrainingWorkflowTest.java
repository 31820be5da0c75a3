package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DdpTrainingWorkflow, started as a real multi-process job by its own launcher, prints what
 * {@code shared/reference/seed000_ddp.py} prints as the same number of gloo ranks (golden outputs of
 * src/test/python/gen_ddp_golden.py; live Python for other seeds).
 */
class DdpTrainingWorkflowTest {

    @ParameterizedTest(name = "nproc {0}, seed {1}, epochs {2}")
    @CsvSource({"1, 42, 30", "2, 42, 30", "3, 42, 30", "2, 0, 10", "2, 7, 10", "3, 123, 10", "4, 5, 6"})
    void printsWhatThePythonJobPrints(int nproc, int seed, int epochs) throws IOException {
        String expected = Examples.golden("seed000_ddp", "nproc " + nproc + " seed " + seed + " epochs " + epochs);
        assertEquals(expected, Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node",
                Integer.toString(nproc), "--seed", Integer.toString(seed), "--epochs", Integer.toString(epochs))));
    }

    @Tag("python")
    @ParameterizedTest(name = "nproc {0}, seed {1}, epochs {2} (live Python)")
    @CsvSource({"2, 2026, 6", "3, 31, 4"})
    void printsWhatPythonPrintsForOtherSeeds(int nproc, int seed, int epochs) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Python.Result py = Python.run("src/test/python/gen_ddp_golden.py", "--job", Integer.toString(nproc),
                Integer.toString(seed), Integer.toString(epochs));
        assertEquals(0, py.exitCode(), py.stderr());
        assertEquals(py.stdout(), Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node",
                Integer.toString(nproc), "--seed", Integer.toString(seed), "--epochs", Integer.toString(epochs))));
    }
}
