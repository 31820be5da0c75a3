package dev.jtorch;

import dev.jtorch.internal.Native;
import java.util.Objects;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * Where a tensor lives, mirroring {@code torch.device}: {@code Device.CPU}, {@code Device.cuda(0)},
 * {@code Torch.device("cuda")}. {@link #toString()} prints Python's text ({@code cpu}, {@code cuda:0}).
 * Immutable value.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch.device">torch.device</a>.
 */
public final class Device {
    /** {@code torch.device("cpu")}. */
    public static final Device CPU = new Device("cpu", -1);

    private final String type;
    private final int index;

    private Device(String type, int index) {
        this.type = type;
        this.index = index;
    }

    /**
     * Parses Python's device strings: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Device of(String spec) {
        Objects.requireNonNull(spec, "device");
        String s = spec.strip();
        String t = s;
        int idx = -1;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            t = s.substring(0, colon);
            try {
                idx = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                idx = -2;
            }
            if (idx < 0) {
                throw new IllegalArgumentException("Invalid device string: '" + spec + "'");
            }
        }
        if (t.equals("cpu")) {
            return idx < 0 ? CPU : new Device("cpu", idx);
        }
        if (t.equals("cuda")) {
            return new Device("cuda", idx);
        }
        throw new IllegalArgumentException(
                "Expected one of cpu, cuda device type at start of device string: " + spec);
    }

    /** {@code torch.device("cuda", index)}. */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Device index must not be negative, got " + index);
        }
        return new Device("cuda", index);
    }

    /** {@code torch.device("cuda")}: the current CUDA device. */
    public static Device cuda() {
        return new Device("cuda", -1);
    }

    /** Python's {@code device.type}: {@code "cpu"} or {@code "cuda"}. */
    public String type() {
        return type;
    }

    /** Python's {@code device.index}, or -1 where Python says {@code None}. */
    public int index() {
        return index;
    }

    /** Whether this is a CUDA device. */
    public boolean isCuda() {
        return type.equals("cuda");
    }

    /** libtorch's device; for jtorch's own native glue. */
    public org.bytedeco.pytorch.Device toNative() {
        Native.ensureLoaded();
        return new org.bytedeco.pytorch.Device(isCuda() ? DeviceType.CUDA : DeviceType.CPU, (byte) index);
    }

    /** The device of a libtorch device. */
    public static Device of(org.bytedeco.pytorch.Device d) {
        boolean cuda = d.is_cuda();
        int i = d.has_index() ? d.index() : -1;
        if (!cuda) {
            return i < 0 ? CPU : new Device("cpu", i);
        }
        return new Device("cuda", i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.type.equals(type) && d.index == index;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + index;
    }

    /** Python's {@code str(device)}: {@code cpu}, {@code cuda}, {@code cuda:0}. */
    @Override
    public String toString() {
        return index < 0 ? type : type + ":" + index;
    }
}
