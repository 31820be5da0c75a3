package dev.jtorch.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The sampler's indices grouped into batches (Python's {@code BatchSampler}). */
final class BatchIndices implements Iterator<long[]> {
    private final Iterator<Long> source;
    private final long batchSize;
    private final boolean dropLast;
    private long[] next;

    BatchIndices(Iterator<Long> source, long batchSize, boolean dropLast) {
        this.source = source;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            List<Long> b = new ArrayList<>();
            while (b.size() < batchSize && source.hasNext()) {
                b.add(source.next());
            }
            if (!b.isEmpty() && !(dropLast && b.size() < batchSize)) {
                next = b.stream().mapToLong(Long::longValue).toArray();
            }
        }
        return next != null;
    }

    @Override
    public long[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long[] b = next;
        next = null;
        return b;
    }
}
