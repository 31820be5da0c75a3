package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Fetches batches on background threads, a bounded number ahead, delivering them in order; each delivered
 * batch's tensors are adopted by the batch's scope. Everything the threads and the clean-up need is in
 * {@link WorkerPool}, which references neither this iterator nor the {@link DataLoader.BatchIterator}.
 */
final class PrefetchingBatches implements Iterator<Batch> {
    private final Iterator<long[]> indices;
    private final WorkerPool workers;
    private final BatchFetcher<?> fetcher;
    private final long ahead;

    /** Starts fetching at once: {@code ahead} batches (Python's {@code num_workers * prefetch_factor}). */
    PrefetchingBatches(Iterator<long[]> indices, WorkerPool workers, BatchFetcher<?> fetcher, long ahead) {
        this.indices = indices;
        this.workers = workers;
        this.fetcher = fetcher;
        this.ahead = ahead;
        fill();
    }

    private void fill() {
        while (workers.pending() < ahead && !workers.isShutDown() && indices.hasNext()) {
            workers.submit(fetcher, indices.next());
        }
        if (workers.pending() == 0) {
            workers.shutdown();
        }
    }

    @Override
    public boolean hasNext() {
        return workers.pending() > 0;
    }

    @Override
    public Batch next() {
        BatchSlot slot = workers.poll();
        if (slot == null) {
            throw new NoSuchElementException();
        }
        Batch b;
        try {
            b = slot.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdown();
            throw new IllegalStateException("interrupted while waiting for a DataLoader worker", e);
        }
        if (b == null) {
            Throwable failure = slot.failure();
            workers.shutdown();
            if (failure == null) { // discarded: the iteration was ended meanwhile
                throw new NoSuchElementException("DataLoader iterator is closed");
            }
            throw reraise(failure, slot.worker());
        }
        TensorScope scope = TensorScope.current();
        if (scope != null) {
            for (Tensor t : b.tensors()) {
                scope.adopt(t); // made outside any scope, counted by GcPressure until now
            }
            workers.watch(scope); // on this batch's scope: its closing, unless the loop moved on, ends the workers
        }
        fill();
        return b;
    }

    /**
     * The exception of a worker, for the loop's thread (PyTorch's {@code ExceptionWrapper.reraise}): the same
     * exception when unchecked, noting where it was caught; a checked one wrapped.
     */
    private static RuntimeException reraise(Throwable failure, String worker) {
        String where = "Caught " + failure.getClass().getSimpleName() + " in " + worker + ".";
        if (failure instanceof RuntimeException re) {
            re.addSuppressed(new IllegalStateException(where + " (the loop's thread re-raised it here)"));
            return re;
        }
        if (failure instanceof Error err) {
            err.addSuppressed(new IllegalStateException(where + " (the loop's thread re-raised it here)"));
            throw err;
        }
        return new IllegalStateException(where + " Original: " + failure, failure);
    }
}
