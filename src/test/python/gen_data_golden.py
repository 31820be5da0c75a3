#!/usr/bin/env python3
"""Writes src/test/resources/golden/data_loader.json from Python PyTorch 1.13: which samples each DataLoader batch
holds and how the loaders consume the global generator (shuffled or not, explicit generators, random_split).
Run from the repository root:  /usr/bin/python3 src/test/python/gen_data_golden.py
"""
import json
import os
import sys

import torch

# One thread: BLAS results then do not depend on how busy the machine is, so the files regenerate identically.
torch.set_num_threads(1)
from torch.utils.data import DataLoader, TensorDataset, random_split


def batches(loader):
    return [[int(v) for v in b[1].tolist()] for b in loader]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "data_loader.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    out = {"generator": "src/test/python/gen_data_golden.py", "torch_version": torch.__version__}

    torch.manual_seed(42)
    X = torch.randn(100, 3)
    y = torch.arange(100)
    ds = TensorDataset(X, y)
    train = DataLoader(ds, batch_size=16, shuffle=True)
    val = DataLoader(ds, batch_size=30, shuffle=False)
    epochs = []
    for _ in range(3):
        epochs.append({"train": batches(train), "val": batches(val), "after": float(torch.randn(1).item())})
    out["shuffled_epochs"] = epochs
    out["len_train"] = len(train)
    out["len_val"] = len(val)

    torch.manual_seed(1)
    drop = DataLoader(ds, batch_size=16, shuffle=True, drop_last=True)
    out["drop_last"] = {"len": len(drop), "batches": batches(drop), "after": float(torch.randn(1).item())}

    torch.manual_seed(2)
    g = torch.Generator()
    g.manual_seed(123)
    with_gen = DataLoader(ds, batch_size=25, shuffle=True, generator=g)
    out["explicit_generator"] = {"epoch1": batches(with_gen), "epoch2": batches(with_gen),
                                 "after": float(torch.randn(1).item())}

    torch.manual_seed(3)
    a, b = random_split(ds, [0.7, 0.3])
    c, d, e = random_split(ds, [50, 30, 20], generator=torch.Generator().manual_seed(0))
    out["random_split"] = {"fractions": [list(a.indices), list(b.indices)],
                           "lengths_with_generator": [list(c.indices), list(d.indices), list(e.indices)],
                           "after": float(torch.randn(1).item())}
    small = TensorDataset(torch.arange(10))
    out["random_split_remainder"] = [len(s) for s in random_split(small, [0.33, 0.33, 0.34],
                                                                   generator=torch.Generator().manual_seed(1))]
    with open(target, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
