package dev.jtorch.optim.lr;

import dev.jtorch.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Torch;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Python-shaped surface: initial_lr bookkeeping, accessors, short constructors, ReduceLROnPlateau's state. */
class LRSchedulerApiTest {

    @Test
    void recordsInitialLrOnceLikeSetdefault() {
        Optimizer o = LrCases.sgd();
        ExponentialLR first = new ExponentialLR(o, 0.5);
        o.step();
        first.step();
        assertEquals(0.05, o.paramGroups().get(0).lr());
        StepLR second = new StepLR(o, 3);
        assertEquals(0.1, o.paramGroups().get(0).getDouble("initial_lr"));
        assertEquals(List.of(0.1, 0.01), second.baseLrs());
        assertSame(o, second.optimizer());
    }

    @Test
    void shortConstructorsEqualTheirOptions() {
        Optimizer a = LrCases.sgd();
        Optimizer b = LrCases.sgd();
        LRScheduler s1 = new StepLR(a, 4);
        LRScheduler s2 = new StepLR(b, new StepLR.Options(4).gamma(0.1));
        for (int i = 0; i < 12; i++) {
            a.step();
            s1.step();
            b.step();
            s2.step();
            assertEquals(s1.getLastLr(), s2.getLastLr());
        }
        assertEquals(12, s1.lastEpoch());
        assertEquals(List.of(0.1 * 0.1 * 0.1 * 0.1, 0.01 * 0.1 * 0.1 * 0.1), s1.getLastLr());
    }

    @Test
    void getLastLrIsReadOnly() {
        StepLR s = new StepLR(LrCases.sgd(), 4);
        assertThrows(UnsupportedOperationException.class, () -> s.getLastLr().set(0, 1.0));
    }

    @Test
    void multiStepLRListsItsMilestonesWithRepeats() {
        MultiStepLR s = new MultiStepLR(LrCases.sgd(), List.of(80, 30, 80));
        assertEquals(List.of(30, 80, 80), s.milestones());
    }

    @Test
    void warmRestartsTakeFractionalEpochs() {
        Optimizer o = LrCases.sgd();
        CosineAnnealingWarmRestarts s = new CosineAnnealingWarmRestarts(o, new CosineAnnealingWarmRestarts.Options(4)
                .tMult(2));
        s.step(5.5);
        assertEquals(1.5, s.tCur());
        assertEquals(8, s.tI());
        assertEquals(5, s.lastEpoch());
        assertEquals(1.5, s.stateDict().get("T_cur"));
        double expected = 0.1 * (1 + Math.cos(Math.PI * 1.5 / 8)) / 2;
        assertEquals(expected, o.paramGroups().get(0).lr());
    }

    @Test
    void oneCycleLRWritesItsBoundsIntoTheGroups() {
        Optimizer o = LrCases.adam();
        OneCycleLR s = new OneCycleLR(o, new OneCycleLR.Options(0.01).totalSteps(100));
        ParamGroup g = o.paramGroups().get(1);
        assertEquals(0.01 / 25.0, g.getDouble("initial_lr"));
        assertEquals(0.01, g.getDouble("max_lr"));
        assertEquals(0.01 / 25.0 / 1e4, g.getDouble("min_lr"));
        assertEquals(0.95, g.getDoubles("betas")[0]);
        assertEquals(0.99, g.getDoubles("betas")[1]);
        assertEquals(100, s.totalSteps());
    }

    @Test
    void reduceLROnPlateauCountsBadEpochsAndCooldown() {
        Optimizer o = LrCases.sgd();
        ReduceLROnPlateau s = new ReduceLROnPlateau(o, new ReduceLROnPlateau.Options()
                .mode(Mode.MIN).factor(0.5).patience(1).cooldown(2));
        assertEquals(List.of(0.1, 0.01), s.getLastLr());
        s.step(1.0);
        assertEquals(1.0, s.best());
        s.step(1.0);
        assertEquals(1, s.numBadEpochs());
        s.step(Torch.tensor(1.0f));
        assertEquals(List.of(0.05, 0.005), s.getLastLr());
        assertEquals(0, s.numBadEpochs());
        assertTrue(s.inCooldown());
        assertEquals(2, s.cooldownCounter());
        s.step(1.0);
        s.step(1.0);
        assertFalse(s.inCooldown());
        assertEquals(5, s.lastEpoch());
        assertTrue(s.isBetter(0.5, 1.0));
        assertFalse(s.isBetter(0.99995, 1.0));
    }
}
