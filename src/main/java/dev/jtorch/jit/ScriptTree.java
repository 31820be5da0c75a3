package dev.jtorch.jit;

import dev.jtorch.internal.GcPressure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.bytedeco.pytorch.JitModule;

/**
 * What the {@link ScriptModule}s of one loaded tree share: the native modules, whether they were closed, the lock
 * that makes closing safe while other threads run scripted code, and the native bytes counted towards
 * {@code GcPressure} while the tree is left to the collector.
 */
final class ScriptTree {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<JitModule> natives = new ArrayList<>();
    /** The members that have buffers. */
    final List<ScriptModule> withBuffers = new ArrayList<>();
    final String source;
    /** The native bytes this tree counts towards {@code GcPressure} while it is left to the collector. */
    private final long counted;
    private volatile boolean closed;

    ScriptTree(String source, long counted) {
        this.source = source;
        this.counted = counted;
    }

    /** Adds a member's native module, released by {@link #close()}. */
    void add(JitModule module) {
        natives.add(module);
    }

    /** Whether {@link #close()} released the tree. */
    boolean isClosed() {
        return closed;
    }

    /** Releases every member's native module once, waiting for running calls; later calls do nothing. */
    void close() {
        ReentrantReadWriteLock.WriteLock w = lock.writeLock();
        w.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (JitModule m : natives) {
                m.deallocate();
            }
            GcPressure.takenBack(counted);
        } finally {
            w.unlock();
        }
    }

    /**
     * Runs {@code f} holding the read lock, so that {@link #close()} waits for it; throws {@code closedError}'s
     * exception once closed.
     */
    <T> T read(Supplier<IllegalStateException> closedError, Supplier<T> f) {
        ReentrantReadWriteLock.ReadLock r = lock.readLock();
        r.lock();
        try {
            if (closed) {
                throw closedError.get();
            }
            return f.get();
        } finally {
            r.unlock();
        }
    }
}
