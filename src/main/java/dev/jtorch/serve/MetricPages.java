package dev.jtorch.serve;

import static dev.jtorch.serve.FeedJson.json;

import dev.jtorch.train.MetricRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages of a run's older metric lines, read again from its {@code metrics.jsonl} (those no longer in memory):
 * at most a given number of records, looking at no more than {@value #PAGE_EXAMINE} lines. The last few pages
 * are kept and shared: many requests for the same history (everyone opening a run's page) read it once, and
 * render its JSON once. Thread-safe; reads happen without any feed's lock.
 */
final class MetricPages {
    private static final Logger LOG = LoggerFactory.getLogger(MetricPages.class);

    /** At most this many lines looked at for one page (a filtered page may be empty). */
    static final int PAGE_EXAMINE = 16 * 1024;

    /**
     * One page of metric records: those found, the last line looked at, and whether that is the end asked for.
     * Pages read from the file are shared by the requests that ask for the same one (everyone opening a run's page
     * reads the same history), so their JSON is made once ({@link #apiJson()}, {@link #sseFrames()}).
     */
    record Page(List<MetricRecord> records, long lastExamined, boolean end, String[] rendered) {
        Page(List<MetricRecord> records, long lastExamined, boolean end) {
            this(records, lastExamined, end, new String[2]);
        }

        /** The records as API objects, comma-separated (the inside of a JSON array). */
        String apiJson() {
            synchronized (rendered) {
                if (rendered[0] == null) {
                    StringBuilder b = new StringBuilder(128 * records.size());
                    for (MetricRecord r : records) {
                        if (b.length() > 0) {
                            b.append(',');
                        }
                        b.append(json(FeedJson.metricJson(r)));
                    }
                    rendered[0] = b.toString();
                }
                return rendered[0];
            }
        }

        /** The records as {@code metric} events. */
        String sseFrames() {
            synchronized (rendered) {
                if (rendered[1] == null) {
                    StringBuilder b = new StringBuilder(160 * records.size());
                    appendFrames(b, records);
                    rendered[1] = b.toString();
                }
                return rendered[1];
            }
        }
    }

    private record PageKey(Path file, long after, long until, MetricRecord.Type type, int max) {}

    /**
     * The last pages read from the files of all runs of one server, shared by requests asking for the same page:
     * at most {@code capacity} pages in all (a page holds at most a few thousand records).
     */
    static final class Cache {
        private final Map<PageKey, CompletableFuture<Page>> pages;

        Cache(int capacity) {
            pages = new LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PageKey, CompletableFuture<Page>> eldest) {
                    return size() > capacity;
                }
            };
        }
    }

    private final MetricsFile metricsFile;
    private final Path path;

    private final Map<PageKey, CompletableFuture<Page>> pageCache;

    MetricPages(MetricsFile metricsFile, Path path, Cache cache) {
        this.metricsFile = metricsFile;
        this.path = path;
        this.pageCache = cache.pages;
    }

    /** The records with {@code after < line <= end} read from the file, shared with other requests for them. */
    Page fromFile(long after, long end, MetricRecord.Type type, int max) {
        PageKey key = new PageKey(path, after, end, type, max);
        CompletableFuture<Page> shared;
        CompletableFuture<Page> mine = new CompletableFuture<>();
        synchronized (pageCache) {
            shared = pageCache.get(key);
            if (shared == null) {
                pageCache.put(key, mine);
            }
        }
        if (shared != null) {
            return shared.join(); // read (or being read) for another request: once is enough
        }
        try {
            Page p = readPage(after, end, type, max);
            mine.complete(p);
            return p;
        } catch (RuntimeException e) {
            synchronized (pageCache) {
                pageCache.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Page readPage(long after, long end, MetricRecord.Type type, int max) {
        long[] last = new long[1];
        List<MetricRecord> found = new ArrayList<>();
        last[0] = after;
        try {
            metricsFile.read(after + 1, (n, bytes, off, len) -> {
                if (n > end) {
                    return false;
                }
                last[0] = n;
                MetricRecord r = FeedJson.parseLine(n, bytes, off, len);
                if (r != null && (type == null || r.type() == type)) {
                    found.add(r);
                }
                return found.size() < max && n - after < PAGE_EXAMINE;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (last[0] == after) {
            last[0] = end; // nothing more could be read: the file lost lines (it is append-only): stop here
        }
        return new Page(List.copyOf(found), last[0], last[0] >= end);
    }

    static void appendFrames(StringBuilder b, List<MetricRecord> records) {
        for (MetricRecord r : records) {
            try {
                b.append(EventStream.frame("metric", r.line(), json(FeedJson.metricJson(r))));
            } catch (RuntimeException e) {
                // a record that cannot be shown must not hold back the ones after it
                LOG.debug("metric line {} cannot be shown; skipped", r.line(), e);
            }
        }
    }
}
