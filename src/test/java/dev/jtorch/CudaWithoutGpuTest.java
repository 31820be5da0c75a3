package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jtorch.amp.Autocast;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.Linear;
import org.junit.jupiter.api.Test;

/**
 * {@code torch.cuda} on a machine without CUDA (CPU natives, or no GPU): the same calls a CUDA training script makes
 * are harmless no-ops or clean exceptions, never a crash, so one program runs on both.
 */
class CudaWithoutGpuTest {
    private static final String HAS_CUDA = "CUDA is available here: CudaTest covers this machine";

    @Test
    void queriesAnswerLikePythonBeforeCudaIsInitialized() {
        assumeFalse(Torch.cudaIsAvailable(), HAS_CUDA);
        Cuda cuda = Torch.cuda();
        assertSame(cuda, Torch.cuda());
        assertFalse(cuda.isAvailable());
        assertEquals(0, cuda.deviceCount());
        assertEquals(0, cuda.memoryAllocated());
        assertEquals(0, cuda.maxMemoryAllocated());
        assertEquals(0, cuda.memoryReserved());
        assertEquals(0, cuda.maxMemoryReserved());
        assertEquals(0, cuda.memoryAllocated(0));
        assertEquals(0, cuda.cudnnVersion());
        assertFalse(cuda.isBf16Supported());
        cuda.emptyCache();
        cuda.resetPeakMemoryStats();
        cuda.resetPeakMemoryStats(0);
        cuda.manualSeed(1);
        cuda.manualSeedAll(1);
    }

    @Test
    void callsThatNeedADeviceThrowTorchException() {
        assumeFalse(Torch.cudaIsAvailable(), HAS_CUDA);
        Cuda cuda = Torch.cuda();
        for (Runnable call : new Runnable[] {cuda::synchronize, () -> cuda.synchronize(0), cuda::currentDevice,
                () -> cuda.setDevice(0), cuda::getDeviceName, () -> cuda.getDeviceCapability(0), cuda::memGetInfo}) {
            TorchException e = assertThrows(TorchException.class, call::run);
            assertEquals("No CUDA GPUs are available", e.getMessage());
        }
    }

    @Test
    void trainingCodeWrittenForCudaRunsOnTheCpu() {
        assumeFalse(Torch.cudaIsAvailable(), HAS_CUDA);
        Torch.cuda().manualSeedAll(0);
        Device device = Torch.device(Torch.cudaIsAvailable() ? "cuda" : "cpu");
        assertEquals(Device.CPU, device);
        Linear lin = new Linear(4, 2);
        assertSame(lin, lin.to(device, true));
        var loader = new DataLoader<>(new TensorDataset(Torch.randn(10, 4), Torch.randint(0, 2, 10)),
                new DataLoader.Options().batchSize(5).pinMemory(true));
        for (Batch batch : loader) {
            assertFalse(batch.inputs().isPinned(), "pin_memory is ignored without CUDA, as in PyTorch");
            Batch b = batch.to(device, true);
            try (var ac = Torch.autocast(device, device.isCuda())) {
                assertFalse(Autocast.isEnabled(Device.CPU));
                assertEquals(DType.FLOAT32, lin.forward(b.inputs()).dtype());
            }
        }
        // A CUDA autocast region without CUDA is inert rather than an error.
        try (var ac = Torch.autocast(Device.cuda(), true)) {
            assertFalse(Autocast.isEnabled(Device.cuda()));
        }
        assertTrue(Torch.cuda().memoryAllocated() == 0);
    }
}
