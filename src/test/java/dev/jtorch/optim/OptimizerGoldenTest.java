package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer configuration of golden/optimizers.json: the parameters after each of 25 steps, the final state
 * dict and the printed optimizer equal Python PyTorch's.
 */
class OptimizerGoldenTest {
    static final JsonNode GOLDEN = Golden.load("optimizers.json");

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = GOLDEN.get("configs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Arguments.of(e.getKey(), e.getValue()));
        }
        return out.stream();
    }

    /** The problem's data and initial parameters, rebuilt from the golden file. */
    static final class Problem {
        final Tensor x = fromGolden("X", 16, 4).keep();
        final Tensor y = fromGolden("Y", 16, 3).keep();
        final Parameter w = new Parameter(fromGolden("W0", 3, 4).clone());
        final Parameter b = new Parameter(fromGolden("b0", 3).clone());

        Tensor loss() {
            return F.mseLoss(F.linear(x, w, b), y, Reduction.MEAN);
        }

        void step(Optimizer opt) {
            try (TensorScope s = new TensorScope("step")) {
                opt.zeroGrad();
                loss().backward();
                opt.step();
            }
        }

        private static Tensor fromGolden(String key, long... shape) {
            JsonNode v = GOLDEN.get(key);
            double[] d = new double[v.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = v.get(i).asDouble();
            }
            return Torch.tensor(d).view(shape);
        }
    }

    static double[] doubles(JsonNode v) {
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.get(i).asDouble();
        }
        return d;
    }

    /** Builds the optimizer a configuration names, through the public Options API. */
    static Optimizer build(JsonNode config, Problem p) {
        String cls = config.get("class").asText();
        JsonNode kw = config.get("kwargs");
        List<Parameter> params = List.of(p.w, p.b);
        boolean groups = config.has("groups");
        List<ParamGroup> two = groups ? List.of(new ParamGroup(List.of(p.w)), new ParamGroup(List.of(p.b)).lr(0.01))
                : null;
        switch (cls) {
            case "SGD": {
                SGD.Options o = new SGD.Options(kw.get("lr").asDouble());
                if (kw.has("momentum")) o.momentum(kw.get("momentum").asDouble());
                if (kw.has("dampening")) o.dampening(kw.get("dampening").asDouble());
                if (kw.has("nesterov")) o.nesterov(kw.get("nesterov").asBoolean());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("maximize")) o.maximize(kw.get("maximize").asBoolean());
                return groups ? new SGD(two, o) : new SGD(params, o);
            }
            case "Adam":
            case "AdamW": {
                Adam.Options o = cls.equals("Adam") ? new Adam.Options() : new AdamW.Options();
                if (kw.has("lr")) o.values.put("lr", kw.get("lr").asDouble());
                if (kw.has("betas")) o.betas(kw.get("betas").get("tuple").get(0).asDouble(),
                        kw.get("betas").get("tuple").get(1).asDouble());
                if (kw.has("eps")) o.eps(kw.get("eps").asDouble());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("amsgrad")) o.amsgrad(kw.get("amsgrad").asBoolean());
                if (kw.has("maximize")) o.maximize(kw.get("maximize").asBoolean());
                return cls.equals("Adam") ? new Adam(params, o) : new AdamW(params, (AdamW.Options) o);
            }
            case "RMSprop": {
                RMSprop.Options o = new RMSprop.Options(kw.has("lr") ? kw.get("lr").asDouble() : 1e-2);
                if (kw.has("momentum")) o.momentum(kw.get("momentum").asDouble());
                if (kw.has("centered")) o.centered(kw.get("centered").asBoolean());
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                if (kw.has("alpha")) o.alpha(kw.get("alpha").asDouble());
                return new RMSprop(params, o);
            }
            case "Adagrad": {
                Adagrad.Options o = new Adagrad.Options(kw.has("lr") ? kw.get("lr").asDouble() : 1e-2);
                if (kw.has("lr_decay")) o.lrDecay(kw.get("lr_decay").asDouble());
                if (kw.has("initial_accumulator_value")) {
                    o.initialAccumulatorValue(kw.get("initial_accumulator_value").asDouble());
                }
                if (kw.has("weight_decay")) o.weightDecay(kw.get("weight_decay").asDouble());
                return new Adagrad(params, o);
            }
            default:
                throw new IllegalArgumentException(cls);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void stepsLikePyTorch(String name, JsonNode config) {
        Problem p = new Problem();
        Optimizer opt = build(config, p);
        int step = 0;
        for (JsonNode expected : config.get("trajectory")) {
            p.step(opt);
            step++;
            Golden.assertClose(doubles(expected.get("W")), toDoubles(p.w), 1e-6, 1e-6, name + " W after step " + step);
            Golden.assertClose(doubles(expected.get("b")), toDoubles(p.b), 1e-6, 1e-6, name + " b after step " + step);
        }
        assertEquals(config.get("repr").asText(), opt.toString(), name + " repr");
        checkStateDict(name, config, opt.stateDict());
    }

    private static double[] toDoubles(Tensor t) {
        return t.detach().toDoubleArray();
    }

    @SuppressWarnings("unchecked")
    private static void checkStateDict(String name, JsonNode config, Map<String, Object> sd) {
        Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) sd.get("state");
        JsonNode expected = config.get("state");
        assertEquals(expected.size(), state.size(), name + " state entries");
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Object> actual = state.get(Integer.parseInt(e.getKey()));
            List<String> keys = new ArrayList<>();
            e.getValue().fieldNames().forEachRemaining(keys::add);
            assertEquals(keys, new ArrayList<>(actual.keySet()), name + " state keys of " + e.getKey());
            for (String k : keys) {
                JsonNode v = e.getValue().get(k);
                Object a = actual.get(k);
                if (v.isObject() && v.has("tensor")) {
                    assertTrue(a instanceof Tensor, name + " " + k + " is a tensor");
                    // State sums many float32 terms of both signs (RMSprop's momentum buffer after 25 steps): last-bit
                    // differences of the gradients grow by the cancellation, hence a looser bound than for parameters.
                    Golden.assertClose(doubles(v.get("tensor")), ((Tensor) a).toDoubleArray(), 1e-5, 1e-5, name + " " + k);
                    assertEquals(v.get("dtype").asText(), ((Tensor) a).dtype().toString());
                } else if (v.isNull()) {
                    assertEquals(null, a, name + " " + k);
                } else {
                    assertEquals(v.asLong(), ((Number) a).longValue(), name + " " + k);
                }
            }
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) sd.get("param_groups");
        JsonNode eg = config.get("param_groups");
        assertEquals(eg.size(), groups.size());
        for (int i = 0; i < groups.size(); i++) {
            List<String> keys = new ArrayList<>();
            eg.get(i).fieldNames().forEachRemaining(keys::add);
            assertEquals(keys, new ArrayList<>(groups.get(i).keySet()), name + " group keys");
        }
    }
}
