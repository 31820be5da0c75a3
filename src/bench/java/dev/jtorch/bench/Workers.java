package dev.jtorch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The external contenders of one thread count: Python PyTorch ({@code src/bench/python/bench_torch.py} under
 * {@code jtorch.bench.python}, default Debian's {@code /usr/bin/python3}) and the C++ program of
 * {@code native/bench} ({@link NativeBuild}, labelled with the libtorch it was built against), each with the reason
 * it is missing.
 */
final class Workers implements AutoCloseable {

    static final String PYTHON = System.getProperty("jtorch.bench.python", "/usr/bin/python3");
    static final Path PYTHON_SCRIPT = Path.of("src/bench/python/bench_torch.py");

    /** A worker, or null with the reason it is not there; {@code note} is appended to its figures' names. */
    record Entry(Worker worker, String why, String note) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Workers(int threads) {
        if (Files.isExecutable(Path.of(PYTHON)) && Files.isRegularFile(PYTHON_SCRIPT)) {
            Worker python = Worker.start(List.of(PYTHON, PYTHON_SCRIPT.toString(), Integer.toString(threads)));
            entries.put("python", new Entry(python, "python3-torch not installed", ""));
        } else {
            entries.put("python", new Entry(null, "python3-torch not installed", ""));
        }
        NativeBuild.Result build = NativeBuild.get();
        if (build.program() != null) {
            Worker cpp = Worker.start(List.of(build.program().toString(), Integer.toString(threads)));
            // Debian's libtorch-dev is 1.13, not jtorch's 2.10: the figures' names say which one this is.
            entries.put("cpp", new Entry(cpp, build.program() + " did not start", "_libtorch" + build.torchVersion()));
        } else {
            entries.put("cpp", new Entry(null, build.why(), ""));
        }
    }

    Map<String, Entry> all() {
        return entries;
    }

    /** The Python worker, or null. */
    Worker python() {
        return entries.get("python").worker();
    }

    @Override
    public void close() {
        entries.values().forEach(e -> {
            if (e.worker() != null) {
                e.worker().close();
            }
        });
    }
}
