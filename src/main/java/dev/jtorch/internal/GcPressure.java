package dev.jtorch.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the garbage collector to run after every {@code jtorch.gcThreshold} bytes (default 32 MiB) of tensors left to
 * it, so that a loop written without scopes still runs in flat memory.
 *
 * <p>A tensor outside every {@code TensorScope} is freed only when the garbage collector finds its Java object
 * unreachable. Those objects are tiny (a few dozen bytes for megabytes of native memory), so the Java heap alone
 * rarely prompts a collection: a training step that leaves 70 KB of native garbage and 7 KB of Java garbage grew
 * resident memory by gigabytes over 100,000 steps, bounded only by JavaCPP's {@code maxPhysicalBytes} (4 x the
 * heap by default). Counting the native bytes handed to the collector and collecting after each threshold's worth
 * bounds that garbage, at the cost of a full collection per threshold: about 15 ms with a 1 GiB heap, one every
 * 650 steps of seed 000's loop, whose resident memory then grows by about 20 MB from step 1,000 to 100,000; that
 * loop runs 5-8% slower than the same loop in scopes (the collections and JavaCPP's deallocator thread). Tensors
 * inside scopes are not counted (their scope frees them), nor those a scope adopts or a call to {@code close()}
 * frees, so loops in {@code TensorScope}s or over a {@code DataLoader} pay nothing, except that batches a
 * {@code DataLoader}'s workers have prefetched count until the loop's scope adopts them (or until they are freed when
 * the loop is abandoned).
 *
 * <p>Which thread collects: the one whose tensor crosses the threshold calls {@link System#gc()} itself, inside
 * the tensor's constructor (at most one thread at a time: the compare-and-set on the pending count elects it, the
 * others go on). That is deliberate: {@code System.gc()} stops every thread anyway, and making the thread that
 * produces the garbage wait for the collection is what bounds the garbage; a dedicated collector thread would let
 * the producer run on and allocate more while the collection is pending. The cost is that any thread creating
 * tensors outside scopes (a {@code DataLoader} worker, an executor) may pause for one collection now and then.
 *
 * <p>{@code -Djtorch.gcThreshold=256m} (bytes, with an optional k, m or g suffix) changes the threshold; {@code 0}
 * turns the collections off.
 */
public final class GcPressure {
    private static final Logger LOG = LoggerFactory.getLogger(GcPressure.class);


    private static final long DEFAULT = 32L << 20;
    private static final long THRESHOLD = threshold(System.getProperty("jtorch.gcThreshold"));
    private static final AtomicLong PENDING = new AtomicLong();
    private static final AtomicLong COLLECTIONS = new AtomicLong();

    private GcPressure() {
    }

    /** The setting, or the default with a warning when it cannot be read (a typo must not break every tensor). */
    private static long threshold(String setting) {
        if (setting == null) {
            return DEFAULT;
        }
        try {
            return parse(setting);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; using the default, 32m", e.getMessage());
            return DEFAULT;
        }
    }

    /** Whether tensors are counted at all ({@code jtorch.gcThreshold} is not 0). */
    public static boolean counting() {
        return THRESHOLD > 0;
    }

    /** Records native bytes handed to the garbage collector; collects when a threshold's worth has accumulated. */
    public static void handedToCollector(long bytes) {
        if (THRESHOLD <= 0 || bytes <= 0) {
            return;
        }
        long pending = PENDING.addAndGet(bytes);
        if (pending >= THRESHOLD && PENDING.compareAndSet(pending, 0)) {
            COLLECTIONS.incrementAndGet();
            System.gc();
        }
    }

    /** Records native bytes taken back from the garbage collector (a counted tensor adopted by a scope or closed). */
    public static void takenBack(long bytes) {
        if (bytes > 0) {
            PENDING.accumulateAndGet(bytes, (p, b) -> Math.max(0, p - b));
        }
    }

    /** The threshold in bytes; 0 when turned off. */
    public static long threshold() {
        return THRESHOLD;
    }

    /** Bytes counted since the last collection this class asked for (for tests and diagnostics). */
    public static long pending() {
        return PENDING.get();
    }

    /** How many collections this class has asked for since the JVM started. */
    public static long collections() {
        return COLLECTIONS.get();
    }

    static long parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jtorch.gcThreshold must be a byte count such as 64m, 0 to turn off: "
                    + s);
        }
    }
}
