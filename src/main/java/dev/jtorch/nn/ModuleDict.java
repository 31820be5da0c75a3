package dev.jtorch.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * {@code torch.nn.ModuleDict(modules)}: submodules by name, in insertion order, registered under their keys so that
 * their parameters are the dictionary's ({@code heads.cls.weight}) and {@link #toString()} prints PyTorch's repr.
 *
 * <pre>{@code
 * var heads = new ModuleDict(Map.of("cls", new Linear(8, 3)));    // nn.ModuleDict({'cls': nn.Linear(8, 3)})
 * heads.put("reg", new Linear(8, 1));                             // heads['reg'] = nn.Linear(8, 1)
 * Tensor y = heads.get("cls").forward(x);                         // heads['cls'](x)
 * }</pre>
 * Pass a {@link LinkedHashMap} (or add with {@link #put}) where the order matters, as it does for the repr and the
 * order of {@link #parameters()}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ModuleDict.html">torch.nn.ModuleDict</a>.
 */
public class ModuleDict extends Module {
    private final Map<String, Module> items = new LinkedHashMap<>();

    /** {@code nn.ModuleDict()}. */
    public ModuleDict() {}

    /** {@code nn.ModuleDict(mapping)}, in the map's iteration order. */
    public ModuleDict(Map<String, ? extends Module> modules) {
        update(modules);
    }

    /** Python's {@code dict[key] = module}: adds, or replaces in place. */
    public void put(String key, Module module) {
        Objects.requireNonNull(module, "module");
        registerModule(key, module);
        items.put(key, module);
    }

    /** Python's {@code update(mapping)}: puts every entry, in the map's iteration order. */
    public void update(Map<String, ? extends Module> modules) {
        Objects.requireNonNull(modules, "modules");
        for (Map.Entry<String, ? extends Module> e : modules.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    /**
     * Python's {@code dict[key]}.
     *
     * @throws NoSuchElementException for a missing key, as Python raises {@code KeyError}
     */
    public Module get(String key) {
        Module m = items.get(key);
        if (m == null) {
            throw new NoSuchElementException("'" + key + "'");
        }
        return m;
    }

    /** Python's {@code key in dict}. */
    public boolean containsKey(String key) {
        return items.containsKey(key);
    }

    /** Python's {@code pop(key)} (and {@code del dict[key]}). */
    public Module pop(String key) {
        Module m = get(key);
        items.remove(key);
        removeModule(key);
        return m;
    }

    /** Python's {@code clear()}. */
    public void clear() {
        for (String k : items.keySet()) {
            removeModule(k);
        }
        items.clear();
    }

    /** Python's {@code len(dict)}. */
    public int size() {
        return items.size();
    }

    /** Python's {@code keys()}, in order (unmodifiable). */
    public Set<String> keys() {
        return Collections.unmodifiableSet(items.keySet());
    }

    /** Python's {@code values()}, in order (unmodifiable). */
    public java.util.Collection<Module> values() {
        return Collections.unmodifiableCollection(items.values());
    }

    /** Python's {@code items()}: the entries in order (unmodifiable). */
    public Map<String, Module> items() {
        return Collections.unmodifiableMap(items);
    }
}
