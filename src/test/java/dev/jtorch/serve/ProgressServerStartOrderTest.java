package dev.jtorch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.examples.TrainingWorkflow;
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

/** A server that is refused is refused before the run directory it would show is created. */
class ProgressServerStartOrderTest {
    @TempDir
    Path runs;

    @Test
    void optionsAreValidatedBeforeAnythingExists() {
        ProgressServer.Options open = new ProgressServer.Options().host("0.0.0.0").port(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, open::validate);
        assertTrue(e.getMessage().startsWith("refusing to serve training progress on 0.0.0.0 without an access token"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().host("no-such-host.invalid")
                .validate());
        ProgressServer.Options ok = new ProgressServer.Options().port(0);
        assertSame(ok, ok.validate());
        ProgressServer.Options withToken = open.token(ProgressServer.newToken());
        assertSame(withToken, withToken.validate());
    }

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
