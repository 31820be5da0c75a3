package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.parallel.DistributedDataParallel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NCCL backend on CUDA tensors (a group of one); skips without a GPU and the CUDA natives (-Pgpu). */
@Tag("cuda")
class NcclTest {
    @AfterEach
    void destroy() {
        if (Dist.isInitialized()) {
            Dist.destroyProcessGroup();
        }
    }

    @Test
    void ncclReducesCudaTensorsAndDdpTrainsOnTheGpu(@TempDir Path dir) {
        assumeTrue(Torch.cudaIsAvailable() && Dist.isNcclAvailable(), "needs an NVIDIA GPU and the CUDA natives");
        Dist.initProcessGroup(Backend.NCCL, new InitOptions().initMethod("file://" + dir.resolve("store")).rank(0)
                .worldSize(1));
        assertEquals(Backend.NCCL, Dist.getBackend());
        var t = Torch.tensor(1.0, 2.0).cuda();
        Dist.allReduce(t, ReduceOp.AVG);
        assertArrayEquals(new float[] {1, 2}, t.cpu().toFloatArray());
        Torch.manualSeed(0);
        Linear lin = new Linear(3, 2);
        lin.cuda();
        var ddp = new DistributedDataParallel<>(lin);
        ddp.forward(Torch.randn(4, 3).cuda()).sum().backward();
        assertEquals(true, lin.weight.grad().isCuda());
    }
}
