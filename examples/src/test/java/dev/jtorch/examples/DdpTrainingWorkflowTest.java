package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import dev.jtorch.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void rankZeroCheckpointsAndAnyWorldSizeResumes(@TempDir Path dir) {
        Path ckpt = dir.resolve("ddp.pt");
        String straight = Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node", "2", "--seed", "3",
                "--epochs", "6"));
        Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node", "2", "--seed", "3", "--epochs", "3",
                "--checkpoint", ckpt.toString()));
        assertEquals(3, Checkpoint.load(ckpt).epoch());
        String resumed = Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node", "2", "--seed", "3",
                "--epochs", "6", "--resume", ckpt.toString()));
        assertTrue(resumed.contains("\nResumed from epoch 3 (ddp.pt)\n"), resumed);
        // the same world size continues bit for bit where the uninterrupted run went
        assertEquals(straight.substring(straight.indexOf("Epoch 4/6:")), resumed.substring(resumed.indexOf("Epoch 4/6:")));
        // another world size picks up the same weights and state, and trains on
        String three = Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node", "3", "--seed", "3",
                "--epochs", "5", "--resume", ckpt.toString()));
        assertTrue(three.startsWith("Using device: cpu, world size: 3\n"), three);
        assertTrue(three.contains("Resumed from epoch 3") && three.contains("Epoch 4/5:") && three.contains("Epoch 5/5:")
                && !three.contains("Epoch 3/5:"), three);
        // the checkpoint's model loads into the plain (non-DDP) model
        var plain = new TrainingWorkflow.SimpleClassifier(10, 64, 2);
        plain.loadStateDict(Checkpoint.load(ckpt).modelStateDict());
    }

    @Test
    void rankZeroWritesOneRunDirectoryForTheWholeJob(@TempDir Path dir) throws IOException {
        String out = Examples.output(DdpTrainingWorkflow::run, List.of("--nproc-per-node", "2", "--seed", "0",
                "--epochs", "10", "--run-dir", dir.toString()));
        assertEquals(Examples.golden("seed000_ddp", "nproc 2 seed 0 epochs 10"), out);
        List<Path> runs;
        try (var list = java.nio.file.Files.list(dir)) {
            runs = list.toList();
        }
        assertEquals(1, runs.size(), "one run for the job: " + runs);
        var config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(runs.get(0).resolve("config.json")
                .toFile());
        assertEquals("finished", config.get("status").asText());
        String text = config.toString();
        assertTrue(text.contains("\"world_size\":2") && text.contains("\"global_batch_size\":64"), text);
        List<String> metrics = java.nio.file.Files.readAllLines(runs.get(0).resolve("metrics.jsonl"));
        assertEquals(10, metrics.stream().filter(l -> l.contains("\"type\":\"epoch\"")).count(), metrics.toString());
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
