package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torch.save writes through AtomicFile: Python's permissions, crashed writers' temporaries cleaned up. */
class TorchSaveAtomicTest {
    @TempDir
    Path dir;

    private static Map<String, Object> checkpoint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 4);
        m.put("w", Torch.arange(6).view(2, 3).to(dev.jtorch.DType.FLOAT32));
        return m;
    }

    @Test
    void torchSaveGivesTheFilePythonsPermissionsNotTheTempFiles0600() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path probe = dir.resolve("probe");
        try (OutputStream out = Files.newOutputStream(probe)) {
            out.write(1);
        }
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe); // 0666 & ~umask
        Path f = dir.resolve("ckpt.pt");
        Torch.save(checkpoint(), f);
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        if (expected.equals(PosixFilePermissions.fromString("rw-r--r--"))) {
            assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.GROUP_READ), "0644 under 022");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Torch.load(f);
        assertEquals(4, back.get("epoch"));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, ((Tensor) back.get("w")).toFloatArray());
    }

    @Test
    void theNextSaveRemovesTheTemporaryACrashedSaveLeftOfThatPathAndNoOther() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        assumeTrue(ProcessHandle.of(dead).isEmpty(), "the finished process's id is not reused yet");
        Path crashed = dir.resolve(".ckpt.pt." + dead + ".00000000000000aa.tmp");
        Path otherTarget = dir.resolve(".best.pt." + dead + ".00000000000000bb.tmp");
        for (Path t : List.of(crashed, otherTarget)) {
            Files.write(t, new byte[1000]); // half a checkpoint
            Files.setLastModifiedTime(t, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        }
        Path f = dir.resolve("ckpt.pt");
        Torch.save(checkpoint(), f);
        assertFalse(Files.exists(crashed), "the crashed save's temporary of ckpt.pt is gone");
        assertTrue(Files.exists(otherTarget), "best.pt's temporary is not ckpt.pt's business");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(".best.pt." + dead + ".00000000000000bb.tmp", "ckpt.pt"),
                    s.map(x -> x.getFileName().toString()).sorted().toList());
        }
        assertEquals(4, ((Map<?, ?>) Torch.load(f)).get("epoch"));
    }

    @Tag("python")
    @Test
    void pythonLoadsTheAtomicallyWrittenFile() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed");
        Path f = dir.resolve("for_python.pt");
        Torch.save(checkpoint(), f);
        Python.Result r = Python.runCode(String.join("\n",
                "import sys, torch",
                "d = torch.load(sys.argv[1])",
                "print(d['epoch'], d['w'].reshape(-1).tolist())"), f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("4 [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]", r.stdout().strip());
    }
}
