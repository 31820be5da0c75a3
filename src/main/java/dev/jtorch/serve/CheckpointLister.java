package dev.jtorch.serve;

import dev.jtorch.train.CheckpointInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The downloadable files of one run's {@code checkpoints/}: regular files (symbolic links only if they resolve
 * inside the same directory), not hidden (temporary files of atomic writes start with a dot), oldest first.
 *
 * <p>The directory is listed, and each entry's real path checked, only when the directory's modification time
 * changes (a file added, removed or renamed over, as atomic writers do); otherwise the cached entries are reused,
 * and only {@code stat}ed again when asked to (a file rewritten in place). A listing is trusted only once the
 * directory has been left alone for a second past it, so a change in the same clock tick is never missed.
 * Guarded by its feed's monitor.
 */
final class CheckpointLister {
    private static final long SETTLE_MILLIS = 1_000;

    private record Entry(String name, Path real) {}

    private final Path runDir;
    private final ReadStats stats;
    private List<Entry> entries;
    private FileTime dirModified;
    private Object dirKey;
    private long listedAtMillis;
    private List<CheckpointInfo> infos = List.of();

    CheckpointLister(Path runDir, ReadStats stats) {
        this.runDir = runDir;
        this.stats = stats;
    }

    /**
     * The checkpoint files now, with their epochs from {@code epochOf}.
     *
     * @param restat whether to {@code stat} every file again even if the directory is unchanged
     */
    List<CheckpointInfo> list(Function<String, Integer> epochOf, boolean restat) {
        Optional<Path> ckDir = SafePaths.checkpointsDir(runDir);
        if (ckDir.isEmpty()) {
            entries = null;
            infos = List.of();
            return infos;
        }
        BasicFileAttributes d;
        try {
            d = Files.readAttributes(ckDir.get(), BasicFileAttributes.class);
        } catch (IOException e) {
            entries = null;
            infos = List.of();
            return infos;
        }
        boolean same = entries != null && d.lastModifiedTime().equals(dirModified)
                && java.util.Objects.equals(d.fileKey(), dirKey)
                && listedAtMillis - d.lastModifiedTime().toMillis() > SETTLE_MILLIS;
        if (!same) {
            long now = System.currentTimeMillis();
            List<Entry> found = scan(ckDir.get());
            if (found == null) {
                entries = null;
                infos = List.of();
                return infos;
            }
            entries = found;
            dirModified = d.lastModifiedTime();
            dirKey = d.fileKey();
            listedAtMillis = now;
            restat = true;
        }
        if (restat) {
            List<CheckpointInfo> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                try {
                    BasicFileAttributes a = Files.readAttributes(e.real(), BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.add(new CheckpointInfo(e.name(), epochOf.apply(e.name()), a.size(),
                                a.lastModifiedTime().toInstant()));
                    }
                } catch (IOException x) {
                    // vanished meanwhile
                }
            }
            out.sort(Comparator.comparing(CheckpointInfo::modified).thenComparing(CheckpointInfo::name));
            infos = out;
        } else {
            List<CheckpointInfo> out = new ArrayList<>(infos.size());
            for (CheckpointInfo c : infos) { // epochs may have been learnt since (a checkpoint event)
                Integer epoch = epochOf.apply(c.name());
                out.add(java.util.Objects.equals(epoch, c.epoch()) ? c
                        : new CheckpointInfo(c.name(), epoch, c.size(), c.modified()));
            }
            infos = out;
        }
        return infos;
    }

    private List<Entry> scan(Path ckDir) {
        stats.checkpointScans.incrementAndGet();
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ckDir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                stats.checkpointResolves.incrementAndGet();
                SafePaths.checkpointFileIn(ckDir, name).ifPresent(real -> out.add(new Entry(name, real)));
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }
}
