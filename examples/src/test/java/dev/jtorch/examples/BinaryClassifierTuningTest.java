package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BinaryClassifierTuning prints what its Python twin (src/test/python/seed001_tuning.py) prints. */
class BinaryClassifierTuningTest {

    static String javaOutput(String seed, String epochs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BinaryClassifierTuning.run(new String[] {"--seed", seed, "--epochs", epochs},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "seed {0}, {1} epochs")
    @CsvSource({"42, 30", "7, 10"})
    void printsThePythonTwinsOutput(String seed, String epochs) throws IOException {
        String expected = dev.jtorch.testing.Golden.text(
                "examples/seed001_tuning_seed_" + seed + "_epochs_" + epochs + ".txt");
        assertEquals(expected, javaOutput(seed, epochs));
    }

    @Tag("python")
    @Test
    void printsWhatPythonPrintsForAnotherSeed() throws IOException {
        assumeTrue(Python.hasModule("sklearn"), "needs python3-torch and python3-sklearn");
        Python.Result py = Python.run("src/test/python/seed001_tuning.py", "99", "5");
        assertEquals(0, py.exitCode(), py.stderr());
        assertEquals(py.stdout(), javaOutput("99", "5"));
    }
}
