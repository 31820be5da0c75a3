package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reusable temporaries of an optimizer step, where PyTorch's single-tensor update allocates them afresh for each
 * parameter (the gradient plus weight decay, Adam's denominator): writing them with {@code out=} kernels into the
 * same memory gives the same numbers without a native allocation and a JavaCPP registration per parameter and step.
 *
 * <p>Each slot has one flat buffer per dtype and device, as large as the largest parameter that used it, and each
 * parameter a view of it shaped like the parameter. Sharing is safe because a parameter's temporaries are dead
 * before the next parameter is updated; the memory kept is that of the largest parameter per slot, what PyTorch's
 * single-tensor loop allocates transiently.
 */
final class Scratch {
    private final Map<String, org.bytedeco.pytorch.Tensor> flats = new HashMap<>();
    private final Map<Tensor, org.bytedeco.pytorch.Tensor[]> views = new IdentityHashMap<>();
    /** Uninitialized memory shaped, typed and placed like {@code param}, for temporary {@code slot}. */
    org.bytedeco.pytorch.Tensor like(Tensor p, org.bytedeco.pytorch.Tensor param, int slot) {
        org.bytedeco.pytorch.Tensor[] mine = views.get(p);
        if (mine == null || mine.length <= slot) {
            mine = mine == null ? new org.bytedeco.pytorch.Tensor[slot + 1] : java.util.Arrays.copyOf(mine, slot + 1);
            views.put(p, mine);
        }
        org.bytedeco.pytorch.Tensor v = mine[slot];
        if (v != null && v.scalar_type().value == param.scalar_type().value && sameShape(v, param)
                && sameDevice(v, param)) {
            return v;
        }
        long n = param.numel();
        String key = slot + "/" + param.scalar_type().value + "/" + param.device().str().getString();
        org.bytedeco.pytorch.Tensor flat = flats.get(key);
        if (flat == null || flat.numel() < n) {
            flat = Ops.unscoped(param.new_empty(Math.max(n, 1)));
            flats.put(key, flat);
        }
        long[] shape = new long[(int) param.dim()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = param.size(d);
        }
        v = Ops.unscoped(flat.narrow(0, 0, n).view(shape));
        mine[slot] = v;
        return v;
    }

    /** The same device; on the CPU without allocating anything to find out. */
    private static boolean sameDevice(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor b) {
        if (a.is_cpu() && b.is_cpu()) {
            return true;
        }
        return a.device().str().getString().equals(b.device().str().getString());
    }

    private static boolean sameShape(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor b) {
        long dims = a.dim();
        if (dims != b.dim()) {
            return false;
        }
        for (long d = 0; d < dims; d++) {
            if (a.size(d) != b.size(d)) {
                return false;
            }
        }
        return true;
    }
}
