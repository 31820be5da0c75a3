package dev.jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtorch.Stateful;
import dev.jtorch.nn.Linear;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.lr.ReduceLROnPlateau;
import dev.jtorch.optim.lr.StepLR;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any {@link Stateful} goes into a checkpoint and back the same way, through a real file. */
class CheckpointStatefulTest {
    @TempDir
    Path dir;

    @Test
    void statefulObjectsRoundTripByKeyThroughAFile() {
        Linear model = new Linear(2, 1);
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.1));
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt, new ReduceLROnPlateau.Options().patience(0));
        plateau.step(1.0);
        plateau.step(2.0); // no improvement with patience 0: lr 0.1 -> 0.01
        StepLR step = new StepLR(new SGD(model.parameters(), new SGD.Options(1.0)), new StepLR.Options(2));
        step.step();
        step.step();
        step.step();

        Path file = dir.resolve("ckpt.pt");
        new Checkpoint().scheduler(plateau).put("step_lr", step).put("optimizer", opt).save(file);

        SGD opt2 = new SGD(new Linear(2, 1).parameters(), new SGD.Options(0.1));
        ReduceLROnPlateau plateau2 = new ReduceLROnPlateau(opt2, new ReduceLROnPlateau.Options().patience(0));
        StepLR step2 = new StepLR(new SGD(model.parameters(), new SGD.Options(1.0)), new StepLR.Options(2));
        Checkpoint back = Checkpoint.load(file);
        back.restoreScheduler(plateau2);
        back.restore("step_lr", step2);
        back.restore("optimizer", opt2);

        assertEquals(plateau.stateDict(), plateau2.stateDict());
        assertEquals(step.stateDict(), step2.stateDict());
        assertEquals(0.1 * 0.1, opt2.paramGroups().get(0).lr()); // Python: 0.010000000000000002
        assertEquals(opt.paramGroups().get(0).lr(), opt2.paramGroups().get(0).lr());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.restore("nope", step2));
        assertEquals(true, e.getMessage().contains("nope"), e.getMessage());
    }
}
