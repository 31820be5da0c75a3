package dev.jtorch.distributed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * torchrun's job for JVMs ({@code python -m torch.distributed.run}): starts {@code nprocPerNode} processes of a main
 * class with this JVM's class path, each with torchrun's environment ({@code RANK}, {@code LOCAL_RANK},
 * {@code WORLD_SIZE}, {@code LOCAL_WORLD_SIZE}, {@code GROUP_RANK}, {@code MASTER_ADDR}, {@code MASTER_PORT}, and
 * {@code OMP_NUM_THREADS=1} when it is unset and several ranks share the machine), forwards rank 0's standard
 * output as it is and every other stream with a {@code [rankN]:} prefix to standard error, and waits.
 *
 * <p>A rank that fails (non-zero exit, a signal, a crash) ends the job: the other ranks are stopped (terminated,
 * then killed after a grace period) and {@link #launch} returns the failing rank's exit code. A launcher stopped by
 * a signal stops its ranks; a launcher killed outright is noticed by its ranks ({@code JTORCH_LAUNCHER_PID}), which
 * then exit. {@link Run} is the command line; {@link Dist#spawn} the library entry point.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/elastic/run.html">torchrun (torch.distributed.run)</a>.
 */
public final class Launcher {
    /** torchrun's default {@code --master-port}. */
    public static final int DEFAULT_MASTER_PORT = 29500;

    /** The launcher's options, torchrun's flags. */
    public static final class Options {
        private int nprocPerNode = 1;
        private int nnodes = 1;
        private int nodeRank;
        private String masterAddr = "127.0.0.1";
        private int masterPort = -1;
        private long graceMillis = 5000;
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();

        /** {@code --nproc-per-node}: processes on this machine (default 1). */
        public Options nprocPerNode(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("--nproc-per-node must be at least 1, got " + n);
            }
            this.nprocPerNode = n;
            return this;
        }

        /** {@code --nnodes}: machines in the job (default 1). */
        public Options nnodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("--nnodes must be at least 1, got " + n);
            }
            this.nnodes = n;
            return this;
        }

        /** {@code --node-rank}: this machine's index in {@code [0, nnodes)} (default 0). */
        public Options nodeRank(int r) {
            if (r < 0) {
                throw new IllegalArgumentException("--node-rank must not be negative, got " + r);
            }
            this.nodeRank = r;
            return this;
        }

        /** {@code --master-addr}: where rank 0 listens (default 127.0.0.1). */
        public Options masterAddr(String addr) {
            this.masterAddr = Objects.requireNonNull(addr, "masterAddr");
            return this;
        }

        /**
         * {@code --master-port}: rank 0's port. Default: a free port for a one-machine job (torchrun's
         * {@code --standalone}), 29500 for several machines.
         */
        public Options masterPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--master-port must be in [1, 65535], got " + port);
            }
            this.masterPort = port;
            return this;
        }

        /** How long stopped ranks get to exit before they are killed (default 5 s). */
        public Options graceMillis(long millis) {
            this.graceMillis = Math.max(0, millis);
            return this;
        }

        /** Where rank 0's standard output goes (default {@link System#out}). */
        public Options out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where every other stream goes, prefixed (default {@link System#err}). */
        public Options err(PrintStream err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        /** An extra environment variable for every rank. */
        public Options env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** An extra JVM option for every rank ({@code -Xmx2g}, {@code -Dkey=value}). */
        public Options jvmArg(String arg) {
            jvmArgs.add(Objects.requireNonNull(arg, "arg"));
            return this;
        }
    }

    private final Options o;

    /** A launcher with these options. */
    public Launcher(Options options) {
        this.o = Objects.requireNonNull(options, "options");
        if (o.nodeRank >= o.nnodes) {
            throw new IllegalArgumentException("--node-rank must be in [0, " + (o.nnodes - 1) + "], got " + o.nodeRank);
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} in every local rank, waits for them, and returns 0 when all exited
     * with 0, else the exit code of the first rank that failed (128 + the signal for a killed one).
     */
    public int launch(String mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        int port = o.masterPort > 0 ? o.masterPort : o.nnodes == 1 ? freePort() : DEFAULT_MASTER_PORT;
        int worldSize = o.nnodes * o.nprocPerNode;
        boolean setOmp = System.getenv("OMP_NUM_THREADS") == null && !o.env.containsKey("OMP_NUM_THREADS")
                && o.nprocPerNode > 1;
        if (setOmp) {
            o.err.println("jtorch: setting OMP_NUM_THREADS environment variable for each process to be 1 in default, "
                    + "to avoid your system being overloaded, please further tune the variable for optimal "
                    + "performance in your application as needed.");
        }
        List<Process> ranks = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        Thread hook = new Thread(() -> stop(ranks, Math.min(o.graceMillis, 3000)), "jtorch-launcher-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int local = 0; local < o.nprocPerNode; local++) {
                int rank = o.nodeRank * o.nprocPerNode + local;
                ProcessBuilder pb = new ProcessBuilder(command(mainClass, args));
                Map<String, String> env = pb.environment();
                env.putAll(o.env);
                env.put("RANK", Integer.toString(rank));
                env.put("LOCAL_RANK", Integer.toString(local));
                env.put("WORLD_SIZE", Integer.toString(worldSize));
                env.put("LOCAL_WORLD_SIZE", Integer.toString(o.nprocPerNode));
                env.put("GROUP_RANK", Integer.toString(o.nodeRank));
                env.put("MASTER_ADDR", o.masterAddr);
                env.put("MASTER_PORT", Integer.toString(port));
                env.put(LauncherWatch.ENV, Long.toString(ProcessHandle.current().pid()));
                if (setOmp) {
                    env.put("OMP_NUM_THREADS", "1");
                }
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start rank " + rank + ": " + e.getMessage(), e);
                }
                synchronized (ranks) {
                    ranks.add(p);
                }
                p.getOutputStream().close();
                if (rank == 0) {
                    pumps.add(RankOutput.rankZeroOut(p.getInputStream(), o.out, o.err));
                    pumps.add(RankOutput.copy(p.getErrorStream(), o.err, "rank0-err"));
                } else {
                    String prefix = "[rank" + rank + "]:";
                    pumps.add(RankOutput.prefixed(p.getInputStream(), o.err, prefix, "rank" + rank + "-out"));
                    pumps.add(RankOutput.prefixed(p.getErrorStream(), o.err, prefix, "rank" + rank + "-err"));
                }
            }
            int code = await(ranks);
            for (Thread t : pumps) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            o.out.flush();
            o.err.flush();
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(ranks, 0);
            return 130;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stop(ranks, 0);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    /** Waits for every rank; at the first failure stops the others. Returns the job's exit code. */
    private int await(List<Process> ranks) throws InterruptedException {
        while (true) {
            boolean allDone = true;
            for (int r = 0; r < ranks.size(); r++) {
                Process p = ranks.get(r);
                if (p.isAlive()) {
                    allDone = false;
                } else if (p.exitValue() != 0) {
                    int rank = o.nodeRank * o.nprocPerNode + r;
                    o.err.println("jtorch.distributed.Run: rank " + rank + " (pid " + p.pid() + ") exited with code "
                            + p.exitValue() + "; stopping the other ranks");
                    stop(ranks, o.graceMillis);
                    return p.exitValue();
                }
            }
            if (allDone) {
                return 0;
            }
            Thread.sleep(50);
        }
    }

    /** Terminates every live rank (and its children), then kills whatever is left after {@code graceMillis}. */
    private static void stop(List<Process> ranks, long graceMillis) {
        List<Process> live = new ArrayList<>();
        synchronized (ranks) {
            for (Process p : ranks) {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    live.add(p);
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (Process p : live) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<String> command(String mainClass, String[] args) {
        return RankCommand.command(o.jvmArgs, mainClass, args);
    }

    /** This JVM's memory and property options, for the ranks (see {@link RankCommand#inheritedJvmArgs()}). */
    static List<String> inheritedJvmArgs() {
        return RankCommand.inheritedJvmArgs();
    }

    /** The class path the ranks get (see {@link RankCommand#classPath()}). */
    static String classPath() {
        return RankCommand.classPath();
    }

    /** A free TCP port on the loopback address, for a one-machine job's rendezvous. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the rendezvous: " + e.getMessage(), e);
        }
    }
}
