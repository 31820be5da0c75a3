package dev.jtorch.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.ModuleList(modules)}: a list of submodules, registered as {@code 0}, {@code 1}, ... so that
 * their parameters are the list's ({@code layers.0.weight}) and {@link #toString()} prints PyTorch's repr. It has
 * no {@code forward}: iterate it in your own.
 *
 * <pre>{@code
 * ModuleList layers = new ModuleList(new Linear(10, 10), new ReLU());   // nn.ModuleList([nn.Linear(10, 10), nn.ReLU()])
 * for (Module m : layers) { x = m.forward(x); }                         // for m in layers: x = m(x)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ModuleList.html">torch.nn.ModuleList</a>.
 */
public class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> items = new ArrayList<>();

    /** {@code nn.ModuleList()} or {@code nn.ModuleList([m0, m1, ...])}. */
    public ModuleList(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        extend(List.of(modules));
    }

    /** {@code nn.ModuleList(iterable)}. */
    public ModuleList(Iterable<? extends Module> modules) {
        extend(modules);
    }

    /** Python's {@code append(module)}. Returns this list. */
    public ModuleList append(Module module) {
        Objects.requireNonNull(module, "module");
        registerModule(Integer.toString(items.size()), module);
        items.add(module);
        return this;
    }

    /** Python's {@code extend(modules)} (and {@code +=}). Returns this list. */
    public ModuleList extend(Iterable<? extends Module> modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            append(m);
        }
        return this;
    }

    /** Python's {@code insert(index, module)}: before {@code index}; later modules move up one name. */
    public void insert(int index, Module module) {
        Objects.requireNonNull(module, "module");
        int i = Math.max(0, Math.min(index < 0 ? index + items.size() : index, items.size()));
        items.add(i, module);
        renumber();
    }

    /** Python's {@code list[index]}; negative indices count from the end. */
    public Module get(int index) {
        return items.get(absolute(index));
    }

    /** Python's {@code list[index] = module}. */
    public void set(int index, Module module) {
        Objects.requireNonNull(module, "module");
        int i = absolute(index);
        items.set(i, module);
        registerModule(Integer.toString(i), module);
    }

    /** Python's {@code list.pop(index)} (and {@code del list[index]}): later modules move down one name. */
    public Module pop(int index) {
        Module m = items.remove(absolute(index));
        renumber();
        return m;
    }

    /** Python's {@code len(list)}. */
    public int size() {
        return items.size();
    }

    /** The modules, in order (unmodifiable). */
    public List<Module> asList() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<Module> iterator() {
        return asList().iterator();
    }

    private int absolute(int index) {
        int n = items.size();
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range");
        }
        return index < 0 ? index + n : index;
    }

    private void renumber() {
        for (int i = 0; i <= items.size(); i++) {
            removeModule(Integer.toString(i));
        }
        for (int i = 0; i < items.size(); i++) {
            registerModule(Integer.toString(i), items.get(i));
        }
    }
}
