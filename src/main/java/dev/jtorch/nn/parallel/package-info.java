/**
 * Data-parallel wrappers of modules, mirroring {@code torch.nn.parallel}: {@link
 * dev.jtorch.nn.parallel.DistributedDataParallel} over the process groups of {@link dev.jtorch.distributed}.
 */
package dev.jtorch.nn.parallel;
