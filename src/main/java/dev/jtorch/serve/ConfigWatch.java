package dev.jtorch.serve;

import static dev.jtorch.serve.FeedJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jtorch.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;

/**
 * One run's {@code config.json}, read again only when its modification time, size or file (an atomic rewrite
 * is a new file) changed: otherwise checking costs one {@code stat}. Guarded by its feed's monitor.
 */
final class ConfigWatch {
    /** What a check found. */
    enum Result {
        /** No config.json (or not a regular file): not a run. */
        GONE,
        /** As it was. */
        SAME,
        /** Read for the first time. */
        FIRST,
        /** Its content changed. */
        CHANGED
    }

    private final Path file;
    private final ReadStats stats;
    private ObjectNode config;
    private FileTime modified;
    private long size = -1;
    private Object key;
    private Instant startTime = Instant.EPOCH;

    ConfigWatch(Path file, ReadStats stats) {
        this.file = file;
        this.stats = stats;
    }

    /** The config as last read, or {@code null}. */
    ObjectNode config() {
        return config;
    }

    /** Its {@code start_time} ({@link Instant#EPOCH} when missing or unreadable). */
    Instant startTime() {
        return startTime;
    }

    /** Checks the file, reading it if it changed. */
    Result check() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Result.GONE;
            }
            if (config != null && a.lastModifiedTime().equals(modified) && a.size() == size
                    && Objects.equals(a.fileKey(), key)) {
                return Result.SAME;
            }
            stats.configReads.incrementAndGet();
            JsonNode n = Json.mapper().readTree(file.toFile());
            if (!(n instanceof ObjectNode o)) {
                return config == null ? Result.GONE : Result.SAME;
            }
            boolean first = config == null;
            boolean changed = !first && !o.equals(config);
            config = o;
            modified = a.lastModifiedTime();
            size = a.size();
            key = a.fileKey();
            startTime = parseInstant(text(o, "start_time"));
            return first ? Result.FIRST : changed ? Result.CHANGED : Result.SAME;
        } catch (NoSuchFileException e) {
            return Result.GONE;
        } catch (IOException e) {
            return config == null ? Result.GONE : Result.SAME; // half-written by a non-atomic writer: keep it
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
