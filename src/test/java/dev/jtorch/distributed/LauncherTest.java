package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** torchrun's contract: the environment, the output, and a job that ends cleanly and fast when a rank dies. */
class LauncherTest {

    @Test
    void ranksGetTorchrunsEnvironmentAndOnlyRankZeroPrintsOnStandardOutput() {
        Ranks.Job job = Ranks.run(3, "env");
        assertEquals(0, job.exitCode(), job.toString());
        assertTrue(job.out().startsWith("env RANK=0 LOCAL_RANK=0 WORLD_SIZE=3 LOCAL_WORLD_SIZE=3 "
                + "MASTER_ADDR=127.0.0.1 OMP_NUM_THREADS="), job.out());
        assertEquals(1, job.out().lines().count(), job.out());
        assertTrue(job.err().contains("[rank1]:env RANK=1 LOCAL_RANK=1 WORLD_SIZE=3"), job.err());
        assertTrue(job.err().contains("[rank2]:stderr of rank 2"), job.err());
        assertTrue(job.err().contains("stderr of rank 0"), job.err());
        assertFalse(job.err().contains("[rank0]"), job.err());
    }

    @Test
    void aRankThatFailsEndsTheJobWithItsExitCodeAndNoRankIsLeft() {
        Ranks.Job job = Ranks.run(new Launcher.Options().nprocPerNode(3).graceMillis(2000), "die", "1");
        assertEquals(3, job.exitCode(), job.toString());
        assertTrue(job.err().contains("rank 1 (pid "), job.err());
        assertTrue(job.millis() < 30_000, "the job took " + job.millis() + " ms");
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
                "ranks left behind");
    }

    @Test
    void aRankKilledWithSigkillEndsTheJob() throws Exception {
        var options = new Launcher.Options().nprocPerNode(2).graceMillis(2000);
        CompletableFuture<Ranks.Job> job = CompletableFuture.supplyAsync(() -> Ranks.run(options, "hang"));
        List<ProcessHandle> ranks = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ranks.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ranks = ProcessHandle.current().descendants().filter(p -> p.isAlive()
                    && p.info().command().orElse("").endsWith("java")).toList();
        }
        assertEquals(2, ranks.size(), "two ranks started");
        Thread.sleep(3000); // the ranks are in their all-reduce loop
        long killedAt = System.nanoTime();
        ranks.get(1).destroyForcibly();
        Ranks.Job done = job.get(60, TimeUnit.SECONDS);
        long took = (System.nanoTime() - killedAt) / 1_000_000;
        assertEquals(137, done.exitCode(), done.toString());
        assertTrue(took < 15_000, "the job ended " + took + " ms after the kill");
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
                "ranks left behind");
    }

    @Test
    void theSurvivorsCollectiveFailsWithAClearErrorInsteadOfHanging() throws Exception {
        // the ranks are started by hand (no launcher to stop rank 0), with the env:// variables
        int port = Launcher.freePort();
        Process[] ranks = new Process[2];
        for (int r = 0; r < 2; r++) {
            ProcessBuilder pb = new ProcessBuilder(List.of(
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    Launcher.classPath(), DistWorker.class.getName(), "survivor"));
            pb.environment().put("RANK", Integer.toString(r));
            pb.environment().put("WORLD_SIZE", "2");
            pb.environment().put("MASTER_ADDR", "127.0.0.1");
            pb.environment().put("MASTER_PORT", Integer.toString(port));
            pb.redirectErrorStream(true);
            ranks[r] = pb.start();
        }
        try {
            assertTrue(ranks[0].waitFor(60, TimeUnit.SECONDS), "rank 0 hangs");
            String out = new String(ranks[0].getInputStream().readAllBytes());
            assertEquals(0, ranks[0].exitValue(), out);
            assertTrue(out.contains("caught DistBackendError after "), out);
            long ms = Long.parseLong(out.replaceAll("(?s).*caught DistBackendError after (\\d+) ms.*", "$1"));
            assertTrue(ms < 16_000, "noticed after " + ms + " ms (the group's timeout is 15 s)");
        } finally {
            for (Process p : ranks) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aPortInUseIsAClearError() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ranks.Job job = Ranks.run(new Launcher.Options().nprocPerNode(2).masterPort(busy.getLocalPort())
                    .graceMillis(1000), "hang");
            assertTrue(job.exitCode() != 0, job.toString());
            assertTrue(job.err().contains("DistBackendError") && job.err().contains("address already in use"),
                    job.toString());
            assertTrue(job.millis() < 30_000, "took " + job.millis() + " ms");
        }
    }

    @Test
    void aWrongWorldSizeTimesOutWithAClearError() {
        // WORLD_SIZE says 3 but only 2 ranks come: rank 0's store gives up after the rendezvous timeout
        Ranks.Job job = Ranks.run(new Launcher.Options().nprocPerNode(2).graceMillis(1000), "wrong-world");
        assertTrue(job.exitCode() != 0, job.toString());
        assertTrue(job.err().contains("DistBackendError") && job.err().toLowerCase().contains("timed out"),
                job.toString());
        assertTrue(job.millis() < 40_000, "took " + job.millis() + " ms");
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Launcher.Options().nprocPerNode(0));
        assertThrows(IllegalArgumentException.class, () -> new Launcher.Options().masterPort(70000));
        assertThrows(IllegalArgumentException.class,
                () -> new Launcher(new Launcher.Options().nnodes(2).nodeRank(2)));
        assertEquals(2, Run.run("--nproc-per-node", "x", "Main"), "bad flags exit with 2");
    }
}
