package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * golden/nn_modules.json is what gen_nn_golden.py writes today (runs only where Python PyTorch is installed). Texts
 * and integers must be equal; floating-point numbers may differ by {@link NnGolden#TOL}, since the BLAS that Debian's
 * python3-torch uses (an alternatives choice: OpenBLAS, reference BLAS) rounds matrix products differently.
 */
@Tag("python")
class NnGoldenFreshnessTest {
    @Test
    void nnModulesGoldenIsUpToDate() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path out = Files.createTempFile("nn_modules", ".json");
        try {
            Python.Result r = Python.run("src/test/python/gen_nn_golden.py", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> diffs = new ArrayList<>();
            compare("", NnGolden.ROOT, new ObjectMapper().readTree(out.toFile()), diffs);
            assertTrue(diffs.isEmpty(), "regenerate with /usr/bin/python3 src/test/python/gen_nn_golden.py: "
                    + diffs.subList(0, Math.min(10, diffs.size())));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void compare(String path, JsonNode committed, JsonNode fresh, List<String> diffs) {
        if (committed.isNumber() && fresh.isNumber()) {
            double a = committed.asDouble();
            double b = fresh.asDouble();
            boolean integral = committed.isIntegralNumber() && fresh.isIntegralNumber();
            double diff = Math.abs(a - b);
            if (integral ? committed.asLong() != fresh.asLong()
                    : diff > NnGolden.TOL && diff > NnGolden.TOL * Math.abs(a)) {
                diffs.add(path + ": " + a + " vs " + b);
            }
        } else if (committed.isObject() && fresh.isObject()) {
            List<String> names = new ArrayList<>();
            committed.fieldNames().forEachRemaining(names::add);
            List<String> freshNames = new ArrayList<>();
            fresh.fieldNames().forEachRemaining(freshNames::add);
            if (!names.equals(freshNames)) {
                diffs.add(path + ": fields " + names + " vs " + freshNames);
                return;
            }
            for (String n : names) {
                compare(path + "." + n, committed.get(n), fresh.get(n), diffs);
            }
        } else if (committed.isArray() && fresh.isArray()) {
            if (committed.size() != fresh.size()) {
                diffs.add(path + ": length " + committed.size() + " vs " + fresh.size());
                return;
            }
            for (int i = 0; i < committed.size(); i++) {
                compare(path + "[" + i + "]", committed.get(i), fresh.get(i), diffs);
            }
        } else if (!committed.equals(fresh)) {
            diffs.add(path + ": " + committed + " vs " + fresh);
        }
    }
}
