package dev.jtorch.examples;

import static dev.jtorch.examples.Examples.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.testing.Python;
import dev.jtorch.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CheckpointAndTransfer prints what its Python twin prints (golden outputs of
 * src/test/python/seed002_checkpoint_transfer.py), resumes exactly, and fills its run directory.
 */
class CheckpointAndTransferTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String run(Path runDir, String flags) {
        return Examples.output(CheckpointAndTransfer::run, args(flags, "--run-dir", runDir.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--seed 42", "--seed 0 --epochs 5 --interrupt-after 0 --finetune-epochs 4",
        "--seed 7 --epochs 6 --interrupt-after 5 --lr 0.003"})
    void printsThePythonScriptsOutput(String flags) throws IOException {
        assertEquals(Examples.golden("seed002", flags), run(dir, flags));
    }

    @Test
    void resumingFromTheCheckpointContinuesAsIfNeverInterrupted() {
        String interrupted = run(dir.resolve("a"), "--seed 5 --epochs 4 --interrupt-after 2 --finetune-epochs 2");
        String straight = run(dir.resolve("b"), "--seed 5 --epochs 4 --interrupt-after 0 --finetune-epochs 2");
        List<String> lines = new ArrayList<>(interrupted.lines().toList());
        assertTrue(lines.get(4).startsWith("Interrupted after epoch 2"), interrupted);
        assertTrue(lines.get(5).startsWith("Resumed from checkpoint.pt: epoch 2, val loss "), interrupted);
        lines.remove(5);
        lines.remove(4);
        assertEquals(straight.lines().toList(), lines);
    }

    @Test
    void writesConfigMetricsAndCheckpointsIntoTheRunDirectory() throws IOException {
        run(dir, "--seed 3 --epochs 3 --interrupt-after 1 --finetune-epochs 2");
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        assertEquals(3, config.get("seed").asInt());
        assertEquals(0.001, config.get("lr").asDouble());
        assertTrue(config.get("versions").has("libtorch"), config.toString());
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(3 + 2 + 1, metrics.size(), "an entry per pretraining and fine-tuning epoch, and the baseline");
        assertEquals("pretrain", JSON.readTree(metrics.get(0)).get("phase").asText());
        assertEquals("scratch", JSON.readTree(metrics.get(5)).get("phase").asText());
        Checkpoint last = Checkpoint.load(dir.resolve("checkpoint.pt"));
        assertEquals(3, last.epoch());
        assertEquals(JSON.readTree(metrics.get(2)).get("val_loss").asDouble(), last.loss());
        assertTrue(last.has(Checkpoint.RNG_STATE) && last.has(Checkpoint.SCHEDULER));
        assertTrue(Files.isRegularFile(dir.resolve("pretrained.pt")));
        assertTrue(Files.isRegularFile(dir.resolve("finetuned.pt")));
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 2026 --epochs 4 --interrupt-after 2 --finetune-epochs 3",
        "--seed 11 --epochs 3 --interrupt-after 1 --finetune-epochs 2 --lr 0.01"})
    void printsAndLogsWhatPythonDoesForOtherSeeds(String flags) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path py = dir.resolve("python");
        Path java = dir.resolve("java");
        String pyOut = Examples.python("seed002_checkpoint_transfer.py", args(flags, "--run-dir", py.toString()));
        assertEquals(pyOut, run(java, flags));
        List<String> pyMetrics = Files.readAllLines(py.resolve("metrics.jsonl"));
        List<String> javaMetrics = Files.readAllLines(java.resolve("metrics.jsonl"));
        assertEquals(pyMetrics.size(), javaMetrics.size());
        for (int i = 0; i < pyMetrics.size(); i++) {
            assertSameMetrics(JSON.readTree(pyMetrics.get(i)), JSON.readTree(javaMetrics.get(i)), "metrics line " + (i + 1));
        }
    }

    /**
     * The same keys in the same order and the same values, numbers within 1e-6 relative: the reference BLAS the
     * live Python runs with rounds some float32 products differently in the last bit (the printed digits agree; with
     * Debian's OpenBLAS the logged numbers are equal too).
     */
    static void assertSameMetrics(JsonNode python, JsonNode java, String what) {
        assertEquals(iterable(python.fieldNames()), iterable(java.fieldNames()), what);
        for (String key : iterable(python.fieldNames())) {
            JsonNode p = python.get(key);
            JsonNode j = java.get(key);
            if (p.isNumber()) {
                assertEquals(p.asDouble(), j.asDouble(), 1e-6 * Math.abs(p.asDouble()), what + ": " + key);
            } else {
                assertEquals(p, j, what + ": " + key);
            }
        }
    }

    static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Tag("python")
    @Test
    void pythonLoadsTheCheckpointsJavaWrote() throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        run(dir, "--seed 1 --epochs 2 --interrupt-after 0 --finetune-epochs 1");
        Python.Result r = Python.run("-c", "import sys, torch\n"
                + "c = torch.load(sys.argv[1])\n"
                + "print(list(c), c['epoch'])\n"
                + "print(list(torch.load(sys.argv[2]))[-2:], tuple(torch.load(sys.argv[2])['head.weight'].shape))\n"
                + "print(list(torch.load(sys.argv[3]))[-2:], tuple(torch.load(sys.argv[3])['head.weight'].shape))\n",
                dir.resolve("checkpoint.pt").toString(), dir.resolve("pretrained.pt").toString(),
                dir.resolve("finetuned.pt").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("['epoch', 'model_state_dict', 'optimizer_state_dict', 'scheduler_state_dict', 'loss', "
                + "'rng_state'] 2\n['head.weight', 'head.bias'] (4, 64)\n['head.weight', 'head.bias'] (2, 64)\n",
                r.stdout());
    }
}
