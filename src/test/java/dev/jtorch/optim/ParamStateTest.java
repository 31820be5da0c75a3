package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed per-parameter states and their Python-dict view (issue 16). */
class ParamStateTest {

    private static void stepOnce(Optimizer opt, Parameter w) {
        try (TensorScope s = new TensorScope()) {
            opt.zeroGrad();
            w.mul(2.0).sum().backward();
            opt.step();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateOf(Map<String, Object> stateDict, int index) {
        return ((Map<Integer, Map<String, Object>>) stateDict.get("state")).get(index);
    }

    /** optimizer.state[p] is one live view of the typed state: the same map, the same tensors, the counted step. */
    @Test
    void theDictViewIsLiveAndStable() {
        Parameter w = new Parameter(Torch.ones(2, 3));
        Adam opt = new Adam(List.of(w), new Adam.Options().amsgrad(true));
        Map<String, Object> view = opt.state(w);
        assertTrue(view.isEmpty());
        stepOnce(opt, w);
        assertSame(view, opt.state(w));
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"), new ArrayList<>(view.keySet()));
        Object expAvg = view.get("exp_avg");
        stepOnce(opt, w);
        assertEquals(2L, view.get("step"));
        assertSame(expAvg, view.get("exp_avg"), "state tensors are updated in place");
        AdamParamState typed = opt.paramState(w);
        assertEquals(2L, typed.step);
        assertSame(typed.expAvg, expAvg);
        view.put("step", 10L);
        assertEquals(10L, typed.step, "writing the view writes the field");
    }

    /** SGD without momentum keeps Python's {@code momentum_buffer: None}, a key that is present with no value. */
    @Test
    void sgdWithoutMomentumKeepsANoneBuffer() {
        Parameter w = new Parameter(Torch.ones(2));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        stepOnce(opt, w);
        Map<String, Object> st = stateOf(opt.stateDict(), 0);
        assertEquals(List.of("momentum_buffer"), new ArrayList<>(st.keySet()));
        assertNull(st.get("momentum_buffer"));
    }

    /** A state dict comes back out with its keys in its own order, keys this optimizer does not use included. */
    @Test
    void loadAndSaveKeepKeysOrderAndUnknownKeys() {
        Parameter w = new Parameter(Torch.ones(2));
        Adam opt = new Adam(List.of(w), new Adam.Options());
        stepOnce(opt, w);
        Map<String, Object> sd = opt.stateDict();
        Map<String, Object> st = stateOf(sd, 0);
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("exp_avg_sq", st.get("exp_avg_sq"));
        reordered.put("note", "kept");
        reordered.put("step", st.get("step"));
        reordered.put("exp_avg", st.get("exp_avg"));
        Map<Integer, Map<String, Object>> state = new LinkedHashMap<>();
        state.put(0, reordered);
        Map<String, Object> in = new LinkedHashMap<>(sd);
        in.put("state", state);
        opt.loadStateDict(in);
        Map<String, Object> out = stateOf(opt.stateDict(), 0);
        assertEquals(List.of("exp_avg_sq", "note", "step", "exp_avg"), new ArrayList<>(out.keySet()));
        assertEquals("kept", out.get("note"));
        assertEquals(1.0, ((Tensor) out.get("step")).item());
        assertArrayEquals(((Tensor) st.get("exp_avg")).toFloatArray(), ((Tensor) out.get("exp_avg")).toFloatArray());
        stepOnce(opt, w);
        assertEquals(2L, opt.state(w).get("step"), "the loaded state is the one the update uses");
    }

    /**
     * A state value of the wrong kind is refused by loadStateDict, naming the key, before anything changes (it used
     * to be taken, and the next step failed with a ClassCastException).
     */
    @Test
    void aStateValueOfTheWrongKindIsRefusedBeforeAnythingChanges() {
        Parameter w = new Parameter(Torch.ones(2));
        Adam opt = new Adam(List.of(w), new Adam.Options());
        stepOnce(opt, w);
        Map<String, Object> sd = opt.stateDict();
        Object expAvg = opt.state(w).get("exp_avg");
        Map<String, Object> bad = new LinkedHashMap<>(stateOf(sd, 0));
        bad.put("exp_avg", "not a tensor");
        Map<String, Object> in = new LinkedHashMap<>(sd);
        in.put("state", Map.of(0, bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(in));
        assertEquals("optimizer state 'exp_avg' must be a tensor, got not a tensor", e.getMessage());
        assertSame(expAvg, opt.state(w).get("exp_avg"), "state untouched");
        assertEquals(1L, opt.state(w).get("step"));
    }

    /** The scheduler's view of the step count lives on the optimizer (Python's optimizer._step_count). */
    @Test
    void schedulerStepCountIsTheOptimizers() {
        Parameter w = new Parameter(Torch.ones(2));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        stepOnce(opt, w);
        stepOnce(opt, w);
        assertEquals(2, opt.schedulerStepCount());
        opt.resetSchedulerStepCount();
        assertEquals(0, opt.schedulerStepCount());
        stepOnce(opt, w);
        assertEquals(1, opt.schedulerStepCount());
        assertEquals(3, opt.stepCount());
    }
}
