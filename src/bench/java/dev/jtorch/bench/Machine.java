package dev.jtorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured, printed as {@code bench machine: ...} lines before and after the figures: CPU model,
 * cores, memory, operating system, Java and libtorch versions, and how busy other processes kept the cores, since
 * figures taken while other work shares the cores are not comparable.
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

    /**
     * How many cores other processes kept busy during one second in which this JVM waits: from {@code /proc/stat}
     * (all processes) minus this process's own CPU time ({@code /proc/self/stat}); "quiet" below a tenth of a core.
     * The load average would count the benchmark's own processes.
     */
    static String otherWork(String when) {
        try {
            long[] before = {systemBusyTicks(), ownTicks()};
            Thread.sleep(1000);
            long[] after = {systemBusyTicks(), ownTicks()};
            double ticksPerSecond = 100.0; // USER_HZ on Linux
            double cores = ((after[0] - before[0]) - (after[1] - before[1])) / ticksPerSecond;
            return String.format(Locale.ROOT, "other processes kept %.2f of %d cores busy %s (%s)", Math.max(0, cores),
                    Runtime.getRuntime().availableProcessors(), when,
                    cores < 0.1 ? "quiet" : "busy: figures of this run are not comparable");
        } catch (IOException | RuntimeException e) {
            return "other work " + when + ": unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "other work " + when + ": unknown";
        }
    }

    /** Busy ticks of all CPUs: user, nice, system, irq, softirq and steal of /proc/stat's first line. */
    private static long systemBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(f[i]);
        }
        return busy;
    }

    /** This process's user and system ticks (fields 14 and 15 of /proc/self/stat). */
    private static long ownTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
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
