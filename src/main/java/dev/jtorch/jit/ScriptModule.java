package dev.jtorch.jit;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.TorchException;
import dev.jtorch.internal.GcPressure;
import dev.jtorch.internal.Ops;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.pytorch.FunctionVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.MethodOptional;
import org.bytedeco.pytorch.NamedJitModule;
import org.bytedeco.pytorch.NamedTensor;
import org.bytedeco.pytorch.named_buffer_iterator;
import org.bytedeco.pytorch.named_buffer_list;
import org.bytedeco.pytorch.named_module_iterator;
import org.bytedeco.pytorch.named_module_list;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.named_parameter_list;

/**
 * A TorchScript module loaded by {@link Jit#load}, mirroring Python's {@code torch.jit.ScriptModule} (the
 * {@code RecursiveScriptModule} that
 * <a href="https://pytorch.org/docs/stable/generated/torch.jit.load.html">torch.jit.load</a> returns): a jtorch
 * {@link Module} whose {@code forward} runs the scripted code on libtorch's TorchScript interpreter.
 *
 * <p>It behaves as a jtorch module in every respect that training needs:
 * <ul>
 *   <li>{@link #parameters()} and {@link #namedParameters()} are the scripted module's own parameters (Python's
 *       names and order: {@code fc1.weight}, {@code fc1.bias}, ...), so an optimizer made on them updates the
 *       tensors the scripted {@code forward} reads, and gradients of a {@code backward} through the scripted code
 *       arrive in their {@link Tensor#grad()}. {@code p.requiresGrad_(false)} freezes a parameter for the scripted
 *       code too.</li>
 *   <li>Each scripted submodule is a {@code ScriptModule} child ({@link #namedChildren()}), so {@link #stateDict()},
 *       {@link #loadStateDict}, {@link #namedBuffers()} and {@link #toString()} give Python's keys and text
 *       ({@code RecursiveScriptModule(original_name=Linear)}).</li>
 *   <li>{@link #train(boolean)} and {@link #eval()} set the scripted modules' {@code training} flag, which
 *       scripted {@code Dropout} and {@code BatchNorm} read; {@link #to(Device)} moves parameters and buffers in
 *       place as Python does.</li>
 *   <li>It may be a submodule of a jtorch model ({@code new Sequential(scripted, new Linear(3, 2))}).</li>
 * </ul>
 *
 * <p>Methods other than {@code forward} (those marked {@code @torch.jit.export} in Python) are called by name with
 * {@link #runMethod(String, Object...)}.
 *
 * <p>Differences from Python: a Java {@code Integer}/{@code Long} argument is a TorchScript {@code int}, which a
 * {@code float} parameter refuses with TorchScript's message (Python's binding converts it: pass {@code 2.0}); a
 * wrong argument count gets libtorch's wording ({@code Expected at most 2 argument(s) for operator 'forward', ...})
 * rather than that of Python's binding. A scripted method that assigns a new tensor to a buffer is followed (the
 * module's buffer is the new tensor after the call); one that assigns a new tensor to a parameter is not.
 *
 * <p>Native memory: the scripted module lives until {@link #close()} or, without it, until the garbage collector
 * frees it. Its parameters and buffers are jtorch tensors owned by this module (no {@link TensorScope} frees them);
 * they stay valid after {@code close()}, which releases only the TorchScript module: any later call that needs it
 * ({@code forward}, {@code save}, {@code train}) throws {@link IllegalStateException}. Closing any module of a
 * loaded tree closes the whole tree. Outputs of {@code forward} belong to the current {@link TensorScope}, as the
 * results of any tensor operation do.
 */
public class ScriptModule extends Module implements AutoCloseable {
    private final ScriptTree tree;
    private final JitModule module;
    /** This module's buffers and their attribute slots, to notice scripted code assigning a new tensor to one. */
    private final Map<String, Long> bufferSlots = new java.util.LinkedHashMap<>();
    private final String originalName;
    private final String qualifiedName;

    /**
     * Wraps a loaded TorchScript module (the root of a tree) or one of its submodules. {@code params} maps a native
     * tensor's implementation address to its Parameter, so that a tensor shared by several submodules stays one
     * parameter (as {@code named_parameters()} reports it once in Python); {@code modules} does the same for
     * submodules.
     */
    ScriptModule(JitModule module, ScriptTree tree, Map<Long, Parameter> params, Map<Long, ScriptModule> modules) {
        this.tree = tree;
        this.module = Ops.unscoped(module);
        tree.add(this.module);
        modules.put(module._ivalue().address(), this);
        org.bytedeco.pytorch.QualifiedName qn = module.type().name().get();
        this.originalName = qn.name().getString();
        this.qualifiedName = qn.qualifiedName().getString();
        try (TensorScope s = new TensorScope("ScriptModule init")) {
            named_parameter_list ps = module.named_parameters(false);
            for (named_parameter_iterator it = ps.begin(); it.notEquals(ps.end()); it = it.increment()) {
                NamedTensor nt = it.access();
                String name = nt.name().getString();
                org.bytedeco.pytorch.Tensor value = nt.value();
                long impl = value.unsafeGetTensorImpl().address();
                Parameter p = params.get(impl);
                if (p == null) {
                    // A new tensor object on the same storage, which from now on is the module's parameter: the
                    // scripted code and jtorch's optimizers see one and the same tensor, grad included.
                    p = new Parameter(Tensor.wrap(value), value.requires_grad());
                    params.put(impl, p);
                    params.put(p.nativeTensor().unsafeGetTensorImpl().address(), p);
                }
                module.setattr(name, new IValue(p.nativeTensor()));
                registerParameter(name, p);
            }
            named_buffer_list bs = module.named_buffers(false);
            for (named_buffer_iterator it = bs.begin(); it.notEquals(bs.end()); it = it.increment()) {
                NamedTensor nt = it.access();
                String name = nt.name().getString();
                registerBuffer(name, Tensor.wrap(nt.value()));
                bufferSlots.put(name, module.type().getAttributeSlot(name));
            }
            if (!bufferSlots.isEmpty()) {
                tree.withBuffers.add(this);
            }
            named_module_list cs = module.named_children();
            for (named_module_iterator it = cs.begin(); it.notEquals(cs.end()); it = it.increment()) {
                NamedJitModule c = it.access();
                JitModule child = c.value();
                ScriptModule m = modules.get(child._ivalue().address());
                if (m == null) {
                    m = new ScriptModule(new JitModule(child), tree, params, modules);
                }
                registerModule(c.name().getString(), m);
            }
        }
    }

    // ---------------------------------------------------------------- running

    /** Python's {@code scripted(x)}: runs the scripted {@code forward} on one tensor. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(new Tensor[] {input});
    }

    /**
     * Python's {@code scripted(x, y, ...)}: runs the scripted {@code forward} on tensors and returns its tensor
     * result (see {@link #runMethod} for other argument and result types).
     *
     * @throws TorchException with TorchScript's own text (the scripted traceback and the error) when the scripted
     *     code fails, e.g. on inputs of the wrong shape
     * @throws IllegalArgumentException when {@code forward} returns something other than a tensor
     */
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        Object out = runMethod("forward", (Object[]) inputs);
        if (out instanceof Tensor t) {
            return t;
        }
        throw new IllegalArgumentException(originalName + ".forward returned " + IValues.describe(out)
                + ", not a Tensor: call runMethod(\"forward\", ...) for other results");
    }

    /**
     * Python's {@code scripted.name(*args)} for a scripted method ({@code forward} or one marked
     * {@code @torch.jit.export}). Arguments: {@link Tensor}, {@code Double}/{@code Float} (a TorchScript
     * {@code float}), {@code Long}/{@code Integer} ({@code int}), {@code Boolean}, {@code String}, null
     * ({@code None}), and {@code Object[]} for a tuple of these. Results come back as the same Java types, with
     * tuples and lists as unmodifiable {@link List}s and dictionaries as {@link Map}s; tensors belong to the current
     * {@link TensorScope}.
     *
     * @throws IllegalArgumentException naming the method if the module has none of that name (Python's
     *     {@code AttributeError}), or an argument of an unsupported type
     * @throws TorchException with TorchScript's text for wrong arguments or a failing scripted call
     */
    public Object runMethod(String name, Object... args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        return withModule("run " + name, m -> {
            MethodOptional found = m.find_method(name);
            if (!found.has_value()) {
                throw new IllegalArgumentException("'RecursiveScriptModule' object has no attribute '" + name
                        + "' (scripted methods of " + originalName + ": " + methodNames() + ")");
            }
            IValueVector stack = new IValueVector();
            for (Object a : args) {
                stack.push_back(IValues.toIValue(a));
            }
            IValue out = Ops.call(() -> found.get().apply(stack));
            syncBuffers();
            return IValues.fromIValue(out);
        });
    }

    /** Whether the scripted module has a method of that name (Python's {@code hasattr(scripted, name)}). */
    public boolean hasMethod(String name) {
        Objects.requireNonNull(name, "name");
        return withModule("look up a method of", m -> m.find_method(name).has_value());
    }

    /** The names of the scripted methods of this module's class ({@code forward} and the exported ones). */
    public List<String> methodNames() {
        return withModule("list the methods of", m -> {
            FunctionVector fs = m.type().methods();
            List<String> names = new ArrayList<>();
            for (long i = 0; i < fs.size(); i++) {
                names.add(fs.get(i).name().getString());
            }
            return Collections.unmodifiableList(names);
        });
    }

    /**
     * Scripted code may assign a new tensor to a buffer ({@code self.steps = self.steps + 1}) instead of updating it
     * in place: then the module's buffer is the new tensor, as in Python.
     */
    private void syncBuffers() {
        if (tree.withBuffers.isEmpty()) {
            return;
        }
        try (TensorScope s = new TensorScope("ScriptModule buffers")) {
            for (ScriptModule m : tree.withBuffers) {
                org.bytedeco.pytorch.Obj obj = m.module._ivalue();
                for (Map.Entry<String, Long> e : m.bufferSlots.entrySet()) {
                    IValue slot = obj.getSlot(e.getValue());
                    if (!slot.isTensor()) {
                        continue; // an Optional[Tensor] buffer set to None: the last tensor stays registered
                    }
                    org.bytedeco.pytorch.Tensor now = slot.toTensor();
                    Tensor held = m.getBuffer(e.getKey());
                    if (now.unsafeGetTensorImpl().address() != held.nativeTensor().unsafeGetTensorImpl().address()) {
                        m.setBuffer(e.getKey(), Tensor.wrap(now));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- modes and devices

    /**
     * Python's {@code train(mode)}: sets the {@code training} flag of this scripted module and of every submodule,
     * which scripted code reads ({@code Dropout}, {@code BatchNorm}). Returns this module.
     */
    @Override
    public Module train(boolean mode) {
        withModule("set the training mode of", m -> {
            m.setattr("training", new IValue(mode));
            return null;
        });
        return super.train(mode);
    }

    /** Python's {@code self.training}, as the scripted module holds it. */
    @Override
    public boolean isTraining() {
        if (tree.isClosed()) {
            return super.isTraining();
        }
        return withModule("read the training mode of", JitModule::is_training);
    }

    /**
     * Python's {@code to(device, non_blocking)}: moves parameters (with their gradients) and buffers in place, so
     * the scripted code and any optimizer keep seeing the same tensors. Returns this module.
     */
    @Override
    public Module to(Device device, boolean nonBlocking) {
        checkOpen("move");
        return super.to(device, nonBlocking);
    }

    /** Python's {@code to(dtype)}: converts floating-point parameters and buffers in place. Returns this module. */
    @Override
    public Module to(DType dtype) {
        checkOpen("convert");
        return super.to(dtype);
    }

    // ---------------------------------------------------------------- saving

    /**
     * Python's {@code scripted.save(path)} (the same as {@code torch.jit.save(scripted, path)}): writes the scripted
     * module with its current parameters and buffers in TorchScript's format, which Python's {@code torch.jit.load}
     * and {@link Jit#load} read. The file is written atomically (a complete file or the previous one, never half).
     *
     * @throws TorchException naming the file if it cannot be written
     */
    public void save(Path path) {
        Objects.requireNonNull(path, "path");
        withModule("save", m -> {
            ScriptFiles.save(m, path);
            return null;
        });
    }

    // ---------------------------------------------------------------- identity and printing

    /** Python's {@code original_name}: the class name of the scripted Python module, e.g. {@code Linear}. */
    public String originalName() {
        return originalName;
    }

    /** The TorchScript class name, e.g. {@code __torch__.torch.nn.modules.linear.Linear}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** Python's {@code _get_name()} of a loaded scripted module: {@code RecursiveScriptModule}. */
    @Override
    public String getName() {
        return "RecursiveScriptModule";
    }

    /** Python's {@code extra_repr()}: {@code original_name=Linear}. */
    @Override
    public String extraRepr() {
        return "original_name=" + originalName;
    }

    /**
     * The presets' {@code torch::jit::Module} behind this one, for calling the raw presets. It stays owned by this
     * module (do not close it), and is valid until {@link #close()}.
     *
     * @throws IllegalStateException if the module was closed
     */
    public JitModule nativeModule() {
        checkOpen("use");
        return module;
    }

    // ---------------------------------------------------------------- lifetime

    /** Whether {@link #close()} released the scripted module. */
    public boolean isClosed() {
        return tree.isClosed();
    }

    /**
     * Releases the TorchScript module of the whole loaded tree now (without it, the garbage collector does). The
     * parameters and buffers stay valid jtorch tensors. Later calls that need the scripted module throw
     * {@link IllegalStateException}; closing again does nothing. Waits for calls running on other threads to finish.
     */
    @Override
    public void close() {
        tree.close();
    }

    private void checkOpen(String what) {
        if (tree.isClosed()) {
            throw closedError(what);
        }
    }

    private IllegalStateException closedError(String what) {
        return new IllegalStateException("Cannot " + what + " ScriptModule " + originalName + " (loaded from "
                + tree.source + "): it has been closed");
    }

    /** Runs {@code f} on the native module, holding the tree's read lock so that {@link #close()} waits for it. */
    private <T> T withModule(String what, java.util.function.Function<JitModule, T> f) {
        return tree.read(() -> closedError(what), () -> Ops.call(() -> f.apply(module)));
    }

    /**
     * Builds the jtorch tree for a loaded module. Until {@link #close()}, the tree counts {@code nativeBytes} (an
     * estimate of its compiled code and graphs) towards jtorch's garbage-collection threshold, as tensors left to
     * the collector do, so that a loop that loads modules and never closes them still runs in bounded memory.
     */
    static ScriptModule of(JitModule loaded, String source, long nativeBytes) {
        ScriptModule root = new ScriptModule(loaded, new ScriptTree(source, nativeBytes), new HashMap<>(), new HashMap<>());
        GcPressure.handedToCollector(nativeBytes);
        return root;
    }
}
