package dev.jtorch.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the C++ contender ({@code native/bench}, against the system's libtorch, Debian's {@code libtorch-dev}) with
 * CMake into {@code target/native-bench}, once per JVM: the program, the libtorch version it was built against, or
 * why there is none. CMake is {@code jtorch.bench.cmake} (default {@code cmake}, looked up on {@code PATH}).
 */
final class NativeBuild {

    static final String CMAKE = System.getProperty("jtorch.bench.cmake", "cmake");
    static final Path SOURCE = Path.of("native/bench");
    static final Path BUILD = Path.of("target/native-bench");

    /** The built program and its libtorch version ({@code major.minor}), or a null program and why. */
    record Result(Path program, String torchVersion, String why) {
    }

    private static Result result;

    private NativeBuild() {
    }

    static synchronized Result get() {
        if (result == null) {
            result = build();
        }
        return result;
    }

    private static Result build() {
        String cmake = locate(CMAKE);
        if (cmake == null) {
            return failed("cmake not installed");
        }
        if (!Files.isRegularFile(SOURCE.resolve("CMakeLists.txt"))) {
            return failed(SOURCE + " not found");
        }
        Path program = BUILD.resolve("bench_torch");
        if (!Files.isExecutable(program)) {
            System.err.println("bench: building the C++ contender " + SOURCE + " into " + BUILD);
        }
        String configure = run(cmake, "-S", SOURCE.toString(), "-B", BUILD.toString(), "-DCMAKE_BUILD_TYPE=Release");
        if (configure != null) {
            if (configure.contains("libtorch-dev not installed")) {
                return failed("libtorch-dev not installed");
            }
            return reportFailure("cmake configure", configure);
        }
        String compile = run(cmake, "--build", BUILD.toString());
        if (compile != null) {
            return reportFailure("cmake --build", compile);
        }
        try {
            String[] version = Files.readString(BUILD.resolve("torch-version.txt")).trim().split("\\.");
            String majorMinor = String.join(".", Arrays.copyOf(version, Math.min(2, version.length)));
            return new Result(program, majorMinor, null);
        } catch (IOException e) {
            return reportFailure("reading torch-version.txt", e.toString());
        }
    }

    /** Runs a command; null when it succeeds, else {@code exit <status>} and its output on the following lines. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            return status == 0 ? null : "exit " + status + "\n" + output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Result reportFailure(String step, String output) {
        List<String> lines = new ArrayList<>(output.lines().filter(l -> !l.isBlank()).toList());
        String status = !lines.isEmpty() && lines.get(0).startsWith("exit ") ? " (" + lines.remove(0) + ")" : "";
        List<String> tail = lines.subList(Math.max(0, lines.size() - 8), lines.size());
        System.err.println("bench: building " + SOURCE + " failed at " + step + status + ":");
        tail.forEach(l -> System.err.println("  " + l));
        return failed("native build failed at " + step + ", see standard error");
    }

    private static Result failed(String why) {
        return new Result(null, null, why);
    }

    /** {@code command} as given when it holds a slash, else its first executable on {@code PATH}; null if none. */
    private static String locate(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command)) ? command : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return null;
    }
}
