package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Torch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Dist} in one process: PyTorch's errors before and after a group exists, rendezvous errors, world size 1. */
class DistTest {
    static final String NOT_INITIALIZED = "Default process group has not been initialized, please make sure to call "
            + "init_process_group.";

    @AfterEach
    void destroy() {
        if (Dist.isInitialized()) {
            Dist.destroyProcessGroup();
        }
    }

    /** A group of one rank through a file store. */
    static ProcessGroup single(Path dir) {
        return Dist.initProcessGroup(Backend.GLOO, new InitOptions()
                .initMethod("file://" + dir.resolve("store")).rank(0).worldSize(1).timeout(Duration.ofSeconds(30)));
    }

    @Test
    void everyCallBeforeInitSaysWhatPyTorchSays() {
        assertFalse(Dist.isInitialized());
        for (Runnable r : List.<Runnable>of(Dist::getRank, Dist::getWorldSize, Dist::barrier,
                () -> Dist.allReduce(Torch.ones(1)), Dist::destroyProcessGroup)) {
            var e = assertThrows(IllegalStateException.class, r::run);
            assertEquals(NOT_INITIALIZED, e.getMessage());
        }
    }

    @Test
    void aGroupOfOneWorksAndCannotBeMadeTwice(@TempDir Path dir) {
        ProcessGroup g = single(dir);
        assertTrue(Dist.isInitialized());
        assertEquals(0, Dist.getRank());
        assertEquals(1, Dist.getWorldSize());
        assertEquals("gloo", Dist.getBackend().toString());
        assertEquals("ProcessGroup(backend=gloo, rank=0, size=1)", g.toString());
        var t = Torch.tensor(1.5, 2.5);
        Dist.allReduce(t, ReduceOp.AVG);
        assertEquals("[1.5, 2.5]", java.util.Arrays.toString(t.toFloatArray()));
        List<Object> objects = new ArrayList<>();
        Dist.allGatherObject(objects, Map.of("epoch", 3));
        assertEquals(List.of(Map.of("epoch", 3)), objects);
        var e = assertThrows(IllegalStateException.class, () -> single(dir));
        assertEquals("trying to initialize the default process group twice!", e.getMessage());
        Dist.destroyProcessGroup();
        assertTrue(g.isDestroyed());
        var used = assertThrows(IllegalStateException.class, () -> g.allReduce(Torch.ones(1), ReduceOp.SUM, false));
        assertTrue(used.getMessage().startsWith("The process group has been destroyed"), used.getMessage());
    }

    @Test
    void argumentsAreChecked(@TempDir Path dir) {
        single(dir);
        var bad = assertThrows(IllegalArgumentException.class, () -> Dist.broadcast(Torch.ones(1), 1));
        assertEquals("Invalid src rank 1, rank should be in the interval [0, 0]", bad.getMessage());
        var avg = assertThrows(IllegalArgumentException.class,
                () -> Dist.allReduce(Torch.tensor(1, 2), ReduceOp.AVG));
        assertTrue(avg.getMessage().contains("floating-point"), avg.getMessage());
        var gather = assertThrows(IllegalArgumentException.class,
                () -> Dist.allGather(List.of(Torch.zeros(2), Torch.zeros(2)), Torch.ones(2)));
        assertTrue(gather.getMessage().startsWith("all_gather needs one output tensor per rank"), gather.getMessage());
        var released = Torch.ones(3);
        released.close();
        assertThrows(IllegalStateException.class, () -> Dist.allReduce(released));
        assertThrows(IllegalArgumentException.class, () -> Dist.allGatherObject(new ArrayList<>(),
                new Object()), "not serializable");
    }

    @Test
    void rendezvousErrorsAreInPyTorchsWords() {
        var env = assertThrows(IllegalArgumentException.class,
                () -> Rendezvous.connect(new InitOptions(), Map.of("RANK", "0", "WORLD_SIZE", "2")::get));
        assertEquals("Error initializing torch.distributed using env:// rendezvous: environment variable MASTER_ADDR "
                + "expected, but not set", env.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Rendezvous.connect(new InitOptions().initMethod("tcp://127.0.0.1:1234"), k -> null));
        assertEquals("Error initializing torch.distributed using tcp:// rendezvous: rank parameter missing",
                rank.getMessage());
        var world = assertThrows(IllegalArgumentException.class,
                () -> Rendezvous.connect(new InitOptions().initMethod("file:///tmp/x").rank(0), k -> null));
        assertEquals("Error initializing torch.distributed using file:// rendezvous: world size parameter missing",
                world.getMessage());
        var scheme = assertThrows(IllegalArgumentException.class,
                () -> Rendezvous.connect(new InitOptions().initMethod("foo://bar"), k -> null));
        assertEquals("No rendezvous handler for foo://", scheme.getMessage());
        var outside = assertThrows(IllegalArgumentException.class, () -> Rendezvous.connect(new InitOptions(),
                Map.of("RANK", "2", "WORLD_SIZE", "2", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "1")::get));
        assertEquals("Invalid rank 2, rank should be in the interval [0, 1]", outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InitOptions().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new InitOptions().worldSize(0));
    }

    @Test
    void ncclWithoutTheCudaNativesSaysSo(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeFalse(Dist.isNcclAvailable(), "NCCL natives are present");
        var e = assertThrows(IllegalStateException.class, () -> Dist.initProcessGroup(Backend.NCCL, new InitOptions()
                .initMethod("file://" + dir.resolve("store")).rank(0).worldSize(1)));
        assertTrue(e.getMessage().startsWith("Distributed package doesn't have NCCL built in"), e.getMessage());
        assertFalse(Dist.isInitialized());
    }

    @Test
    void groupsMadeAndDestroyedHundredsOfTimesLeaveTheHeapIntact(@TempDir Path dir) {
        // The presets' stores are plain-new objects that a backend takes ownership of: freeing them from Java as well
        // was a double free that aborted the JVM within a few hundred cycles (or corrupted the heap for later tests).
        for (int i = 0; i < 400; i++) {
            Dist.initProcessGroup(Backend.GLOO, new InitOptions().initMethod("file://" + dir.resolve("store" + i))
                    .rank(0).worldSize(1));
            if (i % 4 == 0) {
                var ddp = new dev.jtorch.nn.parallel.DistributedDataParallel<>(new dev.jtorch.nn.Linear(3, 2));
                ddp.forward(Torch.randn(4, 3)).sum().backward();
            } else {
                Dist.allReduce(Torch.ones(3));
            }
            Dist.destroyProcessGroup();
            if (i % 50 == 0) {
                System.gc();
            }
        }
        assertFalse(Dist.isInitialized());
    }

    @Test
    void stridedViewsAreRefusedAndShapesOtherThanVectorsGather(@TempDir Path dir) {
        single(dir);
        var t = Torch.arange(6).toFloat().reshape(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Dist.allReduce(t.t()));
        assertTrue(e.getMessage().startsWith("Tensors must be contiguous"), e.getMessage());
        List<dev.jtorch.Tensor> out = new ArrayList<>(List.of(Torch.zeros(3, 2)));
        Dist.allGather(out, t.t()); // list outputs and inputs are copied: views are fine there
        assertEquals(t.t().toString(), out.get(0).toString());
        List<dev.jtorch.Tensor> scalars = new ArrayList<>(List.of(Torch.zeros(new long[0])));
        Dist.allGather(scalars, Torch.tensor(2.5).sum());
        assertEquals(2.5, scalars.get(0).item());
        var twoD = Torch.zeros(2, 3);
        Dist.allGatherIntoTensor(twoD, t);
        assertEquals(t.toString(), twoD.toString());
        var mixed = assertThrows(IllegalArgumentException.class,
                () -> Dist.reduceScatterTensor(Torch.zeros(2), Torch.ones(2).toDouble(), ReduceOp.SUM));
        assertTrue(mixed.getMessage().contains("same dtype"), mixed.getMessage());
    }

    @Test
    void namesArePyTorchs() {
        assertEquals("ReduceOp.SUM", ReduceOp.SUM.toString());
        assertEquals("nccl", Backend.NCCL.toString());
    }
}
