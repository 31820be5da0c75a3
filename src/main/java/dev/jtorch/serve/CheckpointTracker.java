package dev.jtorch.serve;

import dev.jtorch.train.CheckpointInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's checkpoint files as its feed announces them: the epoch each was written after (from the run's
 * {@code checkpoint} events, else from a name like {@code epoch-12.pt}), and which files the streams have already
 * been told about, so that only new or changed files are announced. Guarded by its feed's monitor.
 */
final class CheckpointTracker {
    private static final Pattern EPOCH_IN_NAME = Pattern.compile("(?i)epoch[-_]?0*(\\d{1,9})");

    private final CheckpointLister lister;
    private final Map<String, Integer> epochs = new HashMap<>();
    private Map<String, CheckpointInfo> announced = new LinkedHashMap<>();

    CheckpointTracker(Path runDir, ReadStats stats) {
        this.lister = new CheckpointLister(runDir, stats);
    }

    /** Records the epoch a checkpoint file was written after (a {@code checkpoint} event of the run). */
    void epoch(String file, int epoch) {
        epochs.put(file, epoch);
    }

    /** The checkpoint files as currently on disk (each {@code stat}ed). */
    List<CheckpointInfo> onDisk() {
        return lister.list(this::epochOf, true);
    }

    /**
     * Lists the files (re-{@code stat}ing unchanged entries when {@code restat}), remembers them as announced, and
     * returns those that are new or changed since the last call.
     */
    List<CheckpointInfo> update(boolean restat) {
        Map<String, CheckpointInfo> now = new LinkedHashMap<>();
        for (CheckpointInfo c : lister.list(this::epochOf, restat)) {
            now.put(c.name(), c);
        }
        List<CheckpointInfo> changed = new ArrayList<>();
        for (CheckpointInfo c : now.values()) {
            if (!c.equals(announced.get(c.name()))) {
                changed.add(c);
            }
        }
        announced = now;
        return changed;
    }

    /** The files as last announced, oldest first. */
    Collection<CheckpointInfo> announced() {
        return announced.values();
    }

    private Integer epochOf(String name) {
        Integer e = epochs.get(name);
        if (e != null) {
            return e;
        }
        Matcher m = EPOCH_IN_NAME.matcher(name);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
