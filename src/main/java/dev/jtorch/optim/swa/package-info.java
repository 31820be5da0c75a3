/**
 * {@code torch.optim.swa_utils}: stochastic weight averaging ({@link dev.jtorch.optim.swa.AveragedModel}, also for
 * exponential moving averages), its learning-rate schedule ({@link dev.jtorch.optim.swa.SWALR}) and the batch-norm
 * statistics refresh ({@link dev.jtorch.optim.swa.SwaUtils#updateBn}).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/optim.html#stochastic-weight-averaging">torch.optim.swa_utils</a>.
 */
package dev.jtorch.optim.swa;
