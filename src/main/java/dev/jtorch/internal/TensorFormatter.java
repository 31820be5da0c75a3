package dev.jtorch.internal;

import dev.jtorch.DType;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's tensor printing ({@code torch/_tensor_str.py}) under the current print options
 * ({@code torch.set_printoptions}; by default precision 4, threshold 1000, edge items 3, line width 80, automatic
 * scientific mode). Numbers are rounded as Python's {@code format} rounds them: the exact binary value, half to even.
 *
 * <p>The options are one process-wide immutable snapshot, as Python's {@code PRINT_OPTS} is one module-level object:
 * {@link #setOptions} replaces it atomically and each {@link #format} reads it once, so a tensor printed while another
 * thread changes the options uses either the old options or the new ones, never a mixture.
 */
public final class TensorFormatter {
    /**
     * Python's {@code PRINT_OPTS}: {@code threshold} is a double so that the {@code "full"} profile's infinity fits;
     * a null {@code sciMode} is Python's {@code None} (chosen per tensor).
     */
    public record Options(int precision, double threshold, int edgeItems, int lineWidth, Boolean sciMode) {
        /** PyTorch's defaults (profile {@code "default"}). */
        public static final Options DEFAULT = new Options(4, 1000, 3, 80, null);
    }

    private static volatile Options current = Options.DEFAULT;

    /** The print options in force. */
    public static Options options() {
        return current;
    }

    /** Replaces the print options (atomically, for every thread). */
    public static void setOptions(Options options) {
        current = java.util.Objects.requireNonNull(options, "options");
    }

    private final Options opts;
    private final int precision;
    private final int edgeItems;

    private final long[] shape;
    private final long[] strides;
    private final double[] floats;
    private final long[] longs;
    private final boolean[] bools;
    private final boolean floating;
    private final boolean summarize;
    /** For a summarized tensor: the position of each printed element's flat offset in the fetched values. */
    private final java.util.Map<Long, Integer> slots;

    private boolean intMode = true;
    private boolean sciMode;
    private int maxWidth = 1;

    private TensorFormatter(Tensor t, Options opts) {
        this.opts = opts;
        this.precision = opts.precision();
        this.edgeItems = opts.edgeItems();
        DType dtype = t.dtype();
        shape = t.shape().toArray();
        strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        floating = dtype.isFloatingPoint();
        summarize = t.numel() > opts.threshold();
        Tensor values = t;
        if (summarize) {
            // Fetch only the printed corners, as PyTorch's get_summarized_data does, not the whole tensor.
            List<Long> shown = new ArrayList<>();
            collect(0, 0, shown);
            slots = new java.util.HashMap<>();
            long[] offsets = new long[shown.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = shown.get(i);
                slots.put(offsets[i], i);
            }
            values = t.reshape(-1).index(dev.jtorch.Torch.tensor(offsets));
        } else {
            slots = null;
        }
        floats = floating ? values.toDoubleArray() : null;
        bools = dtype == DType.BOOL ? values.toBooleanArray() : null;
        longs = !floating && bools == null ? values.toLongArray() : null;
    }

    /** Where the value of a flat offset is in the fetched arrays. */
    private int slot(long offset) {
        return slots == null ? (int) offset : slots.get(offset);
    }

    /** Python's {@code str(tensor)}. */
    public static String format(Tensor t) {
        Options opts = current;
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        if (t.isCuda()) {
            suffixes.add("device='" + t.device() + "'");
        }
        DType dtype = t.dtype();
        String body;
        if (t.numel() == 0) {
            if (t.dim() != 1) {
                suffixes.add("size=" + pythonTuple(t.shape().toArray()));
            }
            if (dtype != DType.FLOAT32) {
                suffixes.add("dtype=" + dtype);
            }
            body = "[]";
        } else {
            if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.BOOL) {
                suffixes.add("dtype=" + dtype);
            }
            body = new TensorFormatter(t, opts).render(indent);
        }
        String gradFn = t.gradFnName();
        if (gradFn != null) {
            suffixes.add("grad_fn=<" + gradFn + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes(prefix + body, suffixes, indent, opts.lineWidth());
    }

    private static String pythonTuple(long[] dims) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i]);
        }
        if (dims.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent, int lineWidth) {
        StringBuilder b = new StringBuilder(tensorStr);
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > lineWidth) {
                b.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                b.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return b.append(')').toString();
    }

    private String render(int indent) {
        List<Long> shown = new ArrayList<>();
        collect(0, 0, shown);
        measure(shown);
        return str(0, 0, indent);
    }

    /** The flat offsets of the elements that will be printed (all, or the summarized corners). */
    private void collect(int d, long offset, List<Long> out) {
        if (d == shape.length) {
            out.add(offset);
            return;
        }
        long n = shape[d];
        if (summarize && n > 2L * edgeItems) {
            for (long i = 0; i < edgeItems; i++) {
                collect(d + 1, offset + i * strides[d], out);
            }
            for (long i = tailStart(d, n); i < n; i++) {
                collect(d + 1, offset + i * strides[d], out);
            }
        } else {
            for (long i = 0; i < n; i++) {
                collect(d + 1, offset + i * strides[d], out);
            }
        }
    }

    /**
     * Where the last {@code edgeItems} of dimension {@code d} start: for the last dimension Python slices
     * {@code self[-edgeitems:]}, which for 0 edge items is the whole row.
     */
    private long tailStart(int d, long n) {
        return edgeItems == 0 && d == shape.length - 1 ? 0 : n - edgeItems;
    }

    /** Python's {@code _Formatter.__init__}: decides int, fixed or scientific mode and the column width. */
    private void measure(List<Long> shown) {
        if (!floating) {
            for (long off : shown) {
                maxWidth = Math.max(maxWidth, plain(off).length());
            }
            return;
        }
        List<Double> vals = new ArrayList<>();
        for (long off : shown) {
            double v = floats[slot(off)];
            if (Double.isFinite(v) && v != 0) {
                vals.add(v);
            }
        }
        if (vals.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : vals) {
            double a = Math.abs(v);
            min = Math.min(min, a);
            max = Math.max(max, a);
            if (v != Math.ceil(v)) {
                intMode = false;
            }
        }
        if (intMode) {
            if (max / min > 1000.0 || max > 1.0e8) {
                sciMode = true;
                for (double v : vals) {
                    maxWidth = Math.max(maxWidth, sci(v).length());
                }
            } else {
                for (double v : vals) {
                    maxWidth = Math.max(maxWidth, fixed(v, 0).length() + 1);
                }
            }
        } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
            sciMode = true;
            for (double v : vals) {
                maxWidth = Math.max(maxWidth, sci(v).length());
            }
        } else {
            for (double v : vals) {
                maxWidth = Math.max(maxWidth, fixed(v, precision).length());
            }
        }
        // As Python: a sci_mode option overrides the choice, but not the width measured for it, and only for
        // tensors with a non-zero finite value (the others returned above).
        if (opts.sciMode() != null) {
            sciMode = opts.sciMode();
        }
    }

    private String plain(long off) {
        if (bools != null) {
            return bools[slot(off)] ? "True" : "False";
        }
        return Long.toString(longs[slot(off)]);
    }

    /** Python's {@code _Formatter.format}: one element, right-aligned to the column width. */
    private String element(long off) {
        String ret;
        if (floating) {
            double v = floats[slot(off)];
            if (sciMode) {
                ret = sci(v);
            } else if (intMode) {
                ret = fixed(v, 0);
                if (Double.isFinite(v)) {
                    ret += ".";
                }
            } else {
                ret = fixed(v, precision);
            }
        } else {
            ret = plain(off);
        }
        return ret.length() >= maxWidth ? ret : " ".repeat(maxWidth - ret.length()) + ret;
    }

    private String str(int d, long offset, int indent) {
        int dims = shape.length;
        if (dims == 0) {
            return element(0);
        }
        if (d == dims - 1) {
            return vector(offset, indent);
        }
        long n = shape[d];
        List<String> slices = new ArrayList<>();
        if (summarize && n > 2L * edgeItems) {
            for (long i = 0; i < edgeItems; i++) {
                slices.add(str(d + 1, offset + i * strides[d], indent + 1));
            }
            slices.add("...");
            for (long i = n - edgeItems; i < n; i++) {
                slices.add(str(d + 1, offset + i * strides[d], indent + 1));
            }
        } else {
            for (long i = 0; i < n; i++) {
                slices.add(str(d + 1, offset + i * strides[d], indent + 1));
            }
        }
        int remaining = dims - d;
        String sep = "," + "\n".repeat(remaining - 1) + " ".repeat(indent + 1);
        return "[" + String.join(sep, slices) + "]";
    }

    private String vector(long offset, int indent) {
        int d = shape.length - 1;
        long n = shape[d];
        int elementLength = maxWidth + 2;
        int perLine = Math.max(1, (int) Math.floor((double) (opts.lineWidth() - indent) / elementLength));
        List<String> data = new ArrayList<>();
        if (summarize && n > 2L * edgeItems) {
            for (long i = 0; i < edgeItems; i++) {
                data.add(element(offset + i * strides[d]));
            }
            data.add(" ...");
            for (long i = tailStart(d, n); i < n; i++) {
                data.add(element(offset + i * strides[d]));
            }
        } else {
            for (long i = 0; i < n; i++) {
                data.add(element(offset + i * strides[d]));
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < data.size(); i += perLine) {
            lines.add(String.join(", ", data.subList(i, Math.min(data.size(), i + perLine))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    private static String fixed(double v, int digits) {
        return PyFormat.fixed(v, digits);
    }

    private String sci(double v) {
        return PyFormat.sci(v, precision);
    }
}
