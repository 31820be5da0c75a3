package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each committed golden file is what its generator writes today with Python PyTorch (runs only where
 * python3-torch is installed; regenerate all with {@code bash src/test/python/gen_all_golden.sh}).
 */
@Tag("python")
class GoldenFreshnessTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "gen_tensor_golden.py, tensor_core.json",
        "gen_optim_golden.py, optimizers.json",
        "gen_amp_golden.py, amp_clip.json",
        "gen_training_golden.py, training_steps.json",
        "gen_prep_golden.py, prep.json",
        "gen_metrics_golden.py, metrics.json"
    })
    void goldenFileIsUpToDate(String generator, String golden) throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path out = Files.createTempFile("golden", ".json");
        try {
            Python.Result r = Python.run("src/test/python/" + generator, "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            String committed;
            try (InputStream in = getClass().getResourceAsStream("/golden/" + golden)) {
                committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(committed, Files.readString(out), golden + " is stale: run bash src/test/python/gen_all_golden.sh");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
