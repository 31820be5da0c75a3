package dev.jtorch.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RunDirectory} records, in order and under one lock: the run's status, end time and failure, the
 * current epoch, the metric records appended to {@code metrics.jsonl}, {@code config.json} rewritten on every
 * status change, the latest progress report, and the hand-off of each to the {@link ListenerDispatcher}. A file
 * that cannot be written is logged once and training continues.
 */
final class RunRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);

    private final Clock clock;
    private final Path dir;
    private final String id;
    private final ConfigFile configFile;
    private final MetricLog metricLog;
    private final ListenerDispatcher dispatcher;
    private final Eta eta = new Eta();

    private final Object lock = new Object();
    private RunStatus status = RunStatus.RUNNING;
    private Instant endTime;
    private String failure;
    private int currentEpoch;
    private volatile Progress lastProgress;
    private boolean writeWarned;

    RunRecorder(Clock clock, Path dir, String id, ConfigFile configFile, MetricLog metricLog,
            ListenerDispatcher dispatcher) {
        this.clock = clock;
        this.dir = dir;
        this.id = id;
        this.configFile = configFile;
        this.metricLog = metricLog;
        this.dispatcher = dispatcher;
    }

    /** Creates the empty {@code metrics.jsonl} and the first {@code config.json}. */
    void createFiles() throws IOException {
        metricLog.create();
        writeConfig();
    }

    Optional<Instant> endTime() {
        synchronized (lock) {
            return Optional.ofNullable(endTime);
        }
    }

    RunStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    long metricLines() {
        synchronized (lock) {
            return metricLog.lines();
        }
    }

    Optional<Progress> lastProgress() {
        return Optional.ofNullable(lastProgress);
    }

    Map<String, Object> configJson() {
        synchronized (lock) {
            return configFile.object(status, endTime, failure);
        }
    }

    int currentEpoch() {
        synchronized (lock) {
            return currentEpoch;
        }
    }

    /** Keeps and hands on a progress report; ignored once the run has ended. */
    void progress(int epoch, int totalEpochs, int batch, int totalBatches, double samplesPerSec) {
        Progress p;
        synchronized (lock) {
            if (status.isTerminal()) {
                return;
            }
            currentEpoch = epoch;
            p = eta.report(System.nanoTime(), epoch, totalEpochs, batch, totalBatches, samplesPerSec);
            lastProgress = p;
        }
        dispatcher.offerProgress(p);
    }

    /** Appends the checkpoint event and hands the checkpoint to listeners, in that order. */
    void checkpoint(int epoch, Map<String, Object> details, CheckpointInfo info) {
        synchronized (lock) {
            append(MetricRecord.Type.EVENT, epoch, null, RunDirectory.CHECKPOINT, null, details);
            dispatcher.offer(info);
        }
    }

    /** Ends the run with {@code newStatus} (and why, for a failure); ignored once ended. */
    void end(RunStatus newStatus, String why) {
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

    /** Appends one record to {@code metrics.jsonl} and hands it to listeners. */
    void append(MetricRecord.Type type, int epoch, Long step, String event, Map<String, Double> values,
            Map<String, ?> details) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        Map<String, Double> cleanValues = values == null ? null : JsonValues.finiteOrNull(values);
        Map<String, Object> cleanDetails = details == null ? null : JsonValues.plainMap(details);
        synchronized (lock) {
            if (status.isTerminal()) {
                throw new IllegalStateException("run " + id + " is already " + status.pythonName()
                        + "; nothing more can be logged");
            }
            MetricRecord record = new MetricRecord(metricLog.lines() + 1, type,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), epoch, step, event, cleanValues, cleanDetails);
            try {
                metricLog.append(record);
            } catch (IOException e) {
                warnWrite(e);
                return;
            }
            currentEpoch = Math.max(currentEpoch, epoch);
            dispatcher.offer(record);
        }
    }

    private void warnWrite(IOException e) {
        if (!writeWarned) {
            writeWarned = true;
            LOG.warn("cannot write to run directory {} ({}); training continues, the run's files may be incomplete",
                    dir, e.toString());
        }
    }

    private void writeConfig() throws IOException {
        configFile.write(status, endTime, failure);
    }
}
