package dev.jtorch.train;

import dev.jtorch.Mode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyStoppingTest {
    @TempDir
    Path dir;

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path ckpt = dir.resolve("checkpoint.pt");
        EarlyStopping stopper = new EarlyStopping(new EarlyStopping.Options().patience(2).verbose(true)
                .checkpointPath(ckpt).out(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        Linear model = new Linear(2, 1);
        double[] losses = {1.0, 0.5, 0.6, 0.4, 0.45, 0.41};
        float[] bestWeights = null;
        int stoppedAt = -1;
        for (int epoch = 0; epoch < losses.length; epoch++) {
            try (var g = Torch.noGrad()) {
                model.weight.fill_(epoch);
            }
            stopper.step(losses[epoch], model);
            if (epoch == 3) {
                bestWeights = model.weight.detach().toFloatArray();
            }
            if (stopper.earlyStop()) {
                stoppedAt = epoch;
                break;
            }
        }
        assertEquals(5, stoppedAt);
        assertEquals(0.4, stopper.bestMetric());
        assertEquals(4, stopper.bestEpoch());
        assertEquals(String.join("\n",
                "Validation loss decreased (inf --> 1.000000).  Saving model ...",
                "Validation loss decreased (1.000000 --> 0.500000).  Saving model ...",
                "EarlyStopping counter: 1 out of 2",
                "Validation loss decreased (0.500000 --> 0.400000).  Saving model ...",
                "EarlyStopping counter: 1 out of 2",
                "EarlyStopping counter: 2 out of 2", ""), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(ckpt));
        stopper.restoreBest(model);
        assertArrayEquals(bestWeights, model.weight.detach().toFloatArray(), "weights of the best epoch");
    }

    @Test
    void maxModeMinDeltaAndInMemoryWeights() {
        EarlyStopping stopper = new EarlyStopping(new EarlyStopping.Options().patience(1).minDelta(0.05)
                .mode(Mode.MAX).checkpointPath(null));
        Linear model = new Linear(1, 1);
        stopper.step(0.80, model);
        stopper.step(0.83, model);
        assertTrue(stopper.earlyStop(), "an improvement below min_delta does not count");
        assertEquals(0.80, stopper.bestMetric());
        stopper.restoreBest(model);
        assertThrows(IllegalStateException.class, () -> new EarlyStopping().restoreBest(model));
        assertThrows(IllegalArgumentException.class, () -> stopper.step(Double.NaN, model));
        assertFalse(new EarlyStopping().earlyStop());
    }
}
