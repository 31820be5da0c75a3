package dev.jtorch.optim.lr;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.lr.CyclicLR.Mode;
import dev.jtorch.optim.lr.CyclicLR.ScaleMode;
import dev.jtorch.optim.lr.OneCycleLR.AnnealStrategy;
import dev.jtorch.optim.lr.ReduceLROnPlateau.ThresholdMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/** The Java twins of the cases in src/test/python/gen_lr_golden.py, by name. */
final class LrCases {
    private LrCases() {}

    /** A scheduler of either kind, stepped as the generator steps it. */
    interface Stepper {
        void step(int k, double[] metrics);

        Map<String, Object> stateDict();

        void loadStateDict(Map<String, ?> state);

        List<Double> getLastLr();
    }

    record Built(Optimizer optimizer, Stepper scheduler) {}

    static Optimizer sgd() {
        Tensor p1 = Torch.zeros(2).requiresGrad_();
        Tensor p2 = Torch.zeros(2).requiresGrad_();
        return new SGD(List.of(new ParamGroup(List.of(p1)).lr(0.1), new ParamGroup(List.of(p2)).lr(0.01).momentum(0.5)),
                new SGD.Options(0.05).momentum(0.9));
    }

    static Optimizer adam() {
        Tensor p1 = Torch.zeros(2).requiresGrad_();
        Tensor p2 = Torch.zeros(2).requiresGrad_();
        return new Adam(List.of(new ParamGroup(List.of(p1)).lr(1e-3),
                new ParamGroup(List.of(p2)).lr(3e-4).set("betas", new double[] {0.8, 0.99})), new Adam.Options());
    }

    /** A resumed optimizer: groups carry initial_lr (twice their lr) as a checkpoint would. */
    static Optimizer withInitialLr(Optimizer o) {
        for (ParamGroup g : o.paramGroups()) {
            g.set("initial_lr", g.lr() * 2);
        }
        return o;
    }

    static Stepper of(LRScheduler s) {
        return new Stepper() {
            @Override
            public void step(int k, double[] metrics) {
                s.step();
            }

            @Override
            public Map<String, Object> stateDict() {
                return s.stateDict();
            }

            @Override
            public void loadStateDict(Map<String, ?> state) {
                s.loadStateDict(state);
            }

            @Override
            public List<Double> getLastLr() {
                return s.getLastLr();
            }
        };
    }

    static Stepper fractional(CosineAnnealingWarmRestarts s) {
        return new Stepper() {
            @Override
            public void step(int k, double[] metrics) {
                s.step(k / 8 + (k % 8) / 8.0);
            }

            @Override
            public Map<String, Object> stateDict() {
                return s.stateDict();
            }

            @Override
            public void loadStateDict(Map<String, ?> state) {
                s.loadStateDict(state);
            }

            @Override
            public List<Double> getLastLr() {
                return s.getLastLr();
            }
        };
    }

    static Stepper of(ReduceLROnPlateau s) {
        return new Stepper() {
            @Override
            public void step(int k, double[] metrics) {
                s.step(metrics[k]);
            }

            @Override
            public Map<String, Object> stateDict() {
                return s.stateDict();
            }

            @Override
            public void loadStateDict(Map<String, ?> state) {
                s.loadStateDict(state);
            }

            @Override
            public List<Double> getLastLr() {
                return s.getLastLr();
            }
        };
    }

    private static Built sgdWith(Function<Optimizer, Stepper> build) {
        Optimizer o = sgd();
        return new Built(o, build.apply(o));
    }

    private static Built adamWith(Function<Optimizer, Stepper> build) {
        Optimizer o = adam();
        return new Built(o, build.apply(o));
    }

    private static Built resumedWith(Function<Optimizer, Stepper> build) {
        Optimizer o = withInitialLr(sgd());
        return new Built(o, build.apply(o));
    }

    static Built build(String name) {
        return switch (name) {
            case "StepLR_30" -> sgdWith(o -> of(new StepLR(o, 30)));
            case "StepLR_7_gamma05" -> sgdWith(o -> of(new StepLR(o, new StepLR.Options(7).gamma(0.5))));
            case "StepLR_resume" -> resumedWith(o -> of(new StepLR(o, new StepLR.Options(10).gamma(0.5).lastEpoch(19))));
            case "MultiStepLR" -> sgdWith(o -> of(new MultiStepLR(o,
                    new MultiStepLR.Options(List.of(30, 80, 80, 150)).gamma(0.3))));
            case "ConstantLR_default" -> sgdWith(o -> of(new ConstantLR(o)));
            case "ConstantLR_05_40" -> sgdWith(o -> of(new ConstantLR(o,
                    new ConstantLR.Options().factor(0.5).totalIters(40))));
            case "LinearLR_default" -> sgdWith(o -> of(new LinearLR(o)));
            case "LinearLR_warmup" -> sgdWith(o -> of(new LinearLR(o,
                    new LinearLR.Options().startFactor(0.25).endFactor(0.9).totalIters(60))));
            case "LinearLR_decay" -> sgdWith(o -> of(new LinearLR(o,
                    new LinearLR.Options().startFactor(1.0).endFactor(0.1).totalIters(150))));
            case "ExponentialLR" -> sgdWith(o -> of(new ExponentialLR(o, 0.97)));
            case "PolynomialLR_default" -> sgdWith(o -> of(new PolynomialLR(o)));
            case "PolynomialLR_square" -> sgdWith(o -> of(new PolynomialLR(o,
                    new PolynomialLR.Options().totalIters(120).power(2.0))));
            case "PolynomialLR_sqrt" -> sgdWith(o -> of(new PolynomialLR(o,
                    new PolynomialLR.Options().totalIters(180).power(0.5))));
            case "CosineAnnealingLR_50" -> sgdWith(o -> of(new CosineAnnealingLR(o, 50)));
            case "CosineAnnealingLR_30_eta" -> sgdWith(o -> of(new CosineAnnealingLR(o,
                    new CosineAnnealingLR.Options(30).etaMin(1e-4))));
            case "CosineAnnealingLR_resume" -> resumedWith(o -> of(new CosineAnnealingLR(o,
                    new CosineAnnealingLR.Options(40).etaMin(0.001).lastEpoch(5))));
            case "CosineAnnealingWarmRestarts_10" -> sgdWith(o -> of(new CosineAnnealingWarmRestarts(o, 10)));
            case "CosineAnnealingWarmRestarts_5_2" -> sgdWith(o -> of(new CosineAnnealingWarmRestarts(o,
                    new CosineAnnealingWarmRestarts.Options(5).tMult(2).etaMin(1e-5))));
            case "CosineAnnealingWarmRestarts_fractional_mult2" -> sgdWith(o -> fractional(
                    new CosineAnnealingWarmRestarts(o, new CosineAnnealingWarmRestarts.Options(3).tMult(2).etaMin(1e-4))));
            case "CosineAnnealingWarmRestarts_fractional_mult1" -> sgdWith(o -> fractional(
                    new CosineAnnealingWarmRestarts(o, 4)));
            case "CyclicLR_triangular" -> sgdWith(o -> of(new CyclicLR(o, new CyclicLR.Options(0.001, 0.1).stepSizeUp(20))));
            case "CyclicLR_triangular2_per_group" -> sgdWith(o -> of(new CyclicLR(o,
                    new CyclicLR.Options(new double[] {0.001, 0.0005}, new double[] {0.1, 0.05}).stepSizeUp(15)
                            .stepSizeDown(25).mode(Mode.TRIANGULAR2).baseMomentum(new double[] {0.8, 0.7})
                            .maxMomentum(new double[] {0.9, 0.95}))));
            case "CyclicLR_exp_range" -> sgdWith(o -> of(new CyclicLR(o,
                    new CyclicLR.Options(0.001, 0.1).stepSizeUp(10).mode(Mode.EXP_RANGE).gamma(0.99))));
            case "CyclicLR_custom_cycle" -> sgdWith(o -> of(new CyclicLR(o, new CyclicLR.Options(0.002, 0.05)
                    .stepSizeUp(12).scaleFn(x -> 1 / (1 + 0.5 * x)).cycleMomentum(false))));
            case "CyclicLR_custom_iterations" -> sgdWith(o -> of(new CyclicLR(o, new CyclicLR.Options(0.002, 0.05)
                    .stepSizeUp(7).stepSizeDown(13).scaleFn(x -> Math.pow(0.995, x)).scaleMode(ScaleMode.ITERATIONS))));
            case "CyclicLR_adam_no_momentum" -> adamWith(o -> of(new CyclicLR(o,
                    new CyclicLR.Options(1e-4, 1e-2).stepSizeUp(25).cycleMomentum(false))));
            case "OneCycleLR_cos" -> sgdWith(o -> of(new OneCycleLR(o, 0.1, 200)));
            case "OneCycleLR_linear_per_group" -> sgdWith(o -> of(new OneCycleLR(o,
                    new OneCycleLR.Options(new double[] {0.1, 0.05}).totalSteps(210)
                            .annealStrategy(AnnealStrategy.LINEAR).pctStart(0.25).divFactor(10.0).finalDivFactor(100.0))));
            case "OneCycleLR_three_phase_epochs" -> sgdWith(o -> of(new OneCycleLR(o, new OneCycleLR.Options(0.1)
                    .epochs(10).stepsPerEpoch(25).threePhase(true).baseMomentum(new double[] {0.8, 0.85})
                    .maxMomentum(new double[] {0.9, 0.99}))));
            case "OneCycleLR_adam" -> adamWith(o -> of(new OneCycleLR(o, 0.01, 200)));
            case "OneCycleLR_adam_three_phase_linear" -> adamWith(o -> of(new OneCycleLR(o,
                    new OneCycleLR.Options(new double[] {0.01, 0.003}).totalSteps(200).threePhase(true)
                            .annealStrategy(AnnealStrategy.LINEAR).baseMomentum(0.9).maxMomentum(0.97))));
            case "OneCycleLR_no_momentum" -> sgdWith(o -> of(new OneCycleLR(o,
                    new OneCycleLR.Options(0.1).totalSteps(200).cycleMomentum(false))));
            case "LambdaLR_single" -> sgdWith(o -> of(new LambdaLR(o, e -> Math.pow(0.95, e))));
            case "LambdaLR_per_group" -> sgdWith(o -> of(new LambdaLR(o, List.<IntToDoubleFunction>of(
                    e -> 1 / (1 + 0.05 * e), e -> Math.pow(0.9, Math.floorDiv(e, 10))))));
            case "MultiplicativeLR_single" -> sgdWith(o -> of(new MultiplicativeLR(o, e -> 0.98)));
            case "MultiplicativeLR_per_group" -> sgdWith(o -> of(new MultiplicativeLR(o, List.<IntToDoubleFunction>of(
                    e -> 0.99, e -> e % 10 == 0 ? 0.5 : 1.0))));
            case "SequentialLR_constant_exponential" -> sgdWith(o -> of(new SequentialLR(o, List.of(
                    new ConstantLR(o, new ConstantLR.Options().factor(0.1).totalIters(2)), new ExponentialLR(o, 0.9)),
                    List.of(2))));
            case "SequentialLR_warmup_cosine" -> sgdWith(o -> of(new SequentialLR(o, List.of(
                    new LinearLR(o, new LinearLR.Options().startFactor(0.1).totalIters(10)),
                    new CosineAnnealingLR(o, 190)), List.of(10))));
            case "SequentialLR_three" -> sgdWith(o -> of(new SequentialLR(o, List.of(
                    new LinearLR(o, new LinearLR.Options().startFactor(0.2).totalIters(10)),
                    new StepLR(o, new StepLR.Options(20).gamma(0.5)), new CosineAnnealingWarmRestarts(o, 15)),
                    List.of(10, 100))));
            case "SequentialLR_multiplicative_polynomial" -> sgdWith(o -> of(new SequentialLR(o, List.of(
                    new MultiplicativeLR(o, e -> 0.97), new PolynomialLR(o, new PolynomialLR.Options().totalIters(50)
                            .power(2.0))), List.of(60))));
            case "SequentialLR_exponential_multistep" -> sgdWith(o -> of(new SequentialLR(o, List.of(
                    new ExponentialLR(o, 0.95), new MultiStepLR(o, new MultiStepLR.Options(List.of(20, 40, 40))
                            .gamma(0.5))), List.of(50))));
            case "ChainedScheduler_constant_exponential" -> sgdWith(o -> of(new ChainedScheduler(List.of(
                    new ConstantLR(o, new ConstantLR.Options().factor(0.1).totalIters(2)), new ExponentialLR(o, 0.9)))));
            case "ChainedScheduler_warmup_step_multistep" -> sgdWith(o -> of(new ChainedScheduler(List.of(
                    new LinearLR(o, new LinearLR.Options().startFactor(0.5).totalIters(20)),
                    new StepLR(o, new StepLR.Options(25).gamma(0.7)),
                    new MultiStepLR(o, new MultiStepLR.Options(List.of(60, 120)).gamma(0.5))))));
            case "ChainedScheduler_cosine_constant" -> sgdWith(o -> of(new ChainedScheduler(List.of(
                    new CosineAnnealingLR(o, 40), new ConstantLR(o, new ConstantLR.Options().factor(0.5).totalIters(30))))));
            case "ReduceLROnPlateau_default" -> sgdWith(o -> of(new ReduceLROnPlateau(o)));
            case "ReduceLROnPlateau_min_abs_cooldown" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().mode(dev.jtorch.Mode.MIN).factor(0.5).patience(3)
                            .threshold(1e-3).thresholdMode(ThresholdMode.ABS).cooldown(4))));
            case "ReduceLROnPlateau_max_rel" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().mode(dev.jtorch.Mode.MAX).factor(0.3).patience(5)
                            .threshold(1e-2))));
            case "ReduceLROnPlateau_max_abs_cooldown" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().mode(dev.jtorch.Mode.MAX).thresholdMode(ThresholdMode.ABS)
                            .threshold(0.0).patience(2).cooldown(1))));
            case "ReduceLROnPlateau_min_lr_per_group" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().factor(0.5).patience(1).minLr(new double[] {0.01, 1e-4}))));
            case "ReduceLROnPlateau_min_lr_eps" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().factor(0.7).patience(0).minLr(0.005).eps(1e-3))));
            case "ReduceLROnPlateau_patience0_cooldown3" -> sgdWith(o -> of(new ReduceLROnPlateau(o,
                    new ReduceLROnPlateau.Options().factor(0.9).patience(0).cooldown(3))));
            default -> throw new IllegalArgumentException("no Java twin for golden case " + name);
        };
    }

    /** Every group's momentum ({@code "momentum"}) or first beta ({@code "beta1"}). */
    static double[] momenta(Optimizer o, String key) {
        List<ParamGroup> groups = o.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = key.equals("momentum") ? groups.get(i).getDouble("momentum") : groups.get(i).getDoubles("betas")[0];
        }
        return out;
    }

    static double[] lrs(Optimizer o) {
        return o.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }
}
