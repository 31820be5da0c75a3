package dev.jtorch.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A module's submodules and parameters (Python's {@code self._modules} and {@code self._parameters}): its fields
 * of type {@link Module} and {@link Parameter} under their names, merged with the explicit registrations.
 *
 * <p>The merged maps are kept as last computed, valid while no explicit registration changed and every registered
 * field still holds the object it held then: checking that is one plain read per field, so a training step neither
 * reflects nor allocates to find the parameters, while a field reassigned later (a new head) is still picked up.
 */
final class ModuleRegistry {
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final Module owner;
    private final Map<String, Module> explicitModules = new LinkedHashMap<>();
    private final Map<String, Parameter> explicitParameters = new LinkedHashMap<>();
    /** Bumped by every explicit registration or removal. */
    private int registrations;
    /** The registrations as last computed. */
    private Snapshot snapshot;

    ModuleRegistry(Module owner) {
        this.owner = owner;
    }

    /**
     * Registers a submodule by name. Where the owner has a field of that name holding a module (Python's
     * attribute and {@code _modules} entry are one thing), the field is set too, so that {@code forward}, which
     * reads the field, uses the new module: {@code registerModule("fc", new Linear(512, 2))} works as
     * {@code model.fc = ...}. A module the field's type cannot hold is refused, and so is a new module for a final
     * field that already holds one (a final field still unassigned, as in a constructor's
     * {@code this.m = registerModule("m", m)}, is left to the constructor).
     */
    void putModule(String name, Module module) {
        for (Field f : fieldsOf(owner.getClass())) {
            if (f.getName().equals(name) && Module.class.isAssignableFrom(f.getType())) {
                Object current = read(f);
                if (current == null && Modifier.isFinal(f.getModifiers())) {
                    // a constructor registering before it assigns the final field: `this.m = registerModule("m", m)`
                    break;
                }
                if (current != module) {
                    if (!f.getType().isInstance(module)) {
                        throw new IllegalArgumentException("cannot assign '" + module.getName()
                                + "' as child module '" + name + "' (" + f.getDeclaringClass().getSimpleName() + "."
                                + name + " is a " + f.getType().getSimpleName() + ")");
                    }
                    if (Modifier.isFinal(f.getModifiers())) {
                        throw new IllegalArgumentException("cannot assign '" + module.getName()
                                + "' as child module '" + name + "' (" + f.getDeclaringClass().getSimpleName() + "."
                                + name + " is final)");
                    }
                    try {
                        f.set(owner, module);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot write field " + f, e);
                    }
                }
                break;
            }
        }
        explicitModules.put(name, module);
        registrations++;
    }

    Module removeModule(String name) {
        registrations++;
        return explicitModules.remove(name);
    }

    void putParameter(String name, Parameter parameter) {
        explicitParameters.put(name, parameter);
        registrations++;
    }

    /** The direct submodules by name, in registration order (read-only). */
    Map<String, Module> modules() {
        return snapshot().modules;
    }

    /** The module's own parameters by name, in registration order (read-only). */
    Map<String, Parameter> parameters() {
        return snapshot().parameters;
    }

    private static List<Field> fieldsOf(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Module.class; c = c.getSuperclass()) {
                chain.add(0, c);
            }
            List<Field> out = new ArrayList<>();
            for (Class<?> c : chain) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || f.isSynthetic()) {
                        continue;
                    }
                    Class<?> ft = f.getType();
                    if (Module.class.isAssignableFrom(ft) || Parameter.class.isAssignableFrom(ft)) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private Object read(Field f) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read field " + f, e);
        }
    }

    /** The module's registrations: computed by reflection once, then only re-validated. */
    private static final class Snapshot {
        final int registrations;
        final Object[] fieldValues;
        final Map<String, Module> modules;
        final Map<String, Parameter> parameters;

        Snapshot(int registrations, Object[] fieldValues, Map<String, Module> modules,
                Map<String, Parameter> parameters) {
            this.registrations = registrations;
            this.fieldValues = fieldValues;
            this.modules = Collections.unmodifiableMap(modules);
            this.parameters = Collections.unmodifiableMap(parameters);
        }
    }

    private Snapshot snapshot() {
        List<Field> fields = fieldsOf(owner.getClass());
        Snapshot r = snapshot;
        if (r != null && r.registrations == registrations && unchanged(fields, r.fieldValues)) {
            return r;
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(fields.get(i));
        }
        r = new Snapshot(registrations, values, merge(Module.class, explicitModules, fields, values),
                merge(Parameter.class, explicitParameters, fields, values));
        snapshot = r;
        return r;
    }

    private boolean unchanged(List<Field> fields, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (read(fields.get(i)) != values[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fields of the type under their names, in declaration order, and explicit registrations: a field holding an
     * explicitly registered object appears once, under the registered name (so {@code outputLayer} can be
     * registered as {@code output_layer}), at the field's place.
     */
    private static <T> Map<String, T> merge(Class<T> type, Map<String, T> explicit, List<Field> fields,
            Object[] values) {
        Map<Object, String> explicitNames = new IdentityHashMap<>();
        for (Map.Entry<String, T> e : explicit.entrySet()) {
            explicitNames.put(e.getValue(), e.getKey());
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (type.isInstance(v)) {
                String name = explicitNames.getOrDefault(v, fields.get(i).getName());
                out.put(name, type.cast(v));
            }
        }
        for (Map.Entry<String, T> e : explicit.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }
}
