package dev.jtorch.distributed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a rank started by {@link Launcher}: ends this process when the launcher is gone (killed with {@code kill -9},
 * say, so that it could not stop its ranks itself), so that no rank is left behind waiting on a collective.
 * The launcher's process id comes in {@code JTORCH_LAUNCHER_PID}.
 */
final class LauncherWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherWatch.class);

    static final String ENV = "JTORCH_LAUNCHER_PID";
    private static boolean started;

    private LauncherWatch() {}

    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        String pid = System.getenv(ENV);
        if (pid == null) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(pid.strip());
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(id).ifPresentOrElse(
                launcher -> launcher.onExit().thenRun(LauncherWatch::launcherGone),
                LauncherWatch::launcherGone);
    }

    private static void launcherGone() {
        LOG.error("the launcher of this rank has exited; stopping");
        Runtime.getRuntime().halt(143);
    }
}
