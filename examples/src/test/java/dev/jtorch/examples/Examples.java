package dev.jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtorch.testing.Python;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Helpers of the example tests: an example's standard output, its golden file, its Python twin's output. */
final class Examples {
    private Examples() {}

    /** What the example printed to its output stream; fails unless it exited with 0. */
    static String output(BiFunction<String[], PrintStream, Integer> example, List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = example.apply(args.toArray(String[]::new), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The committed output of the Python twin for {@code args} (named as gen_all_golden.sh names it). */
    static String golden(String seed, String args) throws IOException {
        return dev.jtorch.testing.Golden.text(
                "examples/" + (seed + " " + args).replace("-", "").replace(' ', '_') + ".txt");
    }

    /** Runs the Python twin (as gen_all_golden.sh does) and returns its standard output; fails unless it exits 0. */
    static String python(String script, List<String> args) throws IOException {
        return python(false, script, args);
    }

    /** As {@link #python(String, List)}, with Debian's OpenBLAS when {@code openBlas}. */
    static String python(boolean openBlas, String script, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("src/test/python/" + script);
        cmd.addAll(args);
        String[] a = cmd.toArray(String[]::new);
        Python.Result py = openBlas ? Python.runWithOpenBlas(a) : Python.run(a);
        assertEquals(0, py.exitCode(), py.stderr());
        return py.stdout();
    }

    /** The words of a flag string plus extra ones. */
    static List<String> args(String flags, String... more) {
        List<String> out = new ArrayList<>(List.of(flags.split(" ")));
        out.addAll(List.of(more));
        return out;
    }
}
