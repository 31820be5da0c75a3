package dev.jtorch.serve;

import dev.jtorch.train.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's only way from a request path to a file. Every check is on real paths (symbolic links resolved):
 * a run is a plain directory directly under the root, its {@code checkpoints/} resolves inside it, and a
 * downloadable file resolves directly inside that, is regular and is not hidden.
 */
final class SafePaths {
    private SafePaths() {}

    /**
     * Splits a raw (still percent-encoded) request path into decoded segments, or returns {@code null} if it is
     * ambiguous or suspicious in any way: dot segments, empty segments ({@code //}), encoded dots, slashes,
     * backslashes or control characters, path parameters ({@code ;}), malformed escapes or invalid UTF-8.
     */
    static List<String> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || rawPath.indexOf('\\') >= 0 || rawPath.indexOf(';') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (rawPath.equals("/")) {
            return out;
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                if (i == parts.length - 1) {
                    break; // one trailing slash is fine
                }
                return null;
            }
            String d = decode(p);
            if (d == null || d.equals(".") || d.equals("..") || d.indexOf('/') >= 0 || d.indexOf('\\') >= 0) {
                return null;
            }
            for (int k = 0; k < d.length(); k++) {
                if (Character.isISOControl(d.charAt(k))) {
                    return null;
                }
            }
            out.add(d);
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                b.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                b.write(c);
            } else {
                return null; // raw non-ASCII in a request line
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Percent-encodes one path segment (everything but unreserved characters). */
    static String encodeSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** The run directory for an id, if the id is well-formed and names a real directory directly under root. */
    static Optional<Path> runDir(Path root, String id) {
        if (!RunDirectory.isValidRunId(id)) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(dir.resolve(RunDirectory.CONFIG_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    /** The real path of a run's checkpoints directory, if it exists and resolves inside the run. */
    static Optional<Path> checkpointsDir(Path runDir) {
        try {
            Path runReal = runDir.toRealPath();
            Path ck = runDir.resolve(RunDirectory.CHECKPOINTS_DIR).toRealPath();
            if (!ck.getParent().equals(runReal) || !Files.isDirectory(ck)) {
                return Optional.empty();
            }
            return Optional.of(ck);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The real path of a downloadable checkpoint: {@code name} a plain, non-hidden file name, resolving (links
     * followed) to a regular file directly inside the run's real checkpoints directory.
     */
    static Optional<Path> checkpointFile(Path runDir, String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Optional<Path> ck = checkpointsDir(runDir);
        if (ck.isEmpty()) {
            return Optional.empty();
        }
        return checkpointFileIn(ck.get(), name);
    }

    /**
     * {@link #checkpointFile(Path, String)} for a checkpoints directory already resolved by
     * {@link #checkpointsDir(Path)} (a listing checks many names against one directory).
     */
    static Optional<Path> checkpointFileIn(Path realCheckpointsDir, String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path ck = realCheckpointsDir;
        try {
            Path f = ck.resolve(name);
            if (f.getNameCount() != ck.getNameCount() + 1) {
                return Optional.empty();
            }
            Path real = f.toRealPath();
            if (!ck.equals(real.getParent()) || !Files.isRegularFile(real)
                    || real.getFileName().toString().startsWith(".")) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
