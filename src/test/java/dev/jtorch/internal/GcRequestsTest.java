package dev.jtorch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The thread that crosses the threshold never runs or waits for the collection: it runs on the collector thread.
 * No timing is asserted; the awaits only bound how long a broken implementation could hang the test.
 */
class GcRequestsTest {
    @Test
    void theAllocatingThreadOnlyAsksTheCollectorThreadRunsTheCollection() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicBoolean ranOnCaller = new AtomicBoolean();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        GcRequests requests = new GcRequests(100, () -> {
            if (Thread.currentThread() == caller) {
                ranOnCaller.set(true); // the old design: the allocating thread collecting; it must not wait here
                return;
            }
            ranOn.set(Thread.currentThread());
            runs.incrementAndGet();
            firstStarted.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            secondDone.countDown();
        }, "test-gc-requests");

        requests.handedToCollector(60);
        assertEquals(60, requests.pending());
        assertEquals(0, requests.requested());
        requests.handedToCollector(60); // crosses the threshold: asks for a collection and returns
        assertEquals(0, requests.pending());
        assertEquals(1, requests.requested());
        assertTrue(firstStarted.await(1, TimeUnit.MINUTES), "the collector thread ran the collection");
        assertFalse(ranOnCaller.get(), "the allocating thread did not collect");
        assertNotSame(caller, ranOn.get());
        assertTrue(ranOn.get().isDaemon(), "the collector thread does not keep the JVM alive");
        assertEquals("test-gc-requests", ranOn.get().getName());

        // while that collection is still running (blocked on release), allocating goes on and asks again, twice
        requests.handedToCollector(100);
        requests.handedToCollector(100);
        assertEquals(3, requests.requested());
        assertEquals(1, runs.get(), "one collection at a time: the new requests wait for the running one");
        release.countDown();
        assertTrue(secondDone.await(1, TimeUnit.MINUTES), "the requests made during a collection got one more");
        assertEquals(2, runs.get(), "the two requests made during the first collection were merged into one");
        assertFalse(ranOnCaller.get());
    }

    @Test
    void takenBackBytesAndAThresholdOfZeroAskForNothing() {
        GcRequests off = new GcRequests(0, () -> {
            throw new AssertionError("no collection when turned off");
        }, "test-gc-off");
        off.handedToCollector(1L << 30);
        assertFalse(off.counting());
        assertEquals(0, off.pending());
        assertEquals(0, off.requested());

        GcRequests on = new GcRequests(100, () -> { }, "test-gc-on");
        on.handedToCollector(80);
        on.takenBack(50);
        assertEquals(30, on.pending());
        on.takenBack(500);
        assertEquals(0, on.pending(), "never below zero");
        on.handedToCollector(99);
        assertEquals(0, on.requested());
    }
}
