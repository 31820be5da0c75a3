package dev.jtorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured, printed as {@code bench machine: ...} lines before and after the figures: CPU model,
 * cores, memory, operating system, Java and libtorch versions, and the load average, since figures taken while
 * other work shares the cores (a load average near or above the core count) are not comparable.
 */
final class Machine {

    private Machine() {
    }

    /** One line describing the hardware and software. */
    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        long memKiB = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", ""))).orElse(0L);
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, %s %s, Java %s, libtorch %s (presets %s)",
                cpu, Runtime.getRuntime().availableProcessors(), memKiB / 1048576.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                dev.jtorch.Torch.version(),
                org.bytedeco.pytorch.presets.torch.class.getPackage().getImplementationVersion());
    }

    /** The one-minute load average, or -1 where the system does not say. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A note on the load average: whether other work was sharing the cores. */
    static String load(String when) {
        double load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        String verdict = load < 0 ? "unknown" : load > cores * 0.5 ? "busy: other work shared the cores" : "quiet";
        return String.format(Locale.ROOT, "load average %.2f %s (%s)", load, when, verdict);
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
