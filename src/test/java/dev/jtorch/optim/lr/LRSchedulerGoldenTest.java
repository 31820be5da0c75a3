package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Warnings;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scheduler configuration of golden/lr_schedulers.json (written by src/test/python/gen_lr_golden.py from
 * PyTorch 1.13) replayed in Java: each group's learning rate (and cycled momentum) after each of 200 steps, and the
 * state dicts after 100 and 200 steps, within a relative 1e-12.
 */
class LRSchedulerGoldenTest {
    static final JsonNode GOLDEN = Golden.load("lr_schedulers.json");
    static final int STEPS = GOLDEN.get("steps").asInt();
    static final int MID = GOLDEN.get("mid").asInt();

    static Stream<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        GOLDEN.get("cases").forEach(out::add);
        return out.stream();
    }

    static double[] metrics(JsonNode c) {
        return c.has("metrics") ? PyJson.doubles(c.get("metrics")) : null;
    }

    static void assertRow(JsonNode expected, double[] actual, String where) {
        assertEquals(expected.size(), actual.length, where + " groups");
        for (int g = 0; g < actual.length; g++) {
            PyJson.assertClose(PyJson.toDouble(expected.get(g)), actual[g], where + " group " + g);
        }
    }

    static void assertStep(JsonNode c, Optimizer o, int row) {
        String name = c.get("name").asText();
        assertRow(c.get("lr").get(row), LrCases.lrs(o), name + " lr after step " + row);
        if (c.has("momentum")) {
            assertRow(c.get("momentum").get(row), LrCases.momenta(o, c.get("momentum_key").asText()),
                    name + " momentum after step " + row);
        }
    }

    @TestFactory
    Stream<DynamicTest> producesPyTorchValues() {
        return cases().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            String name = c.get("name").asText();
            double[] metrics = metrics(c);
            List<Warnings.Warning> warnings = Warnings.capture(() -> {
                LrCases.Built b = LrCases.build(name);
                assertStep(c, b.optimizer(), 0);
                for (int k = 0; k < STEPS; k++) {
                    b.optimizer().step();
                    b.scheduler().step(k, metrics);
                    assertStep(c, b.optimizer(), k + 1);
                    assertRow(c.get("lr").get(k + 1), PyState.array(b.scheduler().getLastLr()),
                            name + " getLastLr after step " + (k + 1));
                    if (k + 1 == MID) {
                        PyJson.assertPyEquals(c.get("state_mid"), b.scheduler().stateDict(), name + ".state_mid");
                    }
                }
                PyJson.assertPyEquals(c.get("state_end"), b.scheduler().stateDict(), name + ".state_end");
            });
            assertEquals(List.of(), warnings, "stepping in PyTorch's order warns nothing");
        }));
    }

    /** A state dict Python wrote mid-run, loaded into a fresh Java scheduler, continues as Python did. */
    @TestFactory
    Stream<DynamicTest> continuesFromPythonsStateDict() {
        return cases().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            String name = c.get("name").asText();
            double[] metrics = metrics(c);
            LrCases.Built b = LrCases.build(name);
            List<ParamGroup> groups = b.optimizer().paramGroups();
            for (int g = 0; g < groups.size(); g++) {
                groups.get(g).lr(PyJson.toDouble(c.get("lr").get(MID).get(g)));
                if (c.has("momentum")) {
                    double m = PyJson.toDouble(c.get("momentum").get(MID).get(g));
                    if (c.get("momentum_key").asText().equals("momentum")) {
                        groups.get(g).momentum(m);
                    } else {
                        double[] betas = groups.get(g).getDoubles("betas");
                        betas[0] = m;
                        groups.get(g).set("betas", betas);
                    }
                }
            }
            b.scheduler().loadStateDict(PyJson.toJavaMap(c.get("state_mid")));
            PyJson.assertPyEquals(c.get("state_mid"), b.scheduler().stateDict(), name + " reloaded state");
            for (int k = MID; k < STEPS; k++) {
                b.optimizer().step();
                b.scheduler().step(k, metrics);
                assertStep(c, b.optimizer(), k + 1);
            }
            PyJson.assertPyEquals(c.get("state_end"), b.scheduler().stateDict(), name + ".state_end");
        }));
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndCoversEveryScheduler() {
        List<String> kinds = List.of("StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
                "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR",
                "LambdaLR", "MultiplicativeLR", "SequentialLR", "ChainedScheduler", "ReduceLROnPlateau");
        List<String> names = cases().map(c -> c.get("name").asText()).toList();
        for (String kind : kinds) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(kind + "_") || n.equals(kind)), kind);
        }
        for (String n : names) {
            LrCases.build(n);
        }
        assertTrue(GOLDEN.get("torch_version").asText().startsWith("1.13"));
    }
}
