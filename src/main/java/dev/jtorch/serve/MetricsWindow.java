package dev.jtorch.serve;

import dev.jtorch.train.MetricRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent metric records of one run, at most a fixed number of them (a ring): what live streams are sent
 * and what most requests ask for. Every record after line {@link #coveredAfter()} is in it; older ones are read
 * again from the file ({@link MetricsFile#read}). Guarded by its feed's monitor.
 */
final class MetricsWindow {
    private final MetricRecord[] ring;
    private int head;
    private int size;
    private long coveredAfter;

    /** An empty window holding at most {@code capacity} records, covering every line after {@code after}. */
    MetricsWindow(int capacity, long after) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be >= 1, got " + capacity);
        }
        this.ring = new MetricRecord[capacity];
        this.coveredAfter = after;
    }

    /** Adds the newest record, dropping the oldest when full. */
    void add(MetricRecord r) {
        if (size == ring.length) {
            coveredAfter = ring[head].line();
            ring[head] = r;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size) % ring.length] = r;
            size++;
        }
    }

    /** Lines after this one are all here (the line of the last record dropped, or where the window began). */
    long coveredAfter() {
        return coveredAfter;
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    private MetricRecord get(int i) {
        return ring[(head + i) % ring.length];
    }

    /**
     * The records with {@code after < line <= until}, at most {@code max}, of {@code type} (any if null); requires
     * {@code after >= coveredAfter()}. {@code lastExamined[0]} receives the last line looked at.
     */
    List<MetricRecord> after(long after, long until, MetricRecord.Type type, int max, long[] lastExamined) {
        List<MetricRecord> out = new ArrayList<>();
        int lo = 0;
        int hi = size;
        while (lo < hi) { // first record with line > after
            int mid = (lo + hi) >>> 1;
            if (get(mid).line() <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long last = until;
        for (int i = lo; i < size; i++) {
            MetricRecord r = get(i);
            if (r.line() > until) {
                break;
            }
            if (type == null || r.type() == type) {
                out.add(r);
                if (out.size() >= max) {
                    last = r.line();
                    break;
                }
            }
        }
        lastExamined[0] = last;
        return out;
    }
}
