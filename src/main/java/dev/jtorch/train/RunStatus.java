package dev.jtorch.train;

import dev.jtorch.PyEnum;
import java.util.Locale;

/**
 * Where a run stands, as {@code config.json} records it: {@code running}, {@code finished} or {@code failed}.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public enum RunStatus implements PyEnum {
    /** The training program is (or was, if it died without saying so) still training. */
    RUNNING,
    /** {@link RunDirectory#markFinished()} was called. */
    FINISHED,
    /** {@link RunDirectory#markFailed(Throwable)} was called. */
    FAILED;

    /** The lower-case name written to {@code config.json}: {@code running}, {@code finished} or {@code failed}. */
    @Override
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended ({@link #FINISHED} or {@link #FAILED}). */
    public boolean isTerminal() {
        return this != RUNNING;
    }

    /**
     * Parses {@link #pythonName()}; unknown or missing values read as {@link #RUNNING} (where
     * {@code PyEnum.fromPython} throws).
     */
    public static RunStatus fromJson(String name) {
        if (name != null) {
            for (RunStatus s : values()) {
                if (s.pythonName().equals(name)) {
                    return s;
                }
            }
        }
        return RUNNING;
    }
}
