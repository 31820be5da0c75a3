/**
 * scikit-learn's {@code sklearn.metrics} in pure Java ({@link dev.jtorch.metrics.Metrics}), with the same values as
 * scikit-learn 1.2, and torchmetrics-style accumulators that take one batch at a time
 * ({@link dev.jtorch.metrics.Metric}: {@code update}, {@code compute}, {@code reset}), such as
 * {@link dev.jtorch.metrics.BinaryAccuracy}, {@link dev.jtorch.metrics.MulticlassAccuracy},
 * {@link dev.jtorch.metrics.BinaryAUROC}, {@link dev.jtorch.metrics.MeanSquaredError} and
 * {@link dev.jtorch.metrics.ConfusionMatrix}.
 *
 * <pre>{@code
 * double acc = Metrics.accuracyScore(yTest, predicted);          // accuracy_score(y_test, predicted)
 * double f1 = Metrics.f1Score(yTest, predicted, new ScoreOptions().average(Average.MACRO));
 * System.out.print(Metrics.classificationReport(yTest, predicted)); // print(classification_report(...))
 * double auc = Metrics.rocAucScore(yTest, probabilities);        // roc_auc_score(y_test, probs)
 * }</pre>
 */
package dev.jtorch.metrics;
