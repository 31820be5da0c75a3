package dev.jtorch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code startup}: the main job end to end, as a user runs it, in child processes: {@code TrainingWorkflow --no-serve}
 * (30 epochs, its run directory in a temporary folder) against the Python script it ports
 * ({@code src/test/python/seed000_flags.py}, Debian's {@code python3-torch}). Wall time of the whole process and its
 * peak resident memory ({@code /usr/bin/time -f %M}, GNU time; without it the memory figures are skipped), median
 * of the rounds, the contenders alternating in a new seeded order each round. Targets (issue 17): jtorch/python at
 * most 1.1 for both, for the plain {@code java} command and for the documented recipe ({@code jtorch_recipe}: an
 * AppCDS archive of the job's classes, {@code -XX:SharedArchiveFile}, made first by one run with
 * {@code -XX:ArchiveClassesAtExit}; {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m -Xmx256m}). Beside them, with no
 * targets: the archive alone ({@code jtorch_appcds}) and C1 alone ({@code jtorch_c1}); and CPU time (user + system),
 * which a busy machine stretches less than wall time. {@link StartupProbe} then shows where a JVM's start goes
 * (median of three runs). The job runs on this module's classpath plus {@code examples/target/classes} (compiled
 * by the default build; skipped when missing) and picocli (a dependency of the {@code bench} profile).
 */
final class StartupBenchmark {

    static final String MAIN = "dev.jtorch.examples.TrainingWorkflow";
    /** The examples' classes, compiled by the default build (the benchmarks do not depend on that module). */
    static final Path EXAMPLES = Path.of("examples/target/classes");
    static final Path PYTHON_SCRIPT = Path.of("src/test/python/seed000_flags.py");
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Report report;

    StartupBenchmark(Report report) {
        this.report = report;
    }

    /** One process's wall seconds and peak resident MB (NaN when not measured). */
    private record Run(double wallSeconds, double peakMb, double cpuSeconds, String stdout) {
    }

    void run(String name, int rounds) throws IOException, InterruptedException {
        if (!Files.isRegularFile(EXAMPLES.resolve(MAIN.replace('.', '/') + ".class"))) {
            report.skipped(name, EXAMPLES + " has no TrainingWorkflow: compile the examples first (mvn -B -q "
                    + "test-compile)");
            return;
        }
        try {
            Class.forName("picocli.CommandLine", false, StartupBenchmark.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            report.skipped(name, "picocli is not on the benchmarks' classpath (run with -Pbench)");
            return;
        }
        try (TempDir tmp = TempDir.create("jtorch-startup")) {
            List<String> base = ChildJvm.command(List.of(), MAIN);
            classpath = jarClasspath(List.of(base.get(base.indexOf("-cp") + 1).split(java.io.File.pathSeparator)),
                    tmp.path());
            Path archive = tmp.path().resolve("jtorch-training-workflow.jsa");
            Path runs = tmp.path().resolve("runs");
            String[] jobArgs = {"--no-serve", "--run-dir", runs.toString()};
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("jtorch", job(List.of(), jobArgs));
            commands.put("jtorch_appcds", job(List.of("-XX:SharedArchiveFile=" + archive), jobArgs));
            commands.put("jtorch_c1", job(List.of("-XX:TieredStopAtLevel=1"), jobArgs));
            commands.put("jtorch_recipe", job(List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xms16m", "-Xmx256m"), jobArgs));
            boolean python = Files.isExecutable(Path.of(Workers.PYTHON)) && Files.isRegularFile(PYTHON_SCRIPT);
            if (python) {
                commands.put("python", List.of(Workers.PYTHON, PYTHON_SCRIPT.toString()));
            }
            // The archive: one run of the job that dumps the classes it loaded when it exits.
            Run dump = measure(job(List.of("-XX:ArchiveClassesAtExit=" + archive), jobArgs), tmp);
            if (!Files.isRegularFile(archive)) {
                commands.remove("jtorch_appcds");
                commands.remove("jtorch_recipe");
                report.skipped(name + "/jtorch_appcds", "-XX:ArchiveClassesAtExit made no archive");
            }
            Map<String, List<Run>> results = new LinkedHashMap<>();
            commands.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            Random order = new Random(8);
            List<String> names = new ArrayList<>(commands.keySet());
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(names, order);
                for (String c : names) {
                    results.get(c).add(measure(commands.get(c), tmp));
                }
            }
            report.figure(name + "/archive_dump_run", dump.wallSeconds(), 2, "s");
            for (var e : results.entrySet()) {
                report.figure(name + "/" + e.getKey() + "/wall", wall(e.getValue()), 2, "s");
                if (!Double.isNaN(rss(e.getValue()))) {
                    report.figure(name + "/" + e.getKey() + "/peak_rss", rss(e.getValue()), 1, "MB");
                    report.figure(name + "/" + e.getKey() + "/cpu", Rounds.median(e.getValue().stream()
                            .mapToDouble(Run::cpuSeconds).toArray()), 2, "s (user + system)");
                }
            }
            if (python) {
                List<Run> j = results.get("jtorch");
                List<Run> p = results.get("python");
                report.ratio(name + "/jtorch_over_python/wall", wall(j) / wall(p), 1.1);
                if (!Double.isNaN(rss(j))) {
                    report.ratio(name + "/jtorch_over_python/peak_rss", rss(j) / rss(p), 1.1);
                }
                if (results.containsKey("jtorch_recipe")) {
                    // The documented recipe (docs/notes/h-perf.md): AppCDS archive, C1 only, serial GC, a heap from 16 up to 256 MB.
                    List<Run> r = results.get("jtorch_recipe");
                    report.ratio(name + "/jtorch_recipe_over_python/wall", wall(r) / wall(p), 1.1);
                    if (!Double.isNaN(rss(r))) {
                        report.ratio(name + "/jtorch_recipe_over_python/peak_rss", rss(r) / rss(p), 1.1);
                    }
                }
                boolean same = j.get(0).stdout().equals(p.get(0).stdout());
                System.out.println("bench " + name + "/same_output: " + (same ? "yes" : "NO")
                        + " (standard output of jtorch and python, first round)");
            } else {
                report.skipped(name + "/python", "python3-torch not installed");
            }
            probe(name, tmp);
        }
    }

    private void probe(String name, TempDir tmp) throws IOException, InterruptedException {
        List<double[]> probes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String out = measure(ChildJvm.command(List.of(), StartupProbe.class), tmp).stdout().trim();
            String[] f = out.substring(out.lastIndexOf("probe ") + 6).trim().split(" ");
            probes.add(Arrays.stream(f).mapToDouble(Double::parseDouble).toArray());
        }
        String[] labels = {"jvm_to_main", "native_load", "first_ops"};
        for (int k = 0; k < labels.length; k++) {
            final int col = k;
            report.figure(name + "/split/" + labels[k], Rounds.median(probes.stream().mapToDouble(p -> p[col])
                    .toArray()), 0, "ms");
        }
        report.figure(name + "/split/classes_loaded", Rounds.median(probes.stream().mapToDouble(p -> p[3])
                .toArray()), 0, "classes");
    }

    /**
     * {@code java <options> -cp <jars> TrainingWorkflow <args>}: the jars of this module's classpath but DJL's, with
     * its class directories (the library's, this module's) and the examples' packed into jars in {@code tmp}, as a
     * user's classpath would be (AppCDS archives only classes from jars: a non-empty directory on the classpath makes
     * {@code -XX:ArchiveClassesAtExit} fail at start).
     */
    private List<String> job(List<String> options, String... args) {
        List<String> cmd = new ArrayList<>(ChildJvm.command(options, MAIN, args));
        int cp = cmd.indexOf("-cp") + 1;
        cmd.set(cp, classpath);
        return cmd;
    }

    private String classpath;

    private String jarClasspath(List<String> base, Path tmp) throws IOException {
        List<String> entries = new ArrayList<>();
        int k = 0;
        List<String> all = new ArrayList<>(base);
        all.add(EXAMPLES.toAbsolutePath().toString());
        for (String e : all) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                Path jar = tmp.resolve("classes-" + k++ + ".jar");
                pack(p, jar);
                entries.add(jar.toString());
            } else if (!e.contains("/ai/djl/")) {
                entries.add(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static double wall(List<Run> runs) {
        return Rounds.median(runs.stream().mapToDouble(Run::wallSeconds).toArray());
    }

    private static double rss(List<Run> runs) {
        return Rounds.median(runs.stream().mapToDouble(Run::peakMb).toArray());
    }

    private static Run measure(List<String> command, TempDir tmp) throws IOException, InterruptedException {
        Path timeOut = tmp.path().resolve("time.txt");
        Path stdout = tmp.path().resolve("stdout.txt");
        List<String> cmd = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        if (gnuTime) {
            cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", timeOut.toString()));
        }
        cmd.addAll(command);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int rc = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("exit status " + rc + ": " + String.join(" ", command));
        }
        double mb = Double.NaN;
        double cpu = Double.NaN;
        if (gnuTime) {
            List<String> lines = Files.readAllLines(timeOut, StandardCharsets.UTF_8);
            String[] f = lines.get(lines.size() - 1).trim().split(" ");
            mb = Double.parseDouble(f[0]) * 1024 / 1e6; // KiB -> MB
            cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
        }
        return new Run(wall, mb, cpu, Files.readString(stdout, StandardCharsets.UTF_8));
    }
}
