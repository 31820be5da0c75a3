package dev.jtorch.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.testing.Python;
import dev.jtorch.vision.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live checks against Pillow: PIL reads the PNGs Java writes as the same pixels, and resizes them as Java does. */
class PilLiveTest {
    @Tag("python")
    @Test
    void pilReadsJavasPngsAndResizesThemAsJavaDoes(@TempDir Path dir) throws IOException {
        assumeTrue(Python.hasModule("PIL"), "Pillow is not installed (apt-get install python3-pil)");
        byte[] p = new byte[23 * 17 * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 37 + (i / 69) * 11);
        }
        Image img = new Image(Image.Mode.RGB, 23, 17, p);
        Path file = dir.resolve("j.png");
        img.save(file);
        Python.Result r = Python.runCode("import sys\nfrom PIL import Image\n"
                + "im = Image.open(sys.argv[1])\n"
                + "print(im.mode, im.size, im.tobytes().hex())\n"
                + "print(im.resize((9, 31), Image.BILINEAR).tobytes().hex())\n"
                + "print(im.rotate(-21.5).tobytes().hex())\n", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals("RGB (23, 17) " + HexFormat.of().formatHex(p), lines[0]);
        assertEquals(HexFormat.of().formatHex(img.resize(9, 31, Image.Resampling.BILINEAR).pixels()), lines[1]);
        assertEquals(HexFormat.of().formatHex(img.rotate(-21.5).pixels()), lines[2]);
    }
}
