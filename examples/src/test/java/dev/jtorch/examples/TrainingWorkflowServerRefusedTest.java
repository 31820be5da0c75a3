package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.internal.Json;
import dev.jtorch.train.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job with a progress server that is refused (a non-loopback host without a token): it ends with an error
 * and leaves no run directory marked running (the library's side: dev.jtorch.serve.ProgressServerStartOrderTest).
 */
class TrainingWorkflowServerRefusedTest {
    @TempDir
    Path runs;

    @Test
    void theTrainingWorkflowLeavesNoRunMarkedRunningWhenItsServerIsRefused() throws Exception {
        assumeTrue(System.getenv("JTORCH_TOKEN") == null, "JTORCH_TOKEN is set: the server would be allowed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = TrainingWorkflow.run(new String[] {"--serve", "--host", "0.0.0.0", "--port", "0", "--epochs", "1",
                "--run-dir", runs.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(savedErr);
        }
        assertNotEquals(0, code, "the refused server ends the program");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("without an access token"), err.toString());
        List<String> running = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            try (Stream<Path> dirs = Files.list(runs)) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    Path config = d.resolve(RunDirectory.CONFIG_FILE);
                    if (Files.isRegularFile(config)
                            && Json.mapper().readTree(config.toFile()).path("status").asText().equals("running")) {
                        running.add(d.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), running, "runs left marked running");
    }
}
