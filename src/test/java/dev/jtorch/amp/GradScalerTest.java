package dev.jtorch.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.Parameter;
import dev.jtorch.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GradScaler's algorithm as PyTorch documents it, its state machine and its pass-through mode (on CPU). */
class GradScalerTest {

    /** One iteration; {@code overflow} puts an inf into the gradient. Returns whether the parameter moved. */
    private static boolean iteration(GradScaler scaler, SGD opt, Parameter w, boolean overflow) {
        float before = w.detach().toFloatArray()[0];
        opt.zeroGrad();
        Tensor loss = w.mul(overflow ? Double.POSITIVE_INFINITY : 1.0).sum();
        scaler.scale(loss).backward();
        scaler.step(opt);
        scaler.update();
        return w.detach().toFloatArray()[0] != before;
    }

    @Test
    void scaleFollowsThePlannedPatternOfOverflows() {
        Parameter w = new Parameter(Torch.ones(1));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        GradScaler scaler = new GradScaler(new GradScaler.Options().initScale(1024).growthInterval(3));
        boolean[] overflow = {false, true, false, false, false, true, true, false, false, false, false};
        List<Double> scales = new ArrayList<>();
        List<Boolean> stepped = new ArrayList<>();
        for (boolean o : overflow) {
            stepped.add(iteration(scaler, opt, w, o));
            scales.add(scaler.getScale());
        }
        // Backoff halves after an overflow and resets the count; 3 clean steps in a row double the scale.
        assertEquals(List.of(1024.0, 512.0, 512.0, 512.0, 1024.0, 512.0, 256.0, 256.0, 256.0, 512.0, 512.0), scales);
        assertEquals(List.of(true, false, true, true, true, false, false, true, true, true, true), stepped);
        assertEquals(1, ((Number) scaler.stateDict().get("_growth_tracker")).intValue());
    }

    @Test
    void unscaledGradientsAreTheTrueGradients() {
        Parameter w = new Parameter(Torch.tensor(1.0, 2.0));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        GradScaler scaler = new GradScaler();
        Tensor scaled = scaler.scale(w.mul(3).sum());
        assertEquals(9 * 65536.0, scaled.item());
        scaled.backward();
        assertArrayEquals(new float[] {196608, 196608}, w.grad().toFloatArray());
        scaler.unscale_(opt);
        assertArrayEquals(new float[] {3, 3}, w.grad().toFloatArray());
        scaler.step(opt);
        scaler.update();
        assertArrayEquals(new float[] {0.7f, 1.7f}, w.detach().toFloatArray(), 1e-6f);
    }

    @Test
    void stateMachineRaisesPyTorchsErrors() {
        Parameter w = new Parameter(Torch.ones(1));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        GradScaler scaler = new GradScaler();
        assertEquals("Attempted step but _scale is None.  This may indicate your script did not use "
                + "scaler.scale(loss or outputs) earlier in the iteration.",
                assertThrows(TorchException.class, () -> scaler.step(opt)).getMessage());
        scaler.scale(w.sum()).backward();
        scaler.unscale_(opt);
        assertEquals("unscale_() has already been called on this optimizer since the last update().",
                assertThrows(TorchException.class, () -> scaler.unscale_(opt)).getMessage());
        scaler.step(opt);
        assertEquals("step() has already been called since the last update().",
                assertThrows(TorchException.class, () -> scaler.step(opt)).getMessage());
        assertEquals("unscale_() is being called after step().",
                assertThrows(TorchException.class, () -> scaler.unscale_(opt)).getMessage());
        scaler.update();
        GradScaler fresh = new GradScaler();
        fresh.scale(w.sum());
        assertEquals("No inf checks were recorded prior to update.",
                assertThrows(TorchException.class, fresh::update).getMessage());
    }

    @Test
    void disabledIsAPassThrough() {
        Parameter w = new Parameter(Torch.ones(1));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.5));
        GradScaler scaler = new GradScaler(false);
        Tensor loss = w.mul(2).sum();
        assertSame(loss, scaler.scale(loss));
        loss.backward();
        scaler.unscale_(opt);
        scaler.step(opt);
        scaler.update();
        assertArrayEquals(new float[] {0}, w.detach().toFloatArray());
        assertEquals(1.0, scaler.getScale());
        assertTrue(scaler.stateDict().isEmpty());
    }

    @Test
    void stateDictRoundTrip() {
        Parameter w = new Parameter(Torch.ones(1));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        GradScaler a = new GradScaler(new GradScaler.Options().initScale(8).growthInterval(2));
        iteration(a, opt, w, false);
        Map<String, Object> sd = a.stateDict();
        assertEquals(8.0, sd.get("scale"));
        assertEquals(1, sd.get("_growth_tracker"));
        GradScaler b = new GradScaler();
        b.loadStateDict(sd);
        assertEquals(sd, b.stateDict());
        iteration(b, opt, w, false);
        assertEquals(16.0, b.getScale(), "the loaded growth interval and tracker carry on");
        assertEquals("The source state dict is empty, possibly because it was saved from a disabled instance of "
                + "GradScaler.", assertThrows(TorchException.class, () -> b.loadStateDict(Map.of())).getMessage());
    }

    @Test
    void loadStateDictNamesAMissingKeyAndChangesNothing() {
        GradScaler a = new GradScaler(new GradScaler.Options().initScale(8).growthInterval(2));
        Map<String, Object> full = a.stateDict();
        GradScaler b = new GradScaler(new GradScaler.Options().initScale(4).growthInterval(3));
        Map<String, Object> before = b.stateDict();
        for (String key : List.of("scale", "growth_factor", "backoff_factor", "growth_interval", "_growth_tracker")) {
            Map<String, Object> partial = new java.util.LinkedHashMap<>(full);
            partial.remove(key);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(partial));
            assertTrue(e.getMessage().startsWith("GradScaler state dict is missing key '" + key + "'"),
                    e.getMessage());
            assertEquals(before, b.stateDict(), "a refused dict changes nothing");
        }
        Map<String, Object> wrong = new java.util.LinkedHashMap<>(full);
        wrong.put("growth_factor", "2.0");
        assertEquals("GradScaler state dict's 'growth_factor' is not a number: 2.0",
                assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(wrong)).getMessage());
        assertEquals(before, b.stateDict());
    }
}
