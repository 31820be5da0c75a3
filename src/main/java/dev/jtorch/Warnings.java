package dev.jtorch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Python's {@code warnings} module as PyTorch uses it: {@code warnings.warn(message, UserWarning)} becomes
 * {@code Warnings.warn(message)}, logged through SLF4J (logger {@code dev.jtorch.Warnings}, level WARN) as
 * {@code UserWarning: <message>}, where Python prints it to standard error.
 *
 * <p>{@link #catchWarnings()} mirrors {@code warnings.catch_warnings(record=True)}: while it is open, warnings raised
 * on the calling thread are recorded instead of logged (it is per thread, so parallel tests do not see each other's
 * warnings). {@link #addListener} observes every warning of every thread, logged or recorded.
 *
 * <pre>{@code
 * List<Warnings.Warning> seen = Warnings.capture(() -> scheduler.step());
 * try (var w = Warnings.catchWarnings()) { scheduler.step(); w.records(); }
 * }</pre>
 *
 * <p>Unlike Python's default filter, a message is not de-duplicated per code location; callers that Python warns
 * only once (such as the LR schedulers' step-order check) decide that themselves.
 *
 * <p>jtorch's own; no PyTorch counterpart. It plays Python's {@code warnings} module, through which PyTorch warns.
 */
public final class Warnings {
    private static final Logger LOG = LoggerFactory.getLogger(Warnings.class);
    private static final List<Consumer<Warning>> LISTENERS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Deque<Recorder>> RECORDERS = ThreadLocal.withInitial(ArrayDeque::new);

    private Warnings() {}

    /** One warning: its Python category ({@code UserWarning}, {@code DeprecationWarning}, ...) and message. */
    public record Warning(String category, String message) {
        /** Validates the parts. */
        public Warning {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(message, "message");
        }

        /** Python's printed form without the source location: {@code UserWarning: <message>}. */
        @Override
        public String toString() {
            return category + ": " + message;
        }
    }

    /** Python's {@code warnings.warn(message)} (a {@code UserWarning}). */
    public static void warn(String message) {
        warn(message, "UserWarning");
    }

    /** Python's {@code warnings.warn(message, category)}; the category is the Python class name. */
    public static void warn(String message, String category) {
        Warning w = new Warning(category, message);
        for (Consumer<Warning> l : LISTENERS) {
            l.accept(w);
        }
        Recorder r = RECORDERS.get().peek();
        if (r != null) {
            r.records.add(w);
        } else {
            LOG.warn("{}", w);
        }
    }

    /**
     * Python's {@code warnings.catch_warnings(record=True)} for the calling thread: until closed, this thread's
     * warnings are recorded here instead of logged. Recorders nest; the innermost open one records.
     */
    public static Recorder catchWarnings() {
        Recorder r = new Recorder(Thread.currentThread());
        RECORDERS.get().push(r);
        return r;
    }

    /** Runs {@code action} and returns the warnings it raised on this thread (not logged). */
    public static List<Warning> capture(Runnable action) {
        Objects.requireNonNull(action, "action");
        try (Recorder r = catchWarnings()) {
            action.run();
            return r.records();
        }
    }

    /** Calls {@code listener} with every warning from any thread until the returned registration is closed. */
    public static Registration addListener(Consumer<Warning> listener) {
        Objects.requireNonNull(listener, "listener");
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** A listener registration; closing it removes the listener. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Removes the listener. */
        @Override
        void close();
    }

    /** The open recording context of {@link #catchWarnings()}; close it on the thread that opened it. */
    public static final class Recorder implements AutoCloseable {
        private final Thread owner;
        private final List<Warning> records = Collections.synchronizedList(new ArrayList<>());
        private boolean closed;

        private Recorder(Thread owner) {
            this.owner = owner;
        }

        /** The warnings recorded so far, in order (a copy). */
        public List<Warning> records() {
            synchronized (records) {
                return List.copyOf(records);
            }
        }

        /** The recorded messages, in order. */
        public List<String> messages() {
            return records().stream().map(Warning::message).toList();
        }

        /** Stops recording; later warnings go to the enclosing recorder or are logged again. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a warnings recorder must be closed on the thread that opened it ("
                        + owner.getName() + ")");
            }
            closed = true;
            RECORDERS.get().remove(this);
        }
    }
}
