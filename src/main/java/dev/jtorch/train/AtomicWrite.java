package dev.jtorch.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The run directory's one atomic write: the bytes go to a hidden temporary file beside the target, which is then
 * renamed over it, so readers see the old file or the new one, never half of one. Kept in this one place so it
 * can be swapped for a shared atomic writer.
 */
final class AtomicWrite {
    private AtomicWrite() {}

    /** Replaces {@code target} with {@code bytes} atomically (through {@code .<name>.tmp}). */
    static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
