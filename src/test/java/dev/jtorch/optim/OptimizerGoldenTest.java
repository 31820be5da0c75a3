package dev.jtorch.optim;

import static dev.jtorch.testing.Golden.doubleArray;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.nn.Parameter;
import dev.jtorch.testing.Golden;
import java.util.List;
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
        return OptimGolden.cases(GOLDEN.get("configs"));
    }

    /** Builds the optimizer a configuration names, through the public Options API. */
    static Optimizer build(JsonNode config, OptimGolden.Problem p) {
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
        OptimGolden.Problem p = new OptimGolden.Problem(GOLDEN);
        Optimizer opt = build(config, p);
        int step = 0;
        for (JsonNode expected : config.get("trajectory")) {
            p.step(opt);
            step++;
            Golden.assertClose(doubleArray(expected.get("W")), toDoubles(p.w), 1e-6, 1e-6, name + " W after step " + step);
            Golden.assertClose(doubleArray(expected.get("b")), toDoubles(p.b), 1e-6, 1e-6, name + " b after step " + step);
        }
        assertEquals(config.get("repr").asText(), opt.toString(), name + " repr");
        OptimGolden.checkStateDict(name, config, opt.stateDict());
    }

    private static double[] toDoubles(Tensor t) {
        return t.detach().toDoubleArray();
    }
}
