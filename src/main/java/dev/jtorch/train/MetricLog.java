package dev.jtorch.train;

import dev.jtorch.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's {@code metrics.jsonl}: one compact JSON object per line, appended in order, numbered from 1. Not
 * thread-safe: its run appends under its lock.
 */
final class MetricLog {
    private final Path file;
    private long lines;

    MetricLog(Path dir) {
        this.file = dir.resolve(RunDirectory.METRICS_FILE);
    }

    /** Creates the empty file of a new run. */
    void create() throws IOException {
        Files.write(file, new byte[0], StandardOpenOption.CREATE_NEW);
    }

    /** How many lines the file holds. */
    long lines() {
        return lines;
    }

    /** Appends the record as one line; it must be numbered {@code lines() + 1}. */
    void append(MetricRecord record) throws IOException {
        if (record.line() != lines + 1) {
            throw new IllegalArgumentException("metric line " + record.line() + " appended after line " + lines);
        }
        byte[] line = (Json.mapper().writeValueAsString(record.json()) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines++;
    }
}
