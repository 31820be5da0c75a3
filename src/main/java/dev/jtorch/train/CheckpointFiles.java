package dev.jtorch.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The checks and facts behind {@link RunDirectory#checkpointWritten(Path, int)}: which file, how big, when. */
final class CheckpointFiles {
    private CheckpointFiles() {}

    /**
     * The description of a checkpoint file the training program has written into {@code checkpointsDir}.
     *
     * @throws IllegalArgumentException if the file is not a regular file directly inside {@code checkpointsDir}
     * @throws UncheckedIOException if its size or modification time cannot be read
     */
    static CheckpointInfo written(Path checkpointsDir, Path file, int epoch) {
        Path abs = file.toAbsolutePath().normalize();
        Path ckDir = checkpointsDir.toAbsolutePath().normalize();
        if (!ckDir.equals(abs.getParent()) || !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("not a checkpoint file directly inside " + checkpointsDir + ": " + file);
        }
        try {
            return new CheckpointInfo(abs.getFileName().toString(), epoch, Files.size(abs),
                    Files.getLastModifiedTime(abs).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
