package dev.jtorch.train;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Run ids: the UTC start time ({@code yyyyMMdd-HHmmss}), a dash and the run's name made safe; a second run of the
 * same name in the same second gets {@code -2}, {@code -3}, ... The directory is created atomically, so
 * concurrent programs never share one.
 */
final class RunIds {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG = 64;

    /** A new run's directory and its id. */
    record Created(Path dir, String id) {}

    private RunIds() {}

    /** The safe part of a run id made from a name: runs of other characters become one {@code -}. */
    static String slug(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-._]+", "").replaceAll("[-._]+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("[-._]+$", "");
        }
        return s.isEmpty() ? "run" : s;
    }

    /** Whether {@code id} has the shape of a run id (see {@link RunDirectory#isValidRunId(String)}). */
    static boolean isValid(String id) {
        return id != null && RUN_ID.matcher(id).matches();
    }

    /** Creates the run's directory under {@code root}: the first free id for this start time and name. */
    static Created createDirectory(Path root, Instant start, String runName) throws IOException {
        String base = ID_TIME.format(start) + "-" + slug(runName);
        Files.createDirectories(root);
        for (int n = 1;; n++) {
            String id = n == 1 ? base : base + "-" + n;
            Path dir = root.resolve(id);
            try {
                Files.createDirectory(dir);
                return new Created(dir, id);
            } catch (FileAlreadyExistsException e) {
                // another run started in the same second with the same name: take the next suffix
            }
        }
    }
}
