package dev.jtorch.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where training stands right now: kept in memory and handed to listeners, never written to disk.
 *
 * <p>Epochs count from 1 to {@code totalEpochs}; {@code batch} is the number of batches finished in the current
 * epoch (0 to {@code totalBatches}). The estimate of the time left assumes every batch takes as long as the ones
 * so far.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 *
 * @param epoch the current epoch, 1-based
 * @param totalEpochs how many epochs the run will train
 * @param batch batches finished in this epoch
 * @param totalBatches batches per epoch
 * @param samplesPerSec current throughput
 * @param elapsedSeconds seconds since the first progress report of the run
 * @param etaSeconds estimated seconds left, or {@code NaN} when not yet known
 */
public record Progress(int epoch, int totalEpochs, int batch, int totalBatches, double samplesPerSec,
        double elapsedSeconds, double etaSeconds) {

    /** The fraction of all batches of all epochs done, in [0, 1]. */
    public double fraction() {
        if (totalEpochs <= 0 || totalBatches <= 0) {
            return 0;
        }
        double done = (double) Math.max(0, epoch - 1) * totalBatches + Math.min(batch, totalBatches);
        return Math.min(1, Math.max(0, done / ((double) totalEpochs * totalBatches)));
    }

    /**
     * The JSON object the progress server sends ({@code epoch}, {@code total_epochs}, {@code batch},
     * {@code total_batches}, {@code samples_per_sec}, {@code elapsed_seconds}, {@code eta_seconds}, {@code fraction});
     * non-finite numbers become {@code null}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("total_epochs", totalEpochs);
        m.put("batch", batch);
        m.put("total_batches", totalBatches);
        m.put("samples_per_sec", finite(samplesPerSec));
        m.put("elapsed_seconds", finite(elapsedSeconds));
        m.put("eta_seconds", finite(etaSeconds));
        m.put("fraction", finite(fraction()));
        return m;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
