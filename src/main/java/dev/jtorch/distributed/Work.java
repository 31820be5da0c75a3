package dev.jtorch.distributed;

import dev.jtorch.internal.Native;
import dev.jtorch.internal.Ops;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.chrono.Milliseconds;

/**
 * The handle of a collective started with {@code asyncOp}, mirroring {@code torch.distributed.Work}: the tensors
 * hold the result once {@link #waitFor()} returns ({@code work.wait()} in Python; {@code wait} is taken by
 * {@link Object#wait()} in Java). A handle of a synchronous call is already complete.
 *
 * <p>The collective keeps its own references to the tensors it reads and writes, so releasing them (or their
 * {@link dev.jtorch.TensorScope}) while it runs cannot crash the process; their values are then lost. A failure
 * of the collective (a peer died, the group's timeout passed) is thrown by {@link #waitFor()} as a
 * {@link DistBackendError}.
 *
 * <p>Mirrors {@code torch.distributed.Work}, what the collectives of
 * <a href="https://pytorch.org/docs/stable/distributed.html">torch.distributed</a> return with {@code async_op=True}.
 */
public final class Work {
    private final Work first;
    private final org.bytedeco.pytorch.Work handle;
    private final Runnable onComplete;
    private List<Object> keepAlive;
    private volatile boolean done;

    Work(org.bytedeco.pytorch.Work handle, Runnable onComplete, List<Object> keepAlive) {
        this(null, handle, onComplete, keepAlive);
    }

    private Work(Work first, org.bytedeco.pytorch.Work handle, Runnable onComplete, List<Object> keepAlive) {
        this.first = first;
        this.handle = handle == null ? null : Ops.unscoped(handle);
        this.onComplete = onComplete;
        this.keepAlive = keepAlive;
    }

    /** A handle that waits for {@code first}, then runs {@code after} (copying results out, say). */
    static Work then(Work first, Runnable after) {
        return new Work(first, null, after, new java.util.ArrayList<>());
    }

    /** A handle of a collective that has already completed. */
    static Work completed() {
        Work w = new Work(null, null, null, null);
        w.done = true;
        return w;
    }

    /**
     * Python's {@code work.wait()}: blocks until the collective is complete (at most the group's timeout) and
     * returns true; throws {@link DistBackendError} when it failed.
     */
    public synchronized boolean waitFor() {
        if (!done) {
            if (first != null) {
                first.waitFor();
            }
            if (handle != null) {
                await(() -> handle._wait());
            }
            finish();
        }
        return true;
    }

    /**
     * Python's {@code work.wait(timeout)}: blocks at most {@code timeout}; throws {@link DistBackendError} when
     * the collective failed or did not complete in time.
     */
    public synchronized boolean waitFor(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!done) {
            if (first != null) {
                first.waitFor(timeout);
            }
            if (handle != null) {
                await(() -> handle._wait(new Milliseconds(Math.max(1, timeout.toMillis()))));
                if (!handle.isCompleted()) {
                    throw new DistBackendError("the collective did not complete within " + timeout, null);
                }
            }
            finish();
        }
        return true;
    }

    /** Python's {@code work.is_completed()}: whether the collective has finished (successfully or not). */
    public boolean isCompleted() {
        if (done) {
            return true;
        }
        synchronized (this) {
            return done || (first == null || first.isCompleted()) && (handle == null || handle.isCompleted());
        }
    }

    private void await(java.util.function.BooleanSupplier wait) {
        try {
            wait.getAsBoolean();
        } catch (RuntimeException e) {
            throw Dist.backendError(e);
        }
    }

    private void finish() {
        try {
            if (onComplete != null) {
                onComplete.run(); // copies results out: throws if the user released an output meanwhile
            }
        } finally {
            done = true;
            keepAlive = null;
            if (handle != null) {
                handle.close();
            }
        }
    }

    static {
        Native.ensureLoaded();
    }
}
