package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a project that declares only dev.jtorch:jtorch gets: one platform's natives, and a training that runs. */
class FirstProgramTest {
    /** A JavaCPP jar in the local repository: .../org/bytedeco/NAME/VERSION/NAME-VERSION[-CLASSIFIER].jar. */
    private static final Pattern BYTEDECO = Pattern.compile(
            ".*/org/bytedeco/([^/]+)/([^/]+)/\\1-\\2(?:-([^/]+))?\\.jar");

    @Test
    void onlyThisPlatformsNativesAreResolved() {
        String host = hostPlatform();
        List<String> natives = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = BYTEDECO.matcher(entry.replace(File.separatorChar, '/'));
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).endsWith("-platform")) {
                others.add(m.group(1) + " (brings every platform)");
            } else if (m.group(3) != null) {
                (m.group(3).equals(host) ? natives : others).add(m.group(1) + ":" + m.group(3));
            }
        }
        assertEquals(List.of(), others, "natives of other platforms on the class path");
        assertEquals(List.of("pytorch:" + host, "openblas:" + host, "javacpp:" + host),
                natives.stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    /** JavaCPP's name of this machine's platform, as jtorch's POM chooses it. */
    private static String hostPlatform() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
        return (os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : "windows") + "-" + arch;
    }

    private static int order(String s) {
        return s.startsWith("pytorch") ? 0 : s.startsWith("openblas") ? 1 : 2;
    }

    @Test
    void trainsAndPrintsPythonsNumbers() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            FirstProgram.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        // Python PyTorch 1.13 prints these for the same program (README, "Use jtorch in your project").
        assertEquals("""
                epoch 10 loss 2.4447
                epoch 20 loss 1.3599
                epoch 30 loss 0.7620
                epoch 40 loss 0.4296
                epoch 50 loss 0.2435
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
