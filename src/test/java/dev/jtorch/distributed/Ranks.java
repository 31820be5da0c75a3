package dev.jtorch.distributed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link DistWorker} scenarios as real multi-process jobs through {@link Launcher}, capturing the output. */
final class Ranks {
    /** A finished job: its exit code, rank 0's standard output, everything else, and how long it took. */
    record Job(int exitCode, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + millis + " ms\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Ranks() {}

    static Job run(int nproc, String... args) {
        return run(new Launcher.Options().nprocPerNode(nproc), args);
    }

    static Job run(Launcher.Options options, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = new Launcher(options.out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .launch(DistWorker.class.getName(), args);
        return new Job(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }
}
