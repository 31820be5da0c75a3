package dev.jtorch.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of this process, from Linux's {@code /proc/self/status}. */
public final class Rss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {}

    /** Whether this platform reports resident memory. */
    public static boolean available() {
        return Files.isReadable(STATUS);
    }

    /** Resident memory in MiB. */
    public static double mib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException("no VmRSS in " + STATUS);
    }
}
