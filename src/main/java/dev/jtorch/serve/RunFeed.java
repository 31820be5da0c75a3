package dev.jtorch.serve;

import static dev.jtorch.serve.FeedJson.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jtorch.train.CheckpointInfo;
import dev.jtorch.train.MetricRecord;
import dev.jtorch.train.Progress;
import dev.jtorch.train.RunDirectory;
import dev.jtorch.train.RunListener;
import dev.jtorch.train.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run as the server sees it: its config, its metric lines, its checkpoints, its live progress, and the event
 * streams watching it. The files are the source of truth: an in-process {@link RunDirectory} (through its
 * {@link RunListener}) only says when to look, and runs written by other processes are followed by reading
 * what was appended ({@link MetricsFile}).
 *
 * <p>Memory is bounded: only the last {@link RunStore#DEFAULT_WINDOW_CAPACITY} (by default) metric records are
 * kept ({@link MetricsWindow}, while the run is attached or an event stream watches it); older lines are read
 * again from the file, page by page, when a request or a new stream asks for them ({@link MetricPages}). A run that is only listed keeps its
 * summary (config, line count, last epoch). Metric lines are numbered as in the file (1-based); that number is
 * the event id a stream resumes from. All state is guarded by this object's monitor; broadcasting only queues
 * frames, so it never blocks.
 */
final class RunFeed implements RunListener {
    /** At most this many metric records, and about this many bytes, in one page of history for a stream. */
    static final int HISTORY_RECORDS = 2_000;
    static final int HISTORY_BYTES = 512 * 1024;
    /** Every this many refreshes of a watched run, its checkpoint files are {@code stat}ed even if unchanged. */
    static final int RESTAT_EVERY = 5;

    /** A page of history frames for a stream catching up; {@code done}: it is live now. */
    record History(String frames, long last, boolean done) {}

    private final String id;
    private final Path dir;
    private final ReadStats stats;
    private final int windowCapacity;
    private final MetricsFile metricsFile;
    private final CheckpointTracker checkpoints;
    private final MetricPages pages;
    private final Broadcaster streams = new Broadcaster();

    private RunDirectory live;
    private MetricsWindow window;
    private Integer lastEpoch;
    private final ConfigWatch configWatch;
    private ObjectNode config;
    private long configVersion;
    private Progress progress;
    private boolean progressPending;
    /** The last metric line sent to the live streams (or that nobody needed). */
    private long sentThrough;
    private long refreshes;

    RunFeed(String id, Path dir, ReadStats stats, int windowCapacity, MetricPages.Cache pageCache) {
        this.id = id;
        this.dir = dir;
        this.stats = stats;
        this.windowCapacity = windowCapacity;
        this.metricsFile = new MetricsFile(dir.resolve(RunDirectory.METRICS_FILE), stats);
        this.checkpoints = new CheckpointTracker(dir, stats);
        this.configWatch = new ConfigWatch(dir.resolve(RunDirectory.CONFIG_FILE), stats);
        this.pages = new MetricPages(metricsFile, dir.resolve(RunDirectory.METRICS_FILE), pageCache);
    }

    String id() {
        return id;
    }

    /** Makes this feed follow an in-process run: its listener calls say when the files changed. */
    void attach(RunDirectory run) {
        synchronized (this) {
            live = run;
            run.lastProgress().ifPresent(p -> progress = p);
            activateWindow();
        }
        run.addListener(this);
        refresh();
    }

    /** Stops following an in-process run. */
    void detach(RunDirectory run) {
        run.removeListener(this);
    }

    synchronized boolean isLive() {
        return live != null && config != null && !RunStatus.fromJson(config.path("status").asText()).isTerminal();
    }

    /**
     * Brings config and metrics up to date with the files: a {@code stat} each when nothing changed. Returns false
     * if the run is gone.
     */
    synchronized boolean refreshSummary() {
        if (!readConfig()) {
            return false;
        }
        tail();
        return true;
    }

    /** {@link #refreshSummary()}, and announces new or changed checkpoint files to the streams. */
    synchronized boolean refresh() {
        if (!refreshSummary()) {
            return false;
        }
        if (streams.count() > 0) {
            announceCheckpoints(++refreshes % RESTAT_EVERY == 0); // a file rewritten in place: seen within 5 s
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ listener

    @Override
    public synchronized void onMetric(RunDirectory run, MetricRecord record) {
        if (record.line() > metricsFile.lines()) {
            tail(); // the run wrote it before telling: read it (and any the listener queue dropped)
        }
    }

    /** Keeps the latest progress for the server's timer to send (see {@link #flushPending}). */
    @Override
    public synchronized void onProgress(RunDirectory run, Progress p) {
        progress = p;
        progressPending = true;
    }

    /**
     * Sends what the run reported since the last call: its new metric records, then its latest progress; called by
     * the server's timer every 100 ms. Training threads only record: formatting and writing to the open streams
     * happen here, on the server's thread, so that a page with many viewers costs a fast training loop nothing,
     * and a burst of short epochs reaches each browser in one write.
     */
    synchronized void flushPending() {
        sendUnsentMetrics();
        if (progressPending) {
            broadcastProgress();
        }
    }

    private void sendUnsentMetrics() {
        long lines = metricsFile.lines();
        if (sentThrough >= lines) {
            return;
        }
        if (!streams.hasLive()) {
            sentThrough = lines; // nobody to tell; a stream that opens later gets the history
            return;
        }
        while (sentThrough < lines) {
            MetricPages.Page p = page(sentThrough, lines, null, HISTORY_RECORDS);
            String frames = p.sseFrames();
            if (!frames.isEmpty()) {
                streams.send(frames);
            }
            sentThrough = p.lastExamined();
        }
    }

    @Override
    public synchronized void onCheckpoint(RunDirectory run, CheckpointInfo checkpoint) {
        checkpoints.epoch(checkpoint.name(), checkpoint.epoch());
        announceCheckpoints(true);
    }

    @Override
    public synchronized void onStatus(RunDirectory run, RunStatus status) {
        readConfig();
        tail();
        announceCheckpoints(true);
    }

    // ------------------------------------------------------------------------------------------------ streams

    /**
     * Registers a stream: it is sent the status now, then pulls the metric lines after {@code lastEventId} a page
     * at a time as the client reads them ({@link #history}), then the checkpoints and the latest progress, and
     * from then on everything as it happens.
     */
    synchronized void subscribe(EventStream stream, long lastEventId) {
        refresh();
        activateWindow();
        streams.addCatchingUp(stream);
        long version = configVersion;
        stream.send("retry: 3000\n\n" + EventStream.frame("status", null, json(detail())));
        stream.startHistory((s, after) -> history(s, after, version), lastEventId);
    }

    /**
     * The next page of history for a stream catching up, after line {@code after}. When it reaches the last line
     * read, the stream goes live in the same step (so it misses nothing and gets nothing twice), and the page ends
     * with the checkpoints, the status if it changed since the stream opened, and the latest progress.
     */
    private synchronized History history(EventStream stream, long after, long versionAtSubscribe) {
        long lines = metricsFile.lines();
        StringBuilder b = new StringBuilder(64 * 1024);
        long last = after;
        while (last < lines && b.length() < HISTORY_BYTES) {
            MetricPages.Page p = page(last, lines, null, HISTORY_RECORDS);
            b.append(p.sseFrames());
            last = p.lastExamined();
        }
        if (last < lines) {
            return new History(b.toString(), last, false);
        }
        sendUnsentMetrics(); // the live streams get what the history just included, before this one joins them
        announceCheckpoints(false); // likewise for checkpoint files; this stream gets the whole list below
        streams.goLive(stream);
        if (configVersion != versionAtSubscribe) {
            b.append(EventStream.frame("status", null, json(detail())));
        }
        for (CheckpointInfo c : checkpoints.announced()) {
            b.append(EventStream.frame("checkpoint", null, json(FeedJson.checkpointJson(id, c))));
        }
        if (progress != null && isLive()) {
            b.append(EventStream.frame("progress", null, json(progress.toJson())));
        }
        return new History(b.toString(), Math.max(last, after), true);
    }

    synchronized void unsubscribe(EventStream stream) {
        streams.remove(stream);
        if (streams.count() == 0 && live == null) {
            window = null; // nobody watches a run written elsewhere: its lines are in the file
        }
    }

    synchronized int streamCount() {
        return streams.count();
    }

    synchronized List<EventStream> streams() {
        return streams.all();
    }

    private void broadcast(String frame) {
        sendUnsentMetrics(); // keep the order in which the run reported things
        streams.send(frame);
    }

    private void broadcastProgress() {
        progressPending = false;
        if (!isLive()) {
            return; // a run that has ended shows no progress; its last report must not follow its final status
        }
        if (progress == null || !streams.hasLive()) {
            return;
        }
        streams.sendProgress(EventStream.frame("progress", null, json(progress.toJson())));
    }

    // ------------------------------------------------------------------------------------------------ metrics

    /** Starts keeping the newest records in memory (lines before now are read from the file when asked for). */
    private void activateWindow() {
        if (window == null) {
            window = new MetricsWindow(windowCapacity, metricsFile.lines());
        }
    }

    /** How many lines of {@code metrics.jsonl} have been read. */
    synchronized long metricLines() {
        return metricsFile.lines();
    }

    /** The records kept in memory right now (at most {@link RunStore#windowCapacity}). */
    synchronized int recordsInMemory() {
        return window == null ? 0 : window.size();
    }

    /**
     * Metric records with {@code after < line <= until}, optionally of one type: at most {@code max} of them, from
     * memory when the window has them, else from the file (looking at no more than {@value MetricPages#PAGE_EXAMINE} lines).
     */
    MetricPages.Page page(long after, long until, MetricRecord.Type type, int max) {
        long end;
        long[] last = new long[1];
        synchronized (this) {
            end = Math.min(until, metricsFile.lines());
            if (after >= end) {
                return new MetricPages.Page(List.of(), Math.max(after, end), true);
            }
            if (window != null && after >= window.coveredAfter()) {
                List<MetricRecord> found = window.after(after, end, type, max, last);
                return new MetricPages.Page(found, last[0], last[0] >= end);
            }
        }
        return pages.fromFile(after, end, type, max); // older lines: without holding this feed's lock
    }

    // ------------------------------------------------------------------------------------------------ JSON views

    /** The run's summary for {@code /api/runs}. */
    synchronized Map<String, Object> summary() {
        return FeedJson.summary(id, config, isLive(), lastEpoch);
    }

    /** The run's detail for {@code /api/runs/{id}} and the {@code status} event: config.json plus live state. */
    synchronized Map<String, Object> detail() {
        boolean live = isLive();
        return FeedJson.detail(id, config, live, lastEpoch, metricsFile.lines(),
                progress != null && live ? progress.toJson() : null);
    }

    /** The checkpoint files as currently on disk. */
    synchronized List<Map<String, Object>> checkpoints() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CheckpointInfo c : checkpoints.onDisk()) {
            out.add(FeedJson.checkpointJson(id, c));
        }
        return out;
    }

    synchronized Instant startTime() {
        return configWatch.startTime();
    }

    // ------------------------------------------------------------------------------------------------ files

    private boolean readConfig() {
        ConfigWatch.Result r = configWatch.check();
        config = configWatch.config();
        if (r == ConfigWatch.Result.CHANGED) {
            configVersion++;
            broadcast(EventStream.frame("status", null, json(detail())));
        }
        return r != ConfigWatch.Result.GONE;
    }

    /** Reads the whole lines appended to metrics.jsonl since the last read. */
    private void tail() {
        metricsFile.tail((n, bytes, off, len) -> {
            if (window != null) {
                MetricRecord r = FeedJson.parseLine(n, bytes, off, len);
                if (r != null) {
                    summarize(r.type(), r.epoch(), r.event(), r.details().get("file") instanceof String f ? f : null);
                    window.add(r);
                }
            } else { // a run only listed: its summary is all it needs
                FeedJson.LineSummary l = FeedJson.summarizeLine(bytes, off, len);
                if (l != null) {
                    summarize(l.type(), l.epoch(), l.event(), l.checkpointFile());
                }
            }
            return true;
        });
        if (!streams.hasLive()) {
            sentThrough = metricsFile.lines(); // nobody to tell; a stream that opens later gets the history
        }
    }

    private void summarize(MetricRecord.Type type, int epoch, String event, String checkpointFile) {
        if (type == MetricRecord.Type.EPOCH && (lastEpoch == null || epoch > lastEpoch)) {
            lastEpoch = epoch;
        }
        if (type == MetricRecord.Type.EVENT && RunDirectory.CHECKPOINT.equals(event) && checkpointFile != null) {
            checkpoints.epoch(checkpointFile, epoch);
        }
    }

    /** Sends a checkpoint event for every file that is new or changed since the last announcement. */
    private void announceCheckpoints(boolean restat) {
        for (CheckpointInfo c : checkpoints.update(restat)) {
            if (streams.hasLive()) {
                broadcast(EventStream.frame("checkpoint", null, json(FeedJson.checkpointJson(id, c))));
            }
        }
    }

    @Override
    public String toString() {
        return "RunFeed(" + id + ")";
    }
}
