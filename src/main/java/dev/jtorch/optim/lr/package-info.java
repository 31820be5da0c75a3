/**
 * Learning-rate schedulers, mirroring {@code torch.optim.lr_scheduler} of PyTorch 1.13: {@link
 * dev.jtorch.optim.lr.StepLR}, {@link dev.jtorch.optim.lr.CosineAnnealingLR}, {@link dev.jtorch.optim.lr.OneCycleLR},
 * {@link dev.jtorch.optim.lr.ReduceLROnPlateau} and the others, with Python's arithmetic (the chainable
 * {@code get_lr()} that {@code step()} uses), Python's state-dict keys, Python's validation messages, and Python's
 * warning when a scheduler steps before its optimizer.
 *
 * <pre>{@code
 * var scheduler = new StepLR(optimizer, new StepLR.Options(30).gamma(0.1));
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(...);            // optimizer.step() inside
 *     scheduler.step();
 * }
 * }</pre>
 */
package dev.jtorch.optim.lr;
