package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Size;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Python's layout of {@code optimizer.state_dict()} and its reading back for {@code load_state_dict}: the only
 * place where the typed per-parameter states are seen as Python dicts (through {@link ParamState#asMap()}).
 */
final class StateDicts {
    private StateDicts() {}

    /** {@link Optimizer#stateDict()} of these groups and states. */
    static Map<String, Object> save(List<ParamGroup> paramGroups, Map<Tensor, ParamState> state,
            boolean stepIsTensor) {
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        int next = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : g.options().entrySet()) {
                Object v = e.getValue();
                packed.put(e.getKey(), v instanceof double[] d ? d.clone() : v);
            }
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                index.putIfAbsent(p, next++);
                ids.add(index.get(p));
            }
            packed.put("params", ids);
            groups.add(packed);
        }
        Map<Integer, Map<String, Object>> packedState = new TreeMap<>();
        for (Map.Entry<Tensor, ParamState> e : state.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            for (Map.Entry<String, Object> v : e.getValue().asMap().entrySet()) {
                s.put(v.getKey(), v.getKey().equals("step") && v.getValue() instanceof Long n && stepIsTensor
                        ? Torch.scalarTensor(n, DType.FLOAT32).keep() : v.getValue());
            }
            packedState.put(index.get(e.getKey()), s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    /**
     * {@link Optimizer#loadStateDict(Map)}: checks everything, then sets the groups' options and returns the new
     * states (made with {@code newState}), which the optimizer puts in place of its own.
     */
    @SuppressWarnings("unchecked")
    static Map<Tensor, ParamState> load(Map<String, Object> stateDict, List<ParamGroup> paramGroups,
            Supplier<ParamState> newState, Predicate<String> paramShaped) {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) stateDict.get("param_groups");
        Map<?, Map<String, Object>> saved = (Map<?, Map<String, Object>>) stateDict.get("state");
        if (groups == null || saved == null) {
            throw new IllegalArgumentException("state dict needs 'state' and 'param_groups'");
        }
        if (groups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Integer, Tensor> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            List<?> ids = (List<?>) groups.get(i).get("params");
            List<Tensor> own = paramGroups.get(i).params();
            if (ids == null || ids.size() != own.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match "
                        + "the size of optimizer's group");
            }
            for (int j = 0; j < ids.size(); j++) {
                byIndex.put(((Number) ids.get(j)).intValue(), own.get(j));
            }
        }
        for (Map.Entry<?, Map<String, Object>> e : saved.entrySet()) {
            int index = ((Number) e.getKey()).intValue();
            Tensor p = byIndex.get(index);
            if (p == null || e.getValue() == null) {
                continue;
            }
            for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                if (paramShaped.test(v.getKey()) && v.getValue() instanceof Tensor t) {
                    Size got = t.shape();
                    Size want = p.shape();
                    if (!got.equals(want)) {
                        throw new IllegalArgumentException("loaded state dict has state '" + v.getKey() + "' of shape "
                                + got + " for parameter " + index + ", but that parameter has shape " + want
                                + " (was the state dict saved from a model with other parameter shapes?)");
                    }
                }
            }
        }
        // the new states are made (and their values' kinds checked) before anything changes
        Map<Tensor, ParamState> loaded = new IdentityHashMap<>();
        try (TensorScope s = new TensorScope("load_state_dict")) {
            for (Map.Entry<?, Map<String, Object>> e : saved.entrySet()) {
                Tensor p = byIndex.get(((Number) e.getKey()).intValue());
                if (p == null || e.getValue() == null) {
                    continue;
                }
                Map<String, Object> st = loaded.computeIfAbsent(p, k -> newState.get()).asMap();
                for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                    Object value = v.getValue();
                    if (v.getKey().equals("step")) {
                        value = value instanceof Tensor t ? (long) t.item() : ((Number) value).longValue();
                    } else {
                        value = cast(p, value);
                    }
                    st.put(v.getKey(), value);
                }
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = paramGroups.get(i);
            for (Map.Entry<String, Object> e : groups.get(i).entrySet()) {
                if (!e.getKey().equals("params")) {
                    g.options().put(e.getKey(), fromSaved(e.getValue()));
                }
            }
        }
        return loaded;
    }

    /**
     * Python's {@code cast(param, value)} of {@code load_state_dict}: a copy of a tensor on the parameter's device (and
     * of its dtype when floating point), and of each tensor in a list (LBFGS's history); other values as they are.
     */
    private static Object cast(Tensor p, Object value) {
        if (value instanceof Tensor t) {
            return t.to(p.device(), t.dtype().isFloatingPoint() ? p.dtype() : t.dtype()).clone().keep();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) {
                out.add(cast(p, v));
            }
            return out;
        }
        return value;
    }

    /**
     * An option as saved: tuples of numbers (Python's {@code betas}, read back as {@code Object[]}) become double[].
     */
    private static Object fromSaved(Object v) {
        if (v instanceof double[] d) {
            return d.clone();
        }
        if (v instanceof Object[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = ((Number) a[i]).doubleValue();
            }
            return d;
        }
        return v;
    }
}
