package dev.jtorch.data;

import dev.jtorch.Tensor;

/** One batch on its way from a worker: its result, or its failure, or discarded (closed on arrival). */
final class BatchSlot {
    private Batch batch;
    private Throwable failure;
    private String worker;
    private boolean done;
    private boolean discarded;

    synchronized boolean isDiscarded() {
        return discarded;
    }

    /** Called by the worker: stores the result, or frees it when the iteration has ended meanwhile. */
    void complete(Batch b, Throwable f, String by) {
        synchronized (this) {
            if (!discarded) {
                batch = b;
                failure = f;
                worker = by;
                done = true;
                notifyAll();
                return;
            }
        }
        free(b);
    }

    /** Waits for the worker; null when the batch failed (see {@link #failure()}) or was discarded. */
    synchronized Batch await() throws InterruptedException {
        while (!done && !discarded) {
            wait();
        }
        Batch b = batch;
        batch = null;
        return b;
    }

    synchronized Throwable failure() {
        return failure;
    }

    synchronized String worker() {
        return worker;
    }

    /** Ends this slot: a batch already here is freed, one still being fetched is freed by its worker. */
    void discard() {
        Batch b;
        synchronized (this) {
            discarded = true;
            b = batch;
            batch = null;
            notifyAll();
        }
        free(b);
    }

    private static void free(Batch b) {
        if (b == null) {
            return;
        }
        for (Tensor t : b.tensors()) {
            try {
                t.close();
            } catch (RuntimeException e) {
                // already released elsewhere: nothing left to free
            }
        }
    }
}
