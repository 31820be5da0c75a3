package dev.jtorch;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Releases the native memory of every tensor created inside it when it closes, so that a loop of any length runs
 * in flat memory. PyTorch needs no such thing (CPython frees tensors by reference counting); jtorch's scopes give
 * Java the same behaviour with try-with-resources:
 *
 * <pre>{@code
 * for (int step = 0; step < 1_000_000; step++) {
 *     try (var scope = new TensorScope()) {
 *         Tensor y = x.matmul(w).relu();   // released when the scope closes
 *         total += y.sum().item();
 *     }
 * }
 * }</pre>
 *
 * <p>Rules:
 * <ul>
 *   <li>Scopes nest and are confined to the thread that opened them; the innermost open scope of the current thread
 *       owns every tensor (and every JavaCPP temporary) created on that thread.</li>
 *   <li>{@link Tensor#keep()} takes a tensor out of its scope: from then on the garbage collector frees it when it
 *       is no longer reachable (or {@link Tensor#close()} does, earlier). Owners such as modules and optimizers keep
 *       their tensors this way.</li>
 *   <li>Closing a scope first closes any scope opened inside it that is still open (for example the per-item scope
 *       of a loop left with {@code break}).</li>
 *   <li>Using a released tensor throws {@link IllegalStateException} naming the scope that released it.</li>
 *   <li>A scope's tensors are for its own thread: using one from another thread throws
 *       {@link IllegalStateException} (always, not only when the scope happens to have closed first). To hand a
 *       tensor to another thread (an executor, a callback), {@link Tensor#keep()} it first; a kept tensor may be
 *       used from any thread, and closing it while another thread computes on it is safe (see
 *       {@link Tensor#close()}).</li>
 *   <li>Tensors created outside any scope are freed by the garbage collector (JavaCPP's deallocator thread, which
 *       also forces a collection when the process exceeds {@code org.bytedeco.javacpp.maxPhysicalBytes}).</li>
 * </ul>
 * {@link #scoped(Iterable, String)} gives each element of an iteration its own scope; {@code DataLoader} uses it
 * for its batches.
 *
 * <p>Built on JavaCPP's {@link PointerScope}.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final Thread owner;
    private final TrackingScope pointers;
    private volatile boolean closed;
    private volatile boolean dissolved;
    /** Actions to run when this scope closes or dissolves ({@link #onClose}); touched by the owner thread only. */
    private List<Runnable> closeActions;
    /** Set (from the cleaner thread) when the iterator owning this scope became unreachable while it was open. */
    private volatile boolean abandoned;

    /** Opens an unnamed scope on the current thread. */
    public TensorScope() {
        this(null);
    }

    /** Opens a scope whose name appears in the message of a released tensor's exception. */
    public TensorScope(String name) {
        dev.jtorch.internal.Native.ensureLoaded();
        ArrayDeque<TensorScope> stack = STACK.get();
        dissolveAbandoned(stack);
        this.owner = Thread.currentThread();
        this.name = name != null ? name : "TensorScope#" + Integer.toHexString(System.identityHashCode(this));
        this.pointers = new TrackingScope();
        stack.push(this);
    }

    /**
     * JavaCPP's scope, remembering what it holds so that a dissolved scope can hand each object to the garbage
     * collector separately (instead of keeping the whole batch alive through one reachable tensor).
     */
    private static final class TrackingScope extends PointerScope {
        private final java.util.Set<Pointer> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        @Override
        public PointerScope attach(Pointer p) {
            super.attach(p);
            held.add(p);
            return this;
        }

        @Override
        public PointerScope detach(Pointer p) {
            held.remove(p);
            return super.detach(p);
        }

        /** Leaves the stack, keeping every object alive: from now on the garbage collector frees each one. */
        void dissolve() {
            for (Pointer p : held) {
                p.retainReference();
            }
            held.clear();
            close();
        }

        @Override
        public void close() {
            held.clear();
            super.close();
        }
    }

    /**
     * The innermost open scope of the current thread, or null. Scopes of loops left early whose iterator has been
     * collected are dissolved first, so that a thread which opens no further scope still frees its tensors.
     */
    public static TensorScope current() {
        ArrayDeque<TensorScope> stack = STACK.get();
        TensorScope top = stack.peek();
        if (top != null && top.abandoned) {
            dissolveAbandoned(stack);
            top = stack.peek();
        }
        return top;
    }

    /** The scope's name, as used in messages. */
    public String name() {
        return name;
    }

    /** The name of the thread that opened this scope (the only one that may use its tensors). */
    public String ownerName() {
        return owner.getName();
    }

    /** Whether the current thread opened this scope. */
    public boolean isOwnedByCurrentThread() {
        return Thread.currentThread() == owner;
    }

    /** Whether this scope has been closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases every tensor this scope still owns, after closing any scope opened inside it. Closing twice does
     * nothing.
     *
     * @throws IllegalStateException when called from another thread than the one that opened the scope
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread("close");
        ArrayDeque<TensorScope> stack = STACK.get();
        while (!stack.isEmpty() && stack.peek() != this) {
            stack.peek().release(stack);
        }
        release(stack);
        dissolveAbandoned(stack);
    }

    private void checkThread(String action) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("TensorScope '" + name + "' was opened on thread " + owner.getName()
                    + ": cannot " + action + " it on thread " + Thread.currentThread().getName());
        }
    }

    private void release(ArrayDeque<TensorScope> stack) {
        closed = true;
        stack.remove(this);
        pointers.close();
        runCloseActions();
    }

    /** Leaves the stack without releasing anything: what this scope owned goes to the garbage collector. */
    private void dissolve(ArrayDeque<TensorScope> stack) {
        closed = true;
        dissolved = true;
        stack.remove(this);
        pointers.dissolve();
        runCloseActions();
    }

    /**
     * Runs {@code action} when this scope closes, on the closing thread, after its tensors are released (also when
     * it is dissolved because the iteration owning it was abandoned): for resources whose lifetime is the scope's,
     * as {@code contextlib.ExitStack.callback} does in Python. {@code DataLoader} uses it to end its workers when
     * the scope enclosing a loop left early closes.
     *
     * @throws IllegalStateException if this scope is closed or belongs to another thread
     */
    public void onClose(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (closed) {
            throw new IllegalStateException("TensorScope '" + name + "' is closed");
        }
        checkThread("register a close action on");
        if (closeActions == null) {
            closeActions = new ArrayList<>(1);
        }
        closeActions.add(action);
    }

    /** Runs every close action once, each even if an earlier one threw; rethrows the first failure. */
    private void runCloseActions() {
        List<Runnable> actions = closeActions;
        closeActions = null;
        if (actions == null) {
            return;
        }
        RuntimeException first = null;
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void dissolveAbandoned(ArrayDeque<TensorScope> stack) {
        if (stack.isEmpty()) {
            return;
        }
        List<TensorScope> gone = null;
        for (TensorScope s : stack) {
            if (s.abandoned) {
                if (gone == null) {
                    gone = new ArrayList<>(2);
                }
                gone.add(s);
            }
        }
        if (gone != null) {
            for (TensorScope s : gone) {
                s.dissolve(stack);
            }
        }
    }

    /** Whether the native object was released by this scope (for error messages). */
    boolean released() {
        return closed && !dissolved;
    }

    /** Takes a native object out of this scope for good: from now on its owner or the garbage collector frees it. */
    void disown(Pointer p) {
        if (closed) {
            return;
        }
        checkThread("take a tensor out of");
        p.retainReference();
        pointers.detach(p);
    }

    /**
     * Makes this scope own a tensor that belongs to no scope (one made on another thread, say, such as a batch
     * prefetched by a {@code DataLoader} worker): it is released when this scope closes.
     *
     * @throws IllegalStateException if the tensor already belongs to a scope, or this scope is closed or belongs to
     *     another thread
     */
    public void adopt(Tensor tensor) {
        java.util.Objects.requireNonNull(tensor, "tensor");
        if (closed) {
            throw new IllegalStateException("TensorScope '" + name + "' is closed");
        }
        checkThread("adopt a tensor into");
        tensor.adoptInto(this);
    }

    /** Attaches a native object to this scope, keeping one reference for it (see {@link #adopt}). */
    void attach(Pointer p) {
        boolean counted = p.referenceCount() > 0;
        pointers.attach(p);
        if (counted) {
            p.releaseReference();
        }
    }

    @Override
    public String toString() {
        return "TensorScope[" + name + (closed ? ", closed]" : "]");
    }

    /**
     * An iteration in which each element gets its own scope: the scope opens just before the element is produced
     * (so tensors the producer creates belong to it) and closes when the next element is taken or the iteration
     * ends. Leaving the loop early is safe: the abandoned scope is closed with the scope that
     * encloses the loop or, when the iterator becomes unreachable, handed to the garbage collector without
     * releasing anything still in use.
     *
     * @param items the elements, produced lazily
     * @param name the prefix of each scope's name; the element's index is appended
     */
    public static <T> Iterable<T> scoped(Iterable<T> items, String name) {
        Objects.requireNonNull(items, "items");
        String prefix = name != null ? name : "item";
        return () -> new ScopedIterator<>(items.iterator(), prefix);
    }

    /** The iterator behind {@link #scoped(Iterable, String)}; also closable to end the iteration explicitly. */
    public static final class ScopedIterator<T> implements Iterator<T>, AutoCloseable {
        private final Iterator<T> items;
        private final String prefix;
        private final Holder holder = new Holder();
        private long index;

        private static final class Holder implements Runnable {
            volatile TensorScope scope;

            @Override
            public void run() {
                TensorScope s = scope;
                if (s != null) {
                    s.abandoned = true;
                }
            }
        }

        ScopedIterator(Iterator<T> items, String prefix) {
            this.items = items;
            this.prefix = prefix;
            CLEANER.register(this, holder);
        }

        /** Whether there is another element; when there is none, the last element's scope closes. */
        @Override
        public boolean hasNext() {
            boolean more = items.hasNext();
            if (!more) {
                closeCurrent();
            }
            return more;
        }

        @Override
        public T next() {
            closeCurrent();
            if (!items.hasNext()) {
                throw new NoSuchElementException();
            }
            TensorScope s = new TensorScope(prefix + " " + index++);
            holder.scope = s;
            try {
                return items.next();
            } catch (RuntimeException | Error e) {
                closeCurrent();
                throw e;
            }
        }

        /** Closes the current element's scope. */
        @Override
        public void close() {
            closeCurrent();
        }

        private void closeCurrent() {
            TensorScope s = holder.scope;
            if (s != null) {
                holder.scope = null;
                s.close();
            }
        }
    }
}
