package dev.jtorch.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AtomicFile on real files: permissions, stale temporaries, failures, links. */
class AtomicFileTest {
    @TempDir
    Path dir;

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** 0666 & ~umask, as the OS applies it to a file created with no explicit permissions (Python's open). */
    static Set<PosixFilePermission> umaskPermissions(Path dir) throws IOException {
        Path probe = dir.resolve("umask-probe");
        try (OutputStream out = Files.newOutputStream(probe)) {
            out.write(0);
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return p;
    }

    /** The process id of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "the finished process's id is not reused yet");
        return pid;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFileGetsTheUmaskPermissionsLikePythonsOpen() throws Exception {
        assumeTrue(posix(), "POSIX permissions");
        Set<PosixFilePermission> expected = umaskPermissions(dir);
        Path f = dir.resolve("config.json");
        AtomicFile.writeString(f, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(f));
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f)), "0666 & ~umask, not createTempFile's 0600");
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ)
                || !expected.contains(PosixFilePermission.OTHERS_READ));
        assertEquals(List.of("config.json"), names(dir), "no temporary left");
    }

    @Test
    void anExistingFileKeepsItsPermissionsAsWhenPythonRewritesIt() throws Exception {
        assumeTrue(posix(), "POSIX permissions");
        Path f = dir.resolve("secret.bin");
        AtomicFile.write(f, new byte[] {1});
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(f, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aCrashedWritersTemporaryIsRemovedByTheNextWriteToThatPathOnly() throws Exception {
        long dead = deadPid();
        Path f = dir.resolve("model.pt");
        Path other = dir.resolve("model.pt.bak");
        String pattern = "%016x";
        Path crashed = dir.resolve(".model.pt." + dead + "." + String.format(pattern, 1L) + ".tmp");
        Path crashedYoung = dir.resolve(".model.pt." + dead + "." + String.format(pattern, 2L) + ".tmp");
        Path crashedOther = dir.resolve(".model.pt.bak." + dead + "." + String.format(pattern, 3L) + ".tmp");
        Path notOurs = dir.resolve(".model.pt.backup.tmp");
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            Path liveWriter = dir.resolve(".model.pt." + live.pid() + "." + String.format(pattern, 4L) + ".tmp");
            for (Path p : List.of(crashed, crashedYoung, crashedOther, notOurs, liveWriter)) {
                Files.write(p, new byte[] {42});
            }
            FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
            for (Path p : List.of(crashed, crashedOther, notOurs, liveWriter)) {
                Files.setLastModifiedTime(p, old);
            }
            AtomicFile.write(f, new byte[] {7});
            assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
            assertFalse(Files.exists(crashed), "the dead writer's old temporary of model.pt is removed");
            assertTrue(Files.exists(crashedYoung), "a temporary younger than the clock margin stays");
            assertTrue(Files.exists(crashedOther), "another target's temporary stays");
            assertTrue(Files.exists(notOurs), "a file not named as AtomicFile's temporaries stays");
            assertTrue(Files.exists(liveWriter), "a live process's temporary stays");
            assertEquals(0, AtomicFile.removeStaleTemporaries(other.resolveSibling("unrelated")));
            assertEquals(1, AtomicFile.removeStaleTemporaries(other), "model.pt.bak's own stale temporary");
            assertFalse(Files.exists(crashedOther));
        } finally {
            live.destroy();
            live.waitFor();
        }
    }

    @Test
    void aTemporaryOfThisProcessThatNoWriteOwnsIsStaleButOneBeingWrittenIsNot() throws Exception {
        Path f = dir.resolve("state.json");
        long self = ProcessHandle.current().pid();
        Path leftover = dir.resolve(".state.json." + self + "." + String.format("%016x", 5L) + ".tmp");
        Files.write(leftover, new byte[] {1});
        @SuppressWarnings("unchecked")
        List<String>[] seen = new List[1];
        AtomicFile.write(f, out -> {
            out.write('x');
            // a second write to the same path, from inside the first: it must not remove the first's temporary
            AtomicFile.writeString(dir.resolve("state.json"), "inner");
            seen[0] = names(dir);
        });
        assertFalse(Files.exists(leftover), "this process's orphan temporary is removed");
        assertEquals(2, seen[0].size(), "the outer write's temporary survived the inner write: " + seen[0]);
        assertEquals("x", Files.readString(f), "the outer write, renamed last, wins");
        assertEquals(List.of("state.json"), names(dir));
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporary() throws Exception {
        Path f = dir.resolve("data.bin");
        AtomicFile.write(f, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk on fire");
        }));
        assertEquals("disk on fire", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of("data.bin"), names(dir));
    }

    @Test
    void missingDirectoriesAreCreatedAndLinksAreWrittenThrough() throws Exception {
        Path nested = dir.resolve("a/b/c.txt");
        AtomicFile.writeString(nested, "deep");
        assertEquals("deep", Files.readString(nested));
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = dir.resolve("link.txt");
        try {
            Files.createSymbolicLink(link, real.getFileName());
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
        }
        AtomicFile.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real), "its destination holds the new contents");
    }
}
