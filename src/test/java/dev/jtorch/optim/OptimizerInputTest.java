package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad options and bad state dicts get PyTorch 1.13's answer (issue 13). */
class OptimizerInputTest {
    private static final double NAN = Double.NaN;
    private final List<Parameter> p = List.of(new Parameter(Torch.ones(1)));

    private static void refused(String message, Executable make) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
    }

    /** Python's {@code if not 0.0 <= lr: raise ValueError(...)}: {@code 0.0 <= nan} is False, so NaN is refused. */
    @Test
    void adamRefusesNanLikePython() {
        refused("Invalid learning rate: nan", () -> new Adam(p, new Adam.Options(NAN)));
        refused("Invalid epsilon value: nan", () -> new Adam(p, new Adam.Options().eps(NAN)));
        refused("Invalid weight_decay value: nan", () -> new Adam(p, new Adam.Options().weightDecay(NAN)));
        refused("Invalid beta parameter at index 0: nan", () -> new Adam(p, new Adam.Options().betas(NAN, 0.999)));
        refused("Invalid beta parameter at index 1: nan", () -> new Adam(p, new Adam.Options().betas(0.9, NAN)));
        refused("Invalid learning rate: -inf",
                () -> new Adam(p, new Adam.Options(Double.NEGATIVE_INFINITY)));
        refused("Invalid learning rate: -0.1", () -> new Adam(p, new Adam.Options(-0.1)));
        refused("Invalid beta parameter at index 0: inf",
                () -> new Adam(p, new Adam.Options().betas(Double.POSITIVE_INFINITY, 0.999)));
        assertDoesNotThrow(() -> new Adam(p, new Adam.Options(Double.POSITIVE_INFINITY)), "0.0 <= inf holds");
    }

    /** Adamax, NAdam, RAdam and Adadelta check their options as PyTorch 1.13 does, NaN included. */
    @Test
    void theMoreOptimizersRefuseLikePython() {
        refused("Invalid learning rate: nan", () -> new Adamax(p, new Adamax.Options(NAN)));
        refused("Invalid epsilon value: -1e-08", () -> new Adamax(p, new Adamax.Options().eps(-1e-8)));
        refused("Invalid beta parameter at index 1: 1.0", () -> new Adamax(p, new Adamax.Options().betas(0.9, 1.0)));
        refused("Invalid weight_decay value: nan", () -> new Adamax(p, new Adamax.Options().weightDecay(NAN)));
        refused("Invalid learning rate: -0.1", () -> new NAdam(p, new NAdam.Options(-0.1)));
        refused("Invalid beta parameter at index 0: nan", () -> new NAdam(p, new NAdam.Options().betas(NAN, 0.9)));
        refused("Invalid momentum_decay value: -0.004",
                () -> new NAdam(p, new NAdam.Options().momentumDecay(-0.004)));
        refused("Invalid weight_decay value: -1.0", () -> new NAdam(p, new NAdam.Options().weightDecay(-1)));
        refused("Invalid epsilon value: nan", () -> new RAdam(p, new RAdam.Options().eps(NAN)));
        refused("Invalid beta parameter at index 0: 1.0", () -> new RAdam(p, new RAdam.Options().betas(1.0, 0.9)));
        refused("Invalid rho value: 1.5", () -> new Adadelta(p, new Adadelta.Options().rho(1.5)));
        refused("Invalid rho value: nan", () -> new Adadelta(p, new Adadelta.Options().rho(NAN)));
        assertDoesNotThrow(() -> new Adadelta(p, new Adadelta.Options().rho(1.0)), "0.0 <= rho <= 1.0");
        refused("Invalid epsilon value: -1e-06", () -> new Adadelta(p, new Adadelta.Options().eps(-1e-6)));
        refused("Invalid learning rate: nan", () -> new Adadelta(p, new Adadelta.Options(NAN)));
    }

    /** LBFGS steps only with a closure, has one parameter group, and knows one line search (as PyTorch). */
    @Test
    void lbfgsRefusesWhatPyTorchRefuses() {
        LBFGS opt = new LBFGS(p);
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("needs a closure"), e.getMessage());
        assertEquals(0, opt.stepCount(), "a refused step is not counted");
        refused("LBFGS doesn't support per-parameter options (parameter groups)",
                () -> opt.addParamGroup(new ParamGroup(List.of(new Parameter(Torch.ones(1))))));
        ParamGroup g = opt.paramGroups().get(0);
        assertEquals(25, g.get("max_eval"), "max_iter * 5 // 4");
        assertEquals(12, new LBFGS(p, new LBFGS.Options().maxIter(10)).paramGroups().get(0).get("max_eval"));
        assertEquals(1, g.get("lr"), "Python's lr=1 is an int");
        assertEquals("strong_wolfe", new LBFGS(p, new LBFGS.Options().lineSearchFn(LBFGS.LineSearchFn.STRONG_WOLFE))
                .paramGroups().get(0).get("line_search_fn"));
        assertEquals("LBFGS (\nParameter Group 0\n    history_size: 100\n    line_search_fn: None\n    lr: 1\n"
                + "    max_eval: 25\n    max_iter: 20\n    tolerance_change: 1e-09\n    tolerance_grad: 1e-07\n)",
                opt.toString());
    }

    @Test
    void adamWRefusesNanLikePython() {
        refused("Invalid learning rate: nan", () -> new AdamW(p, new AdamW.Options(NAN)));
        refused("Invalid epsilon value: nan", () -> new AdamW(p, new AdamW.Options().eps(NAN)));
        refused("Invalid weight_decay value: nan", () -> new AdamW(p, new AdamW.Options().weightDecay(NAN)));
        refused("Invalid beta parameter at index 0: nan", () -> new AdamW(p, new AdamW.Options().betas(NAN, 0.999)));
        refused("Invalid beta parameter at index 1: nan", () -> new AdamW(p, new AdamW.Options().betas(0.9, NAN)));
        refused("Invalid weight_decay value: -inf",
                () -> new AdamW(p, new AdamW.Options().weightDecay(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void rmspropRefusesNanLikePython() {
        refused("Invalid learning rate: nan", () -> new RMSprop(p, new RMSprop.Options(NAN)));
        refused("Invalid epsilon value: nan", () -> new RMSprop(p, new RMSprop.Options().eps(NAN)));
        refused("Invalid momentum value: nan", () -> new RMSprop(p, new RMSprop.Options().momentum(NAN)));
        refused("Invalid weight_decay value: nan", () -> new RMSprop(p, new RMSprop.Options().weightDecay(NAN)));
        refused("Invalid alpha value: nan", () -> new RMSprop(p, new RMSprop.Options().alpha(NAN)));
        refused("Invalid momentum value: -0.1", () -> new RMSprop(p, new RMSprop.Options().momentum(-0.1)));
    }

    @Test
    void adagradRefusesNanLikePython() {
        refused("Invalid learning rate: nan", () -> new Adagrad(p, new Adagrad.Options(NAN)));
        refused("Invalid lr_decay value: nan", () -> new Adagrad(p, new Adagrad.Options().lrDecay(NAN)));
        refused("Invalid weight_decay value: nan", () -> new Adagrad(p, new Adagrad.Options().weightDecay(NAN)));
        refused("Invalid initial_accumulator_value value: nan",
                () -> new Adagrad(p, new Adagrad.Options().initialAccumulatorValue(NAN)));
        refused("Invalid epsilon value: nan", () -> new Adagrad(p, new Adagrad.Options().eps(NAN)));
    }

    /**
     * PyTorch 1.13's SGD checks {@code lr < 0.0}, {@code momentum < 0.0}, {@code weight_decay < 0.0}: NaN is not
     * less than 0, so Python accepts it, and so does jtorch; negative infinity is refused.
     */
    @Test
    void sgdKeepsPythonsLessThanZeroChecks() {
        assertDoesNotThrow(() -> new SGD(p, new SGD.Options(NAN)));
        assertDoesNotThrow(() -> new SGD(p, new SGD.Options(0.1).momentum(NAN)));
        assertDoesNotThrow(() -> new SGD(p, new SGD.Options(0.1).weightDecay(NAN)));
        refused("Invalid learning rate: -inf", () -> new SGD(p, new SGD.Options(Double.NEGATIVE_INFINITY)));
        refused("Invalid weight_decay value: -0.5", () -> new SGD(p, new SGD.Options(0.1).weightDecay(-0.5)));
        // Python: nesterov and (momentum <= 0 or dampening != 0) is False for momentum nan, dampening 0
        assertDoesNotThrow(() -> new SGD(p, new SGD.Options(0.1).momentum(NAN).nesterov(true)));
        refused("Nesterov momentum requires a momentum and zero dampening",
                () -> new SGD(p, new SGD.Options(0.1).momentum(0.9).dampening(NAN).nesterov(true)));
    }

    @Test
    void aGroupsOwnNanOptionIsRefusedToo() {
        ParamGroup g = new ParamGroup(p).lr(NAN);
        refused("Invalid learning rate: nan", () -> new Adam(List.of(g), new Adam.Options()));
        ParamGroup h = new ParamGroup(p).set("eps", NAN);
        refused("Invalid epsilon value: nan", () -> new RMSprop(List.of(h), new RMSprop.Options()));
    }

    // ---------------------------------------------------------------- load_state_dict of another model

    private static Map<String, Object> trainedStateDict(Supplier<Optimizer> make, Module model) {
        Optimizer opt = make.get();
        try (TensorScope s = new TensorScope()) {
            opt.zeroGrad();
            model.forward(Torch.ones(2, model.parameters().get(0).shape().get(1))).sum().backward();
            opt.step();
        }
        return opt.stateDict();
    }

    @Test
    void loadingStateOfOtherShapesIsRefusedBeforeAnythingChanges() {
        Torch.manualSeed(0);
        Linear small = new Linear(3, 2);
        Linear big = new Linear(5, 4);
        Map<String, Object> fromBig = trainedStateDict(() -> new Adam(big.parameters(), new Adam.Options(0.1)), big);
        Adam opt = new Adam(small.parameters(), new Adam.Options(0.01));
        Map<String, Object> own = trainedStateDict(() -> opt, small);
        Object expAvgBefore = ((Tensor) ((Map<?, ?>) ((Map<?, ?>) own.get("state")).get(0)).get("exp_avg"))
                .detach().clone().keep();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(fromBig));
        assertEquals("loaded state dict has state 'exp_avg' of shape torch.Size([4, 5]) for parameter 0, but that "
                + "parameter has shape torch.Size([2, 3]) (was the state dict saved from a model with other "
                + "parameter shapes?)", e.getMessage());
        assertEquals(0.01, opt.paramGroups().get(0).lr(), "options are untouched");
        assertEquals(1L, opt.state(small.parameters().get(0)).get("step"), "state is untouched");
        assertArrayEquals(((Tensor) expAvgBefore).toFloatArray(),
                ((Tensor) opt.state(small.parameters().get(0)).get("exp_avg")).toFloatArray());
    }

    @Test
    void loadingStateOfOtherShapesIsRefusedForEveryOptimizer() {
        Linear a = new Linear(3, 2);
        Linear b = new Linear(3, 4);
        List<java.util.function.Function<List<Parameter>, Optimizer>> makers = List.of(
                ps -> new SGD(ps, new SGD.Options(0.1).momentum(0.9)),
                ps -> new Adam(ps, new Adam.Options().amsgrad(true)),
                ps -> new AdamW(ps, new AdamW.Options()),
                ps -> new RMSprop(ps, new RMSprop.Options().centered(true).momentum(0.5)),
                ps -> new Adagrad(ps, new Adagrad.Options()),
                ps -> new Adamax(ps, new Adamax.Options()),
                ps -> new NAdam(ps, new NAdam.Options()),
                ps -> new RAdam(ps, new RAdam.Options()),
                ps -> new Adadelta(ps, new Adadelta.Options()));
        for (var make : makers) {
            Map<String, Object> fromB = trainedStateDict(() -> make.apply(b.parameters()), b);
            Optimizer opt = make.apply(a.parameters());
            Map<String, Object> before = new LinkedHashMap<>(opt.state(a.parameters().get(0)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(fromB),
                    opt.getClass().getSimpleName());
            assertTrue(e.getMessage().contains("for parameter 0, but that parameter has shape torch.Size([2, 3])"),
                    e.getMessage());
            Map<String, Object> after = opt.state(a.parameters().get(0));
            assertEquals(before.keySet(), after.keySet(), "nothing loaded");
            for (String key : before.keySet()) {
                assertSame(before.get(key), after.get(key), key);
            }
        }
    }

    @Test
    void groupCountAndSizeUsePyTorchsWords() {
        Linear a = new Linear(3, 2);
        Adam opt = new Adam(a.parameters(), new Adam.Options());
        Map<String, Object> sd = opt.stateDict();
        Map<String, Object> twoGroups = new LinkedHashMap<>(sd);
        List<Object> groups = new java.util.ArrayList<>((List<?>) sd.get("param_groups"));
        groups.add(groups.get(0));
        twoGroups.put("param_groups", groups);
        refused("loaded state dict has a different number of parameter groups", () -> opt.loadStateDict(twoGroups));
        Map<String, Object> oneParam = new LinkedHashMap<>(sd);
        @SuppressWarnings("unchecked")
        Map<String, Object> g0 = new LinkedHashMap<>((Map<String, Object>) ((List<?>) sd.get("param_groups")).get(0));
        g0.put("params", List.of(0));
        oneParam.put("param_groups", List.of(g0));
        refused("loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
                () -> opt.loadStateDict(oneParam));
    }

    /**
     * State whose shape no check saw (put there by hand): the step's libtorch error is a TorchException with
     * PyTorch's first line, not JavaCPP's RuntimeException with the C++ stack.
     */
    @Test
    void aNativeErrorDuringStepIsTranslated() {
        Parameter w = new Parameter(Torch.ones(2, 3));
        Adam opt = new Adam(List.of(w), new Adam.Options());
        Map<String, Object> st = opt.state(w);
        st.put("step", 0L);
        st.put("exp_avg", Torch.zeros(4, 5).keep());
        st.put("exp_avg_sq", Torch.zeros(4, 5).keep());
        try (TensorScope s = new TensorScope()) {
            w.mul(2.0).sum().backward();
        }
        RuntimeException e = assertThrows(RuntimeException.class, opt::step);
        assertEquals(TorchException.class, e.getClass(), String.valueOf(e.getMessage()));
        assertFalse(e.getMessage().contains("Exception raised from"), e.getMessage());
        assertFalse(e.getMessage().contains("frame #"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("must match the size of tensor"), e.getMessage());
    }
}
