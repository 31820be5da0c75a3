package dev.jtorch.serve;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress server's one timer thread: re-reads the watched runs' files, sends each run's new metrics and
 * latest progress to its open streams, and sends heartbeats to idle streams. A failing task is logged (with its
 * stack the first time) and tried again on the next tick: the timer never dies.
 */
final class FeedTimer {
    /** Logged as the server: these are its messages. */
    private static final Logger LOG = LoggerFactory.getLogger(ProgressServer.class);

    private final RunStore store;
    private final ProgressHandler handler;
    private final long refreshMillis;
    private final long progressMillis;
    private final long heartbeatMillis;
    private final AtomicLong failures = new AtomicLong();
    private ScheduledExecutorService timer;

    FeedTimer(RunStore store, ProgressHandler handler, long refreshMillis, long progressMillis, long heartbeatMillis) {
        this.store = store;
        this.handler = handler;
        this.refreshMillis = refreshMillis;
        this.progressMillis = progressMillis;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Starts the daemon thread {@code jtorch-serve-timer} and its three fixed-delay tasks. */
    synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jtorch-serve-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flushPending, progressMillis, progressMillis, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread (interrupting a task in progress). */
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void refresh() {
        try {
            for (RunFeed f : store.watched()) {
                f.refresh();
            }
        } catch (RuntimeException e) {
            failure("reading the watched runs", e); // the timer stays alive: the next tick tries again
        }
    }

    private void flushPending() {
        try {
            for (RunFeed f : store.watched()) {
                f.flushPending();
            }
        } catch (RuntimeException e) {
            failure("sending pending metrics", e); // the timer stays alive
        }
    }

    private void heartbeat() {
        long idle = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis) / 2;
        for (EventStream s : handler.streams()) {
            s.heartbeat(idle);
        }
    }

    /** A failure of a timer task: logged with its stack the first time, then at debug level (it repeats per tick). */
    private void failure(String what, RuntimeException e) {
        if (failures.getAndIncrement() == 0) {
            LOG.warn("the progress server failed {}; it keeps trying", what, e);
        } else {
            LOG.debug("the progress server failed {} again", what, e);
        }
    }
}
