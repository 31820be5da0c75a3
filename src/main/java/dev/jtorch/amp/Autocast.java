package dev.jtorch.amp;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Torch;
import dev.jtorch.internal.Native;
import java.util.Objects;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * A mixed-precision region, mirroring {@code torch.autocast(device_type, dtype, enabled)} as a try-with-resources
 * block: inside it, eligible operations (linear, matmul, convolutions) run in the lower precision dtype
 * (float16 or bfloat16 on CUDA, bfloat16 on CPU) and precision-sensitive ones stay in float32. Regions nest;
 * closing one restores the state in force when it was opened. Autocast state is per thread, as in PyTorch.
 *
 * <pre>{@code
 * try (var ac = Torch.autocast(device, device.isCuda())) {   // torch.cuda.amp.autocast(enabled=...)
 *     outputs = model.forward(inputs);
 *     loss = criterion.forward(outputs, labels);
 * }
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/amp.html#torch.autocast">torch.autocast</a>.
 */
public final class Autocast implements AutoCloseable {
    private final DeviceType deviceType;
    private final boolean previousEnabled;
    private final org.bytedeco.pytorch.global.torch.ScalarType previousDtype;
    private final Thread owner;
    private boolean closed;

    /**
     * Enters a region for the device's type with the given dtype (null for the device type's default: float16 on
     * CUDA, bfloat16 on CPU).
     */
    public Autocast(Device device, DType dtype, boolean enabled) {
        Objects.requireNonNull(device, "device");
        Native.ensureLoaded();
        DType fast = dtype != null ? dtype : (device.isCuda() ? DType.FLOAT16 : DType.BFLOAT16);
        if (device.isCuda() ? fast != DType.FLOAT16 && fast != DType.BFLOAT16 : fast != DType.BFLOAT16) {
            throw new IllegalArgumentException("In " + (device.isCuda() ? "CUDA" : "CPU") + " autocast, but the target "
                    + "dtype is not supported. Disabling autocast.\n" + (device.isCuda() ? "CUDA" : "CPU")
                    + " Autocast only supports dtype of " + (device.isCuda() ? "torch.float16 and torch.bfloat16"
                    : "torch.bfloat16") + " currently.");
        }
        boolean on = enabled && (!device.isCuda() || Torch.cudaIsAvailable());
        this.deviceType = device.isCuda() ? DeviceType.CUDA : DeviceType.CPU;
        this.owner = Thread.currentThread();
        this.previousEnabled = torch.is_autocast_enabled(deviceType);
        this.previousDtype = torch.get_autocast_dtype(deviceType);
        torch.set_autocast_enabled(deviceType, on);
        torch.set_autocast_dtype(deviceType, fast.scalarType());
        torch.increment_nesting();
    }

    /** Whether autocast is on for the device's type on this thread ({@code torch.is_autocast_enabled}). */
    public static boolean isEnabled(Device device) {
        Native.ensureLoaded();
        return torch.is_autocast_enabled(device.isCuda() ? DeviceType.CUDA : DeviceType.CPU);
    }

    /** The lower-precision dtype in force for the device's type ({@code torch.get_autocast_dtype}). */
    public static DType dtype(Device device) {
        Native.ensureLoaded();
        return DType.of(torch.get_autocast_dtype(device.isCuda() ? DeviceType.CUDA : DeviceType.CPU));
    }

    /** Leaves the region, restoring the previous state; the cast cache is cleared when the outermost one closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Autocast state is per thread: close it on " + owner.getName());
        }
        closed = true;
        if (torch.decrement_nesting() == 0) {
            torch.clear_cache();
        }
        torch.set_autocast_enabled(deviceType, previousEnabled);
        torch.set_autocast_dtype(deviceType, previousDtype);
    }
}
