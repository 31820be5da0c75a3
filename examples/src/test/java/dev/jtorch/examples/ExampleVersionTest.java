package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtorch.Versions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} of the examples prints the versions jtorch knows (one place: {@link Versions}). */
class ExampleVersionTest {
    @Test
    void versionFlagPrintsTheVersionLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cmd = new CommandLine(new TrainingWorkflow(new PrintStream(java.io.OutputStream.nullOutputStream())));
        cmd.setOut(new java.io.PrintWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
        assertEquals(0, cmd.execute("--version"));
        String printed = bytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals(Versions.line(), printed);
        org.junit.jupiter.api.Assertions.assertTrue(printed.startsWith("jtorch " + Versions.jtorch() + " (libtorch 2.10.0, presets 2.10.0-1.5.13"),
                printed);
    }
}
