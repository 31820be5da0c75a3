package dev.jtorch.distributed;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllgatherOptions;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BarrierOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.ReduceScatterOptions;
import org.bytedeco.pytorch.TensorVector;

/**
 * A group of processes that run collectives together, mirroring {@code torch.distributed.ProcessGroup}: c10d's
 * {@code ProcessGroup} with a gloo backend for CPU tensors (and CUDA tensors, as PyTorch's {@code "gloo"}) or an NCCL
 * backend for CUDA tensors. {@link Dist#initProcessGroup} makes the default one; {@link Dist} calls it for the
 * module-level functions of {@code torch.distributed}.
 *
 * <p>Every collective runs on c10d's threads: synchronous calls wait for it, calls with {@code asyncOp} return a
 * {@link Work} to wait on. Tensors are used in place and must be contiguous (as in PyTorch).
 *
 * <p>Threads: collectives may run on several threads at once, and {@link #close()} may be called on any thread
 * while they run. Closing first refuses new collectives ({@link IllegalStateException}), then waits for the
 * running synchronous ones to end (each ends within the group's {@link #timeout()}: gloo aborts a collective whose
 * peers do not come), and only then frees the native group. A {@link Work} of an asynchronous collective outlives
 * its group: c10d drains the group's queue before freeing it, and the handle keeps its own reference.
 *
 * <p>Mirrors {@code torch.distributed.ProcessGroup}
 * (<a href="https://pytorch.org/docs/stable/distributed.html">torch.distributed</a>).
 */
public final class ProcessGroup implements AutoCloseable {
    private final org.bytedeco.pytorch.ProcessGroup group;
    private final org.bytedeco.pytorch.Backend backendImpl;
    private final org.bytedeco.pytorch.Store store;
    private final Backend backend;
    private final int rank;
    private final int size;
    private final Duration timeout;
    private final List<org.bytedeco.javacpp.Pointer> dependents = new ArrayList<>();
    /** Collectives (and the native glue) hold the read lock while they use the native group; close the write lock. */
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile boolean closing;
    private volatile boolean destroyed;

    ProcessGroup(org.bytedeco.pytorch.ProcessGroup group, org.bytedeco.pytorch.Backend backendImpl,
            org.bytedeco.pytorch.Store store, Backend backend, int rank, int size, Duration timeout) {
        this.group = group;
        this.backendImpl = backendImpl;
        this.store = store;
        this.backend = backend;
        this.rank = rank;
        this.size = size;
        this.timeout = timeout;
    }

    /** Connects this process to the others of the rendezvous (all ranks must call it) and returns the group. */
    static ProcessGroup create(Backend backend, Rendezvous.Result r, InitOptions options) {
        return ProcessGroupFactory.create(backend, r, options);
    }

    // ---------------------------------------------------------------- identity

    /** Python's {@code group.rank()}: this process's rank in the group. */
    public int rank() {
        return rank;
    }

    /** Python's {@code group.size()}: the number of processes. */
    public int size() {
        return size;
    }

    /** The backend the group was made with. */
    public Backend backend() {
        return backend;
    }

    /** The timeout of the group's collectives. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * jtorch's native glue ({@code Reducer}, {@code broadcast_coalesced}): runs {@code body} with c10d's process group,
     * which {@link #close()} cannot free while {@code body} runs; throws {@link IllegalStateException} once the group
     * is closed (or closing). The group must not escape {@code body}.
     */
    public <T> T withNative(Function<org.bytedeco.pytorch.ProcessGroup, T> body) {
        Objects.requireNonNull(body, "body");
        return guarded(() -> body.apply(group));
    }

    /**
     * jtorch's native glue: ties a native object that uses this group (DistributedDataParallel's {@code Reducer})
     * to the group's lifetime. The garbage collector never frees it (JavaCPP would do so on its deallocator thread,
     * concurrently with the training thread: seen to corrupt the native heap); {@link #close()} releases it on the
     * closing thread, before the group itself.
     */
    public void attach(org.bytedeco.javacpp.Pointer dependent) {
        guarded(() -> {
            synchronized (dependents) {
                dependent.retainReference();
                dependents.add(dependent);
            }
            return null;
        });
    }

    /** Whether {@link #close()} has destroyed the group (or is destroying it). */
    public boolean isDestroyed() {
        return closing;
    }

    // ---------------------------------------------------------------- collectives

    /** Python's {@code all_reduce(tensor, op)}: every rank's tensor becomes the reduction of all of them. */
    public Work allReduce(Tensor tensor, ReduceOp op, boolean asyncOp) {
        return guarded(() -> {
            Objects.requireNonNull(op, "op");
            org.bytedeco.pytorch.Tensor t = handle(tensor, "tensor");
            boolean emulatedAvg = op == ReduceOp.AVG && backend == Backend.GLOO;
            if (emulatedAvg && !tensor.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("ReduceOp.AVG needs a floating-point tensor, got " + tensor.dtype());
            }
            AllreduceOptions options = new AllreduceOptions();
            options.reduceOp(nativeOp(emulatedAvg ? ReduceOp.SUM : op));
            options.timeout(millis());
            TensorVector v = new TensorVector(t);
            Runnable after = emulatedAvg ? () -> {
                try (TensorScope s = new TensorScope("all_reduce avg")) {
                    tensor.div_(size);
                }
            } : null;
            return run(() -> group.allreduce(v, options), after, asyncOp, v);
        });
    }

    /** Python's {@code broadcast(tensor, src)}: every rank's tensor becomes rank {@code src}'s. */
    public Work broadcast(Tensor tensor, int src, boolean asyncOp) {
        return guarded(() -> {
            checkRank(src, "src");
            org.bytedeco.pytorch.Tensor t = handle(tensor, "tensor");
            BroadcastOptions options = new BroadcastOptions();
            options.rootRank(src);
            options.rootTensor(0);
            options.timeout(millis());
            TensorVector v = new TensorVector(t);
            return run(() -> group.broadcast(v, options), null, asyncOp, v);
        });
    }

    /**
     * Python's {@code all_gather(tensor_list, tensor)}: {@code outputs.get(r)} receives rank {@code r}'s tensor;
     * every rank's tensor has the same shape and dtype, and {@code outputs} has one tensor per rank.
     */
    public Work allGather(List<Tensor> outputs, Tensor input, boolean asyncOp) {
        return guarded(() -> {
            Objects.requireNonNull(outputs, "outputs");
            live();
            Ops.h(input, "tensor");
            if (outputs.size() != size) {
                throw new IllegalArgumentException("all_gather needs one output tensor per rank: " + size
                        + " expected, got " + outputs.size());
            }
            for (Tensor o : outputs) {
                CollectiveArgs.requireSameShape(o, input, "all_gather output");
            }
            Tensor flat = Torch.empty(flatShape(input), input.dtype()).to(input.device()).keep();
            Tensor in = input.contiguous().reshape(-1).keep();
            Work w;
            try {
                w = allGatherIntoTensor(flat, in, true);
            } catch (RuntimeException e) {
                flat.close();
                in.close();
                throw e;
            }
            Runnable after = () -> {
                try (TensorScope s = new TensorScope("all_gather")) {
                    for (int r = 0; r < size; r++) {
                        outputs.get(r).copy_(flat.narrow(0, r * input.numel(), input.numel())
                                .view(input.shape().toArray()));
                    }
                } finally {
                    flat.close();
                    in.close();
                }
            };
            return chain(w, after, asyncOp);
        });
    }

    /** Python's {@code all_gather_into_tensor(output, input)}: {@code output} is the ranks' inputs concatenated. */
    public Work allGatherIntoTensor(Tensor output, Tensor input, boolean asyncOp) {
        return guarded(() -> {
            org.bytedeco.pytorch.Tensor in = handle(input, "input");
            org.bytedeco.pytorch.Tensor out = handle(output, "output");
            CollectiveArgs.requireSameDtype(output, input, "all_gather_into_tensor");
            if (output.numel() != input.numel() * size) {
                throw new IllegalArgumentException("all_gather_into_tensor: output tensor size must be equal to "
                        + "world_size times input tensor size (" + size + " x " + input.numel() + "), got "
                        + output.numel());
            }
            AllgatherOptions options = new AllgatherOptions();
            options.timeout(millis());
            // flat views (both are contiguous): gloo splits the output into size chunks of the input's shape
            org.bytedeco.pytorch.Tensor in1 = in.reshape(-1);
            org.bytedeco.pytorch.Tensor out1 = out.reshape(-1);
            return run(() -> group._allgather_base(out1, in1, options), null, asyncOp, List.of(in1, out1));
        });
    }

    /**
     * Python's {@code reduce_scatter(output, input_list, op)}: rank {@code r}'s {@code output} becomes the reduction
     * of every rank's {@code inputs.get(r)}.
     */
    public Work reduceScatter(Tensor output, List<Tensor> inputs, ReduceOp op, boolean asyncOp) {
        return guarded(() -> {
            Objects.requireNonNull(inputs, "inputs");
            live();
            Ops.h(output, "output");
            if (inputs.size() != size) {
                throw new IllegalArgumentException("reduce_scatter needs one input tensor per rank: " + size
                        + " expected, got " + inputs.size());
            }
            List<Tensor> flats = new ArrayList<>();
            for (Tensor in : inputs) {
                CollectiveArgs.requireSameShape(in, output, "reduce_scatter input");
                flats.add(in.contiguous().reshape(-1));
            }
            Tensor flat = Torch.cat(flats).keep();
            Tensor result = Torch.empty(new long[] {output.numel()}, output.dtype()).to(output.device()).keep();
            Work w;
            try {
                w = reduceScatterTensor(result, flat, op, true);
            } catch (RuntimeException e) {
                flat.close();
                result.close();
                throw e;
            }
            Runnable after = () -> {
                try (TensorScope s = new TensorScope("reduce_scatter")) {
                    output.copy_(result.view(output.shape().toArray()));
                } finally {
                    flat.close();
                    result.close();
                }
            };
            return chain(w, after, asyncOp);
        });
    }

    /**
     * Python's {@code reduce_scatter_tensor(output, input, op)}: {@code input} holds {@code size} equal chunks; rank
     * {@code r}'s {@code output} becomes the reduction of every rank's chunk {@code r}.
     */
    public Work reduceScatterTensor(Tensor output, Tensor input, ReduceOp op, boolean asyncOp) {
        return guarded(() -> {
            Objects.requireNonNull(op, "op");
            org.bytedeco.pytorch.Tensor in = handle(input, "input");
            org.bytedeco.pytorch.Tensor out = handle(output, "output");
            if (input.numel() != output.numel() * size) {
                throw new IllegalArgumentException("reduce_scatter_tensor: input tensor size must be equal to "
                        + "world_size times output tensor size (" + size + " x " + output.numel() + "), got "
                        + input.numel());
            }
            CollectiveArgs.requireSameDtype(output, input, "reduce_scatter_tensor");
            boolean emulatedAvg = op == ReduceOp.AVG && backend == Backend.GLOO;
            if (emulatedAvg && !output.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("ReduceOp.AVG needs a floating-point tensor, got " + output.dtype());
            }
            ReduceScatterOptions options = new ReduceScatterOptions();
            options.reduceOp(nativeOp(emulatedAvg ? ReduceOp.SUM : op));
            options.timeout(millis());
            Runnable after = emulatedAvg ? () -> {
                try (TensorScope s = new TensorScope("reduce_scatter avg")) {
                    output.div_(size);
                }
            } : null;
            // flat views (both are contiguous): gloo indexes the outputs' and inputs' first dimension
            org.bytedeco.pytorch.Tensor in1 = in.reshape(-1);
            org.bytedeco.pytorch.Tensor out1 = out.reshape(-1);
            return run(() -> group._reduce_scatter_base(out1, in1, options), after, asyncOp, List.of(in1, out1));
        });
    }

    /** Python's {@code barrier()}: returns when every rank has called it. */
    public Work barrier(boolean asyncOp) {
        return guarded(() -> {
            BarrierOptions options = new BarrierOptions();
            options.timeout(millis());
            return run(() -> group.barrier(options), null, asyncOp, options);
        });
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Runs {@code body} (a collective, with its wait when it is synchronous) under the read lock, so that
     * {@link #close()} waits for it; refuses to start once the group is closing.
     */
    private <T> T guarded(Supplier<T> body) {
        Lock lock = inUse.readLock();
        lock.lock();
        try {
            live();
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private Work run(java.util.function.Supplier<org.bytedeco.pytorch.Work> start, Runnable after, boolean asyncOp,
            Object keep) {
        live();
        org.bytedeco.pytorch.Work native_;
        try {
            native_ = start.get();
        } catch (RuntimeException e) {
            throw Dist.backendError(e);
        }
        List<Object> keepAlive = new ArrayList<>();
        keepAlive.add(keep);
        Work w = new Work(native_, after, keepAlive);
        if (!asyncOp) {
            w.waitFor();
        }
        return w;
    }

    /** A handle that completes {@code first}, then runs {@code after}. */
    private static Work chain(Work first, Runnable after, boolean asyncOp) {
        Work w = Work.then(first, after);
        if (!asyncOp) {
            w.waitFor();
        }
        return w;
    }

    /** The native tensor of a live tensor that a collective reads or writes in place: it must be contiguous. */
    private org.bytedeco.pytorch.Tensor handle(Tensor t, String name) {
        live();
        return CollectiveArgs.contiguous(t, name);
    }

    private long[] flatShape(Tensor input) {
        return new long[] {input.numel() * size};
    }

    private void checkRank(int r, String name) {
        if (r < 0 || r >= size) {
            throw new IllegalArgumentException("Invalid " + name + " rank " + r + ", rank should be in the interval [0, "
                    + (size - 1) + "]");
        }
    }

    private static org.bytedeco.pytorch.ReduceOp nativeOp(ReduceOp op) {
        return new org.bytedeco.pytorch.ReduceOp(op.nativeType());
    }

    private Milliseconds millis() {
        return new Milliseconds(Math.max(1, timeout.toMillis()));
    }

    private void live() {
        if (closing) {
            throw new Closed();
        }
    }

    /** What a collective on a closed group throws; {@link Dist} turns it into PyTorch's message for the default one. */
    static final class Closed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Closed() {
            super("The process group has been destroyed (destroy_process_group); initialize a new one with "
                    + "init_process_group");
        }
    }

    /**
     * Python's {@code destroy_process_group(group)}: shuts the backend down and releases the group; later calls on
     * it throw {@link IllegalStateException}. Safe on any thread: collectives started from now on are refused, and
     * the synchronous ones running on other threads are waited for (each ends within the group's timeout) before the
     * native group is freed. Idempotent; must not be called from inside {@link #withNative}.
     */
    @Override
    public void close() {
        if (inUse.getReadHoldCount() > 0) {
            throw new IllegalStateException("close() called while this thread runs a collective of the group");
        }
        closing = true;
        Lock lock = inUse.writeLock();
        lock.lock(); // the running collectives end (or fail by the group's timeout), the new ones are refused
        try {
            if (destroyed) {
                return;
            }
            destroyed = true;
            synchronized (dependents) {
                for (org.bytedeco.javacpp.Pointer d : dependents) {
                    d.deallocate(); // the Reducer holds the c10d group: freed first, here, on this thread
                }
                dependents.clear();
            }
            try {
                backendImpl.shutdown();
            } catch (RuntimeException e) {
                // a backend without shutdown (or one whose peers are gone) is released all the same
            }
            group.deallocate(); // drops the group's references to the backend
            backendImpl.deallocate(); // the backend's last reference: its destructor drains the queue of
                                      // asynchronous collectives, joins its threads and releases the store
            store.deallocate(); // nothing native uses the store any more; c10d never frees it (ProcessGroupFactory)
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ProcessGroup(backend=" + backend.pythonName() + ", rank=" + rank + ", size=" + size + ")";
    }
}
