package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one parameter, mirroring libtorch's {@code torch::optim::OptimizerParamState} (and so one entry of
 * Python's {@code optimizer.state}): each optimizer keeps its own kind ({@code AdamParamState}, ...) with typed
 * fields, which its update reads and writes directly.
 *
 * <p>Python's dictionary shape of the state exists only as a view ({@link #asMap()}), for
 * {@link Optimizer#state(Tensor)}, {@link Optimizer#stateDict()} and {@link Optimizer#loadStateDict(Map)}: its keys
 * are Python's ({@code step}, {@code exp_avg}, ...), in the order they were first set, as in Python's dict; a key the
 * optimizer does not use is kept as it was given, so a state dict survives a load and save unchanged.
 *
 * <p>Mirrors one entry of {@code optimizer.state}; see
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.state_dict.html">torch.optim.Optimizer.state_dict</a>.
 */
public abstract class ParamState {
    /** The keys present, in the order they were first set (Python's dict order). */
    private final List<String> keys = new ArrayList<>(4);
    /** Values of keys this kind of state has no field for. */
    private final Map<String, Object> extras = new HashMap<>(0);
    private Map<String, Object> view;

    /** A state with no keys (Python's empty {@code optimizer.state[p]}). */
    protected ParamState() {}

    /** Whether {@code key} is one of this kind's typed fields. */
    protected abstract boolean isField(String key);

    /** The value of the typed field {@code key} ({@code step} boxed as a {@link Long}). */
    protected abstract Object field(String key);

    /**
     * Sets the typed field {@code key}; a value of the wrong kind is an {@link IllegalArgumentException} naming
     * the key and the value.
     */
    protected abstract void setField(String key, Object value);

    /** Python's {@code len(state) == 0}: the state before the parameter's first step. */
    public final boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Records that {@code key} is set (a no-op when it already was): called by the typed setters. */
    protected final void present(String key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    /** Whether {@code key} is set. */
    public final boolean has(String key) {
        return keys.contains(key);
    }

    /** A {@link Tensor} (or None) for the tensor field {@code key}, or an {@link IllegalArgumentException}. */
    protected static Tensor tensor(String key, Object value) {
        if (value == null || value instanceof Tensor) {
            return (Tensor) value;
        }
        throw new IllegalArgumentException("optimizer state '" + key + "' must be a tensor, got " + value);
    }

    /** A step counter for the field {@code key}, or an {@link IllegalArgumentException}. */
    protected static long count(String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException("optimizer state '" + key + "' must be an integer, got " + value);
    }

    /**
     * Python's dict view of this state, live: reading it reads the fields, writing it writes them (with their
     * types checked). The same object every time.
     */
    public final Map<String, Object> asMap() {
        if (view == null) {
            view = new View();
        }
        return view;
    }

    private Object value(String key) {
        return isField(key) ? field(key) : extras.get(key);
    }

    private final class View extends AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            return key instanceof String k && keys.contains(k) ? value(k) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && keys.contains(k);
        }

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public Object put(String key, Object value) {
            Object old = get(key);
            if (isField(key)) {
                setField(key, value);
            } else {
                extras.put(key, value);
            }
            present(key);
            return old;
        }

        @Override
        public Object remove(Object key) {
            if (!(key instanceof String k) || !keys.contains(k)) {
                return null;
            }
            Object old = value(k);
            if (isField(k)) {
                setField(k, k.equals("step") ? (Object) 0L : null);
            } else {
                extras.remove(k);
            }
            keys.remove(k);
            return old;
        }

        @Override
        public void clear() {
            for (String k : new ArrayList<>(keys)) {
                remove(k);
            }
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> it = new ArrayList<>(keys).iterator();
                    return new Iterator<>() {
                        private String last;

                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            last = it.next();
                            return new SimpleImmutableEntry<>(last, value(last));
                        }

                        @Override
                        public void remove() {
                            View.this.remove(last);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.size();
                }
            };
        }
    }

    /** The state of an optimizer without a typed kind of its own: every key is kept as given. */
    static final class Dict extends ParamState {
        @Override
        protected boolean isField(String key) {
            return false;
        }

        @Override
        protected Object field(String key) {
            throw new IllegalStateException("no field " + key);
        }

        @Override
        protected void setField(String key, Object value) {
            throw new IllegalStateException("no field " + key);
        }
    }
}
