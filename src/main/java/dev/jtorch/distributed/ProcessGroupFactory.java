package dev.jtorch.distributed;

import dev.jtorch.internal.Ops;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.BackendOptional;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * Makes a {@link ProcessGroup} from a rendezvous: the c10d backend (gloo on the network device PyTorch would choose,
 * or NCCL), who owns the store, and the c10d group that routes CPU and CUDA tensors to the backend.
 */
final class ProcessGroupFactory {
    private ProcessGroupFactory() {}

    /** Connects this process to the others of the rendezvous (all ranks must call it) and returns the group. */
    static ProcessGroup create(Backend backend, Rendezvous.Result r, InitOptions options) {
        Milliseconds timeout = Rendezvous.millis(options);
        org.bytedeco.pytorch.Backend impl;
        try {
            impl = backend == Backend.NCCL ? NcclBackend.create(r.store(), r.rank(), r.worldSize(), timeout)
                    : gloo(r, timeout);
        } catch (RuntimeException e) {
            // the store may already belong to the half-made backend: never free it from Java (see below)
            r.store().deallocate(false);
            throw Dist.backendError(e);
        }
        // The presets allocate stores with a plain new (no intrusive_ptr), and passing one to a backend makes a new
        // intrusive_ptr of it: from then on the backend owns the store and frees it when it is destroyed. Java must
        // not free it too (a double free, seen to corrupt the heap when a group is made and destroyed repeatedly).
        r.store().deallocate(false);
        // c10d's ProcessGroup(store, rank, size) would be the store's second owner (the presets' adapter aborts the
        // process: "Newly-created target had non-zero refcounts"); the store-less one is the same for collectives.
        org.bytedeco.pytorch.ProcessGroup group = Ops.unscoped(
                new org.bytedeco.pytorch.ProcessGroup(r.rank(), r.worldSize()));
        var type = backend == Backend.NCCL ? org.bytedeco.pytorch.ProcessGroup.BackendType.NCCL
                : org.bytedeco.pytorch.ProcessGroup.BackendType.GLOO;
        if (backend == Backend.GLOO) {
            group.setBackend(DeviceType.CPU, type, new BackendOptional(impl));
        }
        group.setBackend(DeviceType.CUDA, type, new BackendOptional(impl));
        group.setDefaultBackend(type);
        group.setGroupName("0");
        return new ProcessGroup(group, impl, backend, r.rank(), r.worldSize(), options.timeout());
    }

    private static org.bytedeco.pytorch.Backend gloo(Rendezvous.Result r, Milliseconds timeout) {
        ProcessGroupGloo.Options options = ProcessGroupGloo.Options.create(timeout);
        options.devices(new GlooDeviceVector(glooDevice(r.masterAddr())));
        return Ops.unscoped(new ProcessGroupGloo(r.store(), r.rank(), r.worldSize(), options));
    }

    /**
     * The network device gloo connects through, chosen as PyTorch chooses it: {@code GLOO_SOCKET_IFNAME} if set,
     * loopback when rank 0 is on this machine's loopback address, else the address this host name resolves to.
     */
    private static org.bytedeco.pytorch.gloo.Device glooDevice(String masterAddr) {
        String ifname = System.getenv("GLOO_SOCKET_IFNAME");
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
