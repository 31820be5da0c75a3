#!/usr/bin/env python3
"""Writes src/test/resources/golden/tensor_core.json (or the file after --out) from Python PyTorch.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_tensor_golden.py
The Java tests (dev.jtorch.TensorPrintTest, dev.jtorch.RandomParityTest) compare jtorch against this file.
"""
import json
import math
import os
import sys

import torch

# One thread: BLAS results then do not depend on how busy the machine is, so the files regenerate identically.
torch.set_num_threads(1)


def values(t):
    flat = t.detach().reshape(-1)
    if t.dtype == torch.bool:
        return [bool(v) for v in flat.tolist()]
    if t.dtype.is_floating_point:
        out = []
        for v in flat.double().tolist():
            out.append(v if math.isfinite(v) else str(v))
        return out
    return [int(v) for v in flat.tolist()]


def case(name, t):
    return {"name": name, "dtype": str(t.dtype), "shape": list(t.shape), "values": values(t), "str": str(t)}


def printing_cases():
    torch.manual_seed(0)
    cases = [
        case("randn_2x3", torch.randn(2, 3)),
        case("randn_20_wraps", torch.randn(20)),
        case("int_mode_float", torch.arange(6.0).reshape(2, 3)),
        case("long_2x3", torch.arange(6).reshape(2, 3)),
        case("bool_2x3", torch.arange(6).reshape(2, 3) > 2),
        case("sci_small", torch.tensor([1e-5, 1.0])),
        case("sci_large", torch.tensor([1e10, 1.0])),
        case("scalar_0d", torch.tensor(0.5)),
        case("scalar_long_0d", torch.tensor(7)),
        case("float64", torch.randn(3, dtype=torch.float64)),
        case("empty_1d", torch.zeros(0)),
        case("empty_2d", torch.zeros(0, 3)),
        case("empty_long", torch.zeros(0, dtype=torch.long)),
        case("summarized_2d", torch.randn(100, 20)),
        case("summarized_1d", torch.randn(2000)),
        case("nan_inf", torch.tensor([1.0, float("nan"), float("inf"), -2.5])),
        case("negative_zero", torch.tensor([-0.0, 1.5])),
        case("int32", torch.tensor([1, -20, 300], dtype=torch.int32)),
        case("three_d", torch.arange(24.0).reshape(2, 3, 4) / 7),
        case("long_wide", torch.tensor([1, 1000000, -5])),
        case("int_mode_sci", torch.tensor([1.0, 10000.0])),
        case("float16", torch.tensor([0.1, 0.2], dtype=torch.float16)),
        case("single", torch.tensor([3.0])),
        case("sigmoid_col", torch.sigmoid(torch.randn(5, 1))),
        case("long_wrap", torch.arange(40) * 1000),
        case("float_mixed_sign", torch.tensor([[-1.5, 2.25], [1000.125, -0.5]])),
        case("half_even", torch.tensor([0.00005, 0.00015, 1.00005], dtype=torch.float64)),
        case("bool_wrap", torch.arange(30) % 3 == 0),
    ]
    return cases


def autograd_strings():
    leaf = torch.ones(2, requires_grad=True)
    out = {"requires_grad": str(leaf), "grad_fn_mul": str(leaf * 2), "grad_fn_add": str(leaf + 1),
           "grad_fn_sum": str((leaf * 3).sum())}
    return out


def random_cases():
    out = []
    torch.manual_seed(42)
    out.append(case("seed42_randn_2x3", torch.randn(2, 3)))
    torch.manual_seed(42)
    seq = [case("seq_randn_1000x10", torch.randn(1000, 10)),
           case("seq_randn_10x1", torch.randn(10, 1)),
           case("seq_randn_1", torch.randn(1)),
           case("seq_rand_7", torch.rand(7)),
           case("seq_randperm_10", torch.randperm(10)),
           case("seq_randint_8", torch.randint(0, 10, (8,))),
           case("seq_randn_20", torch.randn(20)),
           case("seq_rand_3x17", torch.rand(3, 17))]
    out.extend(seq)
    return out


def seed000_data():
    """The data-generation lines of seed 000 (shared/reference/seed000_training_workflow.py) for seed 42."""
    torch.manual_seed(42)
    num_samples, num_features = 1000, 10
    X = torch.randn(num_samples, num_features)
    true_weights = torch.randn(num_features, 1)
    true_bias = torch.randn(1)
    logits = X @ true_weights + true_bias + 0.5 * torch.randn(num_samples, 1)
    y = (torch.sigmoid(logits) > 0.5).long().squeeze()
    X_train, X_val = X[:800], X[800:]
    return {"logits_first5": values(logits[:5]), "y": values(y), "y_sum": int(y.sum().item()),
            "X_train_shape": str(X_train.shape), "X_val_col0_first3": values(X_val[:3, 0]),
            "y_str": str(y), "logits_mean": logits.mean().item(), "logits_std": logits.std().item()}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "tensor_core.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    data = {
        "generator": "src/test/python/gen_tensor_golden.py",
        "torch_version": torch.__version__,
        "printing": printing_cases(),
        "autograd_strings": autograd_strings(),
        "size_str": str(torch.zeros(800, 2).shape),
        "random": random_cases(),
        "seed000_data": seed000_data(),
    }
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
