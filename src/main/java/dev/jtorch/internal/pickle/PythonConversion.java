package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.save's first step: a Java object graph (maps, lists, arrays, strings, numbers, tensors) as the pickler
 * writes it, each tensor a {@code _rebuild_tensor_v2} call on a {@link SavedStorage} collected for the archive.
 */
final class PythonConversion {
    private PythonConversion() {}

    /** {@code obj} as the pickler writes it; the storages of its tensors are added to {@code storages}. */
    static Object convert(Object obj, List<SavedStorage> storages) {
        return toPython(obj, new Conversion(storages));
    }

    /**
     * Python's recursion limit as pickle meets it: deeper nesting is refused with Python's RecursionError message
     * instead of overflowing the stack (the pickle library itself stops at 1000 levels).
     */
    static final int MAX_DEPTH = 900;

    /** The conversion of one object graph: what was converted (by identity) and the containers on the path. */
    static final class Conversion {
        final List<SavedStorage> storages;
        /** The storage saved for each underlying storage met (device, address, bytes and dtype). */
        final Map<String, SavedStorage> byStorage = new java.util.HashMap<>();
        final Map<Object, Object> seen = new IdentityHashMap<>();
        /** The containers being converted, outermost first (arrays and mutable containers). */
        final List<Object> path = new ArrayList<>();

        Conversion(List<SavedStorage> storages) {
            this.storages = storages;
        }
    }

    /**
     * The object as the pickler writes it. Containers are converted once each (by identity), and registered before
     * their contents, so shared and recursive structures (a dict holding itself) come out shared and recursive, and
     * the pickler's memo writes them as Python's pickle does (BINPUT, then BINGET for each later reference).
     */
    static Object toPython(Object o, Conversion c) {
        if (o == null || o instanceof String || o instanceof Boolean || o instanceof Integer || o instanceof Long
                || o instanceof Double || o instanceof Short || o instanceof Byte) {
            return o;
        }
        if (o instanceof Float f) {
            return f.doubleValue();
        }
        if (o instanceof PyObjects.Global || o instanceof PyObjects.Reduce) {
            return o;
        }
        Object done = c.seen.get(o);
        if (done != null) {
            if (o instanceof Object[] && c.path.contains(o)) {
                checkTupleCycle(o, c);
            }
            return done;
        }
        if (o instanceof Tensor t) {
            Object r = tensor(t, c);
            c.seen.put(t, r);
            return r;
        }
        if (c.path.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("maximum recursion depth exceeded while pickling an object (the object"
                    + " to save is nested more than " + MAX_DEPTH + " containers deep)");
        }
        c.path.add(o);
        try {
            if (o instanceof dev.jtorch.nn.StateDict d) {
                PyObjects.OrderedDict out = new PyObjects.OrderedDict();
                c.seen.put(o, out);
                for (Map.Entry<String, Tensor> e : d.entrySet()) {
                    out.put(e.getKey(), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof PyObjects.OrderedDict d) {
                PyObjects.OrderedDict out = new PyObjects.OrderedDict();
                c.seen.put(o, out);
                for (Map.Entry<Object, Object> e : d.entrySet()) {
                    out.put(key(e.getKey(), c), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                c.seen.put(o, out);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(key(e.getKey(), c), toPython(e.getValue(), c));
                }
                return out;
            }
            if (o instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                c.seen.put(o, out);
                for (Object x : l) {
                    out.add(toPython(x, c));
                }
                return out;
            }
            if (o instanceof Object[] a) {
                Object[] out = new Object[a.length];
                c.seen.put(o, out);
                for (int i = 0; i < a.length; i++) {
                    out[i] = toPython(a[i], c);
                }
                return out;
            }
        } finally {
            c.path.remove(c.path.size() - 1);
        }
        if (o instanceof double[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (o instanceof long[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (o instanceof int[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new IllegalArgumentException("cannot save a " + o.getClass().getName()
                + ": use maps, lists, arrays, strings, numbers, booleans, null and tensors");
    }

    /**
     * A dict key: hashable in Python, so no dict or list, and (for Java's hash maps) no container on the current
     * path, whose hash code would never end.
     */
    private static Object key(Object k, Conversion c) {
        if (k instanceof Map<?, ?> || k instanceof List<?>) {
            throw new IllegalArgumentException("cannot save a dict with a " + (k instanceof Map ? "dict" : "list")
                    + " as a key: unhashable type: '" + (k instanceof Map ? "dict" : "list") + "'");
        }
        return toPython(k, c);
    }

    /**
     * An array met again while it is being converted: Python can pickle a tuple that holds itself only through a
     * list or dict (the tuple is then rebuilt after its contents); an array that holds itself through arrays alone
     * has no Python counterpart.
     */
    private static void checkTupleCycle(Object array, Conversion c) {
        for (int i = c.path.size() - 1; i >= 0 && c.path.get(i) != array; i--) {
            if (!(c.path.get(i) instanceof Object[])) {
                return; // through a list or dict: Python's pickle writes it
            }
        }
        throw new IllegalArgumentException("cannot save an Object[] (a Python tuple) that contains itself through"
                + " tuples alone: a tuple cannot contain itself in Python; use a List for a recursive structure");
    }

    /**
     * A tensor as torch.save pickles it: {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} on its whole
     * underlying storage, saved once however many tensors view it, so that views saved together load sharing one
     * storage again (in Python and here). A tensor whose storage cannot be saved whole with its dtype (no storage,
     * or a byte count its element size does not divide, as after a {@code view(dtype)}) is saved as a contiguous
     * copy of its own.
     */
    private static Object tensor(Tensor t, Conversion c) {
        DType dtype = t.dtype();
        Tensor d = t.detach();
        org.bytedeco.pytorch.Tensor n = d.nativeTensor();
        long itemSize = n.element_size();
        long[] size = d.shape().toArray();
        SavedStorage s = null;
        long offset = 0;
        long[] stride = null;
        if (n.has_storage() && !n.is_sparse() && "Strided".equals(n.layout().toString())) {
            org.bytedeco.pytorch.Storage st = n.storage();
            long nbytes = st.nbytes();
            org.bytedeco.javacpp.Pointer data = st.data();
            long address = data == null ? 0 : data.address();
            if (address != 0 && nbytes % itemSize == 0) {
                String id = d.device() + "@" + address + "+" + nbytes + ":" + dtype;
                s = c.byStorage.get(id);
                if (s == null) {
                    long numel = nbytes / itemSize;
                    Tensor whole = Ops.tensor(() -> n.as_strided(new long[] {numel}, new long[] {1},
                            new org.bytedeco.pytorch.LongOptional(0))).cpu().contiguous();
                    s = new SavedStorage(Integer.toString(c.storages.size()), dtype, numel, whole, nbytes);
                    c.storages.add(s);
                    c.byStorage.put(id, s);
                }
                offset = n.storage_offset();
                stride = n.strides().vec().get();
            }
        }
        if (s == null) {
            Tensor copy = d.cpu().contiguous();
            long numel = copy.numel();
            s = new SavedStorage(Integer.toString(c.storages.size()), dtype, numel, copy, numel * itemSize);
            c.storages.add(s);
            stride = new long[size.length];
            long st = 1;
            for (int i = size.length - 1; i >= 0; i--) {
                stride[i] = st;
                st *= size[i];
            }
        }
        Object[] sizeTuple = new Object[size.length];
        Object[] strideTuple = new Object[size.length];
        for (int i = 0; i < size.length; i++) {
            sizeTuple[i] = size[i];
            strideTuple[i] = stride[i];
        }
        return new PyObjects.Reduce(new PyObjects.Global("torch._utils", "_rebuild_tensor_v2"),
                new Object[] {s, offset, sizeTuple, strideTuple, t.requiresGrad(), new PyObjects.OrderedDict()});
    }
}
