package dev.jtorch.train;

import dev.jtorch.internal.Json;
import dev.jtorch.internal.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A training run's directory: what a training program writes while it trains, and what the progress server
 * ({@code dev.jtorch.serve.ProgressServer}) reads. The format is documented in {@code docs/run-directory.md}:
 *
 * <pre>
 * runs/                         the root, shared by all runs
 *   20250101-120000-mnist-mlp/  one run: UTC start time and the run's name
 *     config.json               name, status, times, hyperparameters, seed, device, versions, model summary
 *     metrics.jsonl             one JSON object per line: epochs, steps and events
 *     checkpoints/              checkpoint files, written by the training program
 * </pre>
 *
 * <p>Typical use:
 *
 * <pre>
 * RunDirectory run = RunDirectory.create(Path.of("runs"), "mnist-mlp", Map.of(
 *         "seed", 42, "device", device, "model", model, "total_epochs", 20, "batches_per_epoch", 25,
 *         "lr", 1e-3, "batch_size", 32));
 * for (int epoch = 1; epoch &lt;= 20; epoch++) {
 *     for (...) { ...; run.progress(epoch, 20, batch, 25, samplesPerSec); }
 *     run.logEpoch(epoch, Map.of("train_loss", trainLoss, "val_loss", valLoss, "lr", lr));
 * }
 * run.markFinished();
 * </pre>
 *
 * <p>Everything is written by the calling thread, synchronously and in order ({@code config.json} atomically, by
 * a temporary file and a rename; {@code metrics.jsonl} one appended line per record). {@link RunListener}s are
 * told afterwards on the run's own dispatch thread: recording never waits on a listener. Progress is only kept
 * in memory. Methods are thread-safe. After {@link #markFinished()} or {@link #markFailed(Throwable)} nothing
 * more can be logged.
 */
public final class RunDirectory {
    /** The run's description, rewritten atomically on every status change. */
    public static final String CONFIG_FILE = "config.json";
    /** The run's metric log, one JSON object per line. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The directory checkpoint files go into. */
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** The version of the format, recorded as {@code format} in {@code config.json}. */
    public static final int FORMAT_VERSION = 1;

    /** Event name: the epoch is the best so far ({@code details}: the monitored metric's value). */
    public static final String BEST_EPOCH = "best_epoch";
    /** Event name: a scheduler lowered the learning rate ({@code details}: {@code old_lr}, {@code new_lr}). */
    public static final String LR_REDUCED = "lr_reduced";
    /** Event name: early stopping ended training ({@code details}: why). */
    public static final String EARLY_STOP = "early_stop";
    /** Event name: {@link #checkpointWritten(Path, int)} ({@code details}: {@code file}, {@code size}). */
    public static final String CHECKPOINT = "checkpoint";

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG = 64;
    static final int QUEUE_CAPACITY = 1024;
    /** How often the dispatch thread hands what was recorded to listeners (a status change: at once). */
    static final long DISPATCH_MILLIS = 50;

    private final Clock clock;
    private final Path root;
    private final Path dir;
    private final String id;
    private final String name;
    private final RunConfig config;
    private final Instant startTime;
    private final Map<String, Object> hyperparameters;

    private final Object lock = new Object();
    private RunStatus status = RunStatus.RUNNING;
    private Instant endTime;
    private String failure;
    private long lines;
    private int currentEpoch;
    private long progressStartNanos = -1;
    private volatile Progress lastProgress;
    private boolean writeWarned;

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher = new Dispatcher();

    private RunDirectory(Clock clock, Path root, Path dir, String id, String name, RunConfig config,
            Instant startTime) {
        this.clock = clock;
        this.root = root;
        this.dir = dir;
        this.id = id;
        this.name = name;
        this.config = config;
        this.startTime = startTime;
        this.hyperparameters = plainMap(config.hyperparameters());
    }

    /**
     * Creates a new run under {@code root} (created if missing): a unique directory named after the UTC start
     * time and the run's name (letters, digits, {@code .}, {@code _} and {@code -} only), with
     * {@code config.json}, an empty {@code metrics.jsonl} and an empty {@code checkpoints/}.
     *
     * @param root the directory all runs live in, e.g. {@code runs}
     * @param runName a human-readable name; any text
     * @param config hyperparameters and the reserved keys {@code seed}, {@code device}, {@code model},
     *     {@code total_epochs}, {@code batches_per_epoch} (see {@link RunConfig#fromMap(Map)})
     * @throws UncheckedIOException if the directory or its files cannot be written
     */
    public static RunDirectory create(Path root, String runName, Map<String, ?> config) {
        return create(root, runName, RunConfig.fromMap(config));
    }

    /** Creates a new run under {@code root}, as {@link #create(Path, String, Map)} does, from a typed config. */
    public static RunDirectory create(Path root, String runName, RunConfig config) {
        return create(Clock.systemUTC(), root, runName, config);
    }

    static RunDirectory create(Clock clock, Path root, String runName, RunConfig config) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(config, "config");
        if (runName.isBlank()) {
            throw new IllegalArgumentException("runName must not be blank");
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String base = ID_TIME.format(start) + "-" + slug(runName);
        try {
            Files.createDirectories(root);
            Path dir;
            String id;
            for (int n = 1;; n++) {
                id = n == 1 ? base : base + "-" + n;
                dir = root.resolve(id);
                try {
                    Files.createDirectory(dir);
                    break;
                } catch (FileAlreadyExistsException e) {
                    // another run started in the same second with the same name: take the next suffix
                }
            }
            Files.createDirectory(dir.resolve(CHECKPOINTS_DIR));
            Files.write(dir.resolve(METRICS_FILE), new byte[0], StandardOpenOption.CREATE_NEW);
            RunDirectory run = new RunDirectory(clock, root, dir, id, runName, config, start);
            run.writeConfig();
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + root + ": " + e.getMessage(), e);
        }
    }

    /** The safe part of a run id made from a name: runs of other characters become one {@code -}. */
    static String slug(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-._]+", "").replaceAll("[-._]+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("[-._]+$", "");
        }
        return s.isEmpty() ? "run" : s;
    }

    /**
     * Whether {@code id} has the shape of a run id: 1 to 128 letters, digits, {@code .}, {@code _} or {@code -},
     * starting with a letter or digit. Such a name is always a single, plain path segment.
     */
    public static boolean isValidRunId(String id) {
        return id != null && RUN_ID.matcher(id).matches();
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** The run id: the directory's name, e.g. {@code 20250101-120000-mnist-mlp}. */
    public String id() {
        return id;
    }

    /** The run's name as given to {@link #create(Path, String, Map)}. */
    public String name() {
        return name;
    }

    /** The directory all runs live in. */
    public Path root() {
        return root;
    }

    /** This run's directory. */
    public Path path() {
        return dir;
    }

    /** Where checkpoint files go: {@code <run>/checkpoints/}. */
    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS_DIR);
    }

    /** The configuration the run was created with. */
    public RunConfig config() {
        return config;
    }

    /** When the run was created. */
    public Instant startTime() {
        return startTime;
    }

    /** When the run ended, once it has. */
    public Optional<Instant> endTime() {
        synchronized (lock) {
            return Optional.ofNullable(endTime);
        }
    }

    /** The current status. */
    public RunStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    /** How many lines {@code metrics.jsonl} holds. */
    public long metricLines() {
        synchronized (lock) {
            return lines;
        }
    }

    /** The latest {@link #progress} report, if any. */
    public Optional<Progress> lastProgress() {
        return Optional.ofNullable(lastProgress);
    }

    /** The content of {@code config.json} as last written (a fresh, modifiable copy). */
    public Map<String, Object> configJson() {
        synchronized (lock) {
            return configObject();
        }
    }

    // ------------------------------------------------------------------------------------------------ recording

    /**
     * Appends an epoch's values to {@code metrics.jsonl}: conventionally {@code train_loss}, {@code train_acc},
     * {@code val_loss}, {@code val_acc}, {@code lr}, {@code samples_per_sec}. Non-finite values are written as
     * {@code null}.
     *
     * @param epoch the epoch, 1-based
     */
    public void logEpoch(int epoch, Map<String, Double> values) {
        Objects.requireNonNull(values, "values");
        append(MetricRecord.Type.EPOCH, epoch, null, null, values, null);
    }

    /**
     * Appends one optimisation step's values ({@code loss}, {@code lr}, ...) to {@code metrics.jsonl}.
     *
     * @param epoch the epoch the step belongs to, 1-based
     * @param step the global step number
     */
    public void logStep(int epoch, long step, Map<String, Double> values) {
        Objects.requireNonNull(values, "values");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        append(MetricRecord.Type.STEP, epoch, step, null, values, null);
    }

    /**
     * Appends an event for the current epoch (the last one logged or reported by {@link #progress}):
     * {@link #BEST_EPOCH}, {@link #LR_REDUCED}, {@link #EARLY_STOP}, or a name of your own.
     *
     * @param type the event's name
     * @param details JSON-able details (numbers, strings, booleans, lists, maps); may be empty
     */
    public void logEvent(String type, Map<String, ?> details) {
        int epoch;
        synchronized (lock) {
            epoch = currentEpoch;
        }
        logEvent(type, epoch, details);
    }

    /** Appends an event for the given epoch; see {@link #logEvent(String, Map)}. */
    public void logEvent(String type, int epoch, Map<String, ?> details) {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("event type must not be blank");
        }
        append(MetricRecord.Type.EVENT, epoch, null, type, null, details == null ? Map.of() : details);
    }

    /**
     * Reports where training stands, for live displays; kept in memory only and handed to listeners (coalesced:
     * a slow listener sees the latest). Cheap enough to call after every batch. Ignored once the run has ended.
     *
     * @param epoch the current epoch, 1-based
     * @param totalEpochs how many epochs the run trains
     * @param batch batches finished in this epoch
     * @param totalBatches batches per epoch
     * @param samplesPerSec current throughput (samples per second)
     */
    public void progress(int epoch, int totalEpochs, int batch, int totalBatches, double samplesPerSec) {
        if (epoch < 0 || totalEpochs < 0 || batch < 0 || totalBatches < 0) {
            throw new IllegalArgumentException("progress counts must be >= 0, got epoch " + epoch + "/"
                    + totalEpochs + ", batch " + batch + "/" + totalBatches);
        }
        Progress p;
        synchronized (lock) {
            if (status.isTerminal()) {
                return;
            }
            long now = System.nanoTime();
            if (progressStartNanos < 0) {
                progressStartNanos = now;
            }
            currentEpoch = epoch;
            double elapsed = (now - progressStartNanos) / 1e9;
            Progress probe = new Progress(epoch, totalEpochs, batch, totalBatches, samplesPerSec, elapsed, Double.NaN);
            double f = probe.fraction();
            double eta = f > 0 && elapsed > 0 ? elapsed * (1 - f) / f : Double.NaN;
            p = new Progress(epoch, totalEpochs, batch, totalBatches, samplesPerSec, elapsed, eta);
            lastProgress = p;
        }
        dispatcher.offerProgress(p);
    }

    /**
     * Announces a checkpoint file that the training program has written (completely) into
     * {@link #checkpointsDir()}: appends a {@link #CHECKPOINT} event and tells listeners.
     *
     * @param file the file, directly inside {@link #checkpointsDir()}
     * @param epoch the epoch it was written after
     * @throws IllegalArgumentException if the file is not a regular file directly inside the checkpoints directory
     */
    public void checkpointWritten(Path file, int epoch) {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        Path ckDir = checkpointsDir().toAbsolutePath().normalize();
        if (!ckDir.equals(abs.getParent()) || !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("not a checkpoint file directly inside " + checkpointsDir() + ": " + file);
        }
        CheckpointInfo info;
        try {
            info = new CheckpointInfo(abs.getFileName().toString(), epoch, Files.size(abs),
                    Files.getLastModifiedTime(abs).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", info.name());
        details.put("size", info.size());
        synchronized (lock) {
            append(MetricRecord.Type.EVENT, epoch, null, CHECKPOINT, null, details);
            dispatcher.offer(info);
        }
    }

    /** Marks the run finished: rewrites {@code config.json} with the end time. Later calls are ignored. */
    public void markFinished() {
        end(RunStatus.FINISHED, null);
    }

    /**
     * Marks the run failed, recording the error's class and message in {@code config.json}. Later calls (and
     * calls after {@link #markFinished()}) are ignored.
     */
    public void markFailed(Throwable error) {
        end(RunStatus.FAILED, error == null ? "unknown error" : error.toString());
    }

    private void end(RunStatus newStatus, String why) {
        synchronized (lock) {
            if (status.isTerminal()) {
                return;
            }
            status = newStatus;
            failure = why;
            endTime = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            try {
                writeConfig();
            } catch (IOException e) {
                warnWrite(e);
            }
            dispatcher.offerStatus(newStatus);
        }
    }

    // ------------------------------------------------------------------------------------------------ listeners

    /**
     * Registers a listener for everything recorded from now on (what was recorded before is in the files). Its
     * calls come on the run's dispatch thread; see {@link RunListener}.
     */
    public void addListener(RunListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        dispatcher.start();
    }

    /** Removes a listener; it may still receive an event already being delivered. */
    public void removeListener(RunListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void append(MetricRecord.Type type, int epoch, Long step, String event, Map<String, Double> values,
            Map<String, ?> details) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        Map<String, Double> cleanValues = null;
        if (values != null) {
            cleanValues = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : values.entrySet()) {
                Double v = e.getValue();
                cleanValues.put(Objects.requireNonNull(e.getKey(), "value name"),
                        v == null || !Double.isFinite(v) ? null : v);
            }
        }
        Map<String, Object> cleanDetails = details == null ? null : plainMap(details);
        synchronized (lock) {
            if (status.isTerminal()) {
                throw new IllegalStateException("run " + id + " is already " + status.jsonName()
                        + "; nothing more can be logged");
            }
            MetricRecord record = new MetricRecord(lines + 1, type, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    epoch, step, event, cleanValues, cleanDetails);
            try {
                byte[] line = (Json.mapper().writeValueAsString(record.json()) + "\n").getBytes(StandardCharsets.UTF_8);
                Files.write(dir.resolve(METRICS_FILE), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                warnWrite(e);
                return;
            }
            lines++;
            currentEpoch = Math.max(currentEpoch, epoch);
            dispatcher.offer(record);
        }
    }

    private void warnWrite(IOException e) {
        if (!writeWarned) {
            writeWarned = true;
            System.err.println("jtorch: cannot write to run directory " + dir + " (" + e
                    + "); training continues, the run's files may be incomplete");
        }
    }

    private Map<String, Object> configObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT_VERSION);
        m.put("id", id);
        m.put("name", name);
        m.put("status", status.jsonName());
        m.put("start_time", startTime.toString());
        m.put("end_time", endTime == null ? null : endTime.toString());
        if (failure != null) {
            m.put("failure", failure);
        }
        m.put("seed", config.seed());
        m.put("device", config.device());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("jtorch", Versions.jtorch());
        versions.put("libtorch", Versions.libtorch());
        versions.put("java", Versions.java());
        m.put("versions", versions);
        m.put("total_epochs", config.totalEpochs());
        m.put("batches_per_epoch", config.batchesPerEpoch());
        m.put("hyperparameters", new LinkedHashMap<>(hyperparameters));
        m.put("model_summary", config.model());
        return m;
    }

    private void writeConfig() throws IOException {
        byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(configObject());
        Path target = dir.resolve(CONFIG_FILE);
        Path tmp = dir.resolve("." + CONFIG_FILE + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Turns arbitrary values into what JSON can hold: numbers, strings, booleans, lists and maps. */
    static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()), plain(e.getValue(), 0));
        }
        return out;
    }

    private static Object plain(Object v, int depth) {
        if (depth > 16) {
            return String.valueOf(v);
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof java.math.BigInteger
                || v instanceof java.math.BigDecimal) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? (Object) d : null;
        }
        if (v instanceof CharSequence || v instanceof Character || v instanceof Path) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue(), depth + 1));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                out.add(plain(o, depth + 1));
            }
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                out.add(plain(Array.get(v, i), depth + 1));
            }
            return out;
        }
        return v.toString();
    }

    @Override
    public String toString() {
        return "RunDirectory(" + dir + ")";
    }

    /**
     * Hands records to listeners on one daemon thread. The queue is bounded: when it is full a record is dropped
     * for listeners (the file has it); progress and status live in single slots, so they are never lost, only
     * coalesced. The recording thread never signals the dispatcher for a record or a progress report: the
     * dispatcher wakes every {@link #DISPATCH_MILLIS} ms and takes what is there (a signal per batch or epoch cost a
     * fast training loop a thread wake-up each, up to a fifth of its step time on two cores); only a status change
     * wakes it at once. The thread ends after delivering the terminal status.
     */
    private final class Dispatcher implements Runnable {
        private final java.util.concurrent.ConcurrentLinkedQueue<Object> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
        private final AtomicReference<Progress> progressSlot = new AtomicReference<>();
        private final AtomicReference<RunStatus> statusSlot = new AtomicReference<>();
        private final AtomicLong dropped = new AtomicLong();
        private final Set<RunListener> warned = Collections.newSetFromMap(new IdentityHashMap<>());
        private volatile Thread thread;
        private boolean done;

        synchronized void start() {
            if (thread == null && !done) {
                Thread t = new Thread(this, "jtorch-run-" + id);
                t.setDaemon(true);
                thread = t;
                t.start();
            }
        }

        void offer(Object event) {
            if (listeners.isEmpty()) {
                return;
            }
            if (queued.incrementAndGet() > QUEUE_CAPACITY) {
                queued.decrementAndGet();
                dropped.incrementAndGet(); // listeners see a gap in line numbers; the file has the record
                return;
            }
            queue.add(event);
        }

        void offerProgress(Progress p) {
            if (!listeners.isEmpty()) {
                progressSlot.set(p);
            }
        }

        void offerStatus(RunStatus s) {
            statusSlot.set(s);
            Thread t = thread;
            if (t != null) {
                java.util.concurrent.locks.LockSupport.unpark(t);
            }
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Object ev;
                    while ((ev = queue.poll()) != null) {
                        queued.decrementAndGet();
                        deliver(ev);
                    }
                    Progress p = progressSlot.getAndSet(null);
                    if (p != null) {
                        for (RunListener l : listeners) {
                            call(l, () -> l.onProgress(RunDirectory.this, p));
                        }
                    }
                    if (queue.isEmpty()) {
                        RunStatus s = statusSlot.getAndSet(null);
                        if (s != null) {
                            for (RunListener l : listeners) {
                                call(l, () -> l.onStatus(RunDirectory.this, s));
                            }
                            if (s.isTerminal()) {
                                break;
                            }
                            continue;
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DISPATCH_MILLIS));
                }
            } finally {
                synchronized (this) {
                    done = true;
                }
            }
        }

        private void deliver(Object ev) {
            for (RunListener l : listeners) {
                if (ev instanceof MetricRecord r) {
                    call(l, () -> l.onMetric(RunDirectory.this, r));
                } else if (ev instanceof CheckpointInfo c) {
                    call(l, () -> l.onCheckpoint(RunDirectory.this, c));
                }
            }
        }

        private void call(RunListener l, Runnable r) {
            try {
                r.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                if (warned.add(l)) {
                    System.err.println("jtorch: a listener of run " + id + " failed (" + e + "); it keeps"
                            + " receiving events");
                }
            }
        }
    }
}
