package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.utils.data.default_collate} for the sample types jtorch datasets produce: a {@link Tensor} per sample
 * becomes one stacked tensor, a {@code List<Tensor>} per sample becomes one stacked tensor per position, a
 * {@link Number} per sample becomes a 1-D tensor (int64 for integers, float64 for floating values, as PyTorch).
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.default_collate">torch.utils.data.default_collate</a>.
 */
public final class Collate {
    private Collate() {}

    /** Python's {@code default_collate(samples)}. */
    public static Batch defaultCollate(List<?> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        Object first = samples.get(0);
        if (first instanceof Tensor) {
            List<Tensor> ts = new ArrayList<>();
            for (Object s : samples) {
                ts.add((Tensor) s);
            }
            return new Batch(List.of(Torch.stack(ts)));
        }
        if (first instanceof List<?> l) {
            List<Tensor> out = new ArrayList<>();
            for (int pos = 0; pos < l.size(); pos++) {
                List<Object> column = new ArrayList<>();
                for (Object s : samples) {
                    List<?> sl = (List<?>) s;
                    if (sl.size() != l.size()) {
                        throw new IllegalArgumentException("each element in list of batch should be of equal size");
                    }
                    column.add(sl.get(pos));
                }
                out.add(defaultCollate(column).get(0));
            }
            return new Batch(out);
        }
        if (first instanceof Number) {
            boolean integral = first instanceof Integer || first instanceof Long || first instanceof Short
                    || first instanceof Byte;
            if (integral) {
                long[] v = new long[samples.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) samples.get(i)).longValue();
                }
                return new Batch(List.of(Torch.tensor(v)));
            }
            double[] v = new double[samples.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) samples.get(i)).doubleValue();
            }
            return new Batch(List.of(Torch.tensor(v, dev.jtorch.DType.FLOAT64)));
        }
        throw new IllegalArgumentException("default_collate: batch must contain tensors, numbers or lists of them; "
                + "found " + first.getClass().getName() + " (pass a collate function)");
    }
}
