package dev.jtorch;

import dev.jtorch.internal.Native;
import java.util.function.Supplier;
import org.bytedeco.pytorch.global.torch;

/**
 * Python's {@code torch.cuda} module, reached through {@link Torch#cuda()}:
 * {@code torch.cuda.manual_seed_all(42)} is {@code Torch.cuda().manualSeedAll(42)}.
 *
 * <p>Without CUDA (the default build's CPU natives, or the {@code gpu} profile's natives on a machine without an
 * NVIDIA GPU and driver) it behaves as Python's {@code torch.cuda} does before CUDA is initialized: the queries of
 * the caching allocator return 0, {@link #emptyCache()}, {@link #resetPeakMemoryStats()} and the seeding methods do
 * nothing, and the calls that need a device ({@link #synchronize()}, {@link #currentDevice()},
 * {@link #getDeviceName()}, ...) throw {@link TorchException}. No call reaches a CUDA symbol unless CUDA is
 * available, and a CUDA library that fails to load becomes a {@link TorchException}, never a JVM crash.
 *
 * <p>Device arguments are CUDA device indices ({@code Device.cuda(1).index()}); the overloads without one use the
 * current device, as Python's {@code device=None} does.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/cuda.html">torch.cuda</a>.
 */
public final class Cuda {
    static final Cuda INSTANCE = new Cuda();

    private static final String NO_GPU = "No CUDA GPUs are available";

    private Cuda() {}

    // ---------------------------------------------------------------- devices

    /** {@code torch.cuda.is_available()}: CUDA natives loaded ({@code gpu} profile) and at least one GPU. */
    public boolean isAvailable() {
        return Torch.cudaIsAvailable();
    }

    /** {@code torch.cuda.device_count()}: 0 without CUDA. */
    public int deviceCount() {
        return Torch.cudaDeviceCount();
    }

    /** {@code torch.cuda.current_device()}. */
    public int currentDevice() {
        requireCuda();
        return call("current_device", () -> (int) torch.getDeviceIndex());
    }

    /** {@code torch.cuda.set_device(device)}: the device that {@code Device.cuda()} and the overloads here use. */
    public void setDevice(int device) {
        byte d = checkDevice(device);
        call("set_device", () -> {
            torch.setDeviceIndex(d);
            return null;
        });
    }

    /** {@code torch.cuda.synchronize()}: waits for all kernels on the current device to finish. */
    public void synchronize() {
        requireCuda();
        call("synchronize", () -> {
            torch.cuda_synchronize();
            return null;
        });
    }

    /** {@code torch.cuda.synchronize(device)}. */
    public void synchronize(int device) {
        checkDevice(device);
        call("synchronize", () -> {
            torch.cuda_synchronize(device);
            return null;
        });
    }

    /** {@code torch.cuda.get_device_name()} of the current device, e.g. {@code NVIDIA H100 80GB HBM3}. */
    public String getDeviceName() {
        return getDeviceName(currentDevice());
    }

    /** {@code torch.cuda.get_device_name(device)}. */
    public String getDeviceName(int device) {
        Object props = deviceProperties(checkDevice(device));
        return call("get_device_name", () -> {
            try {
                Object name = props.getClass().getMethod("name").invoke(props);
                return ((org.bytedeco.javacpp.BytePointer) name).getString();
            } catch (ReflectiveOperationException e) {
                throw new TorchException("torch.cuda.get_device_name: " + e, e);
            }
        });
    }

    /** {@code torch.cuda.get_device_capability()} of the current device: {@code {major, minor}}. */
    public int[] getDeviceCapability() {
        return getDeviceCapability(currentDevice());
    }

    /** {@code torch.cuda.get_device_capability(device)}: {@code {major, minor}}, e.g. {@code {9, 0}} on an H100. */
    public int[] getDeviceCapability(int device) {
        Object props = deviceProperties(checkDevice(device));
        return call("get_device_capability", () -> {
            try {
                int major = (int) props.getClass().getMethod("major").invoke(props);
                int minor = (int) props.getClass().getMethod("minor").invoke(props);
                return new int[] {major, minor};
            } catch (ReflectiveOperationException e) {
                throw new TorchException("torch.cuda.get_device_capability: " + e, e);
            }
        });
    }

    /**
     * {@code torch.cuda.is_bf16_supported(including_emulation=False)}: whether the current device computes in
     * bfloat16 natively (compute capability 8.0 or newer). False without CUDA.
     */
    public boolean isBf16Supported() {
        return isAvailable() && getDeviceCapability()[0] >= 8;
    }

    /** {@code torch.backends.cudnn.version()}: the cuDNN loaded at run time, e.g. {@code 91900}; 0 without cuDNN. */
    public long cudnnVersion() {
        if (!isAvailable()) {
            return 0;
        }
        return call("cudnn.version", () -> {
            var hooks = torch.getCUDAHooks();
            return hooks.hasCuDNN() ? hooks.versionRuntimeCuDNN() : 0L;
        });
    }

    // ---------------------------------------------------------------- random

    /** {@code torch.cuda.manual_seed(seed)}: seeds the current device's generator; nothing without CUDA. */
    public void manualSeed(long seed) {
        if (!isAvailable()) {
            return;
        }
        call("manual_seed", () -> {
            torch.cuda_manual_seed(seed);
            return null;
        });
    }

    /** {@code torch.cuda.manual_seed_all(seed)}: seeds every GPU's generator; nothing without CUDA. */
    public void manualSeedAll(long seed) {
        if (!isAvailable()) {
            return;
        }
        call("manual_seed_all", () -> {
            torch.cuda_manual_seed_all(seed);
            return null;
        });
    }

    // ---------------------------------------------------------------- memory (CUDA caching allocator)

    /** {@code torch.cuda.memory_allocated()}: bytes held by tensors on the current device; 0 without CUDA. */
    public long memoryAllocated() {
        return isAvailable() ? memoryAllocated(currentDevice()) : 0;
    }

    /** {@code torch.cuda.memory_allocated(device)}. */
    public long memoryAllocated(int device) {
        return stat(device, Stat.ALLOCATED, false);
    }

    /** {@code torch.cuda.max_memory_allocated()}: the peak of {@link #memoryAllocated()} since the last reset. */
    public long maxMemoryAllocated() {
        return isAvailable() ? maxMemoryAllocated(currentDevice()) : 0;
    }

    /** {@code torch.cuda.max_memory_allocated(device)}. */
    public long maxMemoryAllocated(int device) {
        return stat(device, Stat.ALLOCATED, true);
    }

    /** {@code torch.cuda.memory_reserved()}: bytes the caching allocator holds from the driver, used or cached. */
    public long memoryReserved() {
        return isAvailable() ? memoryReserved(currentDevice()) : 0;
    }

    /** {@code torch.cuda.memory_reserved(device)}. */
    public long memoryReserved(int device) {
        return stat(device, Stat.RESERVED, false);
    }

    /** {@code torch.cuda.max_memory_reserved()}: the peak of {@link #memoryReserved()} since the last reset. */
    public long maxMemoryReserved() {
        return isAvailable() ? maxMemoryReserved(currentDevice()) : 0;
    }

    /** {@code torch.cuda.max_memory_reserved(device)}. */
    public long maxMemoryReserved(int device) {
        return stat(device, Stat.RESERVED, true);
    }

    /** {@code torch.cuda.reset_peak_memory_stats()} on the current device; nothing without CUDA. */
    public void resetPeakMemoryStats() {
        if (isAvailable()) {
            resetPeakMemoryStats(currentDevice());
        }
    }

    /** {@code torch.cuda.reset_peak_memory_stats(device)}: the peaks restart from the current values. */
    public void resetPeakMemoryStats(int device) {
        if (!isAvailable()) {
            return;
        }
        byte d = checkDevice(device);
        call("reset_peak_memory_stats", () -> {
            torch.resetPeakStats(d);
            return null;
        });
    }

    /**
     * {@code torch.cuda.empty_cache()}: returns the cached, unused blocks of the caching allocator to the driver
     * (memory still held by tensors stays allocated). Nothing without CUDA.
     */
    public void emptyCache() {
        if (!isAvailable()) {
            return;
        }
        call("empty_cache", () -> {
            torch.emptyCache();
            return null;
        });
    }

    /** {@code torch.cuda.mem_get_info()} of the current device: {@code {free, total}} bytes, as the driver sees it. */
    public long[] memGetInfo() {
        return memGetInfo(currentDevice());
    }

    /** {@code torch.cuda.mem_get_info(device)}: {@code {free, total}} bytes. */
    public long[] memGetInfo(int device) {
        byte d = checkDevice(device);
        return call("mem_get_info", () -> {
            try (var info = torch.getMemoryInfo(d)) {
                return new long[] {info.first(), info.second()};
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private enum Stat { ALLOCATED, RESERVED }

    /** One aggregate ("all") statistic of the caching allocator, as Python's {@code memory_stats()} reads it. */
    private long stat(int device, Stat which, boolean peak) {
        if (!isAvailable()) {
            return 0;
        }
        byte d = checkDevice(device);
        return call("memory_stats", () -> {
            try (var stats = torch.getDeviceStats(d)) {
                // StatArray's first element is StatType::AGGREGATE, Python's "all".
                var s = which == Stat.ALLOCATED ? stats.allocated_bytes() : stats.reserved_bytes();
                return peak ? s.peak() : s.current();
            }
        });
    }

    private void requireCuda() {
        if (!isAvailable()) {
            throw new TorchException(NO_GPU);
        }
    }

    private byte checkDevice(int device) {
        requireCuda();
        int n = deviceCount();
        if (device < 0 || device >= n) {
            throw new IllegalArgumentException("Invalid device id " + device + ": " + n + " CUDA device"
                    + (n == 1 ? "" : "s") + " available");
        }
        return (byte) device;
    }

    /**
     * The device's {@code cudaDeviceProp}, through {@code torch_cuda.getDeviceProperties} by reflection: its type
     * belongs to the CUDA presets, which only the {@code gpu} profile puts on the class path.
     */
    private static Object deviceProperties(byte device) {
        return call("get_device_properties", () -> {
            try {
                Class<?> c = Class.forName("org.bytedeco.pytorch.global.torch_cuda");
                Object props = c.getMethod("getDeviceProperties", byte.class).invoke(null, device);
                if (props == null) {
                    throw new TorchException("torch.cuda.get_device_properties: no properties for device " + device);
                }
                return props;
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof LinkageError le) {
                    throw le;
                }
                throw new TorchException("torch.cuda.get_device_properties: " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new TorchException("torch.cuda.get_device_properties needs the CUDA presets on the class path "
                        + "(the gpu Maven profile): " + e, e);
            }
        });
    }

    /** Runs a native call: libtorch errors become {@link TorchException}, and so does a CUDA library that fails to load. */
    private static <T> T call(String function, Supplier<T> body) {
        Native.ensureLoaded();
        try {
            return body.get();
        } catch (LinkageError e) {
            throw new TorchException("torch.cuda." + function + ": the CUDA natives could not be loaded (" + e
                    + "); build with the gpu Maven profile on a machine with an NVIDIA driver", e);
        } catch (RuntimeException e) {
            throw Native.translate(e);
        }
    }
}
