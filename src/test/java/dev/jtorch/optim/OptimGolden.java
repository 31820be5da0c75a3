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
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the optimizer golden tests share (golden/optimizers.json of gen_optim_golden.py, golden/optimizers_more.json
 * of gen_optim_more_golden.py): the named cases of a JSON object, the least-squares problem both generators write,
 * and the comparison of a state dict with Python's.
 */
final class OptimGolden {
    private OptimGolden() {}

    /** The entries of a JSON object as (name, case) arguments, in the file's order. */
    static Stream<Arguments> cases(JsonNode object) {
        List<Arguments> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Arguments.of(e.getKey(), e.getValue()));
        }
        return out.stream();
    }

    /** The least-squares problem of the generators (X, Y, W0, b0), rebuilt from a golden file. */
    static final class Problem {
        final Tensor x;
        final Tensor y;
        final Parameter w;
        final Parameter b;

        Problem(JsonNode golden) {
            x = fromGolden(golden, "X", 16, 4).keep();
            y = fromGolden(golden, "Y", 16, 3).keep();
            w = new Parameter(fromGolden(golden, "W0", 3, 4).clone());
            b = new Parameter(fromGolden(golden, "b0", 3).clone());
        }

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

        private static Tensor fromGolden(JsonNode golden, String key, long... shape) {
            return Torch.tensor(Golden.doubleArray(golden.get(key))).view(shape);
        }
    }

    /**
     * The state dict equals Python's: per parameter the state's keys in order and their values (see
     * {@link #checkValue}), and each parameter group's keys in order.
     */
    @SuppressWarnings("unchecked")
    static void checkStateDict(String name, JsonNode config, Map<String, Object> sd) {
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
                checkValue(name + " " + k, e.getValue().get(k), actual.get(k));
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

    /**
     * One state value as the generators write it: a tensor (values within 1e-5: state sums many float32 terms of
     * both signs, e.g. RMSprop's momentum buffer after 25 steps, so last-bit differences of the gradients grow by the
     * cancellation; dtype and rank exact), a list, a Python float, None, or an int.
     */
    static void checkValue(String what, JsonNode v, Object a) {
        if (v.isObject() && v.has("tensor")) {
            assertTrue(a instanceof Tensor, what + " is a tensor: " + a);
            Tensor t = (Tensor) a;
            Golden.assertClose(Golden.doubleArray(v.get("tensor")), t.toDoubleArray(), 1e-5, 1e-5, what);
            assertEquals(v.get("dtype").asText(), t.dtype().toString(), what + " dtype");
            assertEquals(v.get("shape").size(), t.dim(), what + " dims");
        } else if (v.isObject() && v.has("list")) {
            assertTrue(a instanceof List, what + " is a list: " + a);
            List<?> l = (List<?>) a;
            assertEquals(v.get("list").size(), l.size(), what + " length");
            for (int i = 0; i < l.size(); i++) {
                checkValue(what + "[" + i + "]", v.get("list").get(i), l.get(i));
            }
        } else if (v.isObject() && v.has("float")) {
            assertTrue(a instanceof Double, what + " is a float: " + a);
            double e = v.get("float").asDouble();
            assertEquals(e, (Double) a, 1e-6 * Math.max(1, Math.abs(e)), what);
        } else if (v.isNull()) {
            assertEquals(null, a, what);
        } else {
            assertTrue(a instanceof Long || a instanceof Integer, what + " is an int: " + a);
            assertEquals(v.asLong(), ((Number) a).longValue(), what);
        }
    }
}
