package dev.jtorch.distributed;

import java.time.Duration;
import java.util.Objects;

/**
 * The optional arguments of {@code torch.distributed.init_process_group(backend, init_method=None, timeout=...,
 * world_size=-1, rank=-1)}, with PyTorch's defaults: {@code env://} rendezvous, world size and rank from the
 * environment, a 30-minute timeout.
 *
 * <pre>{@code
 * Dist.initProcessGroup(Backend.GLOO);                                  // env:// as torchrun sets it
 * Dist.initProcessGroup(Backend.GLOO, new InitOptions()
 *         .initMethod("tcp://10.1.1.20:23456").rank(r).worldSize(4)     // or "file:///mnt/nfs/sharedfile"
 *         .timeout(Duration.ofMinutes(5)));
 * }</pre>
 *
 * <p>Mirrors the keyword arguments of
 * <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.init_process_group">torch.distributed.init_process_group</a>.
 */
public final class InitOptions {
    /** PyTorch's {@code default_pg_timeout}: 30 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private String initMethod = "env://";
    private int worldSize = -1;
    private int rank = -1;
    private Duration timeout = DEFAULT_TIMEOUT;

    /**
     * Python's {@code init_method}: {@code env://} (default: {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code RANK},
     * {@code WORLD_SIZE} from the environment), {@code tcp://host:port} (rank 0 listens there) or
     * {@code file:///path} (a file on a file system every rank sees; it must not exist before the first run).
     */
    public InitOptions initMethod(String initMethod) {
        this.initMethod = Objects.requireNonNull(initMethod, "initMethod");
        return this;
    }

    /** Python's {@code world_size}: the number of processes; -1 (default) reads it from the rendezvous. */
    public InitOptions worldSize(int worldSize) {
        if (worldSize < -1 || worldSize == 0) {
            throw new IllegalArgumentException("world_size must be positive (or -1 for the environment's), got "
                    + worldSize);
        }
        this.worldSize = worldSize;
        return this;
    }

    /** Python's {@code rank}: this process's rank in {@code [0, world_size)}; -1 (default) reads it. */
    public InitOptions rank(int rank) {
        if (rank < -1) {
            throw new IllegalArgumentException("rank must be non-negative (or -1 for the environment's), got " + rank);
        }
        this.rank = rank;
        return this;
    }

    /**
     * Python's {@code timeout}: how long rendezvous waits for the other ranks, and how long a collective waits
     * before it fails (a dead peer is usually noticed at once, when its connection closes).
     */
    public InitOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** The rendezvous address. */
    public String initMethod() {
        return initMethod;
    }

    /** The world size, or -1 for the rendezvous's. */
    public int worldSize() {
        return worldSize;
    }

    /** The rank, or -1 for the rendezvous's. */
    public int rank() {
        return rank;
    }

    /** The timeout. */
    public Duration timeout() {
        return timeout;
    }
}
