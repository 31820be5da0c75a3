/**
 * Data-parallel training across processes and machines on PyTorch's own engine, c10d, mirroring
 * {@code torch.distributed} (<a href="https://pytorch.org/docs/stable/distributed.html">docs</a>): process groups
 * over gloo (CPU) and NCCL (CUDA) from the JavaCPP presets, rendezvous through a {@code TCPStore} or
 * {@code FileStore}, collectives ({@link dev.jtorch.distributed.Dist#allReduce}, broadcast, all-gather,
 * reduce-scatter, barrier) and a torchrun-style launcher ({@link dev.jtorch.distributed.Run}).
 *
 * <p>{@link dev.jtorch.nn.parallel.DistributedDataParallel} (gradient averaging with libtorch's {@code Reducer})
 * and {@link dev.jtorch.data.DistributedSampler} build on it.
 */
package dev.jtorch.distributed;
