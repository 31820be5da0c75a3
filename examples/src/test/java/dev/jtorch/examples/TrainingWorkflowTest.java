package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.jtorch.train.Checkpoint;
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
        String expected = Examples.golden("seed000", args);
        assertEquals(expected, javaOutput((args + " --run-dir " + runs).split(" ")));
    }

    @TempDir
    static Path runs;

    @Test
    void writesItsRunDirectoryWithACheckpointEachEpochAndTheBest(@TempDir Path dir) throws IOException {
        javaOutput("--seed", "1", "--epochs", "3", "--run-dir", dir.toString());
        Path run;
        try (var runs = Files.list(dir)) {
            run = runs.findFirst().orElseThrow();
        }
        try (var files = Files.list(run.resolve("checkpoints"))) {
            assertEquals(4, files.count(), "epoch_001..003 and best.pt");
        }
        assertTrue(Files.size(run.resolve("checkpoints/best.pt")) > 1000);
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"status\" : \"finished\"") || config.contains("\"status\":\"finished\""), config);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, metrics.stream().filter(l -> l.contains("\"type\":\"epoch\"")).count(), metrics.toString());
        Checkpoint best = Checkpoint.load(run.resolve("checkpoints/best.pt"));
        assertTrue(best.epoch() >= 1 && best.epoch() <= 3);
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
        String[] withRuns = java.util.Arrays.copyOf(a, a.length + 2);
        withRuns[a.length] = "--run-dir";
        withRuns[a.length + 1] = runs.toString();
        assertEquals(py.stdout(), javaOutput(withRuns));
    }
}
