package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.amp.GradScaler;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Parameter;
import dev.jtorch.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CUDA readiness: devices, asynchronous copies, pinned batches, autocast in float16 and bfloat16, GradScaler,
 * CUDA seeding and the caching allocator's statistics. Runs only where CUDA is present (the {@code gpu} profile's
 * natives and an NVIDIA GPU: {@code mvn -Pgpu verify -Dgroups=cuda}); elsewhere every test is skipped with a message.
 */
@Tag("cuda")
class CudaTest {
    private static final String NEEDS_CUDA =
            "needs CUDA: the gpu Maven profile (mvn -Pgpu) and an NVIDIA GPU with its driver";
    private static final long MIB = 1024 * 1024;
    /** Room for small tensors of other tests that the garbage collector may free while a test measures. */
    private static final long SLACK = 4 * MIB;

    @Test
    void deviceQueries() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Cuda cuda = Torch.cuda();
        assertTrue(cuda.isAvailable());
        assertTrue(cuda.deviceCount() >= 1);
        assertEquals(Torch.cudaDeviceCount(), cuda.deviceCount());
        int current = cuda.currentDevice();
        assertTrue(current >= 0 && current < cuda.deviceCount());
        cuda.setDevice(current);
        assertEquals(current, cuda.currentDevice());
        assertFalse(cuda.getDeviceName().isBlank());
        int[] capability = cuda.getDeviceCapability(current);
        assertEquals(2, capability.length);
        assertTrue(capability[0] >= 5, "compute capability " + capability[0] + "." + capability[1]);
        long[] info = cuda.memGetInfo();
        assertTrue(info[0] > 0 && info[0] <= info[1], "free " + info[0] + " of " + info[1]);
        assertTrue(cuda.cudnnVersion() >= 90000, "cuDNN " + cuda.cudnnVersion());
        cuda.synchronize();
        cuda.synchronize(current);
        assertThrows(IllegalArgumentException.class, () -> cuda.memoryAllocated(cuda.deviceCount()));
        assertThrows(IllegalArgumentException.class, () -> cuda.setDevice(-1));
    }

    @Test
    void tensorToDeviceAndBackWithNonBlockingCopies() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Device gpu = Device.cuda(0);
        try (var scope = new TensorScope("cuda copies")) {
            Tensor host = Torch.arange(0.0, 1024.0, 1.0).pinMemory();
            assertTrue(host.isPinned());
            Tensor onGpu = host.to(gpu, true);
            assertEquals(gpu, onGpu.device());
            assertTrue(onGpu.isCuda());
            assertEquals("cuda:0", onGpu.device().toString());
            Tensor doubled = onGpu.mul(2);
            Tensor back = doubled.to(Device.CPU, true);
            Torch.cuda().synchronize();   // the copy to the host is asynchronous: wait before reading
            assertEquals(Device.CPU, back.device());
            assertArrayEquals(host.mul(2).toFloatArray(), back.toFloatArray());
            assertTrue(Torch.zeros(3).cuda().isCuda(), "tensor.cuda()");
        }
    }

    @Test
    void moduleToDeviceWithNonBlockingMovesParametersAndComputesTheSame() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Torch.manualSeed(0);
        Linear lin = new Linear(16, 4);
        Tensor x = Torch.randn(8, 16);
        float[] onCpu = lin.forward(x).detach().toFloatArray();
        assertSame(lin, lin.to(Device.cuda(0), true));
        for (Parameter p : lin.parameters()) {
            assertTrue(p.isCuda(), "parameter on " + p.device());
            assertTrue(p.requiresGrad());
        }
        Tensor y = lin.forward(x.to(Device.cuda(0), true));
        assertTrue(y.isCuda());
        float[] onGpu = y.detach().cpu().toFloatArray();
        for (int i = 0; i < onCpu.length; i++) {
            assertEquals(onCpu[i], onGpu[i], 1e-4, "output " + i);
        }
        lin.to(Device.CPU, true);
        Torch.cuda().synchronize();
        assertFalse(lin.parameters().get(0).isCuda());
    }

    @Test
    void dataLoaderWithPinMemoryYieldsPinnedBatchesThatCopyAsynchronously() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Torch.manualSeed(0);
        var dataset = new TensorDataset(Torch.randn(100, 8), Torch.randint(0, 2, 100));
        var loader = new DataLoader<>(dataset, new DataLoader.Options().batchSize(32).shuffle(true).pinMemory(true));
        int batches = 0;
        for (Batch batch : loader) {
            for (Tensor t : batch.tensors()) {
                assertTrue(t.isPinned(), "pinned batch tensor");
            }
            Batch onGpu = batch.to(Device.cuda(0), true);
            assertTrue(onGpu.inputs().isCuda());
            assertTrue(onGpu.labels().isCuda());
            assertEquals(DType.INT64, onGpu.labels().dtype());
            batches++;
        }
        assertEquals(4, batches);
        var unpinned = new DataLoader<>(dataset, new DataLoader.Options().batchSize(32));
        for (Batch batch : unpinned) {
            assertFalse(batch.inputs().isPinned());
            break;
        }
    }

    @Test
    void autocastRunsLinearInFloat16ByDefaultAndInBfloat16OnRequest() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Device gpu = Device.cuda(0);
        Linear lin = new Linear(8, 3);
        lin.to(gpu);
        Tensor x = Torch.randn(4, 8).to(gpu);
        try (var ac = Torch.autocast(gpu, true)) {
            assertEquals(DType.FLOAT16, lin.forward(x).dtype());
            assertEquals(DType.FLOAT16, x.matmul(x.t()).dtype());
            assertEquals(DType.FLOAT32, x.sum().dtype(), "reductions stay in float32");
        }
        assertEquals(DType.FLOAT32, lin.forward(x).dtype(), "outside the region");
        try (var ac = Torch.autocast(gpu, DType.BFLOAT16, true)) {
            assertEquals(DType.BFLOAT16, lin.forward(x).dtype());
        }
        try (var ac = Torch.autocast(gpu, DType.FLOAT16, false)) {
            assertEquals(DType.FLOAT32, lin.forward(x).dtype(), "enabled = false");
        }
    }

    @Test
    void gradScalerTrainsOnCudaAndSkipsStepsWithInfiniteGradients() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Device gpu = Device.cuda(0);
        Torch.manualSeed(0);
        Linear model = new Linear(8, 2);
        model.to(gpu);
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.1));
        GradScaler scaler = new GradScaler(new GradScaler.Options().initScale(1024).growthInterval(2));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor x = Torch.randn(16, 8).to(gpu);
        Tensor y = Torch.randint(0, 2, 16).to(gpu);

        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < 4; i++) {
            opt.zeroGrad();
            Tensor loss;
            try (var ac = Torch.autocast(gpu, true)) {
                loss = criterion.forward(model.forward(x), y);
            }
            Tensor scaled = scaler.scale(loss);
            assertTrue(scaled.isCuda());
            scaled.backward();
            scaler.step(opt);
            scaler.update();
            last = loss.item();
            if (i == 0) {
                first = last;
            }
        }
        assertTrue(last < first, "loss " + first + " -> " + last);
        assertEquals(4096.0, scaler.getScale(), "two clean steps in a row double the scale");

        // An infinite gradient: the step is skipped and the scale backs off.
        float[] before = model.parameters().get(0).detach().cpu().toFloatArray();
        opt.zeroGrad();
        scaler.scale(model.forward(x).sum().mul(Double.POSITIVE_INFINITY)).backward();
        scaler.step(opt);
        scaler.update();
        assertArrayEquals(before, model.parameters().get(0).detach().cpu().toFloatArray());
        assertEquals(2048.0, scaler.getScale());
    }

    @Test
    void manualSeedAllMakesCudaRandomNumbersRepeat() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Device gpu = Device.cuda(0);
        Torch.cuda().manualSeedAll(1234);
        float[] a = Torch.zeros(1000).to(gpu).normal_(0, 1).cpu().toFloatArray();
        float[] b = Torch.zeros(1000).to(gpu).normal_(0, 1).cpu().toFloatArray();
        Torch.cuda().manualSeedAll(1234);
        float[] c = Torch.zeros(1000).to(gpu).normal_(0, 1).cpu().toFloatArray();
        assertArrayEquals(a, c, "same seed, same numbers");
        assertFalse(java.util.Arrays.equals(a, b), "the generator moves on");
        Torch.cuda().manualSeed(1234);
        assertArrayEquals(a, Torch.zeros(1000).to(gpu).normal_(0, 1).cpu().toFloatArray(), "manual_seed");
        Torch.manualSeed(1234);   // torch.manual_seed seeds CUDA's generators too
        assertArrayEquals(a, Torch.zeros(1000).to(gpu).normal_(0, 1).cpu().toFloatArray(), "torch.manual_seed");
    }

    @Test
    void memoryStatisticsFollowAllocationsAndEmptyCacheReturnsCachedBlocks() {
        assumeTrue(Torch.cudaIsAvailable(), NEEDS_CUDA);
        Cuda cuda = Torch.cuda();
        Device gpu = Device.cuda(cuda.currentDevice());
        cuda.synchronize();
        cuda.emptyCache();
        long base = cuda.memoryAllocated();
        cuda.resetPeakMemoryStats();
        assertTrue(cuda.maxMemoryAllocated() <= base + SLACK, "peak restarts from the current value");

        try (var scope = new TensorScope("64 MiB on the GPU")) {
            Tensor big = Torch.empty(new long[] {16 * MIB}, DType.FLOAT32).to(gpu);   // 64 MiB
            assertTrue(big.isCuda());
            long allocated = cuda.memoryAllocated();
            assertTrue(allocated - base >= 64 * MIB - SLACK, "allocated grew by " + (allocated - base));
            assertTrue(cuda.maxMemoryAllocated() >= allocated);
            assertTrue(cuda.memoryReserved() >= allocated);
            assertTrue(cuda.maxMemoryReserved() >= cuda.memoryReserved());
            assertEquals(allocated, cuda.memoryAllocated(gpu.index()));
        }
        cuda.synchronize();
        assertTrue(cuda.memoryAllocated() <= base + SLACK, "released with its scope: " + cuda.memoryAllocated());
        assertTrue(cuda.maxMemoryAllocated() - base >= 64 * MIB - SLACK, "the peak remembers");
        long cached = cuda.memoryReserved();
        assertTrue(cached >= 64 * MIB, "the caching allocator keeps the block: " + cached);
        cuda.emptyCache();
        assertTrue(cuda.memoryReserved() <= cached - 64 * MIB, "empty_cache returned it: " + cuda.memoryReserved());
        assertNotEquals(0, cuda.maxMemoryReserved());
    }
}
