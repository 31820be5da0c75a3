package dev.jtorch.distributed;

import dev.jtorch.internal.Ops;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.BackendOptional;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * Makes a {@link ProcessGroup} from a rendezvous: the c10d backend (gloo on the network device PyTorch would choose,
 * or NCCL), who owns the store, and the c10d group that routes CPU and CUDA tensors to the backend.
 */
final class ProcessGroupFactory {
    private ProcessGroupFactory() {}

    /** Connects this process to the others of the rendezvous (all ranks must call it) and returns the group. */
    static ProcessGroup create(Backend backend, Rendezvous.Result r, InitOptions options) {
        return create(backend, r, options, System::getenv);
    }

    /**
     * {@link #create(Backend, Rendezvous.Result, InitOptions)} with the environment read from {@code env}.
     *
     * <p>Who frees the store, exactly once on every path. The presets allocate stores with a plain {@code new}, and
     * Java's handle frees them with a plain {@code delete}. Passing one to a native call that takes
     * {@code c10::intrusive_ptr<Store>&} (the backend's constructor) wraps it in intrusive_ptrs: the backend's own
     * references, released when it is destroyed, and one that the presets' argument adapter makes and never releases
     * (seen: a store passed to a {@code PrefixStore} outlives it, and a backend's store outlives the backend). So
     * c10d never frees the store, and Java must, once nothing native uses it any more: at once when the backend fails
     * to construct (before or inside its constructor: no backend holds it then), else in {@link ProcessGroup#close()}
     * after the backend is destroyed. Freeing it while the backend lived was the heap corruption seen earlier when
     * groups were made and destroyed repeatedly.
     */
    static ProcessGroup create(Backend backend, Rendezvous.Result r, InitOptions options,
            Function<String, String> env) {
        Milliseconds timeout = Rendezvous.millis(options);
        Store store = r.store();
        org.bytedeco.pytorch.Backend impl;
        try {
            Supplier<org.bytedeco.pytorch.Backend> construct = backend == Backend.NCCL
                    ? NcclBackend.constructor(store, r.rank(), r.worldSize(), timeout) : gloo(r, timeout, env);
            impl = construct.get();
        } catch (RuntimeException e) {
            store.deallocate(); // no backend holds it (none was made, or the half-made one has unwound)
            throw Dist.backendError(e);
        }
        org.bytedeco.pytorch.ProcessGroup group = null;
        try {
            // c10d's ProcessGroup(store, rank, size) would be one more holder of the store (the presets' adapter
            // aborts the process: "Newly-created target had non-zero refcounts"); the store-less one is the same
            // for collectives.
            group = Ops.unscoped(new org.bytedeco.pytorch.ProcessGroup(r.rank(), r.worldSize()));
            var type = backend == Backend.NCCL ? org.bytedeco.pytorch.ProcessGroup.BackendType.NCCL
                    : org.bytedeco.pytorch.ProcessGroup.BackendType.GLOO;
            // each optional holds a reference to the backend: freed here, so that close() destroys the backend
            BackendOptional optional = new BackendOptional(impl);
            try {
                if (backend == Backend.GLOO) {
                    group.setBackend(DeviceType.CPU, type, optional);
                }
                group.setBackend(DeviceType.CUDA, type, optional);
            } finally {
                optional.deallocate();
            }
            group.setDefaultBackend(type);
            group.setGroupName("0");
        } catch (RuntimeException e) {
            if (group != null) {
                group.deallocate();
            }
            impl.deallocate(); // the last reference to the backend: destroys it
            store.deallocate();
            throw Dist.backendError(e);
        }
        return new ProcessGroup(group, impl, store, backend, r.rank(), r.worldSize(), options.timeout());
    }

    /**
     * Everything gloo needs but the store (this may fail), then its constructor. Java's handles on the options and
     * the device are released on this thread once the constructor has returned or thrown (the backend holds its own
     * references), not later by the garbage collector's thread.
     */
    private static Supplier<org.bytedeco.pytorch.Backend> gloo(Rendezvous.Result r, Milliseconds timeout,
            Function<String, String> env) {
        org.bytedeco.pytorch.gloo.Device device = glooDevice(r.masterAddr(), env);
        GlooDeviceVector devices = new GlooDeviceVector(device);
        ProcessGroupGloo.Options options = ProcessGroupGloo.Options.create(timeout);
        options.devices(devices);
        return () -> {
            try {
                return Ops.unscoped(new ProcessGroupGloo(r.store(), r.rank(), r.worldSize(), options));
            } finally {
                options.deallocate();
                devices.deallocate();
                device.deallocate();
            }
        };
    }

    /**
     * The network device gloo connects through, chosen as PyTorch chooses it: {@code GLOO_SOCKET_IFNAME} if set,
     * loopback when rank 0 is on this machine's loopback address, else the address this host name resolves to.
     */
    private static org.bytedeco.pytorch.gloo.Device glooDevice(String masterAddr, Function<String, String> env) {
        String ifname = env.apply("GLOO_SOCKET_IFNAME");
        if (ifname != null && !ifname.isEmpty()) {
            return ProcessGroupGloo.createDeviceForInterface(ifname.split(",")[0]);
        }
        if (masterAddr == null || isLoopback(masterAddr)) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
