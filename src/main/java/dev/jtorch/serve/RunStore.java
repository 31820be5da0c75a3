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

/** The runs under one root directory, each with its {@link RunFeed}, created when first asked for. */
final class RunStore {
    private final Path root;
    private final Map<String, RunFeed> feeds = new ConcurrentHashMap<>();

    RunStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The run's directory, if {@code id} names a run. */
    Optional<Path> runDir(String id) {
        return SafePaths.runDir(root, id);
    }

    /** The feed of a run, brought up to date with its files; empty if there is no such run. */
    Optional<RunFeed> feed(String id) {
        Optional<Path> dir = runDir(id);
        if (dir.isEmpty()) {
            feeds.remove(id);
            return Optional.empty();
        }
        RunFeed f = feeds.computeIfAbsent(id, k -> new RunFeed(k, dir.get()));
        if (!f.refresh()) {
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
        feeds.computeIfAbsent(run.id(), k -> new RunFeed(k, dir.get())).attach(run);
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
