#!/usr/bin/env python3
"""Python side of jtorch's ddp_scaling benchmark (src/bench/java/dev/jtorch/bench/DdpScalingBenchmark.java): one rank
of a DistributedDataParallel job over gloo, started with the env:// variables (RANK, WORLD_SIZE, MASTER_ADDR,
MASTER_PORT) as `python3 bench_ddp.py WARMUP_STEPS STEPS`. Each rank trains the cnn_step model (bench_torch.py's
SmallCnn) on its own batch of 64 with SGD; rank 0 prints `step_ms <mean milliseconds per step>` over STEPS steps
after WARMUP_STEPS, between two barriers, so that every rank's step is measured together.
"""
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP

from bench_torch import SmallCnn


def main():
    warmup, steps = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(1)
    dist.init_process_group(backend="gloo")
    torch.manual_seed(0)
    model = DDP(SmallCnn())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    criterion = nn.CrossEntropyLoss()
    x = torch.randn(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))

    def step():
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    dist.barrier()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    dist.barrier()
    took = time.perf_counter() - start
    if dist.get_rank() == 0:
        print("step_ms %.6f" % (took * 1000 / steps), flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
