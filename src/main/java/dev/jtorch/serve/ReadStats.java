package dev.jtorch.serve;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How often the server read the runs' files, for tests of its caches: a request about unchanged files should
 * cost a {@code stat}, not a read. One per {@link RunStore}.
 */
final class ReadStats {
    /** Parses of a {@code config.json}. */
    final AtomicLong configReads = new AtomicLong();
    /** Reads of new bytes at the end of a {@code metrics.jsonl} (tailing). */
    final AtomicLong metricsTails = new AtomicLong();
    /** Reads of older lines of a {@code metrics.jsonl} (history that is no longer in memory). */
    final AtomicLong metricsPages = new AtomicLong();
    /** Listings of a {@code checkpoints/} directory. */
    final AtomicLong checkpointScans = new AtomicLong();
    /** Real-path checks of one checkpoint file (symbolic links resolved). */
    final AtomicLong checkpointResolves = new AtomicLong();

    /** Every counter's sum (a read of any kind). */
    long total() {
        return configReads.get() + metricsTails.get() + metricsPages.get() + checkpointScans.get()
                + checkpointResolves.get();
    }

    @Override
    public String toString() {
        return "ReadStats(config=" + configReads + ", metricsTails=" + metricsTails + ", metricsPages="
                + metricsPages + ", checkpointScans=" + checkpointScans + ", checkpointResolves="
                + checkpointResolves + ")";
    }
}
