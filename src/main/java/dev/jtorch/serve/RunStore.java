package dev.jtorch.serve;

import dev.jtorch.train.RunDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs under one root directory, each with its {@link RunFeed}, created when first asked for. Listing the
 * runs costs a {@code stat} of each run's {@code config.json} and {@code metrics.jsonl} when they are unchanged
 * (see {@link ReadStats}); checkpoint directories are not looked at.
 */
final class RunStore {
    /** How many metric records each run keeps in memory (the newest); older ones are read from its file. */
    static final int DEFAULT_WINDOW_CAPACITY = 10_000;

    private final Path root;
    private final int windowCapacity;
    private final ReadStats stats = new ReadStats();
    /** Pages of older metric lines shared between requests, for all runs together. */
    private final MetricPages.Cache pageCache = new MetricPages.Cache(32);
    private final Map<String, RunFeed> feeds = new ConcurrentHashMap<>();

    RunStore(Path root) {
        this(root, DEFAULT_WINDOW_CAPACITY);
    }

    RunStore(Path root, int windowCapacity) {
        this.root = root;
        this.windowCapacity = windowCapacity;
    }

    Path root() {
        return root;
    }

    /** How often the runs' files were read. */
    ReadStats stats() {
        return stats;
    }

    /** The run's directory, if {@code id} names a run. */
    Optional<Path> runDir(String id) {
        return SafePaths.runDir(root, id);
    }

    private RunFeed feedFor(String id, Path dir) {
        return feeds.computeIfAbsent(id, k -> new RunFeed(k, dir, stats, windowCapacity, pageCache));
    }

    /** The feed of a run, its config and metrics brought up to date; empty if there is no such run. */
    Optional<RunFeed> feed(String id) {
        Optional<Path> dir = runDir(id);
        if (dir.isEmpty()) {
            feeds.remove(id);
            return Optional.empty();
        }
        RunFeed f = feedFor(id, dir.get());
        if (!f.refreshSummary()) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** Follows an in-process run through its listener. */
    void attach(RunDirectory run) {
        Optional<Path> dir = runDir(run.id());
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("run " + run.id() + " is not a run directory under " + root);
        }
        feedFor(run.id(), dir.get()).attach(run);
    }

    /** Every run under the root, newest first. */
    List<RunFeed> list() {
        List<RunFeed> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                feed(p.getFileName().toString()).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(RunFeed::startTime).reversed().thenComparing(RunFeed::id));
        return out;
    }

    /** Feeds that have event streams open (the ones worth refreshing). */
    List<RunFeed> watched() {
        List<RunFeed> out = new ArrayList<>();
        for (RunFeed f : feeds.values()) {
            if (f.streamCount() > 0) {
                out.add(f);
            }
        }
        return out;
    }

    List<RunFeed> all() {
        return new ArrayList<>(feeds.values());
    }
}
