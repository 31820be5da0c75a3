package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every optimizer must do: converge, round-trip its state dict in lock-step, zero gradients. */
class OptimizerContractTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD", (Function<List<Parameter>, Optimizer>) p -> new SGD(p, new SGD.Options(0.05))),
                Arguments.of("SGD momentum nesterov", (Function<List<Parameter>, Optimizer>) p ->
                        new SGD(p, new SGD.Options(0.02).momentum(0.9).nesterov(true))),
                Arguments.of("Adam", (Function<List<Parameter>, Optimizer>) p -> new Adam(p, new Adam.Options(0.05))),
                Arguments.of("Adam amsgrad", (Function<List<Parameter>, Optimizer>) p ->
                        new Adam(p, new Adam.Options(0.05).amsgrad(true).weightDecay(1e-4))),
                Arguments.of("AdamW", (Function<List<Parameter>, Optimizer>) p ->
                        new AdamW(p, new AdamW.Options(0.05))),
                Arguments.of("RMSprop centered", (Function<List<Parameter>, Optimizer>) p ->
                        new RMSprop(p, new RMSprop.Options(0.01).centered(true).momentum(0.5))),
                Arguments.of("Adagrad", (Function<List<Parameter>, Optimizer>) p ->
                        new Adagrad(p, new Adagrad.Options(0.3))),
                Arguments.of("Adamax", (Function<List<Parameter>, Optimizer>) p ->
                        new Adamax(p, new Adamax.Options(0.05).weightDecay(1e-4))),
                Arguments.of("NAdam", (Function<List<Parameter>, Optimizer>) p ->
                        new NAdam(p, new NAdam.Options(0.05))),
                Arguments.of("RAdam", (Function<List<Parameter>, Optimizer>) p ->
                        new RAdam(p, new RAdam.Options(0.05).weightDecay(1e-4))),
                Arguments.of("Adadelta", (Function<List<Parameter>, Optimizer>) p ->
                        new Adadelta(p, new Adadelta.Options(5.0))),
                Arguments.of("LBFGS", (Function<List<Parameter>, Optimizer>) p ->
                        new LBFGS(p, new LBFGS.Options().maxIter(2))),
                Arguments.of("LBFGS strong_wolfe", (Function<List<Parameter>, Optimizer>) p ->
                        new LBFGS(p, new LBFGS.Options().maxIter(2).historySize(3)
                                .lineSearchFn(LBFGS.LineSearchFn.STRONG_WOLFE))));
    }

    /** y = x @ w_true: a least-squares problem every optimizer solves. */
    static final class Problem {
        final Tensor x;
        final Tensor y;
        final Parameter w;

        Problem(long seed) {
            Torch.manualSeed(seed);
            x = Torch.randn(64, 3).keep();
            y = x.matmul(Torch.tensor(1.5, -2.0, 0.5).view(3, 1)).keep();
            w = new Parameter(Torch.zeros(3, 1));
        }

        double step(Optimizer opt) {
            if (opt instanceof LBFGS) {
                // LBFGS steps with a closure only (as in PyTorch)
                try (TensorScope s = new TensorScope()) {
                    return opt.step(() -> {
                        opt.zeroGrad();
                        Tensor loss = F.mseLoss(x.matmul(w), y, Reduction.MEAN);
                        loss.backward();
                        return loss;
                    }).item();
                }
            }
            try (TensorScope s = new TensorScope()) {
                opt.zeroGrad();
                Tensor loss = F.mseLoss(x.matmul(w), y, Reduction.MEAN);
                loss.backward();
                opt.step();
                return loss.item();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void convergesOnASmallProblem(String name, Function<List<Parameter>, Optimizer> make) {
        Problem p = new Problem(0);
        Optimizer opt = make.apply(List.of(p.w));
        double first = p.step(opt);
        double last = first;
        for (int i = 0; i < 300; i++) {
            last = p.step(opt);
        }
        assertTrue(last < first * 1e-2, name + ": loss went from " + first + " to " + last);
        assertEquals(301, opt.stepCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stateDictRoundTripContinuesInLockStep(String name, Function<List<Parameter>, Optimizer> make) {
        Problem a = new Problem(1);
        Optimizer optA = make.apply(List.of(a.w));
        for (int i = 0; i < 5; i++) {
            a.step(optA);
        }
        Problem b = new Problem(1);
        try (var g = Torch.noGrad()) {
            b.w.copy_(a.w);
        }
        Optimizer optB = make.apply(List.of(b.w));
        Map<String, Object> saved = optA.stateDict();
        optB.loadStateDict(saved);
        for (int i = 0; i < 5; i++) {
            a.step(optA);
            b.step(optB);
            assertArrayEquals(a.w.detach().toFloatArray(), b.w.detach().toFloatArray(), name + " step " + i);
        }
        assertEquals(optA.toString(), optB.toString());
    }

    @Test
    void zeroGradSetsGradientsToNoneByDefault() {
        Parameter w = new Parameter(Torch.ones(2));
        SGD opt = new SGD(List.of(w), new SGD.Options(0.1));
        w.mul(2).sum().backward();
        assertNotNull(w.grad());
        opt.zeroGrad(false);
        assertArrayEquals(new float[] {0, 0}, w.grad().toFloatArray(), "set_to_none=False zeroes in place");
        opt.zeroGrad();
        assertNull(w.grad(), "PyTorch 2 sets gradients to None");
        opt.step();
        assertArrayEquals(new float[] {1, 1}, w.detach().toFloatArray(), "parameters without gradient are skipped");
    }

    @Test
    void validationUsesPyTorchsMessages() {
        List<Parameter> p = List.of(new Parameter(Torch.ones(1)));
        assertEquals("Invalid learning rate: -0.1", assertThrows(IllegalArgumentException.class,
                () -> new SGD(p, new SGD.Options(-0.1))).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening",
                assertThrows(IllegalArgumentException.class,
                        () -> new SGD(p, new SGD.Options(0.1).nesterov(true))).getMessage());
        assertEquals("Nesterov momentum requires a momentum and zero dampening",
                assertThrows(IllegalArgumentException.class,
                        () -> new SGD(p, new SGD.Options(0.1).momentum(0.9).dampening(0.1).nesterov(true)))
                        .getMessage());
        assertEquals("Invalid momentum value: -0.5", assertThrows(IllegalArgumentException.class,
                () -> new SGD(p, new SGD.Options(0.1).momentum(-0.5))).getMessage());
        assertEquals("Invalid beta parameter at index 1: 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adam(p, new Adam.Options().betas(0.9, 1.0))).getMessage());
        assertEquals("Invalid epsilon value: -1e-08", assertThrows(IllegalArgumentException.class,
                () -> new Adam(p, new Adam.Options().eps(-1e-8))).getMessage());
        assertEquals("Invalid weight_decay value: -0.01", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(p, new AdamW.Options().weightDecay(-0.01))).getMessage());
        assertEquals("Invalid alpha value: -0.99", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(p, new RMSprop.Options().alpha(-0.99))).getMessage());
        assertEquals("Invalid lr_decay value: -1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adagrad(p, new Adagrad.Options().lrDecay(-1))).getMessage());
        assertEquals("optimizer got an empty parameter list", assertThrows(IllegalArgumentException.class,
                () -> new SGD(List.<Parameter>of(), new SGD.Options(0.1))).getMessage());
    }

    @Test
    void paramGroupsTakeDefaultsAndRejectDuplicates() {
        Parameter a = new Parameter(Torch.ones(1));
        Parameter b = new Parameter(Torch.ones(1));
        SGD opt = new SGD(List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b)).lr(0.01)),
                new SGD.Options(0.1).momentum(0.9));
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertEquals(0.01, opt.paramGroups().get(1).lr());
        assertEquals(0.9, opt.paramGroups().get(1).getDouble("momentum"));
        assertEquals("some parameters appear in more than one parameter group",
                assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(new ParamGroup(List.of(a))))
                        .getMessage());
        Parameter c = new Parameter(Torch.ones(1));
        opt.addParamGroup(new ParamGroup(List.of(c)).set("nesterov", true));
        assertEquals(3, opt.paramGroups().size());
        assertTrue(opt.paramGroups().get(2).getBoolean("nesterov"));
        assertEquals(0.1, opt.paramGroups().get(2).lr());
        opt.paramGroups().get(0).lr(0.5);
        assertEquals(0.5, opt.paramGroups().get(0).lr(), "schedulers write the group's lr");
        assertFalse(opt.toString().isEmpty());
    }

    @Test
    void stepWithAClosureReturnsItsLoss() {
        Problem p = new Problem(3);
        SGD opt = new SGD(List.of(p.w), new SGD.Options(0.1));
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = F.mseLoss(p.x.matmul(p.w), p.y, Reduction.MEAN);
            l.backward();
            return l;
        });
        assertTrue(loss.item() > 0);
        assertEquals(1, opt.stepCount());
    }
}
