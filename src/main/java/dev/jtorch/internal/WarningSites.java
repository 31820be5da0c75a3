package dev.jtorch.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The call site a warning is shown once for: the first stack frame outside the functional layer and the layers that
 * delegate to it. The functional layer ({@code nn.functional.F}) names itself; the layers above it register their
 * base class ({@code nn.Module} does, when it is initialised, which is before any of its subclasses' code can be on
 * the stack), so the functional layer needs no reference to the modules.
 */
public final class WarningSites {
    private static final List<Class<?>> DELEGATES = new CopyOnWriteArrayList<>();

    private WarningSites() {}

    /** Frames of {@code type} and its subclasses are never a call site (they delegate to the functional layer). */
    public static void skipSubclassesOf(Class<?> type) {
        if (!DELEGATES.contains(type)) {
            DELEGATES.add(type);
        }
    }

    /**
     * The first caller outside {@code self} and the registered delegates, as {@code class.method:line}, or
     * {@code ?} when there is none.
     */
    public static String firstCaller(Class<?> self) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != self && f.getDeclaringClass() != WarningSites.class
                        && DELEGATES.stream().noneMatch(d -> d.isAssignableFrom(f.getDeclaringClass())))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("?"));
    }
}
