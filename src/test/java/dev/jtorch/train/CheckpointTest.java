package dev.jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.amp.GradScaler;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.lr.StepLR;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static class Net extends Module {
        Linear fc1 = new Linear(4, 16);
        ReLU relu = new ReLU();
        Dropout dropout = new Dropout(0.3);
        Linear fc2;

        Net(int classes) {
            fc2 = new Linear(16, classes);
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(dropout.forward(relu.forward(fc1.forward(x))));
        }
    }

    /** Everything a training run holds. */
    static final class Run {
        final Net model = new Net(3);
        final Adam optimizer = new Adam(model.parameters(), new Adam.Options(0.01).weightDecay(1e-4));
        final GradScaler scaler = new GradScaler(new GradScaler.Options().initScale(256).growthInterval(3));
        final CrossEntropyLoss criterion = new CrossEntropyLoss();
        final StepLR scheduler = new StepLR(optimizer, new StepLR.Options(2).gamma(0.5));
        final DataLoader<?> loader;

        Run(TensorDataset data) {
            loader = new DataLoader<>(data, new DataLoader.Options().batchSize(16).shuffle(true));
        }

        double epoch() {
            model.train();
            double total = 0;
            for (Batch b : loader) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(b.inputs()), b.labels());
                scaler.scale(loss).backward();
                scaler.step(optimizer);
                scaler.update();
                total += loss.item();
            }
            scheduler.step();
            return total;
        }
    }

    private static TensorDataset data() {
        Torch.manualSeed(0);
        Tensor x = Torch.randn(100, 4);
        Tensor y = x.index(":, 0").gt(0).toLong().add(x.index(":, 1").gt(0.5).toLong());
        return new TensorDataset(x, y);
    }

    @Test
    void resumingIsExact() {
        TensorDataset data = data();
        Torch.manualSeed(1);
        Run straight = new Run(data);
        for (int e = 0; e < 6; e++) {
            straight.epoch();
        }

        Torch.manualSeed(1);
        Run first = new Run(data);
        double loss = 0;
        for (int e = 0; e < 3; e++) {
            loss = first.epoch();
        }
        Path file = dir.resolve("ckpt.pt");
        new Checkpoint().epoch(3).model(first.model).optimizer(first.optimizer).scheduler(first.scheduler).scaler(first.scaler)
                .loss(loss)
                .save(file);

        Torch.manualSeed(999);
        Run resumed = new Run(data);
        Checkpoint ckpt = Checkpoint.load(file);
        assertEquals(3, ckpt.epoch());
        assertEquals(loss, ckpt.loss());
        ckpt.restore(resumed.model, resumed.optimizer);
        ckpt.restoreScaler(resumed.scaler);
        ckpt.restoreScheduler(resumed.scheduler);
        ckpt.restoreRngState();
        for (int e = 3; e < 6; e++) {
            resumed.epoch();
        }
        for (Map.Entry<String, Tensor> p : straight.model.stateDict().entrySet()) {
            assertArrayEquals(p.getValue().toFloatArray(), resumed.model.stateDict().get(p.getKey()).toFloatArray(),
                    p.getKey() + " is bit-identical after resuming");
        }
        assertEquals(straight.scaler.getScale(), resumed.scaler.getScale());
        assertEquals(straight.scheduler.getLastLr(), resumed.scheduler.getLastLr());
        assertEquals(straight.optimizer.paramGroups().get(0).lr(), resumed.optimizer.paramGroups().get(0).lr());
    }

    @Test
    void anIncompatibleModelGetsPyTorchsMessageAndNothingIsLoaded() {
        Torch.manualSeed(2);
        Net small = new Net(3);
        Path file = dir.resolve("small.pt");
        new Checkpoint().epoch(1).model(small).save(file);
        Net other = new Net(5);
        float[] before = other.fc1.weight.detach().toFloatArray();
        TorchException e = assertThrows(TorchException.class, () -> Checkpoint.load(file).restore(other, null));
        assertEquals("Error(s) in loading state_dict for Net:\n\tsize mismatch for fc2.weight: copying a param with "
                + "shape torch.Size([3, 16]) from checkpoint, the shape in current model is torch.Size([5, 16]).\n\t"
                + "size mismatch for fc2.bias: copying a param with shape torch.Size([3]) from checkpoint, the shape in "
                + "current model is torch.Size([5]).", e.getMessage());
        assertArrayEquals(before, other.fc1.weight.detach().toFloatArray(), "no partial load");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file).optimizerStateDict());
        assertTrue(missing.getMessage().contains("has no entry 'optimizer_state_dict'"), missing.getMessage());
    }

    @Test
    void aCorruptedCheckpointNamesTheFile() throws Exception {
        Path file = dir.resolve("broken.pt");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0});
        TorchException e = assertThrows(TorchException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("broken.pt"), e.getMessage());
        Path notDict = dir.resolve("list.pt");
        Torch.save(java.util.List.of(1, 2), notDict);
        assertThrows(TorchException.class, () -> Checkpoint.load(notDict));
    }

    @Test
    void trainingInScopesLeavesTheCheckpointIntact() {
        Torch.manualSeed(3);
        Net model = new Net(2);
        Path file = dir.resolve("scoped.pt");
        try (TensorScope s = new TensorScope()) {
            new Checkpoint().epoch(0).model(model).save(file);
        }
        Net back = new Net(2);
        Checkpoint.load(file).restore(back, null);
        assertArrayEquals(model.fc2.bias.detach().toFloatArray(), back.fc2.bias.detach().toFloatArray());
    }
}
