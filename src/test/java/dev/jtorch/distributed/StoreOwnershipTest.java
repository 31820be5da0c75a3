package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendezvous store is freed exactly once: when the backend fails to construct (before or inside c10d's
 * constructor) and when a group is closed. The store's own traces say so: a {@code FileStore}'s destructor appends its {@code cleanup/} key to
 * the file (once per destruction: none when leaked, two when freed twice) and a {@code TCPStore} server's destructor
 * closes its port (a leaked one keeps it bound, so the next rendezvous on that port fails).
 */
class StoreOwnershipTest {
    /** An interface no machine has: gloo's device lookup fails before the backend's constructor is called. */
    private static final Map<String, String> NO_SUCH_INTERFACE = Map.of("GLOO_SOCKET_IFNAME", "jtorch-none0");

    private static InitOptions fileOptions(Path file, int worldSize, Duration timeout) {
        return new InitOptions().initMethod("file://" + file).rank(0).worldSize(worldSize).timeout(timeout);
    }

    private static int destructions(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = text.indexOf("cleanup/"); i >= 0; i = text.indexOf("cleanup/", i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aBackendThatFailsBeforeItsConstructorFreesTheStoreOnceEveryTime(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            long before = Pointer.physicalBytes();
            for (int i = 0; i < 300; i++) {
                Path file = dir.resolve("store" + i);
                InitOptions o = fileOptions(file, 2, Duration.ofSeconds(5)); // world size 2: the file stays
                Rendezvous.Result r = Rendezvous.connect(o, k -> null);
                var e = assertThrows(DistBackendError.class,
                        () -> ProcessGroupFactory.create(Backend.GLOO, r, o, NO_SUCH_INTERFACE::get));
                if (i == 0) {
                    assertTrue(e.getMessage().contains("jtorch-none0"), e.getMessage());
                }
                assertEquals(1, destructions(file), "store " + i + " destroyed");
                Files.delete(file);
            }
            long grown = Pointer.physicalBytes() - before;
            assertTrue(grown < 256L << 20, "resident memory grew by " + (grown >> 20) + " MB over 300 failures");
            assertFalse(Dist.isInitialized());
        });
    }

    @Test
    void aBackendThatFailsInsideItsConstructorFreesTheStoreOnce(@TempDir Path dir) {
        // world size 2 and no rank 1: gloo's connectFullMesh, inside ProcessGroupGloo's constructor, times out
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 4; i++) {
                Path file = dir.resolve("store" + i);
                InitOptions o = fileOptions(file, 2, Duration.ofSeconds(1));
                Rendezvous.Result r = Rendezvous.connect(o, k -> null);
                var e = assertThrows(DistBackendError.class,
                        () -> ProcessGroupFactory.create(Backend.GLOO, r, o, k -> null));
                assertFalse(e.getMessage().isEmpty());
                assertEquals(1, destructions(file), "store " + i + " destroyed");
            }
        });
    }

    @Test
    void aFailedBackendReleasesItsTcpStoresPortEveryTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            int port = Launcher.freePort();
            Map<String, String> env = Map.of("RANK", "0", "WORLD_SIZE", "1", "MASTER_ADDR", "127.0.0.1",
                    "MASTER_PORT", Integer.toString(port), "GLOO_SOCKET_IFNAME", "jtorch-none0");
            InitOptions o = new InitOptions().timeout(Duration.ofSeconds(10));
            for (int i = 0; i < 100; i++) {
                Rendezvous.Result r = Rendezvous.connect(o, env::get); // a leaked server would keep the port
                var e = assertThrows(DistBackendError.class,
                        () -> ProcessGroupFactory.create(Backend.GLOO, r, o, env::get));
                assertTrue(e.getMessage().contains("jtorch-none0"), i + ": " + e.getMessage());
            }
            // and the port is free for a real group afterwards
            Rendezvous.Result r = Rendezvous.connect(o, k -> k.equals("GLOO_SOCKET_IFNAME") ? null : env.get(k));
            ProcessGroup g = ProcessGroupFactory.create(Backend.GLOO, r, o, k -> null);
            g.barrier(false);
            g.close();
        });
    }

    @Test
    void aClosedGroupFreesItsStoreAndBackend(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            long threads = nativeThreads();
            for (int i = 0; i < 60; i++) {
                Path file = dir.resolve("store" + i);
                ProcessGroup g = Dist.initProcessGroup(Backend.GLOO, fileOptions(file, 1, Duration.ofSeconds(20)));
                if (i % 3 == 0) {
                    var ddp = new dev.jtorch.nn.parallel.DistributedDataParallel<>(new dev.jtorch.nn.Linear(3, 2));
                    ddp.forward(dev.jtorch.Torch.randn(4, 3)).sum().backward();
                } else {
                    g.allReduce(dev.jtorch.Torch.ones(3), ReduceOp.SUM, false);
                }
                assertTrue(Files.exists(file));
                Dist.destroyProcessGroup();
                // world size 1: the store's destructor is the last one out and removes the file
                assertFalse(Files.exists(file), "store " + i + " was not freed");
            }
            // each backend has its own native threads: a backend left alive would keep them
            long grown = nativeThreads() - threads;
            assertTrue(grown < 30, grown + " more native threads after 60 groups were made and destroyed");
        });
    }

    /** The threads of this process, native ones included (Linux), or 0 where /proc is not there. */
    private static long nativeThreads() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (var s = Files.list(tasks)) {
            return s.count();
        }
    }
}
