package dev.jtorch.nn;

import static dev.jtorch.nn.NnGolden.TOL;
import static dev.jtorch.nn.NnGolden.assertNamed;
import static dev.jtorch.nn.NnGolden.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Module behaviour against Python: seed 000's {@code SimpleClassifier} and a CNN with every container (both twins
 * of the classes in gen_nn_golden.py): registration order and names, traversal, train/eval, freezing, state dicts
 * and PyTorch's load errors, dtype conversion.
 */
class ModuleTest {
    static final JsonNode SIMPLE = NnGolden.ROOT.get("simple_classifier");
    static final JsonNode NESTED = NnGolden.ROOT.get("nested");

    /** Seed 000's model, field for field as in Python. */
    static class SimpleClassifier extends Module {
        Linear fc1 = new Linear(10, 64);
        ReLU relu = new ReLU();
        Dropout dropout = new Dropout(0.5);
        Linear fc2 = new Linear(64, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(dropout.forward(relu.forward(fc1.forward(x))));
        }
    }

    /** The twin of gen_nn_golden.py's {@code Net}. */
    static class Net extends Module {
        Sequential features = new Sequential(new Conv2d(1, 4, 3, new Conv2d.Options().padding(1)),
                new BatchNorm2d(4), new ReLU(), new MaxPool2d(2));
        ModuleList blocks = new ModuleList(new Linear(16, 16), new LeakyReLU(0.1), new Linear(16, 8));
        ModuleDict heads = new ModuleDict(heads());
        LayerNorm norm = new LayerNorm(8);
        AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d(2, 2);

        private static Map<String, Module> heads() {
            Map<String, Module> m = new LinkedHashMap<>();
            m.put("cls", new Linear(8, 3));
            m.put("reg", new Sequential(new Linear(8, 1), new Sigmoid()));
            return m;
        }

        @Override
        public Tensor forward(Tensor input) {
            Tensor x = pool.forward(features.forward(input)).flatten(1, -1);
            for (Module b : blocks) {
                x = b.forward(x);
            }
            x = norm.forward(x);
            return heads.get("cls").forward(x).add(heads.get("reg").forward(x));
        }
    }

    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = new TensorScope("ModuleTest");
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("name").asText()));
        return out;
    }

    private static SimpleClassifier simpleClassifier() {
        Torch.manualSeed(42);
        return new SimpleClassifier();
    }

    @Test
    void simpleClassifierHasPythonsReprWeightsAndOutputsForSeed42() {
        SimpleClassifier clf = simpleClassifier();
        assertEquals(SIMPLE.get("repr").asText(), clf.toString());
        assertNamed(SIMPLE.get("state"), clf.stateDict(), 0.0, "seed 42 initial weights");
        Tensor x = Torch.randn(8, 10);
        assertTensor(SIMPLE.get("input"), x, 0.0, "input drawn after the model");
        clf.eval();
        assertTensor(SIMPLE.get("eval_output"), clf.forward(x), TOL, "eval output");
        clf.train();
        Torch.manualSeed(7);
        assertTensor(SIMPLE.get("train_output_seed7"), clf.forward(x), TOL, "train output (dropout mask of seed 7)");
    }

    @Test
    void fieldsRegisterInDeclarationOrderUnderTheirNames() {
        SimpleClassifier clf = simpleClassifier();
        assertEquals(texts(SIMPLE.get("named_modules")), new ArrayList<>(clf.namedModules().keySet()));
        assertEquals(texts(SIMPLE.get("named_parameters")), new ArrayList<>(clf.namedParameters().keySet()));
        assertEquals(List.of("fc1", "relu", "dropout", "fc2"), new ArrayList<>(clf.namedChildren().keySet()));
        assertEquals(List.of(clf.fc1, clf.relu, clf.dropout, clf.fc2), clf.children());
        assertSame(clf.fc1.weight, clf.namedParameters().get("fc1.weight"));
        assertEquals(4, clf.parameters().size());
        assertEquals(List.of(clf, clf.fc1, clf.relu, clf.dropout, clf.fc2), clf.modules());
    }

    @Test
    void aReassignedFieldIsPickedUp() {
        SimpleClassifier clf = simpleClassifier();
        clf.fc2 = new Linear(64, 5);
        assertEquals(List.of(5L, 64L), List.of(clf.stateDict().get("fc2.weight").size(0),
                clf.stateDict().get("fc2.weight").size(1)));
        assertTrue(clf.toString().contains("(fc2): Linear(in_features=64, out_features=5, bias=True)"));
    }

    @Test
    void nestedContainersMatchPythonsReprNamesValuesAndGradients() {
        Torch.manualSeed(3);
        Net net = new Net();
        assertEquals(NESTED.get("repr").asText(), net.toString());
        assertEquals(NESTED.get("module_list_repr").asText(), net.blocks.toString());
        assertEquals(NESTED.get("module_dict_repr").asText(), net.heads.toString());
        assertEquals(NESTED.get("empty_module_list_repr").asText(), new ModuleList().toString());
        assertEquals(NESTED.get("empty_module_dict_repr").asText(), new ModuleDict().toString());
        assertEquals(NESTED.get("empty_sequential_repr").asText(), new Sequential().toString());
        assertEquals(texts(NESTED.get("named_modules")), new ArrayList<>(net.namedModules().keySet()));
        assertEquals(texts(NESTED.get("named_children")), new ArrayList<>(net.namedChildren().keySet()));
        assertEquals(texts(NESTED.get("named_buffers")), new ArrayList<>(net.namedBuffers().keySet()));
        assertEquals(texts(NESTED.get("grads")), new ArrayList<>(net.namedParameters().keySet()));

        Tensor x = Torch.randn(2, 1, 8, 8);
        assertTensor(NESTED.get("input"), x, 0.0, "input");
        Tensor out = net.forward(x);
        out.sum().backward();
        assertTensor(NESTED.get("output"), out, TOL, "train output");
        assertNamed(NESTED.get("grads"), NnGolden.grads(net), TOL, "gradients");
        assertNamed(NESTED.get("state"), net.stateDict(), TOL, "state after one training forward");
        net.eval();
        assertTensor(NESTED.get("eval_output"), net.forward(x), TOL, "eval output (running statistics)");
    }

    @Test
    void trainAndEvalPropagateToEverySubmodule() {
        Net net = new Net();
        assertTrue(net.modules().stream().allMatch(Module::isTraining));
        assertSame(net, net.eval());
        assertTrue(net.modules().stream().noneMatch(Module::isTraining));
        net.features.train();
        assertTrue(net.features.modules().stream().allMatch(Module::isTraining));
        assertFalse(net.blocks.isTraining());
        net.train(true);
        assertTrue(net.modules().stream().allMatch(Module::isTraining));
        net.train(false);
        assertTrue(net.modules().stream().noneMatch(Module::isTraining));
    }

    @Test
    void requiresGradFalseFreezesParameters() {
        Net net = new Net();
        net.features.requiresGrad_(false);
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            assertEquals(!e.getKey().startsWith("features."), e.getValue().requiresGrad(), e.getKey());
        }
        net.forward(Torch.randn(2, 1, 8, 8)).sum().backward();
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            assertEquals(e.getKey().startsWith("features."), e.getValue().grad() == null, e.getKey());
        }
        net.zeroGrad();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() == null));
        net.requiresGrad_(true);
        assertTrue(net.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    @Test
    void stateDictRoundTripCopiesValuesIntoTheExistingTensors() {
        Torch.manualSeed(1);
        Net a = new Net();
        a.forward(Torch.randn(2, 1, 8, 8)); // running statistics move away from their initial values
        Torch.manualSeed(2);
        Net b = new Net();
        Parameter before = b.blocks.get(0) instanceof Linear l ? l.weight : null;
        Map<String, Tensor> sd = a.stateDict();
        assertEquals(texts(NESTED.get("state")), new ArrayList<>(sd.keySet()));
        assertEquals("<All keys matched successfully>", b.loadStateDict(sd).toString());
        Map<String, Tensor> loaded = b.stateDict();
        for (String k : sd.keySet()) {
            assertTrue(sd.get(k).equal(loaded.get(k)), k);
        }
        assertSame(before, ((Linear) b.blocks.get(0)).weight, "parameters keep their identity");
        assertEquals(1L, b.features.get(1) instanceof BatchNorm2d bn ? bn.numBatchesTracked().itemLong() : -1);
        try (var g = Torch.noGrad()) {
            ((Linear) a.blocks.get(0)).weight.add_(1.0);
        }
        assertFalse(((Linear) a.blocks.get(0)).weight.equal(((Linear) b.blocks.get(0)).weight),
                "loading copies; it does not share");
    }

    @Test
    void stateDictSharesMemoryWithTheModuleAsInPyTorch() {
        SimpleClassifier clf = simpleClassifier();
        Tensor w = clf.stateDict().get("fc2.bias");
        assertNull(w.gradFnName());
        assertFalse(w.requiresGrad());
        w.zero_();
        assertEquals(0.0, clf.fc2.bias.abs().sum().item());
    }

    @Test
    void loadStateDictRaisesPyTorchsErrors() {
        JsonNode want = SIMPLE.get("load_errors");
        Map<String, Tensor> sd = simpleClassifier().stateDict();

        Map<String, Tensor> missing = new LinkedHashMap<>(sd);
        missing.remove("fc2.bias");
        Map<String, Tensor> unexpected = new LinkedHashMap<>(sd);
        unexpected.put("fc3.weight", Torch.zeros(1));
        unexpected.put("fc1.extra", Torch.zeros(1));
        Map<String, Tensor> both = new LinkedHashMap<>(unexpected);
        both.remove("fc1.bias");
        both.remove("fc2.weight");
        Map<String, Tensor> reordered = new LinkedHashMap<>();
        reordered.put("fc1.extra", Torch.zeros(1));
        reordered.putAll(sd);
        reordered.put("fc3.weight", Torch.zeros(1));
        Map<String, Tensor> mismatch = new LinkedHashMap<>(sd);
        mismatch.put("fc1.weight", Torch.zeros(64, 5));
        mismatch.put("fc2.bias", Torch.zeros(3));
        Map<String, Tensor> mismatchMissing = new LinkedHashMap<>(mismatch);
        mismatchMissing.remove("fc1.bias");

        Torch.manualSeed(0);
        SimpleClassifier fresh = new SimpleClassifier();
        Tensor weightBefore = fresh.fc1.weight.clone();
        Map<String, Map<String, Tensor>> cases = new LinkedHashMap<>();
        cases.put("missing", missing);
        cases.put("unexpected", unexpected);
        cases.put("both", both);
        cases.put("unexpected_order", reordered);
        cases.put("mismatch", mismatch);
        cases.put("mismatch_missing", mismatchMissing);
        for (Map.Entry<String, Map<String, Tensor>> c : cases.entrySet()) {
            TorchException e = assertThrows(TorchException.class, () -> fresh.loadStateDict(c.getValue()));
            assertEquals(want.get(c.getKey()).asText(), e.getMessage(), c.getKey());
            assertTrue(fresh.fc1.weight.equal(weightBefore), c.getKey() + ": nothing copied");
        }
        Module.IncompatibleKeys keys = fresh.loadStateDict(both, false);
        assertEquals(want.get("non_strict").asText(), keys.toString());
        assertEquals(List.of("fc1.bias", "fc2.weight"), keys.missingKeys());
        assertTrue(fresh.fc1.weight.equal(sd.get("fc1.weight")), "non-strict loading copies what matches");
        assertEquals(want.get("ok").asText(), fresh.loadStateDict(sd).toString());
    }

    @Test
    void toFloat64ConvertsParametersAndFloatingBuffersInPlace() {
        Torch.manualSeed(3);
        Net net = new Net();
        Tensor x = Torch.randn(2, 1, 8, 8);
        net.eval();
        double[] out32 = net.forward(x).toDoubleArray();
        List<Parameter> params = net.parameters();
        assertSame(net, net.to(DType.FLOAT64));
        assertEquals(params, net.parameters());
        for (int i = 0; i < params.size(); i++) {
            assertSame(params.get(i), net.parameters().get(i), "identity kept");
        }
        assertTrue(net.parameters().stream().allMatch(p -> p.dtype() == DType.FLOAT64));
        BatchNorm2d bn = (BatchNorm2d) net.features.get(1);
        assertEquals(DType.FLOAT64, bn.runningMean().dtype());
        assertEquals(DType.FLOAT64, bn.runningVar().dtype());
        assertEquals(DType.INT64, bn.numBatchesTracked().dtype());
        assertEquals(DType.FLOAT64, net.stateDict().get("features.1.running_var").dtype());
        Tensor out64 = net.forward(x.toDouble());
        assertEquals(DType.FLOAT64, out64.dtype());
        double[] got = out64.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(out32[i], got[i], 1e-5);
        }
        assertThrows(IllegalArgumentException.class, () -> net.to(DType.INT64));
        net.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, bn.weight.dtype());
    }

    @Test
    void explicitRegistrationWorksForNamesComputedAtRunTime() {
        Module m = new Module() {
            @Override
            public String getName() {
                return "Dynamic";
            }
        };
        for (int i = 0; i < 2; i++) {
            m.registerModule("layer" + i, new Linear(2, 2));
        }
        m.registerParameter("scale", new Parameter(Torch.ones(1)));
        m.registerBuffer("steps", Torch.zeros(1));
        m.registerBuffer("cache", Torch.zeros(1), false);
        assertEquals(List.of("scale", "layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"),
                new ArrayList<>(m.namedParameters().keySet()));
        assertEquals(List.of("scale", "steps", "layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias"),
                new ArrayList<>(m.stateDict().keySet()), "non-persistent buffers are not saved");
        assertEquals(List.of("steps", "cache"), new ArrayList<>(m.namedBuffers().keySet()));
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("a.b", new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("", new ReLU()));
    }

    @Test
    void aSharedSubmoduleIsTraversedOnce() {
        Linear shared = new Linear(3, 3);
        Sequential seq = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(seq.namedParameters().keySet()));
        assertEquals(List.of("", "0", "1"), new ArrayList<>(seq.namedModules().keySet()));
        assertNotSame(seq.get(0), seq.get(1));
        assertSame(seq.get(0), seq.get(-1));
    }
}
