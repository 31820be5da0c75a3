package dev.jtorch.train;

import java.time.Instant;
import java.util.Objects;

/**
 * A checkpoint file in a run's {@code checkpoints/} directory.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 *
 * @param name the file name (no directories)
 * @param epoch the epoch it was written after, or {@code null} when unknown
 * @param size its size in bytes
 * @param modified its last-modified time
 */
public record CheckpointInfo(String name, Integer epoch, long size, Instant modified) {
    /** Validates the fields. */
    public CheckpointInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
    }
}
