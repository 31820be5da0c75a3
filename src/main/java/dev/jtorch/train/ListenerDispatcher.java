package dev.jtorch.train;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records to listeners on one daemon thread. The queue is bounded: when it is full a record is dropped
 * for listeners (the file has it); progress and status live in single slots, so they are never lost, only
 * coalesced. The recording thread never signals the dispatcher for a record or a progress report: the
 * dispatcher wakes every {@link RunDirectory#DISPATCH_MILLIS} ms and takes what is there (a signal per batch or epoch cost a
 * fast training loop a thread wake-up each, up to a fifth of its step time on two cores); only a status change
 * wakes it at once. The thread ends after delivering the terminal status.
 */
final class ListenerDispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final java.util.concurrent.ConcurrentLinkedQueue<Object> queue =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicReference<Progress> progressSlot = new AtomicReference<>();
    private final AtomicReference<RunStatus> statusSlot = new AtomicReference<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<RunListener> warned = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile Thread thread;
    private boolean done;
    private final RunDirectory run;
    private final String id;
    private final List<RunListener> listeners;

    ListenerDispatcher(RunDirectory run, List<RunListener> listeners) {
        this.run = run;
        this.id = run.id();
        this.listeners = listeners;
    }

    synchronized void start() {
        if (thread == null && !done) {
            Thread t = new Thread(this, "jtorch-run-" + id);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    void offer(Object event) {
        if (listeners.isEmpty()) {
            return;
        }
        if (queued.incrementAndGet() > RunDirectory.QUEUE_CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet(); // listeners see a gap in line numbers; the file has the record
            return;
        }
        queue.add(event);
    }

    void offerProgress(Progress p) {
        if (!listeners.isEmpty()) {
            progressSlot.set(p);
        }
    }

    void offerStatus(RunStatus s) {
        statusSlot.set(s);
        Thread t = thread;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Object ev;
                while ((ev = queue.poll()) != null) {
                    queued.decrementAndGet();
                    deliver(ev);
                }
                Progress p = progressSlot.getAndSet(null);
                if (p != null) {
                    for (RunListener l : listeners) {
                        call(l, () -> l.onProgress(run, p));
                    }
                }
                if (queue.isEmpty()) {
                    RunStatus s = statusSlot.getAndSet(null);
                    if (s != null) {
                        for (RunListener l : listeners) {
                            call(l, () -> l.onStatus(run, s));
                        }
                        if (s.isTerminal()) {
                            break;
                        }
                        continue;
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RunDirectory.DISPATCH_MILLIS));
            }
        } finally {
            synchronized (this) {
                done = true;
            }
        }
    }

    private void deliver(Object ev) {
        for (RunListener l : listeners) {
            if (ev instanceof MetricRecord r) {
                call(l, () -> l.onMetric(run, r));
            } else if (ev instanceof CheckpointInfo c) {
                call(l, () -> l.onCheckpoint(run, c));
            }
        }
    }

    private void call(RunListener l, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            if (warned.add(l)) {
                LOG.warn("a listener of run {} failed; it keeps receiving events", id, e);
            }
        }
    }
}
