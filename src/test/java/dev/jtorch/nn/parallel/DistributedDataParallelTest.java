package dev.jtorch.nn.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.distributed.Backend;
import dev.jtorch.distributed.Dist;
import dev.jtorch.distributed.InitOptions;
import dev.jtorch.distributed.Launcher;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistributedDataParallel: PyTorch's repr and keys in one process (a group of one), and gradient averaging in real
 * multi-process jobs ({@code dev.jtorch.distributed.DistWorker}).
 */
class DistributedDataParallelTest {
    @AfterEach
    void destroy() {
        if (Dist.isInitialized()) {
            Dist.destroyProcessGroup();
        }
    }

    static void single(Path dir) {
        Dist.initProcessGroup(Backend.GLOO, new InitOptions().initMethod("file://" + dir.resolve("store"))
                .rank(0).worldSize(1));
    }

    static final class Net extends Module {
        Linear fc1 = new Linear(3, 4);
        ReLU relu = new ReLU();
        Linear fc2 = new Linear(4, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(relu.forward(fc1.forward(x)));
        }
    }

    @Test
    void printsAndNamesItsStateAsPyTorchDoes(@TempDir Path dir) throws Exception {
        single(dir);
        Torch.manualSeed(0);
        Net net = new Net();
        var ddp = new DistributedDataParallel<>(net);
        assertEquals("DistributedDataParallel(\n"
                + "  (module): Net(\n"
                + "    (fc1): Linear(in_features=3, out_features=4, bias=True)\n"
                + "    (relu): ReLU()\n"
                + "    (fc2): Linear(in_features=4, out_features=2, bias=True)\n"
                + "  )\n"
                + ")", ddp.toString());
        assertEquals(List.of("module.fc1.weight", "module.fc1.bias", "module.fc2.weight", "module.fc2.bias"),
                List.copyOf(ddp.stateDict().keySet()));
        assertEquals(4, ddp.parameters().size());
        // a checkpoint of ddp.module() loads into a plain model
        Path file = dir.resolve("model.pt");
        Torch.save(ddp.module().stateDict(), file);
        Torch.manualSeed(1);
        Net plain = new Net();
        @SuppressWarnings("unchecked")
        var loaded = (java.util.Map<String, Tensor>) Torch.load(file);
        plain.loadStateDict(loaded);
        assertEquals(net.fc2.weight.toString(), plain.fc2.weight.toString());
        // a training step through the wrapper (a group of one: the gradient is the local one)
        Tensor x = Torch.randn(5, 3);
        ddp.forward(x).sum().backward();
        assertNotNull(net.fc1.weight.grad());
        Tensor local = Torch.zeros(1);
        try (var s = ddp.noSync()) {
            ddp.zeroGrad();
            ddp.forward(x).sum().backward();
            local = net.fc1.weight.grad().clone();
        }
        ddp.zeroGrad();
        ddp.forward(x).sum().backward();
        assertEquals(local.toString(), net.fc1.weight.grad().toString());
    }

    @Test
    void frozenParametersAreLeftOutAndAModelWithoutTrainableOnesIsRefused(@TempDir Path dir) {
        single(dir);
        Net net = new Net();
        net.fc1.requiresGrad_(false);
        var ddp = new DistributedDataParallel<>(net);
        assertEquals(2, ddp.reducerParameters().size());
        Sequential frozen = new Sequential(new Linear(2, 2));
        frozen.requiresGrad_(false);
        var e = assertThrows(IllegalArgumentException.class, () -> new DistributedDataParallel<>(frozen));
        assertEquals("DistributedDataParallel is not needed when a module doesn't have any parameter that requires "
                + "a gradient.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DistributedDataParallel.Options().bucketCapMb(0));
    }

    @Test
    void withoutAProcessGroupItSaysSo() {
        var e = assertThrows(IllegalStateException.class, () -> new DistributedDataParallel<>(new Net()));
        assertTrue(e.getMessage().startsWith("Default process group has not been initialized"), e.getMessage());
    }

    static String job(int nproc, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Launcher(new Launcher.Options().nprocPerNode(nproc)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .launch("dev.jtorch.distributed.DistWorker", args);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        return text;
    }

    @Test
    void twoRanksWithHalfTheBatchEndWhereOneProcessEnds() {
        assertEquals("OK ddp equals single process sgd maxdiff<1e-5\nOK ddp equals single process adam maxdiff<1e-5\n",
                job(2, "ddp-equivalence"));
    }

    @Test
    void noSyncAccumulatesLocallyAndTheNextBackwardAverages() {
        assertEquals("OK noSync accumulates locally, then averages (diff true)\n", job(2, "no-sync"));
    }

    @Test
    void buffersAreRankZerosBeforeEachForward() {
        assertEquals("OK buffers broadcast from rank 0 before forward\n", job(2, "buffers"));
    }

    @Test
    void findUnusedParametersLetsAForwardSkipParameters() {
        assertEquals("OK findUnusedParameters true: 3 iterations\n", job(2, "unused", "true"));
        String without = job(2, "unused", "false");
        assertTrue(without.startsWith("OK findUnusedParameters false: ") && without.contains("Expected to have "
                + "finished reduction in the prior iteration"), without);
    }
}
