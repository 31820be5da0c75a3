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
 *   <li>{@link Tensor#keep()} moves a tensor out of its scope into the enclosing one (or, outside any scope, to the
 *       garbage collector). Owners such as modules and optimizers keep their tensors themselves.</li>
 *   <li>Closing a scope first closes any scope opened inside it that is still open (for example the per-item scope
 *       of a loop left with {@code break}).</li>
 *   <li>Using a released tensor throws {@link IllegalStateException} naming the scope that released it.</li>
 *   <li>Tensors created outside any scope are freed by the garbage collector (JavaCPP's deallocator thread, which
 *       also forces a collection when the process exceeds {@code org.bytedeco.javacpp.maxPhysicalBytes}).</li>
 * </ul>
 * {@link #scoped(Iterable, String)} gives each element of an iteration its own scope; {@code DataLoader} uses it
 * for its batches.
 *
 * <p>Built on JavaCPP's {@link PointerScope}.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<TensorScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final Thread owner;
    private final PointerScope pointers;
    private boolean closed;
    private boolean dissolved;
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
        this.pointers = new PointerScope();
        stack.push(this);
    }

    /** The innermost open scope of the current thread, or null. */
    static TensorScope current() {
        return STACK.get().peek();
    }

    /** The scope's name, as used in messages. */
    public String name() {
        return name;
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
    }

    /** Leaves the stack without releasing anything: what this scope owned goes to the garbage collector. */
    private void dissolve(ArrayDeque<TensorScope> stack) {
        closed = true;
        dissolved = true;
        stack.remove(this);
        pointers.extend();
        pointers.close();
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

    /**
     * Moves a native object out of this scope into the enclosing open scope of this thread, or to the garbage
     * collector when there is none.
     */
    TensorScope handOver(Pointer p) {
        if (closed) {
            return null;
        }
        checkThread("keep() a tensor of");
        ArrayDeque<TensorScope> stack = STACK.get();
        TensorScope parent = null;
        boolean below = false;
        for (TensorScope s : stack) {
            if (below) {
                parent = s;
                break;
            }
            below = s == this;
        }
        p.retainReference();
        pointers.detach(p);
        if (parent != null) {
            parent.pointers.attach(p);
            p.releaseReference();
        }
        return parent;
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

    @Override
    public String toString() {
        return "TensorScope[" + name + (closed ? ", closed]" : "]");
    }

    /**
     * An iteration in which each element gets its own scope: the scope opens just before the element is produced
     * (so tensors the producer creates belong to it) and closes when the iteration moves on ({@code hasNext} or
     * {@code next}) or ends. Leaving the loop early is safe: the abandoned scope is closed with the scope that
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

        @Override
        public boolean hasNext() {
            closeCurrent();
            return items.hasNext();
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
