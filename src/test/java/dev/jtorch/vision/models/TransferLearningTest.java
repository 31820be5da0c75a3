package dev.jtorch.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transfer-learning tutorial's moves on a torchvision model: replacing the head by field assignment or
 * {@code registerModule} after the model was used, freezing with {@code requiresGrad_(false)}, and training only
 * the head.
 */
class TransferLearningTest {
    static final String FC_REPR_TAIL = "  (avgpool): AdaptiveAvgPool2d(output_size=(1, 1))\n"
            + "  (fc): Linear(in_features=512, out_features=2, bias=True)\n)";

    @Test
    void assigningTheFcFieldAfterUseReplacesTheHeadEverywhere() {
        try (TensorScope s = new TensorScope("test")) {
            Torch.manualSeed(0);
            ResNet model = Models.resnet18();
            Linear old = model.fc;
            // use the registry first (parameters, state dict, repr are cached in ModuleRegistry's snapshot)
            assertEquals(62, model.parameters().size());
            assertEquals(List.of(1000L, 512L), List.of(model.stateDict().get("fc.weight").shape().toArray()[0],
                    model.stateDict().get("fc.weight").shape().toArray()[1]));
            assertTrue(model.toString().endsWith("(fc): Linear(in_features=512, out_features=1000, bias=True)\n)"));

            model.fc = new Linear(model.fc.inFeatures(), 2);

            assertTrue(model.toString().endsWith(FC_REPR_TAIL), model.toString());
            List<Parameter> params = model.parameters();
            assertEquals(62, params.size());
            assertSame(model.fc.weight, params.get(60));
            assertSame(model.fc.bias, params.get(61));
            assertFalse(params.contains(old.weight));
            assertEquals(2, model.stateDict().get("fc.weight").size(0));
            assertEquals(2, model.stateDict().get("fc.bias").size(0));
            List<String> keys = new ArrayList<>(model.stateDict().keySet());
            assertEquals("fc.bias", keys.get(keys.size() - 1));
            assertSame(model.fc, model.namedModules().get("fc"));
            model.eval();
            assertEquals(List.of(2L, 2L), List.of(model.forward(Torch.randn(2, 3, 32, 32)).shape().toArray()[0],
                    model.forward(Torch.randn(2, 3, 32, 32)).shape().toArray()[1]));
        }
    }

    @Test
    void registerModuleReplacesTheFieldAsPythonsAddModuleDoes() {
        try (TensorScope s = new TensorScope("test")) {
            ResNet model = Models.resnet18();
            model.parameters();
            Linear head = new Linear(512, 3);
            assertSame(head, model.registerModule("fc", head));
            assertSame(head, model.fc); // forward reads the field: it must be the new head
            assertEquals(3, model.stateDict().get("fc.weight").size(0));
            assertTrue(model.toString().endsWith("(fc): Linear(in_features=512, out_features=3, bias=True)\n)"));
            model.eval(); // train mode refuses one value per channel, as PyTorch does
            assertEquals(3, model.forward(Torch.randn(1, 3, 32, 32)).size(1));
            // a later field assignment wins over the earlier registration, as the attribute would in Python
            model.fc = new Linear(512, 4);
            assertEquals(4, model.stateDict().get("fc.weight").size(0));
            assertEquals(1, model.namedChildren().keySet().stream().filter("fc"::equals).count());
            // the field's type cannot hold a Sequential
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.registerModule("fc", new Sequential(new Linear(512, 2))));
            assertEquals("cannot assign 'Sequential' as child module 'fc' (ResNet.fc is a Linear)", e.getMessage());
            assertEquals(4, model.fc.outFeatures());
        }
    }

    @Test
    void frozenBackboneAndAnOptimizerOverTheHeadTrainOnlyTheHead() {
        try (TensorScope s = new TensorScope("test")) {
            Torch.manualSeed(1);
            ResNet model = Models.resnet18();
            model.requiresGrad_(false);
            for (Parameter p : model.parameters()) {
                assertFalse(p.requiresGrad());
            }
            model.fc = new Linear(model.fc.inFeatures(), 2);
            assertTrue(model.fc.weight.requiresGrad());
            Map<String, Tensor> before = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
                before.put(e.getKey(), e.getValue().clone().keep());
            }
            SGD opt = new SGD(model.fc.parameters(), new SGD.Options(0.1).momentum(0.9));
            CrossEntropyLoss criterion = new CrossEntropyLoss();
            model.train();
            Tensor x = Torch.randn(4, 3, 32, 32);
            Tensor y = Torch.tensor(new long[] {0, 1, 1, 0});
            opt.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x), y);
            loss.backward();
            opt.step();
            Map<String, Tensor> after = model.stateDict();
            int changed = 0;
            for (Map.Entry<String, Tensor> e : before.entrySet()) {
                String k = e.getKey();
                boolean same = e.getValue().equal(after.get(k));
                if (k.startsWith("fc.")) {
                    assertFalse(same, k + " should have been trained");
                    changed++;
                } else if (k.endsWith("running_mean") || k.endsWith("running_var")
                        || k.endsWith("num_batches_tracked")) {
                    assertFalse(same, k + ": train-mode batch norm updates its running statistics");
                } else {
                    assertTrue(same, k + " is frozen and must not change");
                }
            }
            assertEquals(2, changed);
            assertNull(model.conv1.weight.grad());
            assertNull(((BasicBlock) model.layer4.get(1)).bn2.weight.grad());
        }
    }

    @Test
    void mobilenetClassifierLayerIsReplacedBySequentialSet() {
        try (TensorScope s = new TensorScope("test")) {
            MobileNetV2 model = Models.mobilenetV2(new MobileNetV2.Options().widthMult(0.25)
                    .invertedResidualSetting(new int[][] {{1, 16, 1, 1}, {6, 24, 1, 2}}));
            model.parameters();
            // model.classifier[1] = nn.Linear(model.last_channel, 2)
            model.classifier.set(1, new Linear(model.lastChannel(), 2));
            assertEquals(2, model.stateDict().get("classifier.1.weight").size(0));
            assertTrue(model.toString().endsWith("(1): Linear(in_features=1280, out_features=2, bias=True)\n  )\n)"),
                    model.toString());
            model.eval();
            assertEquals(2, model.forward(Torch.randn(1, 3, 32, 32)).size(1));
            Module m = model.classifier.get(-1);
            assertTrue(m instanceof Linear);
        }
    }
}
