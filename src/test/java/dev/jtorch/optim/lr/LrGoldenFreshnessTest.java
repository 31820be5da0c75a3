package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The committed golden/lr_schedulers.json is what its generator writes today (only where Python has torch). */
@Tag("python")
class LrGoldenFreshnessTest {
    @Test
    void lrSchedulerGoldenIsUpToDate() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path out = Files.createTempFile("lr_schedulers", ".json");
        try {
            Python.Result r = Python.run("src/test/python/gen_lr_golden.py", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            String committed;
            try (InputStream in = getClass().getResourceAsStream("/golden/lr_schedulers.json")) {
                committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(committed, Files.readString(out), "regenerate with /usr/bin/python3 src/test/python/gen_lr_golden.py");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
