package dev.jtorch.optim.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The contract every scheduler passes: a state-dict round trip continues in lock-step with the original. */
class LRSchedulerStateDictTest {

    @TestFactory
    Stream<DynamicTest> roundTripContinuesInLockStep() {
        return LRSchedulerGoldenTest.cases().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            String name = c.get("name").asText();
            double[] metrics = LRSchedulerGoldenTest.metrics(c);
            LrCases.Built a = LrCases.build(name);
            for (int k = 0; k < 73; k++) {
                a.optimizer().step();
                a.scheduler().step(k, metrics);
            }
            Map<String, Object> schedulerState = a.scheduler().stateDict();
            Map<String, Object> optimizerState = a.optimizer().stateDict();

            LrCases.Built b = LrCases.build(name);
            b.optimizer().loadStateDict(optimizerState);
            b.scheduler().loadStateDict(schedulerState);
            assertEquals(schedulerState, b.scheduler().stateDict(), name + " state after loading");
            for (int k = 73; k < 200; k++) {
                a.optimizer().step();
                a.scheduler().step(k, metrics);
                b.optimizer().step();
                b.scheduler().step(k, metrics);
                assertArrayEquals(LrCases.lrs(a.optimizer()), LrCases.lrs(b.optimizer()), 0.0, name + " step " + k);
                assertEquals(a.scheduler().getLastLr(), b.scheduler().getLastLr(), name + " getLastLr step " + k);
                if (c.has("momentum")) {
                    String key = c.get("momentum_key").asText();
                    assertArrayEquals(LrCases.momenta(a.optimizer(), key), LrCases.momenta(b.optimizer(), key), 0.0);
                }
            }
            assertEquals(a.scheduler().stateDict(), b.scheduler().stateDict(), name + " final state");
        }));
    }

    @Test
    void stateDictIsACopy() {
        Optimizer o = LrCases.sgd();
        StepLR s = new StepLR(o, 3);
        Map<String, Object> sd = s.stateDict();
        @SuppressWarnings("unchecked")
        List<Double> baseLrs = (List<Double>) sd.get("base_lrs");
        baseLrs.set(0, 42.0);
        sd.put("gamma", 0.5);
        assertEquals(List.of(0.1, 0.01), s.baseLrs());
        assertNotSame(sd, s.stateDict());
        assertEquals(0.1, s.stateDict().get("gamma"));
    }

    @Test
    void loadingUpdatesOnlyTheNamedEntries() {
        Optimizer o = LrCases.sgd();
        StepLR s = new StepLR(o, new StepLR.Options(3).gamma(0.5));
        s.loadStateDict(Map.of("step_size", 2));
        o.step();
        s.step();
        o.step();
        s.step();
        assertEquals(List.of(0.05, 0.005), s.getLastLr());
        assertEquals(2, s.lastEpoch());
    }

    @Test
    void plateauStateDictHasPythonsLayoutBeforeAndAfterTheFirstStep() {
        JsonNode golden = LRSchedulerGoldenTest.cases()
                .filter(c -> c.get("name").asText().equals("ReduceLROnPlateau_default")).findFirst().orElseThrow();
        ReduceLROnPlateau s = new ReduceLROnPlateau(LrCases.sgd());
        List<String> keys = new java.util.ArrayList<>();
        golden.get("state_end").fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.subList(0, keys.size() - 1), List.copyOf(s.stateDict().keySet()));
        assertEquals(Double.POSITIVE_INFINITY, s.stateDict().get("best"));
        s.step(1.0);
        assertEquals(keys, List.copyOf(s.stateDict().keySet()));
    }
}
