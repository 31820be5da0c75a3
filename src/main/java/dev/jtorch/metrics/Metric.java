package dev.jtorch.metrics;

import dev.jtorch.Tensor;

/**
 * A metric accumulated over batches, as torchmetrics' {@code Metric}: {@code metric.update(preds, target)} per
 * batch, {@code metric.compute()} over everything seen since the last {@code metric.reset()}. The values equal
 * scikit-learn's function of the concatenated batches (see each class).
 *
 * <pre>{@code
 * BinaryAccuracy acc = new BinaryAccuracy();
 * for (Batch b : testLoader) {
 *     acc.update(model.forward(b.input()).sigmoid(), b.target());
 * }
 * double accuracy = acc.compute();
 * }</pre>
 *
 * <p>The interface is jtorch's own (torchmetrics' shape); no PyTorch counterpart. Its values are those of
 * <a href="https://scikit-learn.org/stable/api/sklearn.metrics.html">sklearn.metrics</a>.
 *
 * @param <T> the type of the computed value
 */
public interface Metric<T> {
    /** {@code metric.update(preds, target)}: adds a batch (tensors on any device, flattened as each metric says). */
    void update(Tensor preds, Tensor target);

    /** {@code metric.compute()}: the value over every batch since the last reset. */
    T compute();

    /** {@code metric.reset()}: forgets every batch. */
    void reset();
}
