package dev.jtorch.optim;

import static dev.jtorch.testing.Golden.doubleArray;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.nn.functional.F;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * golden/optimizers_more.json: Adamax, NAdam, RAdam and Adadelta step, save their state and print as Python PyTorch's
 * do (parameters after each of 25 steps, the final state dict, the repr).
 */
class MoreOptimizersGoldenTest {
    static final JsonNode GOLDEN = Golden.load("optimizers_more.json");

    static Stream<Arguments> configs() {
        return OptimGolden.cases(GOLDEN.get("configs"));
    }

    static double[] pair(JsonNode kw, String key) {
        JsonNode t = kw.get(key).get("tuple");
        return new double[] {t.get(0).asDouble(), t.get(1).asDouble()};
    }

    /** Builds the optimizer a configuration names, through the public Options API. */
    static Optimizer build(JsonNode config, List<Parameter> params) {
        String cls = config.get("class").asText();
        JsonNode kw = config.get("kwargs");
        switch (cls) {
            case "Adamax": {
                Adamax.Options o = kw.has("lr") ? new Adamax.Options(kw.get("lr").asDouble()) : new Adamax.Options();
                if (kw.has("betas")) o.betas(pair(kw, "betas")[0], pair(kw, "betas")[1]);
                if (kw.has("eps")) o.eps(kw.get("eps").asDouble());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("maximize")) o.maximize(kw.get("maximize").asBoolean());
                return new Adamax(params, o);
            }
            case "NAdam": {
                NAdam.Options o = kw.has("lr") ? new NAdam.Options(kw.get("lr").asDouble()) : new NAdam.Options();
                if (kw.has("betas")) o.betas(pair(kw, "betas")[0], pair(kw, "betas")[1]);
                if (kw.has("eps")) o.eps(kw.get("eps").asDouble());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("momentum_decay")) o.momentumDecay(kw.get("momentum_decay").asDouble());
                return new NAdam(params, o);
            }
            case "RAdam": {
                RAdam.Options o = kw.has("lr") ? new RAdam.Options(kw.get("lr").asDouble()) : new RAdam.Options();
                if (kw.has("betas")) o.betas(pair(kw, "betas")[0], pair(kw, "betas")[1]);
                if (kw.has("eps")) o.eps(kw.get("eps").asDouble());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                return new RAdam(params, o);
            }
            case "Adadelta": {
                Adadelta.Options o = kw.has("lr") ? new Adadelta.Options(kw.get("lr").asDouble())
                        : new Adadelta.Options();
                if (kw.has("rho")) o.rho(kw.get("rho").asDouble());
                if (kw.has("eps")) o.eps(kw.get("eps").asDouble());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("maximize")) o.maximize(kw.get("maximize").asBoolean());
                return new Adadelta(params, o);
            }
            default:
                throw new IllegalArgumentException(cls);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void stepsLikePyTorch(String name, JsonNode config) {
        OptimGolden.Problem p = new OptimGolden.Problem(GOLDEN);
        Optimizer opt = build(config, List.of(p.w, p.b));
        int step = 0;
        for (JsonNode expected : config.get("trajectory")) {
            p.step(opt);
            step++;
            Golden.assertClose(doubleArray(expected.get("W")), p.w.detach().toDoubleArray(), 1e-6, 1e-6,
                    name + " W after step " + step);
            Golden.assertClose(doubleArray(expected.get("b")), p.b.detach().toDoubleArray(), 1e-6, 1e-6,
                    name + " b after step " + step);
        }
        assertEquals(config.get("repr").asText(), opt.toString(), name + " repr");
        OptimGolden.checkStateDict(name, config, opt.stateDict());
    }

    /**
     * Python's state dict (from the golden file, as Torch.load gives it) loads into a fresh jtorch optimizer halfway,
     * which then continues as Python's did: the layouts interoperate.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aStateDictRoundTripContinuesInLockStep(String name, JsonNode config) {
        OptimGolden.Problem a = new OptimGolden.Problem(GOLDEN);
        Optimizer optA = build(config, List.of(a.w, a.b));
        for (int i = 0; i < 5; i++) {
            a.step(optA);
        }
        OptimGolden.Problem b = new OptimGolden.Problem(GOLDEN);
        try (var g = Torch.noGrad()) {
            b.w.copy_(a.w);
            b.b.copy_(a.b);
        }
        Optimizer optB = build(config, List.of(b.w, b.b));
        optB.loadStateDict(optA.stateDict());
        for (int i = 0; i < 5; i++) {
            a.step(optA);
            b.step(optB);
            assertEquals(List.of(a.w.detach().toDoubleArray().length), List.of(b.w.detach().toDoubleArray().length));
            Golden.assertClose(a.w.detach().toDoubleArray(), b.w.detach().toDoubleArray(), 0, 0, name + " " + i);
        }
        assertEquals(optA.toString(), optB.toString());
    }

    static Stream<Arguments> lbfgsCases() {
        return OptimGolden.cases(GOLDEN.get("lbfgs"));
    }

    /** LBFGS's options from the golden case's keyword arguments, through the public Options API. */
    static LBFGS.Options lbfgsOptions(JsonNode kw) {
        LBFGS.Options o = kw.has("lr") ? new LBFGS.Options(kw.get("lr").asDouble()) : new LBFGS.Options();
        if (kw.has("max_iter")) o.maxIter(kw.get("max_iter").asInt());
        if (kw.has("max_eval")) o.maxEval(kw.get("max_eval").asInt());
        if (kw.has("history_size")) o.historySize(kw.get("history_size").asInt());
        if (kw.has("tolerance_change")) o.toleranceChange(kw.get("tolerance_change").asDouble());
        if (kw.has("tolerance_grad")) o.toleranceGrad(kw.get("tolerance_grad").asDouble());
        if (kw.has("line_search_fn")) {
            assertEquals("strong_wolfe", kw.get("line_search_fn").asText());
            o.lineSearchFn(LBFGS.LineSearchFn.STRONG_WOLFE);
        }
        return o;
    }

    /**
     * LBFGS on gen_optim_more_golden.py's least-squares and Rosenbrock problems: after each {@code step(closure)} the
     * parameters, the returned loss, the number of closure calls, {@code func_evals} and {@code n_iter} are Python's,
     * and so are the final state dict (with Python's kinds of numbers: {@code t} an int, a float or a tensor) and
     * the repr.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lbfgsCases")
    void lbfgsStepsLikePyTorch(String name, JsonNode config) {
        dev.jtorch.DType dtype = config.get("dtype").asText().equals("float64") ? dev.jtorch.DType.FLOAT64
                : dev.jtorch.DType.FLOAT32;
        List<Parameter> params;
        java.util.function.Supplier<Tensor> f;
        if (config.get("problem").asText().equals("lstsq")) {
            Tensor x = Torch.tensor(doubleArray(GOLDEN.get("X")), dtype).view(16, 4).keep();
            Tensor y = Torch.tensor(doubleArray(GOLDEN.get("Y")), dtype).view(16, 3).keep();
            Parameter w = new Parameter(Torch.tensor(doubleArray(GOLDEN.get("W0")), dtype).view(3, 4));
            Parameter b = new Parameter(Torch.tensor(doubleArray(GOLDEN.get("b0")), dtype));
            params = List.of(w, b);
            f = () -> F.mseLoss(x.matmul(w.t()).add(b), y, Reduction.MEAN);
        } else {
            Parameter x = new Parameter(Torch.tensor(new double[] {-1.5, 2.0}, dtype));
            params = List.of(x);
            // (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
            f = () -> x.select(0, 0).rsub(1).pow(2).add(x.select(0, 1).sub(x.select(0, 0).pow(2)).pow(2).mul(100));
        }
        LBFGS opt = new LBFGS(params, lbfgsOptions(config.get("kwargs")));
        int[] calls = {0};
        java.util.function.Supplier<Tensor> closure = () -> {
            calls[0]++;
            opt.zeroGrad();
            Tensor loss = f.get();
            loss.backward();
            return loss;
        };
        int step = 0;
        for (JsonNode expected : config.get("trajectory")) {
            step++;
            try (TensorScope s = new TensorScope("lbfgs step")) {
                Tensor loss = opt.step(closure);
                assertEquals(expected.get("loss").asDouble(), loss.item(),
                        1e-6 * Math.max(1, Math.abs(expected.get("loss").asDouble())), name + " loss of step " + step);
            }
            for (int i = 0; i < params.size(); i++) {
                Golden.assertClose(doubleArray(expected.get("params").get(i)), params.get(i).detach().toDoubleArray(),
                        1e-5, 1e-6, name + " param " + i + " after step " + step);
            }
            assertEquals(expected.get("closure_calls").asInt(), calls[0], name + " closure calls after step " + step);
            assertEquals(expected.get("func_evals").asLong(), opt.state(params.get(0)).get("func_evals"),
                    name + " func_evals after step " + step);
            assertEquals(expected.get("n_iter").asLong(), opt.state(params.get(0)).get("n_iter"),
                    name + " n_iter after step " + step);
        }
        assertEquals(config.get("repr").asText(), opt.toString(), name + " repr");
        OptimGolden.checkStateDict(name, config, opt.stateDict());
    }

    // ---------------------------------------------------------------- swa_utils

    static Stream<Arguments> swalrCases() {
        return OptimGolden.cases(GOLDEN.get("swalr"));
    }

    /** SWALR's learning rates after construction and each step, its state dict and the groups' keys are Python's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("swalrCases")
    void swalrSchedulesLikePyTorch(String name, JsonNode config) {
        Parameter a = new Parameter(Torch.zeros(2));
        Parameter b = new Parameter(Torch.zeros(3));
        SGD opt = new SGD(List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b)).lr(0.05)),
                new SGD.Options(0.1).momentum(0.9));
        JsonNode swaLr = config.get("swa_lr");
        dev.jtorch.optim.swa.SWALR.Options o = swaLr.isArray()
                ? new dev.jtorch.optim.swa.SWALR.Options(doubleArray(swaLr))
                : new dev.jtorch.optim.swa.SWALR.Options(swaLr.asDouble());
        o.annealEpochs(config.get("anneal_epochs").asInt());
        o.annealStrategy(config.get("anneal_strategy").asText().equals("cos")
                ? dev.jtorch.optim.swa.SWALR.AnnealStrategy.COS : dev.jtorch.optim.swa.SWALR.AnnealStrategy.LINEAR);
        var sched = new dev.jtorch.optim.swa.SWALR(opt, o);
        JsonNode lrs = config.get("lrs");
        Golden.assertClose(doubleArray(lrs.get(0)),
                sched.getLastLr().stream().mapToDouble(Double::doubleValue).toArray(), 0, 0,
                name + " lr after construction");
        for (int i = 1; i < lrs.size(); i++) {
            opt.step();
            sched.step();
            double[] got = sched.getLastLr().stream().mapToDouble(Double::doubleValue).toArray();
            Golden.assertClose(doubleArray(lrs.get(i)), got, 0, 0, name + " lr after step " + i);
        }
        Map<String, Object> sd = sched.stateDict();
        List<String> keys = new ArrayList<>();
        config.get("state_dict").fieldNames().forEachRemaining(keys::add);
        assertEquals(keys, new ArrayList<>(sd.keySet()), name + " state dict keys");
        assertEquals(config.get("state_dict").get("_step_count").asInt(), sd.get("_step_count"));
        assertEquals(config.get("state_dict").get("anneal_epochs").asInt(), sd.get("anneal_epochs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> g0 = ((List<Map<String, Object>>) opt.stateDict().get("param_groups")).get(0);
        List<String> groupKeys = new ArrayList<>();
        config.get("group_keys").get(0).forEach(k -> groupKeys.add(k.asText()));
        assertEquals(groupKeys, new ArrayList<>(g0.keySet()), name + " group keys");
        assertEquals(config.get("optimizer_repr").asText(), opt.toString(), name + " optimizer repr");
    }

    static void assertStateDict(JsonNode expected, Map<String, Tensor> actual, String what) {
        List<String> keys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys, new ArrayList<>(actual.keySet()), what + " keys");
        for (String k : keys) {
            Golden.assertClose(doubleArray(expected.get(k)), actual.get(k).toDoubleArray(), 1e-5, 1e-6, what + " " + k);
        }
    }

    /**
     * The docs' SWA recipe on a small classifier: SGD under CosineAnnealingLR, from epoch 3 on AveragedModel updates
     * and SWALR; an EMA AveragedModel (the docs' avg_fn, use_buffers) after every batch; then update_bn. Averaged
     * parameters and buffers, n_averaged, the learning rates, the state dict keys, the repr and the recomputed
     * running statistics are Python's.
     */
    @org.junit.jupiter.api.Test
    void swaAndEmaAverageLikePyTorch() {
        JsonNode g = GOLDEN.get("swa");
        java.util.function.Supplier<dev.jtorch.nn.Sequential> factory = () -> new dev.jtorch.nn.Sequential(
                new dev.jtorch.nn.Linear(4, 8), new dev.jtorch.nn.BatchNorm1d(8), new dev.jtorch.nn.ReLU(),
                new dev.jtorch.nn.Linear(8, 3));
        Torch.manualSeed(0);
        dev.jtorch.nn.Sequential model = factory.get();
        assertStateDict(g.get("init"), model.stateDict(), "initial model");
        Tensor x = Torch.tensor(doubleArray(g.get("X"))).view(32, 4).keep();
        long[] labels = new long[g.get("Y").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = g.get("Y").get(i).asLong();
        }
        Tensor y = Torch.tensor(labels).keep();
        List<List<Tensor>> loader = new ArrayList<>();
        for (int i = 0; i < 32; i += 8) {
            loader.add(List.of(x.narrow(0, i, 8).keep(), y.narrow(0, i, 8).keep()));
        }
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.1));
        var scheduler = new dev.jtorch.optim.lr.CosineAnnealingLR(opt, 10);
        var swaModel = new dev.jtorch.optim.swa.AveragedModel<>(model, factory);
        // ema_avg = lambda averaged_model_parameter, model_parameter, num_averaged:
        //     0.1 * averaged_model_parameter + 0.9 * model_parameter
        var emaModel = new dev.jtorch.optim.swa.AveragedModel<>(model, factory,
                (averaged, current, numAveraged) -> averaged.mul(0.1).add(current.mul(0.9)), true);
        var swaScheduler = new dev.jtorch.optim.swa.SWALR(opt, new dev.jtorch.optim.swa.SWALR.Options(0.05)
                .annealEpochs(2));
        int swaStart = 3;
        for (int epoch = 0; epoch < 7; epoch++) {
            double last = 0;
            for (List<Tensor> batch : loader) {
                try (TensorScope s = new TensorScope("batch")) {
                    opt.zeroGrad();
                    Tensor loss = F.crossEntropy(model.forward(batch.get(0)), batch.get(1));
                    loss.backward();
                    opt.step();
                    emaModel.updateParameters(model);
                    last = loss.item();
                }
            }
            if (epoch >= swaStart) {
                swaModel.updateParameters(model);
                swaScheduler.step();
            } else {
                scheduler.step();
            }
            JsonNode e = g.get("epochs").get(epoch);
            assertEquals(e.get("lr").asDouble(), opt.paramGroups().get(0).lr(), 1e-15, "lr of epoch " + epoch);
            assertEquals(e.get("loss").asDouble(), last, 1e-5, "loss of epoch " + epoch);
            assertStateDict(e.get("swa"), swaModel.stateDict(), "swa model after epoch " + epoch);
            assertStateDict(e.get("ema"), emaModel.stateDict(), "ema model after epoch " + epoch);
        }
        List<String> swaKeys = new ArrayList<>();
        g.get("swa_keys").forEach(k -> swaKeys.add(k.asText()));
        assertEquals(swaKeys, new ArrayList<>(swaModel.stateDict().keySet()));
        assertEquals(g.get("swa_repr").asText(), swaModel.toString());
        assertEquals(dev.jtorch.DType.INT64, swaModel.nAveraged().dtype());
        var bn = (dev.jtorch.nn.BatchNorm1d) swaModel.module.get(1);
        Golden.assertClose(doubleArray(g.get("bn_before_update_bn").get("running_mean")),
                bn.runningMean().toDoubleArray(), 1e-5, 1e-6, "running mean before update_bn");
        swaModel.train(false);
        dev.jtorch.optim.swa.SwaUtils.updateBn(loader, swaModel);
        assertStateDict(g.get("after_update_bn"), swaModel.stateDict(), "swa model after update_bn");
        assertEquals(g.get("training_after_update_bn").asBoolean(), swaModel.isTraining());
        assertEquals(g.get("bn_momentum_after").asDouble(), bn.momentum(), "momentum restored");
        try (var ng = Torch.noGrad()) {
            Golden.assertClose(doubleArray(g.get("eval_output")), swaModel.forward(x.narrow(0, 0, 4)).toDoubleArray(),
                    1e-5, 1e-6, "swa model output");
        }
    }
}
