package dev.jtorch;

import dev.jtorch.internal.GcPressure;

/**
 * Who may use one tensor's native handle, and when it is freed: the ownership protocol behind {@link Tensor}, kept
 * apart from the operator surface so that the code that decides when native memory goes away is small and visible.
 * (PyTorch needs none of this: CPython's reference counts free a tensor when its last user drops it.)
 *
 * <p>The rules, each enforced here and nowhere else:
 * <ul>
 *   <li><b>Scoped</b> tensors (made inside an open {@link TensorScope}) belong to the thread that opened the scope.
 *       Using one from any other thread throws {@link IllegalStateException}, whether or not the scope is still
 *       open: a scope's close frees its tensors without asking anyone, so another thread's use could never be
 *       safe, and a failure that depended on timing would be worse than one that never varies.</li>
 *   <li><b>Kept</b> tensors ({@link Tensor#keep()}, or made outside every scope) may be used by any thread; that
 *       is the documented way to hand a tensor to another thread. They are freed by the garbage collector, or by
 *       {@link Tensor#close()}.</li>
 *   <li>{@code close()} frees the memory at once only when no other thread can be using it: the tensor has only
 *       ever been used by its home thread (the one that made, kept or adopted it), and close is called there. Once
 *       another thread has touched it, {@code close()} marks it released (every later use, on any thread, throws)
 *       and leaves the memory to the garbage collector, which frees it when no thread holds it any more.</li>
 *   <li>A scope {@linkplain TensorScope#adopt adopts} only a tensor that no second thread has used, and the
 *       adopting thread becomes its home.</li>
 * </ul>
 *
 * <p>Why it is race-free: a thread other than the home thread first publishes that it uses the tensor
 * ({@code shared}, volatile) and only then reads whether it has been closed or scoped; {@code close()} and
 * {@code adopt} publish their change first and only then read {@code shared}. Volatile accesses are sequentially
 * consistent, so at least one side sees the other: either the user sees the tensor closed (and throws before
 * touching native memory), or the closer sees it shared (and frees nothing). The home thread's own uses cost one
 * thread comparison and two plain loads.
 */
final class TensorOwnership {
    private final org.bytedeco.pytorch.Tensor handle;
    /** The scope that frees the handle when it closes; null for a kept tensor. */
    private volatile TensorScope scope;
    /** The thread that made, kept or adopted the tensor. */
    private volatile Thread home;
    /** Set by the first use from a thread other than {@link #home}; never cleared. */
    private volatile boolean shared;
    /** Set by {@link Tensor#close()}. */
    private volatile boolean closed;
    /** Whether the tensor's bytes are in {@link GcPressure}'s count (left to the collector, not yet taken back). */
    private boolean counted;
    /** The cached {@code std::optional<at::Tensor>} of a kept tensor (see {@link Tensor#nativeOptional()}). */
    private volatile org.bytedeco.pytorch.TensorOptional optional;

    TensorOwnership(org.bytedeco.pytorch.Tensor handle, TensorScope scope) {
        this.handle = handle;
        this.scope = scope;
        this.home = Thread.currentThread();
        if (scope == null) {
            handToCollector();
        }
    }

    /**
     * Checks that the current thread may use the handle now.
     *
     * @throws IllegalStateException if the tensor was released, or belongs to another thread's scope
     */
    void checkUsable() {
        if (Thread.currentThread() != home) {
            enterFromOtherThread();
        }
        if (closed || handle.isNull()) {
            throw released();
        }
    }

    private void enterFromOtherThread() {
        if (!shared) {
            shared = true; // published before the reads below: see the class comment
        }
        TensorScope s = scope;
        if (s != null) {
            if (handle.isNull()) {
                throw released();
            }
            throw new IllegalStateException("This tensor belongs to TensorScope '" + s.name() + "', opened on thread "
                    + s.ownerName() + ", and cannot be used on thread " + Thread.currentThread().getName()
                    + ": the scope frees it when it closes. Call keep() on it (on thread " + s.ownerName()
                    + ") before handing it to another thread");
        }
    }

    /** Whether the handle has been freed or the tensor closed. */
    boolean isReleased() {
        return closed || handle.isNull();
    }

    /** The scope that owns the tensor, or null. */
    TensorScope scope() {
        return scope;
    }

    IllegalStateException released() {
        if (closed) {
            return new IllegalStateException("This tensor was released by close() and can no longer be used");
        }
        TensorScope s = scope;
        String by = s != null ? "TensorScope '" + s.name() + "'" : "its scope";
        return new IllegalStateException("This tensor was released when " + by
                + " closed; call keep() on it inside the scope to use it afterwards");
    }

    /** {@link Tensor#keep()}: leaves the scope; from now on any thread may use it. */
    void keep() {
        checkUsable();
        TensorScope s = scope;
        if (s != null) {
            s.disown(handle);
            scope = null;
            home = Thread.currentThread();
            handToCollector();
        }
    }

    /** {@link TensorScope#adopt}: the target scope (of the current thread) frees the tensor from now on. */
    void adoptInto(TensorScope target) {
        if (closed || handle.isNull()) {
            throw released();
        }
        TensorScope s = scope;
        if (s != null) {
            throw new IllegalStateException("This tensor already belongs to TensorScope '" + s.name() + "'");
        }
        scope = target; // published before reading shared: see the class comment
        if (shared) {
            scope = null;
            throw new IllegalStateException("This tensor has been used by more than one thread, so no scope can free"
                    + " it safely: TensorScope '" + target.name() + "' cannot adopt it (keep it, or adopt a clone)");
        }
        home = Thread.currentThread();
        dropOptional();
        takeBackFromCollector();
        target.attach(handle);
    }

    /**
     * The cached optional of a kept tensor, made on first use; null for a scoped tensor (the caller makes one in the
     * current scope).
     */
    org.bytedeco.pytorch.TensorOptional keptOptional() {
        if (scope != null) {
            return null;
        }
        org.bytedeco.pytorch.TensorOptional o = optional;
        if (o == null) {
            synchronized (this) {
                o = optional;
                if (o == null) {
                    o = dev.jtorch.internal.Ops.unscoped(new org.bytedeco.pytorch.TensorOptional(handle));
                    optional = o;
                }
            }
        }
        return o;
    }

    private void dropOptional() {
        org.bytedeco.pytorch.TensorOptional o = optional;
        optional = null;
        if (o != null) {
            o.close();
        }
    }

    /** {@link Tensor#close()}. */
    void close() {
        if (closed || handle.isNull()) {
            return;
        }
        Thread me = Thread.currentThread();
        TensorScope s = scope;
        if (s != null && me != home) {
            checkUsable(); // throws: a scope's tensor is closed by the scope's thread
        }
        closed = true; // published before reading shared: see the class comment
        if (shared || me != home) {
            shared = true;
            return; // another thread may be inside a native call on it: the collector frees it once unreachable
        }
        dropOptional();
        takeBackFromCollector();
        if (s != null && !s.isClosed()) {
            s.disown(handle);
        }
        scope = null;
        handle.deallocate();
    }

    private void handToCollector() {
        if (!counted && GcPressure.counting()) {
            counted = true;
            GcPressure.handedToCollector(nativeBytes());
        }
    }

    private void takeBackFromCollector() {
        if (counted) {
            counted = false;
            GcPressure.takenBack(nativeBytes());
        }
    }

    /** The bytes of the tensor's elements (for views, those it spans, not its whole storage). */
    private long nativeBytes() {
        try {
            return handle.defined() ? handle.nbytes() : 0;
        } catch (RuntimeException e) {
            return 0; // layouts without a byte size (sparse)
        }
    }
}
