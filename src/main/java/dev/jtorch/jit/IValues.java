package dev.jtorch.jit;

import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.GenericDict;
import org.bytedeco.pytorch.GenericDictEntryRef;
import org.bytedeco.pytorch.GenericDictIterator;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueArrayRef;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Tuple;
import org.bytedeco.pytorch.TupleElements;

/** Converts between Java values and TorchScript's {@code IValue}s (the arguments and results of scripted methods). */
final class IValues {
    private IValues() {}

    /** A Java argument as an IValue: tensors, numbers, booleans, strings, null and Object[] tuples. */
    static IValue toIValue(Object a) {
        if (a == null) {
            return new IValue();
        }
        if (a instanceof Tensor t) {
            return new IValue(t.nativeTensor());
        }
        if (a instanceof Double || a instanceof Float) {
            return new IValue(((Number) a).doubleValue());
        }
        if (a instanceof Long || a instanceof Integer || a instanceof Short || a instanceof Byte) {
            return new IValue(((Number) a).longValue());
        }
        if (a instanceof Boolean b) {
            return new IValue(b.booleanValue());
        }
        if (a instanceof String s) {
            return new IValue(s);
        }
        if (a instanceof Object[] items) {
            IValueVector v = new IValueVector();
            for (Object o : items) {
                v.push_back(toIValue(o));
            }
            return new IValue(Tuple.create(v));
        }
        throw new IllegalArgumentException("cannot pass a " + a.getClass().getName() + " to a scripted method: "
                + "use a Tensor, Double, Long, Boolean, String, null or an Object[] tuple of these");
    }

    /** A result as a Java value (tensors in the current scope; tuples and lists as unmodifiable lists). */
    static Object fromIValue(IValue v) {
        if (v.isNone()) {
            return null;
        }
        if (v.isTensor()) {
            return Tensor.wrap(v.toTensor());
        }
        if (v.isDouble()) {
            return v.toDouble();
        }
        if (v.isInt()) {
            return v.toInt();
        }
        if (v.isBool()) {
            return v.toBool();
        }
        if (v.isString()) {
            return v.toStringRef().getString();
        }
        if (v.isTuple()) {
            TupleElements e = v.toTupleRef().elements();
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < e.size(); i++) {
                out.add(fromIValue(e.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.isTensorList()) {
            TensorVector tv = v.toTensorVector();
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < tv.size(); i++) {
                out.add(Tensor.wrap(tv.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.isList()) {
            IValueArrayRef items = v.toListRef();
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < items.size(); i++) {
                out.add(fromIValue(items.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.isGenericDict()) {
            GenericDict d = v.toGenericDict();
            Map<Object, Object> out = new LinkedHashMap<>();
            for (GenericDictIterator it = d.begin(); it.notEquals(d.end()); it = it.increment()) {
                GenericDictEntryRef e = it.access();
                out.put(fromIValue(e.key()), fromIValue(e.value()));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("a scripted method returned a " + v.tagKind().getString()
                + ", which jtorch does not convert to a Java value");
    }

    /** A result's kind for messages. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List<?> l) {
            return "a tuple or list of " + l.size();
        }
        return "a " + o.getClass().getSimpleName();
    }
}
