package dev.jtorch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python PyTorch (Debian's {@code python3-torch}) for interop tests, which skip where it is missing. The
 * interpreter is {@code $JTORCH_PYTHON}, else {@code /usr/bin/python3}.
 */
public final class Python {
    private static Boolean available;

    private Python() {}

    /** The interpreter to use. */
    public static String executable() {
        String env = System.getenv("JTORCH_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    /** Whether the interpreter exists and imports torch. */
    public static synchronized boolean hasTorch() {
        if (available == null) {
            try {
                available = Files.isExecutable(Path.of(executable())) && run("-c", "import torch").exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    /**
     * Makes Debian's python3-torch use the reference BLAS, whatever the system's alternatives select, as
     * {@code gen_all_golden.sh} does: matrix products then round as they did when the golden files were written.
     */
    static void referenceBlas(java.util.Map<String, String> env) {
        List<String> dirs = new ArrayList<>();
        for (String d : List.of("/usr/lib/x86_64-linux-gnu/blas", "/usr/lib/x86_64-linux-gnu/lapack")) {
            if (Files.isDirectory(Path.of(d))) {
                dirs.add(d);
            }
        }
        String old = env.get("LD_LIBRARY_PATH");
        if (old != null && !old.isEmpty()) {
            dirs.add(old);
        }
        if (!dirs.isEmpty()) {
            env.put("LD_LIBRARY_PATH", String.join(":", dirs));
        }
        env.put("OMP_NUM_THREADS", "1");
        env.put("OPENBLAS_CORETYPE", "Haswell"); // OpenBLAS's AVX2 kernels, as the golden files (pom.xml)
        env.put("MPLBACKEND", "Agg");
    }

    /** Whether the interpreter imports the module (e.g. {@code sklearn}). */
    public static boolean hasModule(String module) {
        if (!hasTorch()) {
            return false;
        }
        try {
            return run("-c", "import " + module).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where Debian's OpenBLAS (package libopenblas0-pthread) keeps its libblas.so.3. */
    static final Path OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");

    /**
     * Whether Debian's OpenBLAS is installed. jtorch's libtorch multiplies matrices with OpenBLAS (bundled by the
     * presets), so where the reference BLAS rounds a float32 product differently, Python with OpenBLAS is the twin
     * that prints the same digits (see {@link #runWithOpenBlas}).
     */
    public static boolean hasOpenBlas() {
        return Files.isRegularFile(OPENBLAS.resolve("libblas.so.3"));
    }

    /** What a finished Python process printed. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /** Runs the interpreter with the arguments, in the repository root, for at most five minutes. */
    public static Result run(String... args) throws IOException {
        return exec(null, false, args);
    }

    /** Runs a program given as text ({@code python3 -c code args...}); {@code sys.argv[1:]} are the arguments. */
    public static Result runCode(String code, String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = code;
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    /** Runs the interpreter in the directory {@code cwd} (null: the repository root), for at most five minutes. */
    public static Result runIn(Path cwd, String... args) throws IOException {
        return exec(cwd, false, args);
    }

    /**
     * As {@link #run}, but with Debian's OpenBLAS (as {@code gen_all_golden.sh} runs the scripts whose golden files
     * are written with it) instead of the reference BLAS.
     */
    public static Result runWithOpenBlas(String... args) throws IOException {
        return exec(null, true, args);
    }

    private static Result exec(Path cwd, boolean openBlas, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("jtorch-python", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            if (cwd != null) {
                pb.directory(cwd.toFile());
            }
            referenceBlas(pb.environment());
            if (openBlas) {
                pb.environment().put("LD_LIBRARY_PATH", OPENBLAS.toString());
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("python did not finish: " + cmd);
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
