package dev.jtorch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.CheckpointInfo;
import dev.jtorch.train.MetricRecord;
import dev.jtorch.train.Progress;
import dev.jtorch.train.RunDirectory;
import dev.jtorch.train.RunListener;
import dev.jtorch.train.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run as the server sees it: its config, its metric lines, its checkpoints, its live progress, and the event
 * streams watching it. Fed either by the in-process {@link RunDirectory} (as a {@link RunListener}) or, for runs
 * written by other processes, by reading what was appended to the files since last time.
 *
 * <p>Metric lines are numbered as in the file (1-based); that number is the event id a stream resumes from.
 * All state is guarded by this object's monitor; broadcasting only queues frames, so it never blocks.
 */
final class RunFeed implements RunListener {
    private static final Pattern EPOCH_IN_NAME = Pattern.compile("(?i)epoch[-_]?0*(\\d{1,9})");
    private static final int MAX_TAIL_CHUNK = 1 << 20;

    private final String id;
    private final Path dir;

    private RunDirectory live;
    private boolean loaded;
    private final List<MetricRecord> metrics = new ArrayList<>();
    private long lastLine;
    private long fileOffset;
    private long fileLines;
    private ObjectNode config;
    private FileTime configModified;
    private final Map<String, Integer> checkpointEpochs = new HashMap<>();
    private Map<String, CheckpointInfo> announcedCheckpoints = new LinkedHashMap<>();
    private Progress progress;
    private boolean progressPending;
    /** Index in {@link #metrics} of the first record not yet sent to the open streams. */
    private int unsent;
    private final Set<EventStream> streams = new LinkedHashSet<>();

    RunFeed(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    String id() {
        return id;
    }

    /** Makes this feed follow an in-process run: its listener calls replace file reading. */
    void attach(RunDirectory run) {
        synchronized (this) {
            live = run;
            run.lastProgress().ifPresent(p -> progress = p);
        }
        run.addListener(this);
        synchronized (this) {
            refresh();
        }
    }

    synchronized boolean isLive() {
        return live != null && config != null && !RunStatus.fromJson(config.path("status").asText()).isTerminal();
    }

    /** Brings the feed up to date with the files (cheap when nothing changed). Returns false if the run is gone. */
    synchronized boolean refresh() {
        boolean ok = readConfig();
        if (!ok) {
            return false;
        }
        if (live == null || !loaded || live.metricLines() > lastLine) {
            tail();
        }
        loaded = true;
        announceCheckpoints();
        return true;
    }

    // ------------------------------------------------------------------------------------------------ listener

    @Override
    public synchronized void onMetric(RunDirectory run, MetricRecord record) {
        if (record.line() <= lastLine) {
            return;
        }
        if (record.line() > lastLine + 1) {
            tail();
            if (record.line() <= lastLine) {
                return;
            }
        }
        add(record);
        lastLine = record.line();
    }

    /** Keeps the latest progress for the server's timer to send (see {@link #flushPending}). */
    @Override
    public synchronized void onProgress(RunDirectory run, Progress p) {
        progress = p;
        progressPending = true;
    }

    /**
     * Sends what the run reported since the last call: its new metric records, then its latest progress; called by
     * the server's timer every 100 ms. Training threads only record (in {@link #onMetric} and {@link #onProgress}):
     * formatting and writing to the open streams happen here, on the server's thread, so that a page with many
     * viewers costs a fast training loop nothing but a lock, and a burst of short epochs reaches each browser in
     * one write.
     */
    synchronized void flushPending() {
        sendUnsentMetrics();
        if (progressPending) {
            broadcastProgress();
        }
    }

    private void sendUnsentMetrics() {
        if (unsent >= metrics.size()) {
            return;
        }
        if (!streams.isEmpty()) {
            StringBuilder b = new StringBuilder(256 * (metrics.size() - unsent));
            for (int i = unsent; i < metrics.size(); i++) {
                MetricRecord r = metrics.get(i);
                try {
                    b.append(EventStream.frame("metric", r.line(), json(metricJson(r))));
                } catch (RuntimeException e) {
                    // a record that cannot be shown must not hold back the ones after it
                }
            }
            String frames = b.toString();
            for (EventStream s : new ArrayList<>(streams)) {
                s.send(frames);
            }
        }
        unsent = metrics.size();
    }

    @Override
    public synchronized void onCheckpoint(RunDirectory run, CheckpointInfo checkpoint) {
        checkpointEpochs.put(checkpoint.name(), checkpoint.epoch());
        announceCheckpoints();
    }

    @Override
    public synchronized void onStatus(RunDirectory run, RunStatus status) {
        readConfig();
        tail();
        announceCheckpoints();
    }

    // ------------------------------------------------------------------------------------------------ streams

    /**
     * Registers a stream and sends it, in one write, the status, the metric lines after {@code lastEventId}, the
     * checkpoints and the latest progress.
     */
    synchronized void subscribe(EventStream stream, long lastEventId) {
        refresh();
        sendUnsentMetrics(); // the streams already open get them now; the new one gets them in its history below
        StringBuilder b = new StringBuilder(4096);
        b.append("retry: 3000\n\n");
        b.append(EventStream.frame("status", null, json(detail())));
        for (MetricRecord r : metrics) {
            if (r.line() > lastEventId) {
                b.append(EventStream.frame("metric", r.line(), json(metricJson(r))));
            }
        }
        for (CheckpointInfo c : announcedCheckpoints.values()) {
            b.append(EventStream.frame("checkpoint", null, json(checkpointJson(c))));
        }
        if (progress != null && isLive()) {
            b.append(EventStream.frame("progress", null, json(progress.toJson())));
        }
        streams.add(stream);
        stream.send(b.toString());
    }

    synchronized void unsubscribe(EventStream stream) {
        streams.remove(stream);
    }

    synchronized int streamCount() {
        return streams.size();
    }

    synchronized List<EventStream> streams() {
        return new ArrayList<>(streams);
    }

    private void broadcast(String frame) {
        sendUnsentMetrics(); // keep the order in which the run reported things
        for (EventStream s : new ArrayList<>(streams)) {
            s.send(frame);
        }
    }

    private void broadcastProgress() {
        progressPending = false;
        if (!isLive()) {
            return; // a run that has ended shows no progress; its last report must not follow its final status
        }
        if (progress == null || streams.isEmpty()) {
            return;
        }
        String frame = EventStream.frame("progress", null, json(progress.toJson()));
        for (EventStream s : new ArrayList<>(streams)) {
            s.sendProgress(frame);
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON views

    /** The run's summary for {@code /api/runs}. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        ObjectNode c = config == null ? Json.mapper().createObjectNode() : config;
        m.put("id", id);
        m.put("name", c.path("name").asText(id));
        m.put("status", c.path("status").asText("running"));
        m.put("live", isLive());
        m.put("start_time", text(c, "start_time"));
        m.put("end_time", text(c, "end_time"));
        m.put("device", text(c, "device"));
        m.put("total_epochs", c.hasNonNull("total_epochs") ? c.get("total_epochs").asInt() : null);
        m.put("last_epoch", lastEpoch());
        m.put("url", "/runs/" + id);
        return m;
    }

    /** The run's detail for {@code /api/runs/{id}} and the {@code status} event: config.json plus live state. */
    synchronized Map<String, Object> detail() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (config != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = Json.mapper().convertValue(config, LinkedHashMap.class);
            m.putAll(c);
        }
        m.put("id", id);
        m.put("live", isLive());
        m.put("last_epoch", lastEpoch());
        m.put("metric_lines", lastLine);
        m.put("progress", progress != null && isLive() ? progress.toJson() : null);
        return m;
    }

    /** Metric lines, optionally only one type and only after a line number. */
    synchronized List<Map<String, Object>> metrics(MetricRecord.Type type, long after) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MetricRecord r : metrics) {
            if (r.line() > after && (type == null || r.type() == type)) {
                out.add(metricJson(r));
            }
        }
        return out;
    }

    /** The checkpoint files as currently on disk. */
    synchronized List<Map<String, Object>> checkpoints() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CheckpointInfo c : listCheckpoints()) {
            out.add(checkpointJson(c));
        }
        return out;
    }

    static Map<String, Object> metricJson(MetricRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.line());
        m.putAll(r.json());
        return m;
    }

    private Map<String, Object> checkpointJson(CheckpointInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("epoch", c.epoch());
        m.put("size", c.size());
        m.put("modified", c.modified().toString());
        m.put("url", "/runs/" + id + "/checkpoints/" + SafePaths.encodeSegment(c.name()));
        return m;
    }

    private Integer lastEpoch() {
        Integer last = null;
        for (MetricRecord r : metrics) {
            if (r.type() == MetricRecord.Type.EPOCH && (last == null || r.epoch() > last)) {
                last = r.epoch();
            }
        }
        return last;
    }

    private static String text(JsonNode c, String field) {
        JsonNode n = c.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ files

    private boolean readConfig() {
        Path file = dir.resolve(RunDirectory.CONFIG_FILE);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return false;
            }
            if (config != null && a.lastModifiedTime().equals(configModified)) {
                return true;
            }
            JsonNode n = Json.mapper().readTree(file.toFile());
            if (n instanceof ObjectNode o) {
                boolean changed = config != null && !o.equals(config);
                config = o;
                configModified = a.lastModifiedTime();
                if (changed) {
                    broadcast(EventStream.frame("status", null, json(detail())));
                }
            }
            return config != null;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return config != null; // half-written by a non-atomic writer: keep what we had
        }
    }

    /** Reads whole lines appended to metrics.jsonl since the last read. */
    private void tail() {
        Path file = dir.resolve(RunDirectory.METRICS_FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            while (fileOffset < size) {
                int n = (int) Math.min(MAX_TAIL_CHUNK, size - fileOffset);
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining() && ch.read(buf, fileOffset + buf.position()) > 0) {
                    // read until the chunk is full or the file ends
                }
                byte[] bytes = buf.array();
                int len = buf.position();
                int start = 0;
                for (int i = 0; i < len; i++) {
                    if (bytes[i] == '\n') {
                        line(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                        start = i + 1;
                    }
                }
                if (start == 0) {
                    if (len == MAX_TAIL_CHUNK) { // a line longer than a chunk: skip it whole
                        fileOffset += len;
                        continue;
                    }
                    break; // a partial last line: read it when it is complete
                }
                fileOffset += start;
            }
        } catch (NoSuchFileException e) {
            // no metrics yet
        } catch (IOException e) {
            // try again on the next refresh
        }
    }

    private void line(String text) {
        fileLines++;
        if (fileLines <= lastLine) {
            return;
        }
        lastLine = fileLines;
        if (text.isBlank()) {
            return;
        }
        try {
            MetricRecord r = MetricRecord.fromJson(fileLines, Json.mapper().readTree(text));
            if (r != null) {
                add(r);
            }
        } catch (IOException e) {
            // not JSON: the line keeps its number and is skipped
        }
    }

    private void add(MetricRecord r) {
        metrics.add(r);
        if (r.type() == MetricRecord.Type.EVENT && RunDirectory.CHECKPOINT.equals(r.event())
                && r.details().get("file") instanceof String f) {
            checkpointEpochs.put(f, r.epoch());
        }
        if (streams.isEmpty()) {
            unsent = metrics.size(); // nobody to tell; a stream that opens later gets the history
        }
    }

    /** Sends a checkpoint event for every file that is new or changed since the last announcement. */
    private void announceCheckpoints() {
        Map<String, CheckpointInfo> now = new LinkedHashMap<>();
        for (CheckpointInfo c : listCheckpoints()) {
            now.put(c.name(), c);
        }
        for (CheckpointInfo c : now.values()) {
            if (!c.equals(announcedCheckpoints.get(c.name())) && !streams.isEmpty()) {
                broadcast(EventStream.frame("checkpoint", null, json(checkpointJson(c))));
            }
        }
        announcedCheckpoints = now;
    }

    /**
     * The downloadable files of {@code checkpoints/}: regular files (symbolic links only if they resolve inside
     * the same directory), not hidden (temporary files of atomic writes start with a dot), oldest first.
     */
    private List<CheckpointInfo> listCheckpoints() {
        List<CheckpointInfo> out = new ArrayList<>();
        Optional<Path> ckDir = SafePaths.checkpointsDir(dir);
        if (ckDir.isEmpty()) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ckDir.get())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                Optional<Path> real = SafePaths.checkpointFile(dir, name);
                if (real.isEmpty()) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(real.get(), BasicFileAttributes.class);
                    out.add(new CheckpointInfo(name, epochOf(name), a.size(), a.lastModifiedTime().toInstant()));
                } catch (IOException e) {
                    // vanished meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(CheckpointInfo::modified).thenComparing(CheckpointInfo::name));
        return out;
    }

    private Integer epochOf(String name) {
        Integer e = checkpointEpochs.get(name);
        if (e != null) {
            return e;
        }
        Matcher m = EPOCH_IN_NAME.matcher(name);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    Instant startTime() {
        synchronized (this) {
            String s = config == null ? null : text(config, "start_time");
            try {
                return s == null ? Instant.EPOCH : Instant.parse(s);
            } catch (RuntimeException e) {
                return Instant.EPOCH;
            }
        }
    }

    @Override
    public String toString() {
        return "RunFeed(" + Objects.toString(id) + ")";
    }
}
