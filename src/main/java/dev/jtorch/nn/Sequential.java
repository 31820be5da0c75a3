package dev.jtorch.nn;

import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.Sequential(*modules)}: applies its modules in order; they are registered as {@code 0},
 * {@code 1}, ... so state-dict keys read {@code 0.weight}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Sequential.html">torch.nn.Sequential</a>.
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** {@code nn.Sequential(m0, m1, ...)}. */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            append(m);
        }
    }

    /** Python's {@code append(module)}. Returns this. */
    public Sequential append(Module module) {
        Objects.requireNonNull(module, "module");
        registerModule(Integer.toString(layers.size()), module);
        layers.add(module);
        return this;
    }

    /** Python's {@code seq[i]}; negative indices count from the end. */
    public Module get(int index) {
        int i = index < 0 ? index + layers.size() : index;
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range");
        }
        return layers.get(i);
    }

    /**
     * Python's {@code seq[i] = module}: replaces the module at {@code index} (negative indices count from the end),
     * keeping its name and place, as in
     * {@code model.classifier[1] = nn.Linear(model.last_channel, 2)}. Returns this.
     */
    public Sequential set(int index, Module module) {
        Objects.requireNonNull(module, "module");
        int i = index < 0 ? index + layers.size() : index;
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range");
        }
        registerModule(Integer.toString(i), module);
        layers.set(i, module);
        return this;
    }

    /** Python's {@code len(seq)}. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }
}
