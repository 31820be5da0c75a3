package dev.jtorch.nn.parallel;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.distributed.Dist;
import dev.jtorch.distributed.DistBackendError;
import dev.jtorch.distributed.ProcessGroup;
import dev.jtorch.internal.Native;
import dev.jtorch.internal.Ops;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.pytorch.BoolVector;
import org.bytedeco.pytorch.LoggerOptional;
import org.bytedeco.pytorch.Reducer;
import org.bytedeco.pytorch.SizeTStringMap;
import org.bytedeco.pytorch.SizeTVector;
import org.bytedeco.pytorch.SizeTVectorVector;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.parallel.DistributedDataParallel(module, process_group=None, broadcast_buffers=True,
 * bucket_cap_mb=25, find_unused_parameters=False, gradient_as_bucket_view=False)}
 * (<a href="https://pytorch.org/docs/stable/generated/torch.nn.parallel.DistributedDataParallel.html">docs</a>):
 * wraps a model so that after {@code loss.backward()} every rank holds the gradients averaged over all ranks.
 *
 * <pre>{@code
 * Dist.initProcessGroup(Backend.GLOO);
 * var model = new DistributedDataParallel<>(new SimpleClassifier(10, 64, 2));   // model = DDP(SimpleClassifier(...))
 * var optimizer = new Adam(model.parameters(), new Adam.Options(1e-3));
 * ...
 * Checkpoint.save(model.module().stateDict(), path);                          // keys without "module."
 * }</pre>
 *
 * <p>It is PyTorch's machinery, not a copy of it: the construction checks that every rank has the same parameter
 * shapes and broadcasts rank 0's parameters and buffers ({@code broadcast_coalesced}); gradients go into buckets of
 * about {@code bucketCapMb} (the first one 1 MB), and libtorch's {@code Reducer} all-reduces each bucket from
 * autograd hooks as soon as backward has produced it, overlapping communication with the rest of the backward
 * pass, dividing by the world size as PyTorch does. Buffers are broadcast from rank 0 before each forward
 * ({@code broadcastBuffers}). {@link #noSync()} accumulates gradients locally. Only parameters that require
 * gradients take part (frozen ones are left alone).
 *
 * <p>It is a {@link Module}: {@code toString()} and state-dict keys are PyTorch's ({@code DistributedDataParallel(
 * (module): ...)}, {@code module.fc1.weight}); {@link #module()} is the wrapped model, whose state dict loads into a
 * plain model.
 *
 * @param <M> the wrapped module's type
 */
public class DistributedDataParallel<M extends Module> extends Module {
    /** PyTorch's {@code _DEFAULT_FIRST_BUCKET_BYTES}: the first bucket is small, so communication starts early. */
    static final long FIRST_BUCKET_BYTES = 1024L * 1024;
    /** PyTorch's bucket size for broadcasting parameters and buffers: 250 MB. */
    static final long BROADCAST_BUCKET_BYTES = 250L * 1024 * 1024;

    /** PyTorch's optional arguments and defaults. */
    public static final class Options {
        private ProcessGroup processGroup;
        private boolean broadcastBuffers = true;
        private double bucketCapMb = 25;
        private boolean findUnusedParameters;
        private boolean gradientAsBucketView;

        /** Python's {@code process_group} (default the default group). */
        public Options processGroup(ProcessGroup group) {
            this.processGroup = Objects.requireNonNull(group, "processGroup");
            return this;
        }

        /** Python's {@code broadcast_buffers}: rank 0's buffers before each forward (default true). */
        public Options broadcastBuffers(boolean broadcastBuffers) {
            this.broadcastBuffers = broadcastBuffers;
            return this;
        }

        /** Python's {@code bucket_cap_mb}: the size of the gradient buckets in MiB (default 25). */
        public Options bucketCapMb(double bucketCapMb) {
            if (!(bucketCapMb > 0) || Double.isInfinite(bucketCapMb)) {
                throw new IllegalArgumentException("bucket_cap_mb must be positive, got " + bucketCapMb);
            }
            this.bucketCapMb = bucketCapMb;
            return this;
        }

        /**
         * Python's {@code find_unused_parameters}: traverse the graph from the outputs after each forward and mark
         * the parameters it does not reach as ready, for models whose forward skips some of them (default false).
         */
        public Options findUnusedParameters(boolean findUnusedParameters) {
            this.findUnusedParameters = findUnusedParameters;
            return this;
        }

        /** Python's {@code gradient_as_bucket_view}: gradients are views into the buckets (saves a copy). */
        public Options gradientAsBucketView(boolean gradientAsBucketView) {
            this.gradientAsBucketView = gradientAsBucketView;
            return this;
        }
    }

    private final M module;
    private final ProcessGroup group;
    private final Options options;
    private final List<Parameter> reducerParameters;
    private final Reducer reducer;
    private boolean requireBackwardGradSync = true;
    private boolean requireForwardParamSync = true;

    /** {@code DDP(module)} on the default process group with PyTorch's defaults. */
    public DistributedDataParallel(M module) {
        this(module, new Options());
    }

    /** {@code DDP(module, ...)}. */
    public DistributedDataParallel(M module, Options options) {
        Native.ensureLoaded();
        this.module = registerModule("module", Objects.requireNonNull(module, "module"));
        this.options = Objects.requireNonNull(options, "options");
        this.group = options.processGroup != null ? options.processGroup : Dist.defaultGroup();
        List<String> names = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
            if (e.getValue().requiresGrad()) {
                names.add(e.getKey());
                params.add(e.getValue());
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("DistributedDataParallel is not needed when a module doesn't have any "
                    + "parameter that requires a gradient.");
        }
        this.reducerParameters = List.copyOf(params);
        try (TensorScope s = new TensorScope("DistributedDataParallel")) {
            TensorVector pv = vector(params);
            call(() -> group.withNative(pg -> {
                torch.verify_params_across_processes(pg, pv, new LoggerOptional());
                return null;
            }));
            syncModuleStates();
            long cap = (long) (options.bucketCapMb * 1024 * 1024);
            // PyTorch's first assignment: one bucket for everything unless unused parameters are searched for; the
            // Reducer rebuilds the buckets after the first iteration in the order gradients arrived (1 MB first)
            SizeTVector limits = new SizeTVector();
            if (options.findUnusedParameters) {
                limits.push_back(FIRST_BUCKET_BYTES);
                limits.push_back(cap);
            } else {
                limits.push_back(Long.MAX_VALUE); // sys.maxsize
            }
            var assignment = call(() -> torch.compute_bucket_assignment_by_size(pv, limits));
            SizeTVectorVector buckets = assignment.get0();
            SizeTVectorVector reversed = new SizeTVectorVector();
            for (long i = buckets.size() - 1; i >= 0; i--) {
                reversed.push_back(buckets.get(i));
            }
            boolean[] sparse = new boolean[params.size()];
            SizeTStringMap paramNames = new SizeTStringMap();
            for (int i = 0; i < names.size(); i++) {
                paramNames.put(i, names.get(i));
            }
            this.reducer = Ops.unscoped(call(() -> group.withNative(pg -> new Reducer(pv, reversed, pg,
                    new BoolVector(sparse), cap, options.findUnusedParameters, options.gradientAsBucketView,
                    paramNames, FIRST_BUCKET_BYTES, false, false))));
            group.attach(reducer); // released with the group, on its thread, never by the garbage collector
        }
    }

    /** Python's {@code ddp.module}: the wrapped model. */
    public M module() {
        return module;
    }

    /** The process group the gradients are averaged over. */
    public ProcessGroup processGroup() {
        return group;
    }

    /** Python's {@code forward(x)}: the wrapped module's forward, with DDP's work before and after it. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(m -> m.forward(input));
    }

    /**
     * The wrapped module's forward with any signature ({@code ddp.forward(m -> m.forward(a, b))}), with DDP's work
     * before and after it. With {@code findUnusedParameters}, the tensors in the result (a tensor, or a collection
     * or map of them) are where the graph is searched from.
     */
    public <R> R forward(Function<? super M, R> call) {
        Objects.requireNonNull(call, "call");
        boolean grad = GradMode.isEnabled();
        // the Reducer is freed with its group: it is only touched while the group is held open (see withNative)
        if (grad && requireBackwardGradSync) {
            call(() -> group.withNative(pg -> {
                reducer.prepare_for_forward();
                return null;
            }));
        }
        if (grad) {
            call(() -> group.withNative(pg -> reducer.rebuild_buckets()));
        }
        if (requireForwardParamSync && options.broadcastBuffers && !module.buffers().isEmpty()) {
            syncBuffers();
        }
        R output = call.apply(module);
        if (grad && requireBackwardGradSync) {
            requireForwardParamSync = true;
            try (TensorScope s = new TensorScope("prepare_for_backward")) {
                TensorVector outputs = options.findUnusedParameters ? vector(tensorsIn(output)) : new TensorVector();
                call(() -> group.withNative(pg -> {
                    reducer.prepare_for_backward(outputs);
                    return null;
                }));
            }
        } else {
            requireForwardParamSync = false;
        }
        return output;
    }

    /**
     * Python's {@code with ddp.no_sync():}: backward passes inside it accumulate gradients locally, without
     * communication; the first backward after it averages the accumulated gradients.
     *
     * <pre>{@code
     * try (var s = ddp.noSync()) {
     *     for (Tensor micro : firstMicroBatches) criterion.forward(ddp.forward(micro), y).backward();
     * }
     * criterion.forward(ddp.forward(last), y).backward();   // all-reduces the sum of all of them
     * }</pre>
     */
    public NoSync noSync() {
        boolean old = requireBackwardGradSync;
        requireBackwardGradSync = false;
        return new NoSync(old);
    }

    /** The scope of {@link #noSync()}; closing it restores synchronisation. */
    public final class NoSync implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private NoSync(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                requireBackwardGradSync = previous;
            }
        }
    }

    /** The parameters whose gradients are averaged (those of the module that require gradients). */
    public List<Parameter> reducerParameters() {
        return reducerParameters;
    }

    // ---------------------------------------------------------------- plumbing

    /** Python's {@code _sync_module_states}: rank 0's parameters and buffers, broadcast in 250 MB buckets. */
    private void syncModuleStates() {
        List<Tensor> states = new ArrayList<>();
        try (var g = Torch.noGrad()) {
            for (Parameter p : module.parameters()) {
                states.add(p.detach());
            }
            states.addAll(module.buffers());
            broadcastCoalesced(states);
        }
    }

    /** Python's {@code _sync_buffers}: rank 0's buffers before a forward. */
    private void syncBuffers() {
        try (TensorScope s = new TensorScope("DDP buffers"); var g = Torch.noGrad()) {
            broadcastCoalesced(module.buffers());
        }
    }

    private void broadcastCoalesced(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            return;
        }
        TensorVector v = vector(tensors);
        call(() -> group.withNative(pg -> {
            torch.broadcast_coalesced(pg, v, BROADCAST_BUCKET_BYTES, 0);
            return null;
        }));
    }

    private static TensorVector vector(Collection<? extends Tensor> tensors) {
        TensorVector v = new TensorVector();
        for (Tensor t : tensors) {
            v.push_back(t.nativeTensor());
        }
        return v;
    }

    /** Python's {@code _find_tensors}: the tensors in a forward's result. */
    static List<Tensor> tensorsIn(Object output) {
        List<Tensor> out = new ArrayList<>();
        collect(output, out);
        return out;
    }

    private static void collect(Object o, List<Tensor> out) {
        if (o instanceof Tensor t) {
            out.add(t);
        } else if (o instanceof Collection<?> c) {
            for (Object e : c) {
                collect(e, out);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Object e : m.values()) {
                collect(e, out);
            }
        } else if (o instanceof Object[] a) {
            for (Object e : a) {
                collect(e, out);
            }
        }
    }

    private static <T> T call(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw e;
        } catch (RuntimeException e) {
            String m = Native.cleanMessage(e.getMessage());
            if (m.contains("Connection") || m.contains("Timed out") || m.contains("timed out")
                    || m.contains("gloo") || m.contains("Gloo")) {
                throw new DistBackendError(m, e);
            }
            throw Native.translate(e);
        }
    }
}
