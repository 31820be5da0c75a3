package dev.jtorch.internal.pickle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;

/** Python objects that the pickle library has no Java counterpart for, and their pickling. */
public final class PyObjects {
    private PyObjects() {}

    /** A reference to a Python global, pickled as {@code GLOBAL module name}. */
    public record Global(String module, String name) {}

    /** A call of a Python callable on arguments, pickled as {@code callable args REDUCE}. */
    public record Reduce(Global callable, Object[] args) {}

    /**
     * Python's {@code collections.OrderedDict}: pickled as PyTorch pickles a state dict; on loading, its
     * {@code _metadata} attribute (module versions) is kept aside.
     */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
        private transient Object metadata;

        /** An empty ordered dictionary. */
        public OrderedDict() {}

        /** An ordered dictionary with the entries of {@code m}, in its order. */
        public OrderedDict(Map<?, ?> m) {
            super(m);
        }

        /** Python's {@code __setstate__}, called by the unpickler's BUILD with the instance's attributes. */
        public void __setstate__(HashMap<?, ?> state) {
            metadata = state.get("_metadata");
        }

        /** Python's {@code __setstate__} for a state read as an ordered map. */
        public void __setstate__(LinkedHashMap<?, ?> state) {
            metadata = state.get("_metadata");
        }

        /** The {@code _metadata} attribute, or null. */
        public Object metadata() {
            return metadata;
        }
    }

    private static final IObjectPickler GLOBAL = new IObjectPickler() {
        @Override
        public void pickle(Object o, OutputStream out, Pickler pickler) throws PickleException, IOException {
            Global g = (Global) o;
            out.write(Opcodes.GLOBAL);
            out.write((g.module() + "\n" + g.name() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    };

    private static final IObjectPickler REDUCE = new IObjectPickler() {
        @Override
        public void pickle(Object o, OutputStream out, Pickler pickler) throws PickleException, IOException {
            Reduce r = (Reduce) o;
            pickler.save(r.callable());
            pickler.save(r.args());
            out.write(Opcodes.REDUCE);
        }
    };

    private static final IObjectPickler ORDERED_DICT = new IObjectPickler() {
        @Override
        public void pickle(Object o, OutputStream out, Pickler pickler) throws PickleException, IOException {
            OrderedDict d = (OrderedDict) o;
            pickler.save(new Global("collections", "OrderedDict"));
            out.write(Opcodes.EMPTY_TUPLE);
            out.write(Opcodes.REDUCE);
            if (pickler instanceof TorchSerialization.TorchPickler p) {
                p.memoize(d); // as Python memoizes the REDUCE result: a dict holding itself refers back to it
            }
            if (!d.isEmpty()) {
                out.write(Opcodes.MARK);
                for (Map.Entry<Object, Object> e : d.entrySet()) {
                    pickler.save(e.getKey());
                    pickler.save(e.getValue());
                }
                out.write(Opcodes.SETITEMS);
            }
        }
    };

    /**
     * The pickler of objects of class {@code c} ({@link Global}, {@link Reduce}, {@link OrderedDict} and its
     * subclasses), or null: asked by jtorch's own pickler, never registered in the pickle library's process-wide
     * table of custom picklers (where every other user of the library in the JVM would meet it).
     */
    static IObjectPickler pickler(Class<?> c) {
        if (c == Global.class) {
            return GLOBAL;
        }
        if (c == Reduce.class) {
            return REDUCE;
        }
        return OrderedDict.class.isAssignableFrom(c) ? ORDERED_DICT : null;
    }
}
