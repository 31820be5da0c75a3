package dev.jtorch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions a program runs with: jtorch's own, the JavaCPP presets' and libtorch's, the Java runtime's, as
 * run directories record them ({@code config.json}), the progress page shows them and the examples print them
 * ({@code --version}). jtorch's version is known in one place, the build (Maven writes it into
 * {@code dev/jtorch/version.properties}); the presets' version is read at run time from the presets jar on the
 * class path (its manifest), without loading natives. {@link Torch#version()} asks the natives themselves.
 *
 * <p>Python's counterparts are {@code torch.__version__} and
 * <a href="https://pytorch.org/docs/stable/config_mod.html">torch.__config__</a>; which jtorch and presets
 * versions run is jtorch's own, with no PyTorch counterpart.
 */
public final class Versions {
    private static final Properties BUILD = load();

    private Versions() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/jtorch/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown versions are reported as "unknown"
        }
        return p;
    }

    private static String built(String key) {
        String v = BUILD.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }

    /** jtorch's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String jtorch() {
        return built("jtorch");
    }

    /**
     * The version of the JavaCPP Presets for PyTorch on the class path, e.g. {@code 2.10.0-1.5.13}: the presets
     * jar's {@code Implementation-Version}, or the version jtorch was built against where the jar has no manifest
     * (a repackaged jar).
     */
    public static String presets() {
        try {
            // not initialised: its static initialiser would load the natives
            Class<?> c = Class.forName("org.bytedeco.pytorch.Tensor", false, Versions.class.getClassLoader());
            Package p = c.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the presets are missing: the built-against version below
        }
        return built("presets");
    }

    /** libtorch's version as the presets name it, e.g. {@code 2.10.0}: the presets version before its dash. */
    public static String libtorch() {
        String p = presets();
        int dash = p.indexOf('-');
        return dash > 0 ? p.substring(0, dash) : p;
    }

    /** The Java runtime's version, e.g. {@code 17.0.15}. */
    public static String java() {
        return System.getProperty("java.version", "unknown");
    }

    /** One line for {@code --version}: {@code jtorch 0.1.0 (libtorch 2.10.0, presets 2.10.0-1.5.13, Java 17.0.15)}. */
    public static String line() {
        return "jtorch " + jtorch() + " (libtorch " + libtorch() + ", presets " + presets() + ", Java " + java() + ")";
    }
}
