package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each committed golden file is what its generator writes today with Python PyTorch (runs only where
 * python3-torch is installed; regenerate all with {@code bash src/test/python/gen_all_golden.sh}). Texts and
 * integers must be equal; floating-point numbers may differ by 1e-6, since Python's matrix products depend on the
 * BLAS library Debian's alternatives select.
 */
@Tag("python")
class GoldenFreshnessTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "gen_tensor_golden.py, tensor_core.json",
        "gen_tensor_more_golden.py, tensor_more.json",
        "gen_optim_golden.py, optimizers.json",
        "gen_optim_more_golden.py, optimizers_more.json",
        "gen_amp_golden.py, amp_clip.json",
        "gen_training_golden.py, training_steps.json",
        "gen_data_golden.py, data_loader.json",
        "gen_vision_transforms_golden.py, vision_transforms.json",
        "gen_lr_golden.py, lr_schedulers.json",
        "gen_nn_golden.py, nn_modules.json",
        "gen_rnn_golden.py, nn_rnn.json",
        "gen_nn_more_golden.py, nn_more.json",
        "gen_prep_golden.py, prep.json",
        "gen_metrics_golden.py, metrics.json"
    })
    void goldenFileIsUpToDate(String generator, String golden) throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        if (generator.startsWith("gen_prep") || generator.startsWith("gen_metrics")) {
            assumeTrue(Python.hasModule("sklearn"), "scikit-learn is not installed (apt-get install python3-sklearn)");
        }
        if (generator.startsWith("gen_vision")) {
            assumeTrue(Python.hasModule("torchvision"), "torchvision is not installed (apt-get install python3-torchvision)");
        }
        Path out = Files.createTempFile("golden", ".json");
        try {
            Python.Result r = Python.run("src/test/python/" + generator, "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            JsonNode fresh = Golden.read(out);
            List<String> diffs = Golden.jsonDiffs(Golden.load(golden), fresh, 1e-6);
            assertTrue(diffs.isEmpty(), golden + " is stale (run bash src/test/python/gen_all_golden.sh): "
                    + diffs.subList(0, Math.min(10, diffs.size())));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
