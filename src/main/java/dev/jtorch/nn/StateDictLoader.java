package dev.jtorch.nn;

import dev.jtorch.Size;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code Module.load_state_dict}: matches a state dict's keys against a module tree, reports what is
 * missing, unexpected or of the wrong shape in PyTorch's words, and copies only when nothing is wrong.
 */
final class StateDictLoader {
    private StateDictLoader() {}

    /** {@code module.load_state_dict(stateDict, strict)}; see {@link Module#loadStateDict(Map, boolean)}. */
    static Module.IncompatibleKeys load(Module module, Map<String, Tensor> stateDict, boolean strict) {
        Objects.requireNonNull(stateDict, "stateDict");
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Tensor[]> copies = new ArrayList<>();
        load(module, "", new LinkedHashMap<>(stateDict), missing, unexpected, errors, copies);
        if (strict) {
            if (!unexpected.isEmpty()) {
                errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            }
            if (!missing.isEmpty()) {
                errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ". ");
            }
        }
        if (!errors.isEmpty()) {
            throw new TorchException("Error(s) in loading state_dict for " + module.getName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (TensorScope s = new TensorScope("load_state_dict"); var g = Torch.noGrad()) {
            for (Tensor[] c : copies) {
                c[0].copy_(c[1]);
            }
        }
        return new Module.IncompatibleKeys(List.copyOf(missing), List.copyOf(unexpected));
    }

    /**
     * Python's {@code _load_from_state_dict} and the recursion of {@code load_state_dict}: matches this module's own
     * parameters and persistent buffers, reports keys under this prefix that name neither one of them nor a child,
     * then descends into the children with the keys under their prefixes. The copies are only collected.
     */
    private static void load(Module module, String prefix, Map<String, Tensor> stateDict, List<String> missing,
            List<String> unexpected, List<String> errors, List<Tensor[]> copies) {
        Map<String, Tensor> local = new LinkedHashMap<>(module.parameterMap());
        local.putAll(module.persistentBuffers());
        for (Map.Entry<String, Tensor> e : local.entrySet()) {
            String key = prefix + e.getKey();
            Tensor src = stateDict.get(key);
            if (src == null) {
                missing.add(key);
                continue;
            }
            Size have = e.getValue().shape();
            Size got = src.shape();
            if (!have.equals(got)) {
                errors.add("size mismatch for " + key + ": copying a param with shape " + got
                        + " from checkpoint, the shape in current model is " + have + ".");
                continue;
            }
            copies.add(new Tensor[] {e.getValue(), src});
        }
        Map<String, Module> children = module.moduleMap();
        for (String key : stateDict.keySet()) {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length()).split("\\.", 2)[0];
                if (!children.containsKey(name) && !local.containsKey(name)) {
                    unexpected.add(key);
                }
            }
        }
        for (Map.Entry<String, Module> child : children.entrySet()) {
            String childPrefix = prefix + child.getKey() + ".";
            Map<String, Tensor> childState = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
                if (e.getKey().startsWith(childPrefix)) {
                    childState.put(e.getKey(), e.getValue());
                }
            }
            load(child.getValue(), childPrefix, childState, missing, unexpected, errors, copies);
        }
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) {
            q.add("\"" + k + "\"");
        }
        return String.join(", ", q);
    }
}
