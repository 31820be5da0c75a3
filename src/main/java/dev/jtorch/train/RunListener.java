package dev.jtorch.train;

/**
 * Receives what a {@link RunDirectory} records, in-process and without polling files (the progress server is one).
 *
 * <p>Calls come on the run's own dispatch thread, in the order things were recorded, never on the training
 * thread: recording hands events to a bounded queue and returns at once. Progress updates are coalesced (a
 * listener that falls behind sees only the latest). If the queue ever overflows, metric records are dropped for
 * listeners, never for the file: {@link MetricRecord#line()} then skips numbers, and the missing lines are in
 * {@code metrics.jsonl}. A listener should return quickly; one that throws is reported once on stderr and keeps
 * receiving later events.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public interface RunListener {
    /** A line was appended to {@code metrics.jsonl} (an epoch, a step or an event). */
    default void onMetric(RunDirectory run, MetricRecord record) {}

    /** The latest in-memory progress (never written to disk). */
    default void onProgress(RunDirectory run, Progress progress) {}

    /** {@link RunDirectory#checkpointWritten(java.nio.file.Path, int)} announced a checkpoint file. */
    default void onCheckpoint(RunDirectory run, CheckpointInfo checkpoint) {}

    /** The run's status changed; {@code config.json} has already been rewritten. */
    default void onStatus(RunDirectory run, RunStatus status) {}
}
