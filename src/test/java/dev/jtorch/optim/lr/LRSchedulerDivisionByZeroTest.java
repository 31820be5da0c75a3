package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Arguments that PyTorch 1.13 accepts and later divides by zero ({@code ZeroDivisionError}) are refused at
 * construction with an {@link IllegalArgumentException} naming the argument, before any group changes (issue 13).
 * Arguments Python computes with (negative step sizes) stay accepted.
 */
class LRSchedulerDivisionByZeroTest {

    private static Optimizer sgd() {
        return LrCases.sgd();
    }

    private static void refused(String message, Optimizer opt, Executable make) {
        List<Object> before = opt.paramGroups().stream().map(g -> (Object) List.copyOf(g.options().entrySet()))
                .toList();
        assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
        assertEquals(before, opt.paramGroups().stream().map(g -> (Object) List.copyOf(g.options().entrySet()))
                .toList(), "the groups are untouched");
    }

    @Test
    void stepLRStepSizeZero() {
        Optimizer opt = sgd();
        refused("StepLR step_size must not be 0 (PyTorch 1.13 raises ZeroDivisionError: integer division or modulo "
                + "by zero at the first step)", opt, () -> new StepLR(opt, 0));
        StepLR negative = new StepLR(sgd(), -2); // Python: 1 % -2 == -1, it steps on
        assertDoesNotThrow(negative::step);
    }

    @Test
    void cosineAnnealingLRTMaxZero() {
        Optimizer opt = sgd();
        refused("CosineAnnealingLR T_max must not be 0 (PyTorch 1.13 raises ZeroDivisionError: integer division or "
                + "modulo by zero at the first step)", opt, () -> new CosineAnnealingLR(opt, 0));
    }

    @Test
    void cyclicLRStepSizesZero() {
        Optimizer opt = sgd();
        refused("CyclicLR step_size_up must not be 0 (PyTorch 1.13 raises ZeroDivisionError: float division by zero)",
                opt, () -> new CyclicLR(opt, new CyclicLR.Options(0.01, 0.1).stepSizeUp(0).stepSizeDown(5)));
        refused("CyclicLR step_size_up + step_size_down must not be 0, got 0 + 0 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero)", opt,
                () -> new CyclicLR(opt, new CyclicLR.Options(0.01, 0.1).stepSizeUp(0)));
        refused("CyclicLR step_size_up + step_size_down must not be 0, got 3 + -3 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero)", opt,
                () -> new CyclicLR(opt, new CyclicLR.Options(0.01, 0.1).stepSizeUp(3).stepSizeDown(-3)));
        // step_size_down 0 is fine in Python (step_ratio 1): up for 3 steps, then a new cycle
        CyclicLR upOnly = new CyclicLR(sgd(), new CyclicLR.Options(0.01, 0.1).stepSizeUp(3).stepSizeDown(0));
        for (int i = 0; i < 4; i++) {
            upOnly.step();
            assertFalse(Double.isNaN(upOnly.getLastLr().get(0)));
        }
    }

    @Test
    void oneCycleLRPhasesOfNoLength() {
        Optimizer opt = sgd();
        // pct_start * total_steps == 1: the warm-up phase ends at step 0 (PyTorch divides 0 by 0 at construction)
        refused("OneCycleLR phase 0 of 2 has no steps with pct_start=0.1 and total_steps=10 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero when it steps into it)", opt,
                () -> new OneCycleLR(opt, new OneCycleLR.Options(0.1).totalSteps(10).pctStart(0.1)));
        // pct_start 1: the annealing phase is empty, PyTorch divides by zero at the last step
        refused("OneCycleLR phase 1 of 2 has no steps with pct_start=1.0 and total_steps=10 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero when it steps into it)", opt,
                () -> new OneCycleLR(opt, new OneCycleLR.Options(0.1).totalSteps(10).pctStart(1.0)));
        refused("OneCycleLR phase 0 of 3 has no steps with pct_start=0.1 and total_steps=10 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero when it steps into it)", opt,
                () -> new OneCycleLR(opt, new OneCycleLR.Options(0.1).totalSteps(10).pctStart(0.1).threePhase(true)));
        OneCycleLR fine = new OneCycleLR(sgd(), new OneCycleLR.Options(0.1).totalSteps(10).pctStart(0.3));
        for (int i = 0; i < 10; i++) {
            fine.step();
            assertFalse(Double.isNaN(fine.getLastLr().get(0)));
        }
    }

    @Test
    void constantLRFactorZero() {
        Optimizer opt = sgd();
        refused("ConstantLR factor 0 cannot be undone after total_iters=5 (PyTorch 1.13 raises ZeroDivisionError: "
                + "float division by zero when it steps to total_iters)", opt,
                () -> new ConstantLR(opt, new ConstantLR.Options().factor(0)));
        Optimizer forever = sgd();
        ConstantLR zeroForever = new ConstantLR(forever, new ConstantLR.Options().factor(0).totalIters(0));
        zeroForever.step();
        assertEquals(0.0, forever.paramGroups().get(0).lr(), "Python never divides when total_iters is 0");
        ParamGroup g = forever.paramGroups().get(1);
        assertEquals(0.0, g.lr());
    }

    /** LinearLR and PolynomialLR with total_iters 0 step fine, but their closed form divides by total_iters. */
    @Test
    void closedFormsWithTotalItersZeroThrowWherePythonDivides() {
        Optimizer opt = sgd();
        LinearLR linear = new LinearLR(opt, new LinearLR.Options().totalIters(0));
        linear.step();
        assertFalse(Double.isNaN(linear.getLastLr().get(0)), "the recursive form does not divide");
        Optimizer o2 = sgd();
        SequentialLR seq = new SequentialLR(o2, List.of(new ConstantLR(o2, new ConstantLR.Options().totalIters(1)),
                new LinearLR(o2, new LinearLR.Options().totalIters(0))), List.of(2));
        seq.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, seq::step);
        assertEquals("LinearLR with total_iters=0 has no closed form (PyTorch 1.13 raises ZeroDivisionError: float "
                + "division by zero when SequentialLR or step(epoch) jumps it)", e.getMessage());
        Optimizer o3 = sgd();
        SequentialLR seq3 = new SequentialLR(o3, List.of(new ConstantLR(o3, new ConstantLR.Options().totalIters(1)),
                new PolynomialLR(o3, new PolynomialLR.Options().totalIters(0))), List.of(1));
        assertEquals("PolynomialLR with total_iters=0 has no closed form (PyTorch 1.13 raises ZeroDivisionError: "
                + "division by zero when SequentialLR or step(epoch) jumps it)",
                assertThrows(IllegalStateException.class, seq3::step).getMessage());
    }

    @Test
    void linearLRStartFactorZeroAndOneCycleDivFactorsZero() {
        Optimizer opt = sgd();
        refused("LinearLR start_factor 0 cannot be scaled up over total_iters=5 (PyTorch 1.13 raises "
                + "ZeroDivisionError: float division by zero at the first step)", opt,
                () -> new LinearLR(opt, new LinearLR.Options().startFactor(0)));
        LinearLR never = new LinearLR(sgd(), new LinearLR.Options().startFactor(0).totalIters(0));
        never.step();
        assertEquals(0.0, never.getLastLr().get(0), "total_iters 0: Python never divides, the rate stays 0");
        refused("OneCycleLR div_factor must not be 0 (PyTorch 1.13 raises ZeroDivisionError: float division by zero)",
                opt, () -> new OneCycleLR(opt, new OneCycleLR.Options(0.1).totalSteps(10).divFactor(0)));
        refused("OneCycleLR final_div_factor must not be 0 (PyTorch 1.13 raises ZeroDivisionError: float division by "
                + "zero)", opt, () -> new OneCycleLR(opt, new OneCycleLR.Options(0.1).totalSteps(10)
                        .finalDivFactor(0)));
    }
}
