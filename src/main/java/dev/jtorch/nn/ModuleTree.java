package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Walks of a {@link Module} tree, for {@code Module}'s traversal methods: Python's {@code named_parameters()},
 * {@code named_modules()} and {@code named_buffers()} (each module and parameter once, dotted names), the
 * {@code state_dict()} collection, and the in-place conversion of every parameter and buffer that {@code to()}
 * does.
 */
final class ModuleTree {

    private ModuleTree() {}

    /** Python's {@code named_parameters()}: parameters by dotted name ({@code fc1.weight}), each once. */
    static Map<String, Parameter> namedParameters(Module root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters(root, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectParameters(Module m, String prefix, Map<String, Parameter> out, Set<Object> seen) {
        for (Map.Entry<String, Parameter> e : m.parameterMap().entrySet()) {
            if (seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : m.moduleMap().entrySet()) {
            if (seen.add(e.getValue())) {
                collectParameters(e.getValue(), prefix + e.getKey() + ".", out, seen);
            }
        }
    }

    /** Python's {@code named_buffers()}: the buffers of {@code root.namedModules()} by dotted name. */
    static Map<String, Tensor> namedBuffers(Module root) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : root.namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> b : e.getValue().bufferMap().entrySet()) {
                out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** Python's {@code named_modules()}: {@code root} under {@code ""}, then submodules by dotted name, each once. */
    static Map<String, Module> namedModules(Module root) {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules(root, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectModules(Module m, String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) {
            return;
        }
        out.put(prefix, m);
        for (Map.Entry<String, Module> e : m.moduleMap().entrySet()) {
            collectModules(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out, seen);
        }
    }

    /** {@code state_dict()}'s walk: parameters and persistent buffers, detached and kept, by dotted name. */
    static void collectState(Module m, String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Parameter> e : m.parameterMap().entrySet()) {
            out.put(prefix + e.getKey(), e.getValue().detach().keep());
        }
        for (Map.Entry<String, Tensor> e : m.persistentBuffers().entrySet()) {
            out.put(prefix + e.getKey(), e.getValue().detach().keep());
        }
        for (Map.Entry<String, Module> e : m.moduleMap().entrySet()) {
            collectState(e.getValue(), prefix + e.getKey() + ".", out);
        }
    }

    /**
     * Python's {@code _apply(fn)} as {@code to()} uses it: every parameter (with its gradient) and buffer of
     * {@code root.modules()} replaced in place by {@code fn} of it, under no_grad.
     */
    static void apply(Module root, UnaryOperator<Tensor> fn) {
        try (TensorScope s = new TensorScope("Module.to")) {
            try (var g = Torch.noGrad()) {
                for (Module m : root.modules()) {
                    for (Parameter p : m.parameterMap().values()) {
                        p.setData(fn.apply(p.detach()));
                        Tensor grad = p.grad();
                        if (grad != null) {
                            p.setGrad(fn.apply(grad));
                        }
                    }
                    for (Map.Entry<String, Tensor> b : m.bufferMap().entrySet()) {
                        b.getValue().setData(fn.apply(b.getValue().detach()));
                    }
                }
            }
        }
    }
}
