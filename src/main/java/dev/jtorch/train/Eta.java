package dev.jtorch.train;

/**
 * Elapsed time and the estimated time left of a run's progress reports: the clock starts at the first report,
 * and the estimate assumes the rest goes as fast as what is done ({@code elapsed * (1 - f) / f} for the fraction
 * {@code f} done). Not thread-safe: its run calls it under its lock.
 */
final class Eta {
    private long startNanos = -1;

    /** The progress report for now, with elapsed seconds since the first report and the estimate. */
    Progress report(long nowNanos, int epoch, int totalEpochs, int batch, int totalBatches, double samplesPerSec) {
        if (startNanos < 0) {
            startNanos = nowNanos;
        }
        double elapsed = (nowNanos - startNanos) / 1e9;
        Progress probe = new Progress(epoch, totalEpochs, batch, totalBatches, samplesPerSec, elapsed, Double.NaN);
        double f = probe.fraction();
        double eta = f > 0 && elapsed > 0 ? elapsed * (1 - f) / f : Double.NaN;
        return new Progress(epoch, totalEpochs, batch, totalBatches, samplesPerSec, elapsed, eta);
    }
}
