package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link TensorCoreDemo} prints what its Python twin (src/test/python/tensor_core_demo.py) prints. */
class TensorCoreDemoTest {

    static String javaOutput(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TensorCoreDemo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "seed {0}, {1} epochs")
    @CsvSource({"42, 20", "0, 20", "7, 50"})
    void printsTheGoldenOutputOfThePythonTwin(String seed, String epochs) throws IOException {
        String expected = dev.jtorch.testing.Golden.text("tensor_core_demo_seed" + seed + "_epochs" + epochs + ".txt");
        assertEquals(expected, javaOutput(seed, epochs));
    }

    @Tag("python")
    @ParameterizedTest(name = "seed {0}, {1} epochs, live Python")
    @CsvSource({"123, 15", "2024, 5"})
    void printsWhatPythonPrintsForOtherSeeds(String seed, String epochs) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Python.Result py = Python.run("src/test/python/tensor_core_demo.py", seed, epochs);
        assertEquals(0, py.exitCode(), py.stderr());
        assertEquals(py.stdout(), javaOutput(seed, epochs));
    }
}
