package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Invalid arguments fail as PyTorch's do, with PyTorch's messages (golden/lr_schedulers.json "errors"). */
class LRSchedulerValidationTest {
    private static final JsonNode ERRORS = LRSchedulerGoldenTest.GOLDEN.get("errors");

    private static void assertPythonMessage(String key, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action, key);
        assertEquals(ERRORS.get(key).asText(), e.getMessage(), key);
    }

    private static Optimizer sgd() {
        return LrCases.sgd();
    }

    @Test
    void reduceLROnPlateau() {
        assertPythonMessage("ReduceLROnPlateau_factor",
                () -> new ReduceLROnPlateau(sgd(), new ReduceLROnPlateau.Options().factor(1.0)));
        assertPythonMessage("ReduceLROnPlateau_min_lrs",
                () -> new ReduceLROnPlateau(sgd(), new ReduceLROnPlateau.Options().minLr(new double[] {0.1, 0.2, 0.3})));
        ReduceLROnPlateau s = new ReduceLROnPlateau(sgd());
        Map<String, Object> sd = s.stateDict();
        sd.put("mode", "avg");
        assertPythonMessage("ReduceLROnPlateau_load_mode", () -> s.loadStateDict(sd));
        Map<String, Object> sd2 = s.stateDict();
        sd2.put("threshold_mode", "pct");
        assertPythonMessage("ReduceLROnPlateau_load_threshold_mode", () -> s.loadStateDict(sd2));
    }

    @Test
    void factorsAndLambdas() {
        assertPythonMessage("ConstantLR_factor", () -> new ConstantLR(sgd(), new ConstantLR.Options().factor(1.5)));
        assertPythonMessage("LinearLR_start_factor",
                () -> new LinearLR(sgd(), new LinearLR.Options().startFactor(-0.1)));
        assertPythonMessage("LinearLR_end_factor", () -> new LinearLR(sgd(), new LinearLR.Options().endFactor(1.5)));
        IntToDoubleFunction one = e -> 1.0;
        assertPythonMessage("LambdaLR_count", () -> new LambdaLR(sgd(), List.of(one)));
        assertPythonMessage("MultiplicativeLR_count", () -> new MultiplicativeLR(sgd(), List.of(one, one, one)));
    }

    @Test
    void cosineAnnealingWarmRestarts() {
        assertPythonMessage("CosineAnnealingWarmRestarts_T_0", () -> new CosineAnnealingWarmRestarts(sgd(), 0));
        assertPythonMessage("CosineAnnealingWarmRestarts_T_mult",
                () -> new CosineAnnealingWarmRestarts(sgd(), new CosineAnnealingWarmRestarts.Options(5).tMult(0)));
        assertPythonMessage("CosineAnnealingWarmRestarts_negative_epoch",
                () -> new CosineAnnealingWarmRestarts(sgd(), 5).step(-1.0));
    }

    @Test
    void cyclicLR() {
        assertPythonMessage("CyclicLR_adam_cycle_momentum", () -> new CyclicLR(LrCases.adam(), 0.01, 0.1));
        assertPythonMessage("CyclicLR_base_lr_count",
                () -> new CyclicLR(sgd(), new CyclicLR.Options(new double[] {0.01, 0.02, 0.03}, new double[] {0.1, 0.1})));
        assertPythonMessage("CyclicLR_max_momentum_count",
                () -> new CyclicLR(sgd(), new CyclicLR.Options(0.01, 0.1).maxMomentum(new double[] {0.9})));
    }

    @Test
    void oneCycleLR() {
        assertPythonMessage("OneCycleLR_no_length", () -> new OneCycleLR(sgd(), new OneCycleLR.Options(0.1)));
        assertPythonMessage("OneCycleLR_total_steps", () -> new OneCycleLR(sgd(), 0.1, 0));
        assertPythonMessage("OneCycleLR_epochs",
                () -> new OneCycleLR(sgd(), new OneCycleLR.Options(0.1).epochs(0).stepsPerEpoch(10)));
        assertPythonMessage("OneCycleLR_steps_per_epoch",
                () -> new OneCycleLR(sgd(), new OneCycleLR.Options(0.1).epochs(3).stepsPerEpoch(-1)));
        assertPythonMessage("OneCycleLR_pct_start",
                () -> new OneCycleLR(sgd(), new OneCycleLR.Options(0.1).totalSteps(10).pctStart(1.5)));
        assertPythonMessage("OneCycleLR_max_lr_count",
                () -> new OneCycleLR(sgd(), new OneCycleLR.Options(new double[] {0.1}).totalSteps(10)));
        assertEquals(ERRORS.get("OneCycleLR_no_length").asText(), assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd(), new OneCycleLR.Options(0.1).epochs(3))).getMessage());
    }

    @Test
    void oneCycleLRSteppedPastItsTotalThrowsIllegalState() {
        Optimizer o = sgd();
        OneCycleLR s = new OneCycleLR(o, 0.1, 10);
        for (int i = 0; i < 10; i++) {
            o.step();
            s.step();
        }
        o.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
        assertEquals(ERRORS.get("OneCycleLR_past_total_steps").asText(), e.getMessage());
    }

    @Test
    void compositesAndResuming() {
        assertPythonMessage("SequentialLR_optimizer",
                () -> new SequentialLR(sgd(), List.of(new ConstantLR(sgd()), new ConstantLR(sgd())), List.of(2)));
        Optimizer o = sgd();
        assertPythonMessage("SequentialLR_milestones",
                () -> new SequentialLR(o, List.of(new ConstantLR(o), new ExponentialLR(o, 0.9)), List.of(2, 4)));
        assertPythonMessage("ChainedScheduler_optimizer",
                () -> new ChainedScheduler(List.of(new ConstantLR(sgd()), new ExponentialLR(sgd(), 0.9))));
        assertPythonMessage("resume_without_initial_lr",
                () -> new StepLR(sgd(), new StepLR.Options(10).lastEpoch(5)));
    }

    @Test
    void javaOnlyChecks() {
        Optimizer o = sgd();
        ChainedScheduler chained = new ChainedScheduler(List.of(new ExponentialLR(o, 0.9)));
        assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(o, List.of(new ConstantLR(o), chained), List.of(3)));
        assertThrows(IllegalArgumentException.class, () -> new ChainedScheduler(List.of()));
        assertThrows(NullPointerException.class, () -> new StepLR(null, 3));
        assertThrows(NullPointerException.class, () -> new CyclicLR.Options(0.1, 0.2).mode(null));
    }
}
