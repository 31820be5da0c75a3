package dev.jtorch.distributed;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line {@link Launcher} starts each rank with: this JVM's java, its options and its class path. */
final class RankCommand {
    private RankCommand() {}

    /** {@code java <inherited options> <jvmArgs> -cp <class path> mainClass args...}. */
    static List<String> command(List<String> jvmArgs, String mainClass, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(inheritedJvmArgs());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * This JVM's memory and property options, for the ranks; not its agents and debugger options (a second JVM
     * listening on the same debug port would fail) nor Maven's own launcher properties.
     */
    static List<String> inheritedJvmArgs() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean memory = a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")
                    || a.startsWith("-XX:") && !a.startsWith("-XX:+StartFlightRecording")
                    && !a.startsWith("-XX:Flags");
            boolean property = a.startsWith("-D") && !a.startsWith("-Dclassworlds.") && !a.startsWith("-Dmaven.")
                    && !a.startsWith("-Dlibrary.jansi") && !a.startsWith("-Dsun.java.command")
                    && !a.startsWith("-Dcom.sun.management."); // a JMX port taken by every rank would collide
            boolean access = a.startsWith("--add-opens") || a.startsWith("--add-exports")
                    || a.startsWith("--enable-native-access");
            if (memory || property || access) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The class path the ranks get: this thread's class loader's URLs (the project's class path under
     * {@code mvn exec:java}, whose JVM class path is Maven's own), then {@code java.class.path}.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null && l != system;
                l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        boolean underMaven = System.getProperty("classworlds.conf") != null;
        if (!underMaven || entries.isEmpty()) {
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!e.isEmpty()) {
                    entries.add(e);
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
