package dev.jtorch.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM like this one (same {@code java} binary, same classpath) running another main class of
 * the benchmarks. Under {@code mvn exec:java} the benchmarks run inside Maven's JVM, whose {@code java.class.path}
 * is Maven's own; the project's classpath is then the URLs of the loader exec:java built for it.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        return command(jvmOptions, main.getName(), classpath(main), args);
    }

    /**
     * The same for a main class named, not loaded (one compiled only in a profile, such as the DJL worker): the
     * classpath is this module's, as for {@link ChildJvm}'s own class.
     */
    static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        return command(jvmOptions, mainClass, classpath(ChildJvm.class), args);
    }

    private static List<String> command(List<String> jvmOptions, String mainClass, String classpath,
            String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String classpath(Class<?> main) {
        if (!(main.getClassLoader() instanceof URLClassLoader loader)) {
            return System.getProperty("java.class.path"); // plain java -cp: the application class loader
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file: a child JVM could not use it either
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
