package dev.jtorch.internal;

import java.util.Locale;
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
 * <p>Which thread collects: a dedicated daemon thread, {@code jtorch-gc-pressure} (started on the first request),
 * calls {@link System#gc()}. The thread whose tensor crosses the threshold only wakes it (the compare-and-set on
 * the pending count elects one thread per threshold's worth) and goes on: whatever thread allocates tensors
 * outside scopes (the training thread, a {@code DataLoader} worker, an executor, a thread holding a lock) never
 * runs a collection inside a tensor's constructor. The garbage stays bounded all the same: with the default
 * collectors {@code System.gc()} is a stop-the-world collection, so the producer is paused at the next safepoint
 * a moment after the request, and what it allocates in between counts towards the next threshold; requests made
 * while a collection runs are merged into one more collection.
 *
 * <p>{@code -Djtorch.gcThreshold=256m} (bytes, with an optional k, m or g suffix) changes the threshold; {@code 0}
 * turns the collections off.
 */
public final class GcPressure {
    private static final Logger LOG = LoggerFactory.getLogger(GcPressure.class);


    private static final long DEFAULT = 32L << 20;
    private static final long THRESHOLD = threshold(System.getProperty("jtorch.gcThreshold"));
    private static final GcRequests REQUESTS = new GcRequests(THRESHOLD, System::gc, "jtorch-gc-pressure");

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
        return REQUESTS.counting();
    }

    /**
     * Records native bytes handed to the garbage collector; when a threshold's worth has accumulated, asks the
     * collector thread for a collection (without waiting for it).
     */
    public static void handedToCollector(long bytes) {
        REQUESTS.handedToCollector(bytes);
    }

    /** Records native bytes taken back from the garbage collector (a counted tensor adopted by a scope or closed). */
    public static void takenBack(long bytes) {
        REQUESTS.takenBack(bytes);
    }

    /** The threshold in bytes; 0 when turned off. */
    public static long threshold() {
        return THRESHOLD;
    }

    /** Bytes counted since the last collection this class asked for (for tests and diagnostics). */
    public static long pending() {
        return REQUESTS.pending();
    }

    /** How many collections this class has asked for since the JVM started. */
    public static long collections() {
        return REQUESTS.requested();
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
