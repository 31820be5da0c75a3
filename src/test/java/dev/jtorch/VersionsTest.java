package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Versions come from the build (jtorch's), the presets jar and the natives (libtorch's), not from literals. */
class VersionsTest {
    /** A property of the root pom.xml, read as text (the build's one source of versions). */
    private static String pomProperty(String name) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    @Test
    void jtorchsVersionIsTheBuildsVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>jtorch-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find());
        assertEquals(m.group(1), Versions.jtorch());
    }

    @Test
    void thePresetsVersionIsReadFromTheJarOnTheClassPath() throws IOException {
        assertEquals(pomProperty("pytorch.version"), Versions.presets());
        assertEquals(pomProperty("pytorch.version").split("-")[0], Versions.libtorch());
        Properties built = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/jtorch/version.properties")) {
            built.load(in);
        }
        assertEquals(built.getProperty("presets"), Versions.presets());
    }

    @Test
    void torchVersionIsWhatTheNativesSay() {
        // libtorch's own build settings (torch.__config__.show()) name 2.10.0 for the 2.10.0-1.5.13 presets
        assertEquals("2.10.0", Torch.version());
        assertEquals(Versions.libtorch(), Torch.version());
    }

    @Test
    void theVersionLineNamesEachPart() {
        assertEquals("jtorch " + Versions.jtorch() + " (libtorch " + Versions.libtorch() + ", presets "
                + Versions.presets() + ", Java " + System.getProperty("java.version") + ")", Versions.line());
    }
}
