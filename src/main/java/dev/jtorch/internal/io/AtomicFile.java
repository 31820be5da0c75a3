package dev.jtorch.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file atomically: readers see either the previous file or the complete new one, never a half-written one,
 * even if the writer crashes or the machine loses power. The bytes go to a hidden temporary file in the target's
 * directory ({@code .<name>.<pid>.<random>.tmp}), which is forced to disk, renamed over the target, and then the
 * directory itself is forced so that the rename survives a crash.
 *
 * <p><b>Permissions</b> are those Python's {@code open(path, 'wb')} gives: a new file gets {@code 0666 & ~umask}
 * ({@code 0644} under the usual umask 022), because the temporary file is created with
 * {@link StandardOpenOption#CREATE_NEW} and no explicit permissions, so the operating system applies the process's
 * umask exactly as it does for Python (Java cannot read the umask, and {@code Files.createTempFile} would force
 * {@code 0600}). When the target already exists its permissions are kept, as Python keeps them when it truncates
 * and rewrites an existing file. A target that is a symbolic link is written through (its destination is replaced,
 * the link stays), as {@code open} writes through links.
 *
 * <p><b>Stale temporaries.</b> A writer that crashes between creating its temporary file and renaming it leaves the
 * temporary behind. Each write to a path first removes that path's temporaries whose writer is gone: those whose
 * process id no longer names a live process and that are older than {@link #STALE_AFTER_MILLIS}, and those of this
 * process that no write in progress owns. Temporaries of live writers (another thread of this process, another live
 * process) and of other targets are never touched. If the crashed writer's process id has since been reused by a
 * live process, its temporary stays until that process ends.
 *
 * <pre>{@code
 * AtomicFile.write(path, out -> out.write(bytes));
 * AtomicFile.writeString(dir.resolve("config.json"), json);
 * }</pre>
 */
public final class AtomicFile {
    /** A temporary file of a dead process is removed once it is at least this old (a clock-skew margin). */
    public static final long STALE_AFTER_MILLIS = 2_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PID = ProcessHandle.current().pid();
    /** Temporary files that writes of this process are writing now (never removed as stale). */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final Pattern TEMP_TAIL = Pattern.compile("(\\d{1,19})\\.[0-9a-f]{16}\\.tmp");

    private AtomicFile() {}

    /** What writes the file's contents. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole contents to {@code out} (buffered; flushing and closing are done by {@link AtomicFile}).
         *
         * @throws IOException to abandon the write: the target is left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} in UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code target} atomically with what {@code content} writes, creating missing parent directories. If
     * {@code content} or any step fails, the temporary file is deleted and the target is left as it was.
     *
     * @throws IOException from the content or the file system
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path file = destination(target.toAbsolutePath());
        Path dir = file.getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(file);
        Path tmp = null;
        try {
            FileChannel ch = null;
            while (ch == null) {
                Path candidate = dir.resolve(tempName(file.getFileName().toString()));
                IN_PROGRESS.add(candidate);
                try {
                    // No file attributes: the OS gives 0666 & ~umask, as Python's open(path, 'wb') does.
                    ch = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    tmp = candidate;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    IN_PROGRESS.remove(candidate); // a random clash: draw another name
                }
            }
            try (FileChannel channel = ch;
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                keepPermissions(file, tmp);
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            IN_PROGRESS.remove(tmp);
            tmp = null;
            forceDirectory(dir);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left behind: the next write to this path removes it
                } finally {
                    IN_PROGRESS.remove(tmp);
                }
            }
        }
    }

    /** The name of a new temporary file for a target named {@code name}. */
    static String tempName(String name) {
        return "." + name + "." + PID + "." + String.format("%016x", RANDOM.nextLong()) + ".tmp";
    }

    /**
     * Removes the temporary files that crashed writers of {@code target} left in its directory (see the class
     * comment for which ones), and returns how many it removed. {@link #write} calls it before every write.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static int removeStaleTemporaries(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        String prefix = "." + file.getFileName() + ".";
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                Matcher m = TEMP_TAIL.matcher(p.getFileName().toString().substring(prefix.length()));
                if (!m.matches() || IN_PROGRESS.contains(p)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean stale;
                if (pid == PID) {
                    stale = true; // this process's, and no write in progress owns it
                } else if (ProcessHandle.of(pid).isPresent()) {
                    stale = false; // a live writer's
                } else {
                    try {
                        FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                        stale = now - t.toMillis() >= STALE_AFTER_MILLIS;
                    } catch (NoSuchFileException e) {
                        continue;
                    }
                }
                if (stale && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Where a write to {@code target} goes: through a symbolic link to its destination, as open() writes. */
    private static Path destination(Path target) throws IOException {
        Path file = target;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(file); hops++) {
            Path link = Files.readSymbolicLink(file);
            file = file.resolveSibling(link).normalize();
        }
        return file;
    }

    /** An existing target keeps its permissions, as when Python truncates and rewrites it. */
    private static void keepPermissions(Path target, Path tmp) {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (from == null || to == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = from.readAttributes().permissions();
            to.setPermissions(perms);
        } catch (NoSuchFileException e) {
            // a new file: the umask's permissions stay
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the new file keeps the umask's permissions
        }
    }

    /** Forces the directory entry of the rename to disk (Linux); platforms that cannot open a directory skip it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems cannot open or force a directory: the rename is still atomic
        }
    }
}
