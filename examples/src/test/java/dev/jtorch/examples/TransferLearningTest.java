package dev.jtorch.examples;

import static dev.jtorch.examples.Examples.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import dev.jtorch.vision.Image;
import dev.jtorch.vision.models.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TransferLearning prints what its Python twin src/test/python/transfer_learning.py prints (golden outputs), but for
 * the wall-clock time of "Training complete in"; its synthetic images are the twin's, pixel for pixel.
 *
 * <p>One intra-op thread, as the golden files were written ({@code OMP_NUM_THREADS=1}): resnet18's batch norm in
 * training mode sums over the batch in per-thread chunks, so with two threads a loss printed with four decimals
 * can differ in its last digit (0.6934 instead of 0.6933 for seed 0), in Python 1.13 as in jtorch; with the same
 * thread count both print the same. (On this machine's two shared cores one thread is also ten times faster.)
 */
class TransferLearningTest {
    private static int threads;

    @BeforeAll
    static void oneThread() {
        threads = Torch.getNumThreads();
        Torch.setNumThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        Torch.setNumThreads(threads);
    }

    /** The flags of the golden runs (small images and folders: resnet18 on the CPU). */
    static final String SMALL = "--epochs 3 --image-size 32 --train-per-class 8 --val-per-class 4";

    private static final Pattern TIME = Pattern.compile("(?m)^Training complete in \\d+m \\d+s$");

    @TempDir
    Path dir;

    /** The output with the elapsed time masked (it is the only line that differs from run to run). */
    static String untimed(String output) {
        assertTrue(TIME.matcher(output).find(), output);
        return TIME.matcher(output).replaceAll("Training complete in ...");
    }

    String run(String flags, String... more) {
        return untimed(Examples.output(TransferLearning::run, args(flags, more)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--seed 0 " + SMALL, "--seed 3 " + SMALL + " --num-workers 2 --batch-size 6",
        "--seed 5 " + SMALL + " --num-workers 0"})
    void printsThePythonScriptsOutput(String flags) throws IOException {
        assertEquals(untimed(Examples.golden("transfer", flags)), run(flags, "--data-dir", dir.toString()));
    }

    @Test
    void weightsFromAFileGiveWhatThePythonScriptPrintsWithThem() throws IOException {
        // make_resnet18_weights.py --seed 1 writes torchvision's initialisation after manual_seed(1), which is
        // jtorch's: the golden run's weights file is that one
        Torch.manualSeed(1);
        Path weights = dir.resolve("resnet18.pth");
        Torch.save(Models.resnet18().stateDict(), weights);
        String flags = "--seed 2 " + SMALL;
        assertEquals(untimed(Examples.golden("transfer", flags + " --weights resnet18_seed1.pth")),
                run(flags, "--weights", weights.toString(), "--data-dir", dir.resolve("data").toString()));
    }

    @Test
    void drawsTheTwinsPixels() throws IOException {
        TransferLearning.makeImages(dir, 4, 2, 1);
        // the same stream and geometry in Python (transfer_learning.py's make_images), pixels as a checksum
        List<String> names = List.of("train/discs/000.png", "train/discs/001.png", "train/squares/000.png",
                "train/squares/001.png", "val/discs/000.png", "val/squares/000.png");
        StringBuilder sums = new StringBuilder();
        for (String name : names) {
            Image im = Image.open(dir.resolve(name));
            long sum = 0;
            for (byte b : im.pixels()) {
                sum = sum * 31 + (b & 0xff);
            }
            sums.append(name).append(' ').append(im.width()).append('x').append(im.height()).append(' ')
                    .append(Long.toUnsignedString(sum)).append('\n');
        }
        assertEquals(dev.jtorch.testing.Golden.text("examples/transfer_pixels_seed_4.txt"), sums.toString());
        assertTrue(Files.isRegularFile(dir.resolve("val/squares/000.png")));
    }

    @Tag("python")
    @ParameterizedTest(name = "{0} (live Python)")
    @ValueSource(strings = {"--seed 11 --epochs 2 --image-size 40 --train-per-class 6 --val-per-class 3",
        "--seed 12 --epochs 2 --image-size 24 --train-per-class 5 --val-per-class 3 --num-workers 3"})
    void printsWhatPythonDoesForOtherSeeds(String flags) throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        String py = Examples.python("transfer_learning.py", args(flags, "--data-dir", dir.resolve("py").toString()));
        assertEquals(untimed(py), run(flags, "--data-dir", dir.resolve("java").toString()));
    }

    @Tag("python")
    @Test
    void finetunesAScriptedModelAsPythonDoes() throws IOException {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path weights = dir.resolve("w.pth");
        Path scripted = dir.resolve("resnet18_fc2.pt");
        Examples.python("make_resnet18_weights.py", List.of("--seed", "6", "--out", weights.toString(),
                "--torchscript", scripted.toString()));
        String flags = "--seed 6 --epochs 2 --image-size 32 --train-per-class 5 --val-per-class 3 --torchscript "
                + scripted;
        String py = Examples.python("transfer_learning.py", args(flags, "--data-dir", dir.resolve("py").toString()));
        assertEquals(untimed(py), run(flags, "--data-dir", dir.resolve("java").toString()));
        String wf = "--seed 7 --epochs 2 --image-size 32 --train-per-class 5 --val-per-class 3 --weights " + weights;
        assertEquals(untimed(Examples.python("transfer_learning.py", args(wf, "--data-dir",
                dir.resolve("pyw").toString()))), run(wf, "--data-dir", dir.resolve("javaw").toString()));
    }
}
