package dev.jtorch.distributed;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.internal.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The module-level functions of {@code torch.distributed}
 * (<a href="https://pytorch.org/docs/stable/distributed.html">docs</a>) on the default process group, in Java case:
 *
 * <pre>{@code
 * Dist.initProcessGroup(Backend.GLOO);            // dist.init_process_group(backend="gloo"), env:// rendezvous
 * int rank = Dist.getRank();                      // dist.get_rank()
 * int worldSize = Dist.getWorldSize();            // dist.get_world_size()
 * Dist.allReduce(sums, ReduceOp.SUM);             // dist.all_reduce(sums, op=dist.ReduceOp.SUM)
 * Dist.destroyProcessGroup();                     // dist.destroy_process_group()
 * }</pre>
 *
 * <p>Calls before {@link #initProcessGroup} throw {@link IllegalStateException} with PyTorch's message. Failures
 * of the backend (a peer died, a timeout) throw {@link DistBackendError}. Start the processes with {@link Run}
 * (torchrun's job) or {@link #spawn}.
 */
public final class Dist {
    private static final String NOT_INITIALIZED = "Default process group has not been initialized, please make sure "
            + "to call init_process_group.";
    private static volatile ProcessGroup defaultGroup;

    private Dist() {}

    // ---------------------------------------------------------------- set-up

    /** Python's {@code init_process_group(backend)}: {@code env://} rendezvous, as {@link Run} and torchrun set it. */
    public static ProcessGroup initProcessGroup(Backend backend) {
        return initProcessGroup(backend, new InitOptions());
    }

    /**
     * Python's {@code init_process_group(backend, init_method, timeout, world_size, rank)}: meets the other ranks
     * (every one must call it) and makes the default group. Returns it.
     */
    public static synchronized ProcessGroup initProcessGroup(Backend backend, InitOptions options) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(options, "options");
        if (isInitialized()) {
            throw new IllegalStateException("trying to initialize the default process group twice!");
        }
        Native.ensureLoaded();
        if (backend == Backend.NCCL && !NcclBackend.available()) {
            throw NcclBackend.unavailable();
        }
        LauncherWatch.start();
        Rendezvous.Result r;
        try {
            r = Rendezvous.connect(options, System::getenv);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw backendError(e);
        }
        defaultGroup = ProcessGroup.create(backend, r, options);
        return defaultGroup;
    }

    /** Python's {@code is_initialized()}: false again once the default group is destroyed (or closed). */
    public static boolean isInitialized() {
        ProcessGroup g = defaultGroup;
        return g != null && !g.isDestroyed();
    }

    /** Python's {@code is_available()}: jtorch always has the distributed package. */
    public static boolean isAvailable() {
        return true;
    }

    /** Python's {@code is_gloo_available()}. */
    public static boolean isGlooAvailable() {
        return true;
    }

    /** Python's {@code is_nccl_available()}: whether the CUDA natives with NCCL are on the class path. */
    public static boolean isNcclAvailable() {
        return NcclBackend.available();
    }

    /** Python's {@code group.WORLD}: the default group. */
    public static ProcessGroup defaultGroup() {
        ProcessGroup g = defaultGroup;
        if (g == null || g.isDestroyed()) {
            throw new IllegalStateException(NOT_INITIALIZED);
        }
        return g;
    }

    /** Python's {@code get_rank()}. */
    public static int getRank() {
        return defaultGroup().rank();
    }

    /** Python's {@code get_world_size()}. */
    public static int getWorldSize() {
        return defaultGroup().size();
    }

    /** Python's {@code get_backend()}. */
    public static Backend getBackend() {
        return defaultGroup().backend();
    }

    /**
     * Python's {@code destroy_process_group()}: releases the default group; {@link #initProcessGroup} may follow.
     * Safe while other threads run collectives on it: they finish (within the group's timeout) before it is freed,
     * and the calls that come after it throw {@link IllegalStateException} with PyTorch's "not initialized" message.
     */
    public static void destroyProcessGroup() {
        ProcessGroup g;
        synchronized (Dist.class) {
            g = defaultGroup();
            defaultGroup = null;
        }
        g.close(); // outside the lock: a collective waited for here may take up to the group's timeout
    }

    /**
     * Runs a call on the default group; if the group is destroyed meanwhile (on another thread), the call fails
     * with PyTorch's message for a missing default group, as one started after the destruction does.
     */
    private static <T> T onDefault(java.util.function.Function<ProcessGroup, T> call) {
        ProcessGroup g = defaultGroup();
        try {
            return call.apply(g);
        } catch (ProcessGroup.Closed e) {
            throw new IllegalStateException(NOT_INITIALIZED, e);
        }
    }

    // ---------------------------------------------------------------- collectives on the default group

    /** Python's {@code all_reduce(tensor)}: the element-wise sum over all ranks, in place. */
    public static void allReduce(Tensor tensor) {
        allReduce(tensor, ReduceOp.SUM);
    }

    /** Python's {@code all_reduce(tensor, op)}. */
    public static void allReduce(Tensor tensor, ReduceOp op) {
        onDefault(g -> g.allReduce(tensor, op, false));
    }

    /** Python's {@code all_reduce(tensor, op, async_op)}: with {@code asyncOp}, returns at once; wait on the work. */
    public static Work allReduce(Tensor tensor, ReduceOp op, boolean asyncOp) {
        return onDefault(g -> g.allReduce(tensor, op, asyncOp));
    }

    /** Python's {@code broadcast(tensor, src)}. */
    public static void broadcast(Tensor tensor, int src) {
        onDefault(g -> g.broadcast(tensor, src, false));
    }

    /** Python's {@code broadcast(tensor, src, async_op)}. */
    public static Work broadcast(Tensor tensor, int src, boolean asyncOp) {
        return onDefault(g -> g.broadcast(tensor, src, asyncOp));
    }

    /** Python's {@code all_gather(tensor_list, tensor)}. */
    public static void allGather(List<Tensor> tensorList, Tensor tensor) {
        onDefault(g -> g.allGather(tensorList, tensor, false));
    }

    /** Python's {@code all_gather(tensor_list, tensor, async_op)}. */
    public static Work allGather(List<Tensor> tensorList, Tensor tensor, boolean asyncOp) {
        return onDefault(g -> g.allGather(tensorList, tensor, asyncOp));
    }

    /** Python's {@code all_gather_into_tensor(output_tensor, input_tensor)}. */
    public static void allGatherIntoTensor(Tensor output, Tensor input) {
        onDefault(g -> g.allGatherIntoTensor(output, input, false));
    }

    /** Python's {@code reduce_scatter(output, input_list)}: the sum. */
    public static void reduceScatter(Tensor output, List<Tensor> inputList) {
        reduceScatter(output, inputList, ReduceOp.SUM);
    }

    /** Python's {@code reduce_scatter(output, input_list, op)}. */
    public static void reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op) {
        onDefault(g -> g.reduceScatter(output, inputList, op, false));
    }

    /** Python's {@code reduce_scatter(output, input_list, op, async_op)}. */
    public static Work reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op, boolean asyncOp) {
        return onDefault(g -> g.reduceScatter(output, inputList, op, asyncOp));
    }

    /** Python's {@code reduce_scatter_tensor(output, input, op)}. */
    public static void reduceScatterTensor(Tensor output, Tensor input, ReduceOp op) {
        onDefault(g -> g.reduceScatterTensor(output, input, op, false));
    }

    /** Python's {@code barrier()}. */
    public static void barrier() {
        onDefault(g -> g.barrier(false));
    }

    /**
     * Python's {@code all_gather_object(object_list, obj)}: {@code objectList} receives every rank's object, by rank
     * (it must be empty or have one slot per rank). Objects travel through Java serialization, so, as with
     * PyTorch's pickle, only exchange them with ranks you trust.
     */
    public static void allGatherObject(List<Object> objectList, Object obj) {
        Objects.requireNonNull(objectList, "objectList");
        onDefault(g -> {
            allGatherObject(g, objectList, obj);
            return null;
        });
    }

    private static void allGatherObject(ProcessGroup g, List<Object> objectList, Object obj) {
        int n = g.size();
        if (!objectList.isEmpty() && objectList.size() != n) {
            throw new IllegalArgumentException("object_list must be empty or of size world_size (" + n + "), got "
                    + objectList.size());
        }
        byte[] mine = ObjectBytes.serialize(obj);
        List<Object> out = new ArrayList<>();
        try (TensorScope s = new TensorScope("all_gather_object")) {
            Device device = objectDevice(g);
            Tensor mySize = Torch.tensor(new long[] {mine.length}).to(device);
            List<Tensor> sizes = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                sizes.add(Torch.zeros(new long[] {1}, DType.INT64).to(device));
            }
            g.allGather(sizes, mySize, false);
            long max = 0;
            long[] lengths = new long[n];
            for (int r = 0; r < n; r++) {
                lengths[r] = sizes.get(r).itemLong();
                max = Math.max(max, lengths[r]);
            }
            Tensor all = Torch.zeros(new long[] {max * n}, DType.UINT8).to(device);
            g.allGatherIntoTensor(all, ObjectBytes.toTensor(mine, max).to(device), false);
            all = all.cpu();
            for (int r = 0; r < n; r++) {
                out.add(ObjectBytes.deserialize(ObjectBytes.fromTensor(all, r * max, Math.toIntExact(lengths[r]))));
            }
        }
        fill(objectList, out);
    }

    /**
     * Python's {@code broadcast_object_list(object_list, src)}: every rank's {@code objectList} becomes rank
     * {@code src}'s (the lists must have the same size on every rank). Java serialization, as
     * {@link #allGatherObject}.
     */
    public static void broadcastObjectList(List<Object> objectList, int src) {
        Objects.requireNonNull(objectList, "objectList");
        onDefault(g -> {
            broadcastObjectList(g, objectList, src);
            return null;
        });
    }

    private static void broadcastObjectList(ProcessGroup g, List<Object> objectList, int src) {
        boolean sender = g.rank() == src;
        int n = objectList.size();
        try (TensorScope s = new TensorScope("broadcast_object_list")) {
            byte[][] parts = new byte[n][];
            long[] lengths = new long[n];
            if (sender) {
                for (int i = 0; i < n; i++) {
                    parts[i] = ObjectBytes.serialize(objectList.get(i));
                    lengths[i] = parts[i].length;
                }
            }
            Device device = objectDevice(g);
            Tensor sizes = Torch.tensor(lengths).to(device);
            g.broadcast(sizes, src, false);
            long[] got = sizes.cpu().toLongArray();
            long total = 0;
            for (long l : got) {
                total += l;
            }
            byte[] joined = new byte[Math.toIntExact(total)];
            if (sender) {
                int at = 0;
                for (byte[] p : parts) {
                    System.arraycopy(p, 0, joined, at, p.length);
                    at += p.length;
                }
            }
            Tensor bytes = ObjectBytes.toTensor(joined, Math.max(1, total)).to(device);
            g.broadcast(bytes, src, false);
            bytes = bytes.cpu();
            if (!sender) {
                long at = 0;
                for (int i = 0; i < n; i++) {
                    objectList.set(i, ObjectBytes.deserialize(ObjectBytes.fromTensor(bytes, at,
                            Math.toIntExact(got[i]))));
                    at += got[i];
                }
            }
        }
    }

    /** Where the object collectives' byte tensors live: the CPU, or the current CUDA device for NCCL (as PyTorch). */
    private static Device objectDevice(ProcessGroup g) {
        return g.backend() == Backend.NCCL ? Device.cuda() : Device.CPU;
    }

    private static void fill(List<Object> target, List<Object> values) {
        if (target.isEmpty()) {
            target.addAll(values);
        } else {
            for (int i = 0; i < values.size(); i++) {
                target.set(i, values.get(i));
            }
        }
    }

    // ---------------------------------------------------------------- launching

    /**
     * Starts {@code nprocPerNode} processes of {@code mainClass} on this machine as {@link Run} does (torchrun's
     * environment, rank 0's output forwarded), waits for them and returns the job's exit code: 0, or the first
     * failing rank's code.
     */
    public static int spawn(int nprocPerNode, Class<?> mainClass, String... args) {
        return new Launcher(new Launcher.Options().nprocPerNode(nprocPerNode)).launch(mainClass.getName(), args);
    }

    /** Whether this process was started by {@link Run} or torchrun ({@code RANK} and {@code WORLD_SIZE} are set). */
    public static boolean isLaunched() {
        boolean launched = System.getenv("RANK") != null && System.getenv("WORLD_SIZE") != null;
        if (launched) {
            LauncherWatch.start(); // a rank whose launcher is killed outright exits, even before it joins a group
        }
        return launched;
    }

    // ---------------------------------------------------------------- errors

    /** A native failure of c10d as {@link DistBackendError}, with c10d's message. */
    static RuntimeException backendError(RuntimeException e) {
        if (e instanceof DistBackendError || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e;
        }
        TorchException t = Native.translate(e);
        return new DistBackendError(t.getMessage(), e);
    }
}
