package dev.jtorch.bench;

import java.io.PrintStream;

/**
 * Prints the benchmarks' figures as {@code bench <name>: <value> <unit> (target <comparison>)} lines and counts the
 * targets met for the closing {@code bench summary: <met> of <total> targets met} line.
 */
final class Report {

    private final PrintStream out;
    private int met;
    private int total;

    Report(PrintStream out) {
        this.out = out;
    }

    /** A figure without a target, printed with {@code decimals} decimals. */
    void figure(String name, double value, int decimals, String unit) {
        out.printf("bench %s: %." + decimals + "f %s (no target)%n", name, value, unit);
    }

    /** A ratio whose target is {@code value <= target}. */
    void ratio(String name, double value, double target) {
        atMost(name, value, 3, "ratio", target, 2);
    }

    /** A figure whose target is {@code value <= target}; the target is printed with {@code targetDecimals}. */
    void atMost(String name, double value, int decimals, String unit, double target, int targetDecimals) {
        boolean ok = value <= target;
        total++;
        if (ok) {
            met++;
        }
        out.printf("bench %s: %." + decimals + "f %s (target <= %." + targetDecimals + "f: %s)%n", name, value, unit,
                target, ok ? "met" : "missed");
    }

    /** A figure whose target is {@code value >= target}. */
    void atLeast(String name, double value, int decimals, String unit, double target, int targetDecimals) {
        boolean ok = value >= target;
        total++;
        if (ok) {
            met++;
        }
        out.printf("bench %s: %." + decimals + "f %s (target >= %." + targetDecimals + "f: %s)%n", name, value, unit,
                target, ok ? "met" : "missed");
    }

    /** A contender or figure that could not be measured here, and why; its target is not counted. */
    void skipped(String name, String why) {
        out.printf("bench %s: skipped (%s)%n", name, why);
    }

    void summary() {
        out.println("bench summary: " + met + " of " + total + " targets met");
    }
}
