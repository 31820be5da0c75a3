package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.memory.LoopMain;
import dev.jtorch.memory.Rss;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat: with per-iteration scopes, and (more slowly, up to JavaCPP's physical-memory limit)
 * with only the garbage collector. Each experiment runs in a JVM of its own ({@link LoopMain}) and prints its
 * figures.
 */
class MemoryTest {
    private static final Pattern RESULT =
            Pattern.compile("rss warmUp=([\\d.]+) max=([\\d.]+) end=([\\d.]+) micros=([\\d.]+) ok=true");

    private static Matcher run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (int i = 0; i < args.length - 2; i++) {
            cmd.add(args[i]);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoopMain.class.getName());
        cmd.add(args[args.length - 2]);
        cmd.add(args[args.length - 1]);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // glibc keeps freed 64 KiB blocks in its arenas once its mmap threshold has grown: resident memory would then
        // stay at its peak and JavaCPP would collect and sleep on every allocation. A fixed threshold hands freed
        // tensors back to the system, so resident memory shows what is alive.
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "65536");
        Process p = pb.start();
        String out;
        try {
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(done, "the loop did not finish in 5 minutes: " + out);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        Matcher m = RESULT.matcher(out);
        assertTrue(m.find(), out);
        return m;
    }

    @Test
    void aMillionSmallOperationsInPerIterationScopesRunInFlatMemory() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        int iterations = 500_000; // two tensor operations each
        Matcher m = run("-Xmx96m", "scoped", Integer.toString(iterations));
        double warmUp = Double.parseDouble(m.group(1));
        double max = Double.parseDouble(m.group(2));
        double growth = max - warmUp;
        System.out.printf("memory: %,d tensor operations in per-iteration scopes (-Xmx96m): RSS after warm-up "
                + "%.1f MiB, max %.1f MiB, end %s MiB, growth %.1f MiB, %s us per iteration%n", 2L * iterations, warmUp,
                max, m.group(3), growth, m.group(4));
        assertTrue(growth < 64, "resident memory grew by " + growth + " MiB after warm-up");
    }

    @Test
    void withoutAnyScopeTheGarbageCollectorStillBoundsMemory() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        long limitMiB = 768;
        int iterations = 10_000; // 3 tensors of 64 KiB each: about 1.8 GiB allocated in all, over twice the limit
        Matcher m = run("-Xmx128m", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=" + limitMiB + "m", "unscoped",
                Integer.toString(iterations));
        double max = Double.parseDouble(m.group(2));
        System.out.printf("memory: %,d iterations without scopes (about %.1f GiB allocated), maxPhysicalBytes "
                + "%d MiB: max RSS %.1f MiB, end %s MiB, %s us per iteration%n", iterations,
                iterations * 3 * 64.0 / 1024 / 1024, limitMiB, max, m.group(3), m.group(4));
        assertTrue(max < limitMiB + 160, "resident memory reached " + max + " MiB");
    }

    @Test
    void withoutAnyScopeJtorchCollectsAfterEachThresholdOfTensors() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        // JavaCPP's own limit turned off: only jtorch's GcPressure stands between the loop and 1.8 GiB of garbage
        // whose Java objects are far too small for the heap to prompt a collection.
        int iterations = 10_000;
        Matcher m = run("-Xmx128m", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Djtorch.gcThreshold=32m",
                "unscoped", Integer.toString(iterations));
        double warmUp = Double.parseDouble(m.group(1));
        double max = Double.parseDouble(m.group(2));
        System.out.printf("memory: %,d iterations without scopes (about %.1f GiB allocated), jtorch.gcThreshold "
                + "32m, no maxPhysicalBytes: RSS after warm-up %.1f MiB, max %.1f MiB, %s us per iteration%n",
                iterations, iterations * 3 * 64.0 / 1024 / 1024, warmUp, max, m.group(4));
        assertTrue(max - warmUp < 96, "resident memory grew from " + warmUp + " to " + max + " MiB");
    }
}
