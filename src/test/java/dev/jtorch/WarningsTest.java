package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Python's warnings.warn / catch_warnings(record=True), per thread, and global listeners. */
class WarningsTest {

    private static String printedBy(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsCategoryAndMessageToStandardError() {
        String printed = printedBy(() -> {
            Warnings.warn("something odd");
            Warnings.warn("going away", "DeprecationWarning");
        });
        // through SLF4J at WARN; slf4j-simple (src/test/resources/simplelogger.properties) writes "WARN <message>"
        assertEquals("WARN UserWarning: something odd" + System.lineSeparator() + "WARN DeprecationWarning: going away"
                + System.lineSeparator(), printed);
    }

    @Test
    void captureRecordsInsteadOfPrinting() {
        String printed = printedBy(() -> {
            List<Warnings.Warning> w = Warnings.capture(() -> Warnings.warn("quiet"));
            assertEquals(List.of(new Warnings.Warning("UserWarning", "quiet")), w);
            assertEquals("UserWarning: quiet", w.get(0).toString());
        });
        assertEquals("", printed);
    }

    @Test
    void recordersNestAndRestorePrinting() {
        String printed = printedBy(() -> {
            try (Warnings.Recorder outer = Warnings.catchWarnings()) {
                Warnings.warn("a");
                try (Warnings.Recorder inner = Warnings.catchWarnings()) {
                    Warnings.warn("b");
                    assertEquals(List.of("b"), inner.messages());
                }
                Warnings.warn("c");
                assertEquals(List.of("a", "c"), outer.messages());
            }
            Warnings.warn("d");
        });
        assertEquals("WARN UserWarning: d" + System.lineSeparator(), printed);
    }

    @Test
    void captureIsPerThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch bothRecording = new CountDownLatch(2);
            List<Future<List<String>>> results = new java.util.ArrayList<>();
            for (String name : List.of("x", "y")) {
                results.add(pool.submit(() -> {
                    try (Warnings.Recorder r = Warnings.catchWarnings()) {
                        bothRecording.countDown();
                        bothRecording.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < 100; i++) {
                            Warnings.warn(name);
                        }
                        return r.messages();
                    }
                }));
            }
            assertEquals(java.util.Collections.nCopies(100, "x"), results.get(0).get(10, TimeUnit.SECONDS));
            assertEquals(java.util.Collections.nCopies(100, "y"), results.get(1).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listenersSeeEveryThreadsWarningsUntilRemoved() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Warnings.Registration r = Warnings.addListener(w -> seen.add(w.message()))) {
            Warnings.capture(() -> Warnings.warn("here"));
            Thread t = new Thread(() -> Warnings.capture(() -> Warnings.warn("there")));
            t.start();
            t.join();
        }
        Warnings.capture(() -> Warnings.warn("after"));
        assertTrue(seen.contains("here") && seen.contains("there"), seen.toString());
        assertTrue(!seen.contains("after"));
    }

    @Test
    void aRecorderClosesOnItsOwnThreadOnly() throws Exception {
        Warnings.Recorder r = Warnings.catchWarnings();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> f = other.submit(r::close);
            Exception e = assertThrows(java.util.concurrent.ExecutionException.class, f::get);
            assertTrue(e.getCause() instanceof IllegalStateException);
        } finally {
            other.shutdownNow();
            r.close();
        }
        assertThrows(NullPointerException.class, () -> Warnings.warn(null));
    }
}
