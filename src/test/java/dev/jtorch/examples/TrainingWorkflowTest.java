package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TrainingWorkflow prints what the Python tutorial prints (golden outputs of src/test/python/seed000_flags.py). */
class TrainingWorkflowTest {

    static String javaOutput(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = TrainingWorkflow.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--seed 42", "--seed 0", "--seed 7", "--seed 123 --optimizer sgd",
        "--seed 42 --scheduler step", "--seed 5 --optimizer sgd --scheduler step --epochs 12"})
    void printsThePythonScriptsOutput(String args) throws IOException {
        String name = "/golden/examples/" + ("seed000 " + args).replace("-", "").replace(' ', '_') + ".txt";
        String expected;
        try (InputStream in = getClass().getResourceAsStream(name)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, javaOutput(args.split(" ")));
    }

    @Test
    void writesACheckpointEachEpochAndTheBest(@TempDir Path dir) throws IOException {
        javaOutput("--seed", "1", "--epochs", "3", "--run-dir", dir.toString());
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(4, files.count(), "epoch_001..003 and best.pt");
        }
        assertTrue(Files.size(dir.resolve("checkpoints/best.pt")) > 1000);
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 2026 --epochs 8", "--seed 31 --optimizer sgd --scheduler step --epochs 6"})
    void printsWhatPythonPrintsForOtherSeeds(String args) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        String[] a = args.split(" ");
        String[] cmd = new String[a.length + 1];
        cmd[0] = "src/test/python/seed000_flags.py";
        System.arraycopy(a, 0, cmd, 1, a.length);
        Python.Result py = Python.run(cmd);
        assertEquals(0, py.exitCode(), py.stderr());
        assertEquals(py.stdout(), javaOutput(a));
    }
}
