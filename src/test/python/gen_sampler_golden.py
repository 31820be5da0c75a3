#!/usr/bin/env python3
"""Writes src/test/resources/golden/distributed_sampler.json from Python PyTorch 1.13: the indices
torch.utils.data.distributed.DistributedSampler gives every rank, and its len(), over a grid of dataset lengths,
replica counts, shuffle, seed, drop_last and epoch (set_epoch before iterating); num_replicas and rank are passed
explicitly, so no process group is needed. Also the errors it raises for bad ranks ("errors": exception type and
str(e)). One case per line, so the file stays small and diffs stay readable.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_sampler_golden.py [--out FILE]
"""
import json
import os
import sys

import torch

# One thread, as in the other generators (the sampler itself only calls randperm, which does not use BLAS).
torch.set_num_threads(1)
from torch.utils.data.distributed import DistributedSampler

# Dataset lengths with the full grid of seeds and epochs; the long one gets a smaller grid to keep the file small.
SMALL_LENGTHS = [0, 1, 5, 7, 10, 200]
LONG_LENGTHS = {800: {"seeds": [42], "epochs": [0, 1]}}
REPLICAS = [1, 2, 3, 4]
SEEDS = [0, 42]
EPOCHS = [0, 1, 3]


def case(n, num_replicas, rank, shuffle, seed, drop_last, epoch):
    sampler = DistributedSampler(range(n), num_replicas=num_replicas, rank=rank, shuffle=shuffle, seed=seed,
                                 drop_last=drop_last)
    sampler.set_epoch(epoch)
    indices = [int(i) for i in sampler]
    assert indices == [int(i) for i in sampler], "iterating twice gave different indices"
    assert len(indices) == len(sampler)
    return {"n": n, "num_replicas": num_replicas, "rank": rank, "shuffle": shuffle, "seed": seed,
            "drop_last": drop_last, "epoch": epoch, "len": len(sampler), "indices": indices}


def error(kwargs):
    try:
        DistributedSampler(range(5), **kwargs)
    except Exception as e:  # noqa: BLE001 - the point is to record whatever PyTorch raises
        return dict(kwargs, n=5, type=type(e).__name__, message=str(e))
    raise AssertionError("no error for %r" % (kwargs,))


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "distributed_sampler.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    grids = [(n, SEEDS, EPOCHS) for n in SMALL_LENGTHS] + \
            [(n, g["seeds"], g["epochs"]) for n, g in sorted(LONG_LENGTHS.items())]
    cases = []
    for n, seeds, epochs in grids:
        for num_replicas in REPLICAS:
            for shuffle in (False, True):
                for seed in seeds:
                    for drop_last in (False, True):
                        for epoch in epochs:
                            for rank in range(num_replicas):
                                cases.append(case(n, num_replicas, rank, shuffle, seed, drop_last, epoch))
    # num_replicas given with rank missing (or neither given) asks the default process group, which is not there.
    errors = [error(kw) for kw in (dict(num_replicas=2, rank=-1), dict(num_replicas=2, rank=2),
                                   dict(num_replicas=3, rank=5), dict(num_replicas=1, rank=1),
                                   dict(num_replicas=0, rank=0), dict(num_replicas=2), dict(rank=0), dict())]
    with open(target, "w") as f:
        f.write('{"generator": "src/test/python/gen_sampler_golden.py", "torch_version": %s,\n'
                % json.dumps(torch.__version__))
        f.write(' "cases": [\n')
        f.write(",\n".join("  " + json.dumps(c) for c in cases))
        f.write('\n ],\n "errors": [\n')
        f.write(",\n".join("  " + json.dumps(e) for e in errors))
        f.write("\n ]}\n")
    with open(target) as f:
        json.load(f)
    print("wrote %s (%d cases, %d errors)" % (target, len(cases), len(errors)), file=sys.stderr)


if __name__ == "__main__":
    main()
