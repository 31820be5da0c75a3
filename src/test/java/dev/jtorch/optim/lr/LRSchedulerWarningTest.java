package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Warnings;
import dev.jtorch.optim.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyTorch's UserWarning when a scheduler steps before its optimizer (golden/lr_schedulers.json "warnings"). */
class LRSchedulerWarningTest {
    private static final JsonNode PYTHON = LRSchedulerGoldenTest.GOLDEN.get("warnings");

    private static Warnings.Warning pythonWarning() {
        assertEquals(1, PYTHON.size(), "Python warns once for two early steps");
        return new Warnings.Warning(PYTHON.get(0).get("category").asText(), PYTHON.get(0).get("message").asText());
    }

    @Test
    void warnsOnceWhenSteppedBeforeTheOptimizer() {
        Optimizer o = LrCases.sgd();
        StepLR s = new StepLR(o, 10);
        List<Warnings.Warning> w = Warnings.capture(() -> {
            s.step();
            s.step();
            o.step();
            s.step();
        });
        assertEquals(List.of(pythonWarning()), w);
    }

    @Test
    void staysSilentInPyTorchsOrder() {
        Optimizer o = LrCases.sgd();
        List<Warnings.Warning> w = Warnings.capture(() -> {
            StepLR s = new StepLR(o, 10);
            for (int i = 0; i < 5; i++) {
                o.step();
                s.step();
            }
        });
        assertEquals(List.of(), w);
    }

    @Test
    void warnsOncePerSchedulerInstance() {
        Optimizer o = LrCases.sgd();
        StepLR a = new StepLR(o, 10);
        ExponentialLR b = new ExponentialLR(o, 0.9);
        List<Warnings.Warning> w = Warnings.capture(() -> {
            for (int i = 0; i < 3; i++) {
                a.step();
                b.step();
            }
        });
        assertEquals(List.of(pythonWarning(), pythonWarning()), w);
    }

    @Test
    void countsOptimizerStepsFromTheSchedulersConstructionAsPyTorchDoes() {
        Optimizer o = LrCases.sgd();
        o.step();
        StepLR s = new StepLR(o, 10);
        assertEquals(List.of(pythonWarning()), Warnings.capture(s::step));
    }

    @Test
    void sequentialLRWarnsThroughItsFirstScheduler() {
        Optimizer o = LrCases.sgd();
        SequentialLR s = new SequentialLR(o, List.of(new ConstantLR(o), new ExponentialLR(o, 0.9)), List.of(3));
        assertEquals(List.of(pythonWarning()), Warnings.capture(() -> {
            s.step();
            s.step();
        }));
    }

    @Test
    void warmRestartsAndPlateauNeverWarnAsInPyTorch() {
        Optimizer o = LrCases.sgd();
        CosineAnnealingWarmRestarts c = new CosineAnnealingWarmRestarts(o, 5);
        ReduceLROnPlateau p = new ReduceLROnPlateau(o);
        assertEquals(List.of(), Warnings.capture(() -> {
            c.step();
            c.step();
            p.step(1.0);
            p.step(1.0);
        }));
    }

    @Test
    void printsUserWarningToStandardErrorWhenNotCaptured() {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            Optimizer o = LrCases.sgd();
            new LinearLR(o).step();
        } finally {
            System.setErr(saved);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("WARN UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`."),
                printed);
        assertEquals(1, printed.lines().count());
    }
}
