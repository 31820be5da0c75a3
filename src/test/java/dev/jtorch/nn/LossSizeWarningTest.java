package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.Warnings;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's {@code UserWarning} of the regression losses for a target whose size differs from the input's
 * (issue 13): the text of {@code F.mse_loss}, {@code F.l1_loss}, {@code F.smooth_l1_loss} and {@code F.huber_loss},
 * shown once per call site, and the numbers of the broadcast computation unchanged.
 */
class LossSizeWarningTest {
    private static final String TEXT_4 = "Using a target size (torch.Size([4])) that is different to the input size "
            + "(torch.Size([4, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure "
            + "they have the same size.";

    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = new TensorScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Tensor input(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f * i - 1;
        }
        return Torch.tensor(v).view(n, 1);
    }

    private static Tensor target(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2f - 0.75f * i;
        }
        return Torch.tensor(v);
    }

    /** The loss of the explicitly broadcast pair: what the mismatched call computes, as in PyTorch. */
    private static double broadcastReference(BiFunction<Tensor, Tensor, Tensor> loss, Tensor in, Tensor tg) {
        long n = in.shape().get(0);
        return loss.apply(in.add(Torch.zeros(n, n)), tg.add(Torch.zeros(n, n))).item();
    }

    @Test
    void mseLossModuleWarnsWithPyTorchsTextOnceAndComputesTheBroadcastLoss() {
        MSELoss criterion = new MSELoss();
        List<Double> values = new ArrayList<>();
        List<Warnings.Warning> seen = Warnings.capture(() -> {
            for (int step = 0; step < 3; step++) {
                values.add(criterion.forward(input(4), target(4)).item());
            }
        });
        assertEquals(List.of(new Warnings.Warning("UserWarning", TEXT_4)), seen,
                "one warning for the call site, as Python's default filter shows it once");
        // (4,1) against (4) broadcasts to (4,4): the mean over 16 pairs
        double expected = broadcastReference((a, b) -> F.mseLoss(a, b), input(4), target(4));
        double byHand = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double d = (0.5 * i - 1) - (2 - 0.75 * j);
                byHand += d * d;
            }
        }
        assertEquals(byHand / 16, expected, 1e-6);
        for (double v : values) {
            assertEquals(expected, v, 0.0, "numbers unchanged by the warning");
        }
    }

    @Test
    void everyRegressionLossWarnsWithTheSameText() {
        String text7 = TEXT_4.replace("[4]", "[7]").replace("[4, 1]", "[7, 1]");
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> F.l1Loss(input(7), target(7))));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> F.smoothL1Loss(input(7), target(7))));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> F.huberLoss(input(7), target(7))));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> F.mseLoss(input(7), target(7), Reduction.SUM)));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> new L1Loss().forward(input(7), target(7))));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> new SmoothL1Loss().forward(input(7), target(7))));
        assertEquals(List.of(new Warnings.Warning("UserWarning", text7)),
                Warnings.capture(() -> new HuberLoss().forward(input(7), target(7))));
    }

    @Test
    void theNumbersAreThoseOfTheBroadcastPair() {
        Tensor in = input(5);
        Tensor tg = target(5);
        Warnings.capture(() -> {
            assertEquals(broadcastReference((a, b) -> F.l1Loss(a, b), in, tg), F.l1Loss(in, tg).item(), 0.0);
            assertEquals(broadcastReference((a, b) -> F.smoothL1Loss(a, b), in, tg), F.smoothL1Loss(in, tg).item(),
                    0.0);
            assertEquals(broadcastReference((a, b) -> F.huberLoss(a, b, Reduction.MEAN, 0.5), in, tg),
                    F.huberLoss(in, tg, Reduction.MEAN, 0.5).item(), 0.0);
        });
    }

    @Test
    void anotherSizeAtTheSameSiteWarnsAgainAndEqualSizesNever() {
        MSELoss criterion = new MSELoss();
        List<Warnings.Warning> seen = Warnings.capture(() -> {
            criterion.forward(input(9), target(9));
            criterion.forward(input(9), target(9));
            criterion.forward(input(11), target(11));
            criterion.forward(input(6), input(6));
            criterion.forward(target(6), target(6));
        });
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).message().startsWith("Using a target size (torch.Size([9])) that is different to the "
                + "input size (torch.Size([9, 1]))"), seen.get(0).message());
        assertTrue(seen.get(1).message().startsWith("Using a target size (torch.Size([11])) that is different to the "
                + "input size (torch.Size([11, 1]))"), seen.get(1).message());
    }

    @Test
    void theWarningIsPrintedToStandardErrorAsPythonsUserWarning() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buffer, true));
        try {
            F.mseLoss(input(13), target(13));
        } finally {
            System.setErr(err);
        }
        String expected = "WARN UserWarning: " + TEXT_4.replace("[4]", "[13]").replace("[4, 1]", "[13, 1]");
        assertTrue(buffer.toString().lines().anyMatch(expected::equals), buffer.toString());
    }
}
