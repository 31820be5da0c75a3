#!/usr/bin/env python3
"""Writes src/test/resources/golden/amp_clip.json from Python PyTorch 1.13: gradient clipping results, and which
operations CPU autocast (bfloat16) runs in lower precision.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_amp_golden.py
"""
import json
import math
import os
import sys

import torch

# One thread: BLAS results then do not depend on how busy the machine is, so the files regenerate identically.
torch.set_num_threads(1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def clip_cases():
    out = []
    for name, max_norm, norm_type in [("l2_clips", 1.0, 2.0), ("l2_no_clip", 100.0, 2.0), ("l1", 0.5, 1.0),
                                      ("inf", 0.3, math.inf), ("l3", 2.0, 3.0)]:
        torch.manual_seed(3)
        a = torch.nn.Parameter(torch.randn(4, 3))
        b = torch.nn.Parameter(torch.randn(3))
        c = torch.nn.Parameter(torch.randn(2))  # no gradient
        (a.sum() * 2 + (b ** 2).sum() * 3).backward()
        total = torch.nn.utils.clip_grad_norm_([a, b, c], max_norm, norm_type)
        out.append({"name": name, "max_norm": max_norm, "norm_type": "inf" if norm_type == math.inf else norm_type,
                    "total": total.item(), "grad_a": flat(a.grad), "grad_b": flat(b.grad)})
    torch.manual_seed(3)
    a = torch.nn.Parameter(torch.randn(4, 3))
    (a * torch.arange(12.0).view(4, 3)).sum().backward()
    torch.nn.utils.clip_grad_value_([a], 5.0)
    out.append({"name": "value", "clip_value": 5.0, "grad_a": flat(a.grad)})
    return out


def autocast_cases():
    torch.manual_seed(0)
    x = torch.randn(4, 8)
    w = torch.randn(3, 8)
    img = torch.randn(1, 2, 5, 5)
    k = torch.randn(3, 2, 3, 3)
    lin = torch.nn.Linear(8, 3)
    out = {}
    with torch.autocast("cpu", dtype=torch.bfloat16):
        y = lin(x)
        out["linear"] = str(y.dtype)
        out["matmul"] = str((x @ w.t()).dtype)
        out["conv2d"] = str(torch.nn.functional.conv2d(img, k).dtype)
        out["linear_then_add_float32"] = str((y + torch.ones(3)).dtype)
        out["sum_of_float32"] = str(x.sum().dtype)
        out["relu_of_float32"] = str(x.relu().dtype)
        out["mse_loss"] = str(torch.nn.functional.mse_loss(y, torch.zeros(4, 3)).dtype)
        out["linear_values"] = flat(y)
        with torch.autocast("cpu", enabled=False):
            out["nested_disabled_linear"] = str(lin(x).dtype)
        out["after_nested_linear"] = str(lin(x).dtype)
    out["outside_linear"] = str(lin(x).dtype)
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "amp_clip.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    data = {"generator": "src/test/python/gen_amp_golden.py", "torch_version": torch.__version__,
            "clip": clip_cases(), "autocast_cpu": autocast_cases()}
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
