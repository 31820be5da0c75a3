package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.internal.WarningSites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The base of every layer and model, mirroring {@code torch.nn.Module}. Subclass it as in PyTorch: declare
 * submodules and parameters as fields, assign them in the constructor, and write {@code forward}:
 *
 * <pre>{@code
 * class SimpleClassifier extends Module {
 *     Linear fc1 = new Linear(10, 64);
 *     ReLU relu = new ReLU();
 *     Linear fc2 = new Linear(64, 2);
 *
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(relu.forward(fc1.forward(x)));
 *     }
 * }
 * }</pre>
 *
 * <p>Fields of type {@link Module} and {@link Parameter} are registered under their field names, in declaration
 * order (superclass fields first), as Python registers attributes on assignment; a field reassigned later (say, a
 * new head for transfer learning) is picked up. {@link #registerModule}, {@link #registerParameter} and
 * {@link #registerBuffer} register explicitly, for names computed at run time or names that are not Java style
 * ({@code outputLayer = registerModule("output_layer", new Linear(10, 1))}: the field then appears once, under the
 * registered name). So state-dict keys read
 * {@code fc1.weight}, {@code fc1.bias}, and {@link #toString()} prints PyTorch's repr.
 *
 * <p>A module owns its parameters and buffers: they belong to no {@link TensorScope}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Module.html">torch.nn.Module</a>.
 */
public abstract class Module {
    static {
        // a module's frames are not the call site of F's once-per-site warnings (F cannot name the modules)
        WarningSites.skipSubclassesOf(Module.class);
    }

    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Boolean> persistent = new LinkedHashMap<>();
    private boolean training = true;
    /** The submodules and parameters: fields and explicit registrations ({@link ModuleRegistry}). */
    private final ModuleRegistry registry = new ModuleRegistry(this);

    /** Python's {@code forward(x)} for modules that take one tensor; override it in your model. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getName() + " does not define forward(Tensor)");
    }

    // ---------------------------------------------------------------- registration

    /**
     * Python's {@code add_module(name, module)} / {@code register_module}. Returns the module. Where this module
     * has a field of that name (say {@code fc}), the field is set to the module too, as Python's attribute and
     * {@code _modules} entry are one: {@code registerModule("fc", head)} is {@code model.fc = head}. A module the
     * field's type cannot hold, or a final field holding another module, raises {@link IllegalArgumentException}.
     */
    public <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        Objects.requireNonNull(module, "module");
        registry.putModule(name, module);
        return module;
    }

    /**
     * Python's {@code delattr(self, name)} for a submodule registered with {@link #registerModule}: removes it and
     * returns it, or returns null when there is none under that name.
     */
    protected Module removeModule(String name) {
        return registry.removeModule(name);
    }

    /** Python's {@code register_parameter(name, param)}. Returns the parameter. */
    public Parameter registerParameter(String name, Parameter parameter) {
        checkName(name);
        Objects.requireNonNull(parameter, "parameter");
        registry.putParameter(name, parameter);
        return parameter;
    }

    /** Python's {@code register_buffer(name, tensor)}: state that is saved but not trained. Returns the buffer. */
    public Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** Python's {@code register_buffer(name, tensor, persistent)}. */
    public Tensor registerBuffer(String name, Tensor buffer, boolean persistentBuffer) {
        checkName(name);
        Objects.requireNonNull(buffer, "buffer");
        buffer.keep();
        buffers.put(name, buffer);
        persistent.put(name, persistentBuffer);
        return buffer;
    }

    /** Replaces a registered buffer's tensor (for modules whose buffers are recomputed, like running stats). */
    protected void setBuffer(String name, Tensor buffer) {
        if (!buffers.containsKey(name)) {
            throw new IllegalArgumentException("no buffer named '" + name + "'");
        }
        buffer.keep();
        buffers.put(name, buffer);
    }

    /** A registered buffer, or null. */
    public Tensor getBuffer(String name) {
        return buffers.get(name);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module name can't be empty or contain \".\", got: " + name);
        }
    }

    /** Python's {@code self._modules}: direct submodules by name, in registration order (read-only). */
    protected Map<String, Module> moduleMap() {
        return registry.modules();
    }

    /** Python's {@code self._parameters}: this module's own parameters, in registration order (read-only). */
    protected Map<String, Parameter> parameterMap() {
        return registry.parameters();
    }
    // ---------------------------------------------------------------- traversal

    /** Python's {@code parameters()}: every parameter of this module and its submodules, each once. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Python's {@code named_parameters()}: parameters by dotted name ({@code fc1.weight}). */
    public Map<String, Parameter> namedParameters() {
        return ModuleTree.namedParameters(this);
    }

    /** Python's {@code buffers()}. */
    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Python's {@code named_buffers()}. */
    public Map<String, Tensor> namedBuffers() {
        return ModuleTree.namedBuffers(this);
    }

    /** Python's {@code children()}: the direct submodules. */
    public List<Module> children() {
        return new ArrayList<>(moduleMap().values());
    }

    /** Python's {@code named_children()}. */
    public Map<String, Module> namedChildren() {
        return new LinkedHashMap<>(moduleMap());
    }

    /** Python's {@code modules()}: this module and every submodule, depth first, each once. */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** Python's {@code named_modules()}: this module under {@code ""}, then submodules by dotted name. */
    public Map<String, Module> namedModules() {
        return ModuleTree.namedModules(this);
    }

    // ---------------------------------------------------------------- modes

    /** Python's {@code train()}: training mode for this module and every submodule. Returns this module. */
    public Module train() {
        return train(true);
    }

    /** Python's {@code train(mode)}. */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children()) {
            m.train(mode);
        }
        return this;
    }

    /** Python's {@code eval()}: the same as {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    /** Python's {@code self.training}. */
    public boolean isTraining() {
        return training;
    }

    /** Python's {@code requires_grad_(flag)} on every parameter (freezing with {@code false}). */
    public Module requiresGrad_(boolean requiresGrad) {
        for (Parameter p : parameters()) {
            p.requiresGrad_(requiresGrad);
        }
        return this;
    }

    /** Python's {@code zero_grad()}: sets every parameter's gradient to None, as PyTorch 2 does by default. */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** Python's {@code zero_grad(set_to_none)}. */
    public void zeroGrad(boolean setToNone) {
        for (Parameter p : parameters()) {
            zeroGradOf(p, setToNone);
        }
    }

    /** Sets a parameter's gradient to None, or zeroes it in place (detached from any graph). */
    public static void zeroGradOf(Tensor p, boolean setToNone) {
        if (setToNone) {
            p.setGrad(null); // no need to look at the gradient first (that would wrap it in a new handle)
            return;
        }
        Tensor g = p.grad();
        if (g != null) {
            try (TensorScope s = new TensorScope("zero_grad")) {
                if (g.gradFnName() != null) {
                    p.setGrad(g.detach());
                    g = p.grad();
                } else {
                    g.requiresGrad_(false);
                }
                g.zero_();
            }
        }
    }

    // ---------------------------------------------------------------- devices and dtypes

    /** Python's {@code to(device)}: moves parameters and buffers in place. Returns this module. */
    public Module to(Device device) {
        return to(device, false);
    }

    /**
     * Python's {@code to(device, non_blocking=...)}: with {@code nonBlocking}, copies between pinned host memory and
     * a CUDA device are asynchronous with respect to the host.
     */
    public Module to(Device device, boolean nonBlocking) {
        Objects.requireNonNull(device, "device");
        return apply(t -> t.to(device, nonBlocking));
    }

    /** Python's {@code to(dtype)}: converts floating-point parameters and buffers. Returns this module. */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point dtypes, but got desired "
                    + "dtype=" + dtype);
        }
        return apply(t -> t.dtype().isFloatingPoint() ? t.to(dtype) : t);
    }

    /** Python's {@code to(device, dtype)}. */
    public Module to(Device device, DType dtype) {
        return to(device).to(dtype);
    }

    /** Python's {@code cpu()}. */
    public Module cpu() {
        return to(Device.CPU);
    }

    /** Python's {@code cuda()}. */
    public Module cuda() {
        return to(Device.cuda());
    }

    private Module apply(UnaryOperator<Tensor> fn) {
        ModuleTree.apply(this, fn);
        return this;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Python's {@code state_dict()}: parameters and persistent buffers by dotted name, detached (sharing memory
     * with the module, as in PyTorch). The map and its tensors are outside any scope.
     */
    public StateDict stateDict() {
        StateDict out = new StateDict();
        ModuleTree.collectState(this, "", out);
        return out;
    }

    /** This module's own buffers by name, in registration order (the live map). */
    Map<String, Tensor> bufferMap() {
        return buffers;
    }

    /** This module's own persistent buffers by name, in registration order: its part of a state dict. */
    Map<String, Tensor> persistentBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            if (persistent.getOrDefault(e.getKey(), true)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Python's {@code load_state_dict(state_dict)} with {@code strict=True}. */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
        return loadStateDict(stateDict, true);
    }

    /**
     * Python's {@code load_state_dict(state_dict, strict)}: copies values into the existing parameters and
     * buffers. With {@code strict}, missing or unexpected keys raise PyTorch's error; a shape mismatch always does.
     * Nothing is copied when an error is raised (PyTorch copies the matching entries before raising); the missing
     * and unexpected keys are reported in PyTorch's order.
     *
     * @return the missing and unexpected keys (both empty when strict)
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        return StateDictLoader.load(this, stateDict, strict);
    }

    /** Python's {@code _IncompatibleKeys}: what {@code load_state_dict} did not match. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        /** Python's repr: {@code <All keys matched successfully>} when both lists are empty. */
        @Override
        public String toString() {
            if (missingKeys.isEmpty() && unexpectedKeys.isEmpty()) {
                return "<All keys matched successfully>";
            }
            return "_IncompatibleKeys(missing_keys=" + pyList(missingKeys) + ", unexpected_keys="
                    + pyList(unexpectedKeys) + ")";
        }

        private static String pyList(List<String> l) {
            List<String> q = new ArrayList<>();
            for (String s : l) {
                q.add("'" + s + "'");
            }
            return "[" + String.join(", ", q) + "]";
        }
    }

    // ---------------------------------------------------------------- printing

    /** Python's {@code _get_name()}: the class name. */
    public String getName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getName() : n;
    }

    /** Python's {@code extra_repr()}: the text inside the parentheses of a leaf module, e.g. {@code p=0.5}. */
    public String extraRepr() {
        return "";
    }

    /** Python's {@code repr(module)}, character for character. */
    @Override
    public String toString() {
        return ModuleRepr.of(this);
    }
}
