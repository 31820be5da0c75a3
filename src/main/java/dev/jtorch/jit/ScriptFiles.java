package dev.jtorch.jit;

import dev.jtorch.TorchException;
import dev.jtorch.internal.Ops;
import dev.jtorch.internal.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.JitModule;

/** Writing a TorchScript module to a file atomically, for {@link ScriptModule#save(Path)}. */
final class ScriptFiles {

    private ScriptFiles() {}

    /**
     * {@code torch.jit.save(m, path)}, atomically: libtorch writes under the target's own name in a private
     * directory, then the bytes are moved in.
     *
     * @throws TorchException naming the file if it cannot be written
     */
    static void save(JitModule m, Path path) {
        Path tmpDir = null;
        try {
            Path abs = path.toAbsolutePath();
            // libtorch names the archive's top folder after the file, as Python does: write under the
            // target's own name in a private directory, then move the bytes in atomically
            tmpDir = Files.createTempDirectory("jtorch-jit-save");
            Path tmp = tmpDir.resolve(abs.getFileName().toString());
            String tmpName = tmp.toString();
            Ops.call(() -> {
                m.save(tmpName);
                return null;
            });
            AtomicFile.write(abs, out -> Files.copy(tmp, out));
        } catch (IOException e) {
            throw new TorchException("cannot save " + path + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmpDir);
        }
    }

    private static void deleteQuietly(Path tmpDir) {
        if (tmpDir == null) {
            return;
        }
        try (var files = Files.list(tmpDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(tmpDir);
        } catch (IOException ignored) {
            // left in the system's temporary directory
        }
    }
}
