package dev.jtorch.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

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
 *
 * <p>jtorch's own; no PyTorch counterpart. Closest in PyTorch:
 * <a href="https://pytorch.org/docs/stable/tensorboard.html">torch.utils.tensorboard</a>'s log directory.
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

    static final int QUEUE_CAPACITY = 1024;
    /** How often the dispatch thread hands what was recorded to listeners (a status change: at once). */
    static final long DISPATCH_MILLIS = 50;

    private final Path root;
    private final Path dir;
    private final String id;
    private final String name;
    private final RunConfig config;
    private final Instant startTime;
    private final RunRecorder recorder;

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final ListenerDispatcher dispatcher;

    private RunDirectory(Clock clock, Path root, Path dir, String id, String name, RunConfig config,
            Instant startTime) {
        this.root = root;
        this.dir = dir;
        this.id = id;
        this.name = name;
        this.config = config;
        this.startTime = startTime;
        this.dispatcher = new ListenerDispatcher(this, listeners);
        this.recorder = new RunRecorder(clock, dir, id, new ConfigFile(dir, id, name, config, startTime),
                new MetricLog(dir), dispatcher);
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
        try {
            RunIds.Created c = RunIds.createDirectory(root, start, runName);
            Files.createDirectory(c.dir().resolve(CHECKPOINTS_DIR));
            RunDirectory run = new RunDirectory(clock, root, c.dir(), c.id(), runName, config, start);
            run.recorder.createFiles();
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + root + ": " + e.getMessage(), e);
        }
    }

    /** The safe part of a run id made from a name: runs of other characters become one {@code -}. */
    static String slug(String name) {
        return RunIds.slug(name);
    }

    /**
     * Whether {@code id} has the shape of a run id: 1 to 128 letters, digits, {@code .}, {@code _} or {@code -},
     * starting with a letter or digit. Such a name is always a single, plain path segment.
     */
    public static boolean isValidRunId(String id) {
        return RunIds.isValid(id);
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
        return recorder.endTime();
    }

    /** The current status. */
    public RunStatus status() {
        return recorder.status();
    }

    /** How many lines {@code metrics.jsonl} holds. */
    public long metricLines() {
        return recorder.metricLines();
    }

    /** The latest {@link #progress} report, if any. */
    public Optional<Progress> lastProgress() {
        return recorder.lastProgress();
    }

    /** The content of {@code config.json} as last written (a fresh, modifiable copy). */
    public Map<String, Object> configJson() {
        return recorder.configJson();
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
        logEvent(type, recorder.currentEpoch(), details);
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
        recorder.progress(epoch, totalEpochs, batch, totalBatches, samplesPerSec);
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
        CheckpointInfo info = CheckpointFiles.written(checkpointsDir(), file, epoch);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", info.name());
        details.put("size", info.size());
        recorder.checkpoint(epoch, details, info);
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
        recorder.end(newStatus, why);
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
        recorder.append(type, epoch, step, event, values, details);
    }

    @Override
    public String toString() {
        return "RunDirectory(" + dir + ")";
    }
}
