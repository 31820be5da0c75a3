package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Access to golden/nn_modules.json (written by src/test/python/gen_nn_golden.py) and comparisons against it. */
final class NnGolden {
    /** The parsed golden file. */
    static final JsonNode ROOT = Golden.load("nn_modules.json");

    /**
     * Tolerance for computed values: 1e-6, absolute or relative. libtorch 2.10's float32 kernels (matmul,
     * convolution, reductions) may round the last bit differently from Python's 1.13.
     */
    static final double TOL = 1e-6;

    private NnGolden() {}

    /** Asserts shape, dtype and values; {@code tol} 0 demands the exact float32 values. */
    static void assertTensor(JsonNode expected, Tensor actual, double tol, String what) {
        assertArrayEquals(Golden.shape(expected), actual.shape().toArray(), what + ": shape");
        assertEquals(Golden.dtype(expected), actual.dtype(), what + ": dtype");
        if (!actual.dtype().isFloatingPoint()) {
            assertArrayEquals(Golden.longs(expected), actual.toLongArray(), what);
            return;
        }
        double[] want = Golden.doubles(expected);
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs(want[i] - got[i]);
            boolean ok = tol == 0 ? Double.compare(want[i], got[i]) == 0 || want[i] == got[i]
                    : diff <= tol || diff <= tol * Math.abs(want[i]) || Double.compare(want[i], got[i]) == 0;
            if (!ok) {
                fail(what + ": element " + i + " expected " + want[i] + " but was " + got[i] + " (diff " + diff + ")");
            }
        }
    }

    /** Compares a list of named golden tensors (a state dict, gradients) with Java's, keys in order. */
    static void assertNamed(JsonNode expected, Map<String, ? extends Tensor> actual, double tol, String what) {
        assertEquals(Golden.names(expected), new ArrayList<>(actual.keySet()), what + ": keys");
        for (JsonNode c : expected) {
            String k = c.get("name").asText();
            assertTensor(c, actual.get(k), tol, what + " " + k);
        }
    }

    /** Draws an input as the generator does: ["randn", shape] or ["randint", low, high, shape]. */
    static Tensor draw(JsonNode spec) {
        String kind = spec.get(0).asText();
        if (kind.equals("randn")) {
            return Torch.randn(longs(spec.get(1)));
        }
        if (kind.equals("randint")) {
            return Torch.randint(spec.get(1).asLong(), spec.get(2).asLong(), longs(spec.get(3)));
        }
        throw new IllegalArgumentException("unknown input spec " + spec);
    }

    static long[] longs(JsonNode array) {
        return Golden.longArray(array);
    }

    /** The gradients of a module's parameters that have one, by name. */
    static Map<String, Tensor> grads(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            Tensor g = e.getValue().grad();
            if (g != null) {
                out.put(e.getKey(), g);
            }
        }
        return out;
    }

    /** The golden tensors of a case's "tensors" list, rebuilt by name. */
    static Map<String, Tensor> tensors(JsonNode list) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode c : list) {
            out.put(c.get("name").asText(), Golden.tensor(c));
        }
        return out;
    }

    /**
     * One dynamic test per module case of a golden file (gen_nn_golden.py's and gen_nn_more_golden.py's "modules"):
     * built by the Java twin {@code builders} names, after {@code torch.manual_seed(seed)}, its repr and initial state,
     * the input drawn after construction, then in train and eval mode the output, the input's and the parameters'
     * gradients after backward of a sum, and the state after the forward passes.
     */
    static Stream<DynamicTest> moduleTests(JsonNode modules, Map<String, Supplier<Module>> builders) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : modules) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + ": " + c.get("python").asText(), () -> checkModule(c, builders)));
        }
        return tests.stream();
    }

    private static void checkModule(JsonNode c, Map<String, Supplier<Module>> builders) {
        String name = c.get("name").asText();
        Supplier<Module> builder = builders.get(name);
        assertNotNull(builder, "no Java twin for " + name);
        try (TensorScope s = new TensorScope(name)) {
            Torch.manualSeed(c.get("seed").asLong());
            Module m = builder.get();
            assertEquals(c.get("repr").asText(), m.toString(), name + ": repr");
            assertNamed(c.get("state"), m.stateDict(), 0.0, name + ": initial state");
            Tensor x = NnGolden.draw(c.get("input_spec"));
            assertTensor(c.get("input"), x, 0.0, name + ": input drawn after construction");
            List<Tensor> extra = new ArrayList<>();
            for (int i = 0; i < c.get("extra_batches").asInt(); i++) {
                extra.add(NnGolden.draw(c.get("input_spec")));
            }
            for (String mode : List.of("train", "eval")) {
                if (c.has(mode)) {
                    checkMode(m, x, extra, mode.equals("train"), c.get(mode), name + " [" + mode + "]");
                }
            }
        }
    }

    private static void checkMode(Module m, Tensor x, List<Tensor> extra, boolean training, JsonNode want,
            String what) {
        m.train(training);
        m.zeroGrad();
        if (training) {
            try (var g = Torch.noGrad()) {
                for (Tensor e : extra) {
                    m.forward(e);
                }
            }
        }
        boolean floating = x.dtype().isFloatingPoint();
        Tensor xi = x.clone().requiresGrad_(floating);
        Tensor out = m.forward(xi);
        out.sum().backward();
        assertTensor(want.get("output"), out, TOL, what + ": output");
        if (floating) {
            assertTensor(want.get("grad_input"), xi.grad(), TOL, what + ": input gradient");
        }
        assertNamed(want.get("grads"), NnGolden.grads(m), TOL, what + ": parameter gradients");
        assertNamed(want.get("state_after"), m.stateDict(), TOL, what + ": state after forward");
    }
}
