package dev.jtorch.train;

import dev.jtorch.internal.Json;
import dev.jtorch.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's {@code config.json}: what the run is (fixed at creation) and where it stands (status, end time,
 * failure), pretty-printed and rewritten atomically on every status change (through {@code AtomicFile}: temporary file, fsync, rename, directory fsync). The fields are
 * documented in {@code docs/run-directory.md}.
 */
final class ConfigFile {
    private final Path file;
    private final String id;
    private final String name;
    private final RunConfig config;
    private final Instant startTime;
    private final Map<String, Object> hyperparameters;

    ConfigFile(Path dir, String id, String name, RunConfig config, Instant startTime) {
        this.file = dir.resolve(RunDirectory.CONFIG_FILE);
        this.id = id;
        this.name = name;
        this.config = config;
        this.startTime = startTime;
        this.hyperparameters = JsonValues.plainMap(config.hyperparameters());
    }

    /** The object written for this state, a fresh modifiable map. */
    Map<String, Object> object(RunStatus status, Instant endTime, String failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", RunDirectory.FORMAT_VERSION);
        m.put("id", id);
        m.put("name", name);
        m.put("status", status.pythonName());
        m.put("start_time", startTime.toString());
        m.put("end_time", endTime == null ? null : endTime.toString());
        if (failure != null) {
            m.put("failure", failure);
        }
        m.put("seed", config.seed());
        m.put("device", config.device());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("jtorch", Versions.jtorch());
        versions.put("libtorch", Versions.libtorch());
        versions.put("java", Versions.java());
        m.put("versions", versions);
        m.put("total_epochs", config.totalEpochs());
        m.put("batches_per_epoch", config.batchesPerEpoch());
        m.put("hyperparameters", new LinkedHashMap<>(hyperparameters));
        m.put("model_summary", config.model());
        return m;
    }

    /** Writes {@code config.json} for this state, atomically. */
    void write(RunStatus status, Instant endTime, String failure) throws IOException {
        dev.jtorch.internal.io.AtomicFile.write(file, Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(object(status, endTime, failure)));
    }
}
