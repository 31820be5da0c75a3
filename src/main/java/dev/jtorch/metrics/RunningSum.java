package dev.jtorch.metrics;

/** A compensated (Neumaier) running sum, so that streamed means agree with NumPy's to rounding. */
final class RunningSum {
    private double sum;
    private double compensation;

    void add(double v) {
        double t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }
}
