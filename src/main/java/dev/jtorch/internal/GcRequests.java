package dev.jtorch.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counting and the collector thread behind {@link GcPressure}: counts native bytes handed to the garbage
 * collector and, each time a threshold's worth has accumulated, asks a dedicated daemon thread to run the
 * collection action ({@link System#gc()} for {@link GcPressure}). The allocating thread only releases a permit: it
 * never runs or waits for the collection. Requests that arrive while a collection runs are merged into one more.
 */
final class GcRequests {
    private final long threshold;
    private final Runnable collect;
    private final String threadName;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong requested = new AtomicLong();
    private final Semaphore wakeUps = new Semaphore(0);
    private Thread collector;

    /**
     * @param threshold bytes per collection; 0 or less turns the counting off
     * @param collect what the collector thread runs per request
     * @param threadName the collector thread's name
     */
    GcRequests(long threshold, Runnable collect, String threadName) {
        this.threshold = threshold;
        this.collect = collect;
        this.threadName = threadName;
    }

    long threshold() {
        return threshold;
    }

    boolean counting() {
        return threshold > 0;
    }

    /** Counts {@code bytes}; asks for a collection (without waiting for it) when a threshold's worth is pending. */
    void handedToCollector(long bytes) {
        if (threshold <= 0 || bytes <= 0) {
            return;
        }
        long p = pending.addAndGet(bytes);
        if (p >= threshold && pending.compareAndSet(p, 0)) { // one thread per threshold's worth asks
            requested.incrementAndGet();
            collector(); // started on first use
            wakeUps.release();
        }
    }

    /** Uncounts {@code bytes} taken back from the collector. */
    void takenBack(long bytes) {
        if (bytes > 0) {
            pending.accumulateAndGet(bytes, (q, b) -> Math.max(0, q - b));
        }
    }

    long pending() {
        return pending.get();
    }

    /** How many collections have been asked for (not necessarily run yet). */
    long requested() {
        return requested.get();
    }

    /** The collector thread, started on the first request. */
    synchronized Thread collector() {
        if (collector == null) {
            Thread t = new Thread(this::serve, threadName);
            t.setDaemon(true);
            t.start();
            collector = t;
        }
        return collector;
    }

    private void serve() {
        while (true) {
            try {
                wakeUps.acquire();
            } catch (InterruptedException e) {
                return;
            }
            wakeUps.drainPermits(); // requests made while the last collection ran: one more collection covers them
            try {
                collect.run();
            } catch (RuntimeException e) {
                // a failing action must not end the thread: the next request tries again
            }
        }
    }
}
