package dev.jtorch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions a run records: jtorch's own, libtorch's (from the presets version, without loading natives) and
 * the Java runtime's. Read from {@code dev/jtorch/version.properties}, which Maven fills in.
 */
public final class Versions {
    private static final Properties PROPS = load();

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

    private static String get(String key) {
        String v = PROPS.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
    }

    /** jtorch's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String jtorch() {
        return get("jtorch");
    }

    /** The JavaCPP presets version, e.g. {@code 2.10.0-1.5.13}. */
    public static String presets() {
        return get("presets");
    }

    /** libtorch's version, e.g. {@code 2.10.0}: the presets version before its dash. */
    public static String libtorch() {
        String p = presets();
        int dash = p.indexOf('-');
        return dash > 0 ? p.substring(0, dash) : p;
    }

    /** The Java runtime's version, e.g. {@code 17.0.15}. */
    public static String java() {
        return System.getProperty("java.version", "unknown");
    }
}
