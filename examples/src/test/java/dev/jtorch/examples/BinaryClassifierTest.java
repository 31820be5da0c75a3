package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BinaryClassifier prints what seed 001's Python script prints (shared/reference/seed001_binary_classifier.py). */
class BinaryClassifierTest {
    @TempDir
    static Path dir;

    static String javaOutput(String seed, String lr) {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BinaryClassifier.run(new String[] {"--seed", seed, "--lr", lr, "--plot",
            dir.resolve("scatter-" + seed + "-" + lr + ".png").toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "seed {0}, lr {1}")
    @CsvSource({"42, 0.01", "0, 0.01", "7, 0.01", "42, 0.1", "42, 0.001"})
    void printsThePythonScriptsOutput(String seed, String lr) throws IOException {
        String expected = dev.jtorch.testing.Golden.text("examples/seed001_seed_" + seed + "_lr_" + lr + ".txt");
        assertEquals(expected, javaOutput(seed, lr));
    }

    @Test
    void savesTheScatterPlotAsPng() throws IOException {
        javaOutput("3", "0.01");
        byte[] png = Files.readAllBytes(dir.resolve("scatter-3-0.01.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertEquals(true, png.length > 10_000, "a real chart, not an empty image");
    }

    @Tag("python")
    @Test
    void printsWhatPythonPrintsForAnotherSeed() throws IOException {
        assumeTrue(Python.hasModule("sklearn") && Python.hasModule("matplotlib"),
                "needs python3-torch, python3-sklearn and python3-matplotlib");
        Path script = Path.of("..", "shared", "reference", "seed001_binary_classifier.py").toAbsolutePath();
        assumeTrue(Files.exists(script), "shared/reference is not beside the checkout");
        Python.Result py = Python.runIn(dir, script.toString(), "2026", "0.05");
        assertEquals(0, py.exitCode(), py.stderr());
        assertEquals(py.stdout(), javaOutput("2026", "0.05"));
    }
}
