package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.memory.Rss;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Loading, training and closing scripted modules in a loop runs in bounded memory, and parameters handed to Java are
 * never freed twice (a double free would abort the child JVM). Each experiment runs in a JVM of its own
 * ({@link JitMemoryMain}) and prints its figures.
 */
class JitMemoryTest {
    private static final Pattern RESULT =
            Pattern.compile("rss warmUp=([\\d.]+) max=([\\d.]+) end=([\\d.]+) checksum=([-\\d.]+) ok=true");

    private static Matcher run(String mode, int rounds) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx96m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JitMemoryMain.class.getName());
        cmd.add(mode);
        cmd.add(Integer.toString(rounds));
        cmd.add(JitGolden.model("bn_net.pt").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "65536"); // freed blocks go back to the system (MemoryTest)
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
        System.out.printf("jit memory, %s x %,d: RSS after warm-up %s MiB, max %s MiB, end %s MiB%n", mode, rounds,
                m.group(1), m.group(2), m.group(3));
        return m;
    }

    @Test
    void aThousandLoadTrainCloseRoundsRunInBoundedMemory() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        Matcher m = run("closed", 1000);
        double growth = Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
        assertTrue(growth < 64, "resident memory grew by " + growth + " MiB after warm-up");
    }

    @Test
    void aThousandRoundsWithoutCloseAreBoundedByTheCollector() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        Matcher m = run("unclosed", 1000);
        double growth = Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
        assertTrue(growth < 128, "resident memory grew by " + growth + " MiB after warm-up");
    }

    @Test
    void tenThousandTrainingStepsOnOneModuleInScopesRunInFlatMemory() throws Exception {
        assumeTrue(Rss.available(), "resident memory is read from /proc (Linux)");
        Matcher m = run("forward", 10_000);
        double growth = Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
        assertTrue(growth < 48, "resident memory grew by " + growth + " MiB after warm-up");
    }
}
