package dev.jtorch.nn;

import static dev.jtorch.nn.NnGolden.TOL;
import static dev.jtorch.nn.NnGolden.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.nn.functional.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss case of golden/nn_modules.json: the same inputs (read from the file), the Java twin of the Python
 * criterion, its repr and state-dict keys, the loss value and the gradient of its sum with respect to the input.
 */
class LossParityTest {
    /** The Java twin of each case's Python expression; {@code t} holds the case's tensors by name. */
    static final Map<String, Function<Map<String, Tensor>, Loss>> BUILDERS = new LinkedHashMap<>();

    static {
        BUILDERS.put("nll_mean", t -> new NLLLoss());
        BUILDERS.put("nll_sum", t -> new NLLLoss(new NLLLoss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("nll_none", t -> new NLLLoss(new NLLLoss.Options().reduction(Reduction.NONE)));
        BUILDERS.put("nll_weight_mean", t -> new NLLLoss(new NLLLoss.Options().weight(t.get("weight"))));
        BUILDERS.put("nll_weight_ignore",
                t -> new NLLLoss(new NLLLoss.Options().weight(t.get("weight")).ignoreIndex(1)));
        BUILDERS.put("nll_ignore_none",
                t -> new NLLLoss(new NLLLoss.Options().ignoreIndex(1).reduction(Reduction.NONE)));
        BUILDERS.put("nll_nd", t -> new NLLLoss(new NLLLoss.Options().weight(t.get("weight"))));
        BUILDERS.put("ce_mean", t -> new CrossEntropyLoss());
        BUILDERS.put("ce_weight_smoothing",
                t -> new CrossEntropyLoss(new CrossEntropyLoss.Options().weight(t.get("weight")).labelSmoothing(0.1)));
        BUILDERS.put("ce_probs_sum",
                t -> new CrossEntropyLoss(new CrossEntropyLoss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("bce_mean", t -> new BCELoss());
        BUILDERS.put("bce_sum", t -> new BCELoss(new BCELoss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("bce_none_weight",
                t -> new BCELoss(new BCELoss.Options().weight(t.get("weight")).reduction(Reduction.NONE)));
        BUILDERS.put("bce_broadcast_weight", t -> new BCELoss(new BCELoss.Options().weight(t.get("row_weight"))));
        BUILDERS.put("bce_logits_mean", t -> new BCEWithLogitsLoss());
        BUILDERS.put("bce_logits_weight_sum", t -> new BCEWithLogitsLoss(
                new BCEWithLogitsLoss.Options().weight(t.get("weight")).reduction(Reduction.SUM)));
        BUILDERS.put("bce_logits_pos_weight",
                t -> new BCEWithLogitsLoss(new BCEWithLogitsLoss.Options().posWeight(t.get("pos_weight"))));
        BUILDERS.put("bce_logits_both_none", t -> new BCEWithLogitsLoss(new BCEWithLogitsLoss.Options()
                .weight(t.get("weight")).reduction(Reduction.NONE).posWeight(t.get("pos_weight"))));
        BUILDERS.put("mse_mean", t -> new MSELoss());
        BUILDERS.put("mse_sum", t -> new MSELoss(new MSELoss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("mse_none", t -> new MSELoss(new MSELoss.Options().reduction(Reduction.NONE)));
        BUILDERS.put("l1_mean", t -> new L1Loss());
        BUILDERS.put("l1_sum", t -> new L1Loss(new L1Loss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("l1_none", t -> new L1Loss(new L1Loss.Options().reduction(Reduction.NONE)));
        BUILDERS.put("smooth_l1_mean", t -> new SmoothL1Loss());
        BUILDERS.put("smooth_l1_beta_half_sum",
                t -> new SmoothL1Loss(new SmoothL1Loss.Options().reduction(Reduction.SUM).beta(0.5)));
        BUILDERS.put("smooth_l1_beta_zero", t -> new SmoothL1Loss(new SmoothL1Loss.Options().beta(0.0)));
        BUILDERS.put("smooth_l1_beta2_none",
                t -> new SmoothL1Loss(new SmoothL1Loss.Options().reduction(Reduction.NONE).beta(2.0)));
        BUILDERS.put("huber_mean", t -> new HuberLoss());
        BUILDERS.put("huber_delta_half_sum",
                t -> new HuberLoss(new HuberLoss.Options().reduction(Reduction.SUM).delta(0.5)));
        BUILDERS.put("huber_delta2_none",
                t -> new HuberLoss(new HuberLoss.Options().reduction(Reduction.NONE).delta(2.0)));
        BUILDERS.put("kl_mean", t -> new KLDivLoss());
        BUILDERS.put("kl_batchmean", t -> new KLDivLoss(new KLDivLoss.Options().batchmean(true)));
        BUILDERS.put("kl_sum", t -> new KLDivLoss(new KLDivLoss.Options().reduction(Reduction.SUM)));
        BUILDERS.put("kl_none", t -> new KLDivLoss(new KLDivLoss.Options().reduction(Reduction.NONE)));
        BUILDERS.put("kl_log_target_batchmean",
                t -> new KLDivLoss(new KLDivLoss.Options().batchmean(true).logTarget(true)));
        BUILDERS.put("kl_log_target_none",
                t -> new KLDivLoss(new KLDivLoss.Options().reduction(Reduction.NONE).logTarget(true)));
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndViceVersa() {
        List<String> golden = new ArrayList<>();
        for (JsonNode c : NnGolden.ROOT.get("losses")) {
            golden.add(c.get("name").asText());
        }
        assertEquals(golden, new ArrayList<>(BUILDERS.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> producesPyTorchValuesForEveryLoss() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : NnGolden.ROOT.get("losses")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + ": " + c.get("python").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        var builder = BUILDERS.get(name);
        assertNotNull(builder, "no Java twin for " + name);
        try (TensorScope s = new TensorScope(name)) {
            Map<String, Tensor> t = NnGolden.tensors(c.get("tensors"));
            Loss criterion = builder.apply(t);
            assertEquals(c.get("repr").asText(), criterion.toString(), name + ": repr");
            List<String> keys = new ArrayList<>();
            c.get("state_keys").forEach(k -> keys.add(k.asText()));
            assertEquals(keys, new ArrayList<>(criterion.stateDict().keySet()), name + ": state dict keys");
            Tensor input = t.get(c.get("input").asText()).clone().requiresGrad_(true);
            Tensor value = criterion.forward(input, t.get(c.get("target").asText()));
            value.sum().backward();
            assertTensor(c.get("value"), value, TOL, name + ": value");
            assertTensor(c.get("grad_input"), input.grad(), TOL, name + ": input gradient");
        }
    }
}
