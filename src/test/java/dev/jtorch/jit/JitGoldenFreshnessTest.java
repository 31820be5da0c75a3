package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jit.json} and the committed scripted models are what {@code gen_jit_golden.py} writes today with Python
 * PyTorch (byte for byte for the models; numbers within 1e-6 in the JSON, as {@code GoldenFreshnessTest} allows).
 */
@Tag("python")
class JitGoldenFreshnessTest {
    @TempDir
    Path dir;

    @Test
    void goldenFilesAreUpToDate() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path out = dir.resolve("jit.json");
        Python.Result r = Python.run("src/test/python/gen_jit_golden.py", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode fresh = Golden.read(out);
        List<String> diffs = Golden.jsonDiffs(Golden.load("jit.json"), fresh, 1e-6);
        assertTrue(diffs.isEmpty(), "jit.json is stale (run src/test/python/gen_jit_golden.py): "
                + diffs.subList(0, Math.min(10, diffs.size())));
        for (String model : List.of("mlp.pt", "bn_net.pt", "counter.pt", "mlp_state_dict.pt")) {
            assertArrayEquals(Files.readAllBytes(JitGolden.model(model)),
                    Files.readAllBytes(dir.resolve("jit").resolve(model)), model + " is stale");
        }
    }
}
