package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;

/**
 * Reusable temporaries of an optimizer step, where PyTorch's single-tensor update allocates them afresh for each
 * parameter (the gradient plus weight decay, Adam's denominator): writing them with {@code out=} kernels into the
 * same memory gives the same numbers without a native allocation and a JavaCPP registration per parameter and step.
 *
 * <p>Each slot has one flat buffer per dtype and device, as large as the largest parameter that used it, and each
 * parameter a view of it shaped like the parameter. Sharing is safe because a parameter's temporaries are dead
 * before the next parameter is updated; the memory kept is that of the largest parameter per slot, what PyTorch's
 * single-tensor loop allocates transiently (views of a buffer that a larger parameter replaced are remade at the
 * next step, which frees it). A parameter's shape, dtype, device and contiguity are checked once per step, so views
 * follow a parameter that {@code setData} or {@code Module.to} changed; a non-contiguous parameter gets a fresh
 * temporary with its own layout, as in PyTorch.
 */
final class Scratch {
    private final Map<String, org.bytedeco.pytorch.Tensor> flats = new HashMap<>();
    private final Map<Tensor, Entry> entries = new IdentityHashMap<>();
    /** Bumped whenever a flat buffer is replaced by a larger one: views of the old one are remade. */
    private long generation;

    /** A parameter's views and what they were made for. */
    private static final class Entry {
        org.bytedeco.pytorch.Tensor[] views = new org.bytedeco.pytorch.Tensor[2];
        long[] shape;
        byte dtype;
        boolean cpu;
        boolean contiguous;
        long generation;
        long checkedAt = Long.MIN_VALUE;

        void clear() {
            for (int i = 0; i < views.length; i++) {
                if (views[i] != null) {
                    views[i].close(); // ours alone; frees the old flat buffer once its last view is gone
                    views[i] = null;
                }
            }
            shape = null;
        }
    }

    /**
     * Uninitialized memory shaped, typed and placed like {@code param} for temporary {@code slot}; {@code step}
     * identifies the current step (the parameter is checked against its views once per step).
     */
    org.bytedeco.pytorch.Tensor like(Tensor p, int slot, long step) {
        org.bytedeco.pytorch.Tensor param = p.nativeTensor();
        Entry e = entries.computeIfAbsent(p, k -> new Entry());
        if (e.checkedAt != step) {
            if (e.shape != null && (e.generation != generation || !matches(e, param))) {
                e.clear();
            }
            e.checkedAt = step;
        }
        if (e.shape == null) {
            e.contiguous = param.is_contiguous();
        }
        if (!e.contiguous) {
            // PyTorch's temporaries follow the parameter's layout (channels_last, say): so do these, made afresh
            return torch.empty_like(param);
        }
        if (slot >= e.views.length) {
            e.views = Arrays.copyOf(e.views, slot + 1);
        }
        org.bytedeco.pytorch.Tensor v = e.views[slot];
        if (v == null) {
            v = make(param, slot);
            e.views[slot] = v;
            if (e.shape == null) {
                e.shape = shapeOf(param);
                e.dtype = param.scalar_type().value;
                e.cpu = param.is_cpu();
                e.generation = generation;
            }
        }
        return v;
    }

    private org.bytedeco.pytorch.Tensor make(org.bytedeco.pytorch.Tensor param, int slot) {
        long n = param.numel();
        String key = slot + "/" + param.scalar_type().value + "/" + param.device().str().getString();
        org.bytedeco.pytorch.Tensor flat = flats.get(key);
        if (flat == null || flat.numel() < n) {
            org.bytedeco.pytorch.Tensor old = flats.put(key, Ops.unscoped(param.new_empty(Math.max(n, 1))));
            if (old != null) {
                old.close(); // its storage lives on in the views cut from it until they are remade
                generation++;
            }
            flat = flats.get(key);
        }
        return Ops.unscoped(flat.narrow(0, 0, n).view(shapeOf(param)));
    }

    /** Whether the parameter still has the shape, dtype and device its views were made for. */
    private static boolean matches(Entry e, org.bytedeco.pytorch.Tensor param) {
        if (param.scalar_type().value != e.dtype || param.dim() != e.shape.length || !param.is_contiguous()) {
            return false;
        }
        for (int d = 0; d < e.shape.length; d++) {
            if (param.size(d) != e.shape[d]) {
                return false;
            }
        }
        // on the CPU nothing needs allocating to find out; elsewhere the device index matters too
        if (param.is_cpu() || e.cpu) {
            return param.is_cpu() && e.cpu;
        }
        String device = param.device().str().getString();
        return Arrays.stream(e.views).filter(v -> v != null).allMatch(v -> v.device().str().getString().equals(device));
    }

    private static long[] shapeOf(org.bytedeco.pytorch.Tensor t) {
        long[] shape = new long[(int) t.dim()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = t.size(d);
        }
        return shape;
    }
}
