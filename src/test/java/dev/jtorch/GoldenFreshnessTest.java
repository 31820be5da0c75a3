package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The committed golden file is what its generator writes today (runs only where Python PyTorch is installed). */
@Tag("python")
class GoldenFreshnessTest {
    @Test
    void tensorCoreGoldenIsUpToDate() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path out = Files.createTempFile("tensor_core", ".json");
        try {
            Python.Result r = Python.run("src/test/python/gen_tensor_golden.py", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            String committed;
            try (InputStream in = getClass().getResourceAsStream("/golden/tensor_core.json")) {
                committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(committed, Files.readString(out), "regenerate with bash src/test/python/gen_all_golden.sh");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
