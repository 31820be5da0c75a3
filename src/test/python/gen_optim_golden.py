#!/usr/bin/env python3
"""Writes src/test/resources/golden/optimizers.json from Python PyTorch 1.13 (Debian's python3-torch).

A small least-squares problem (a linear layer's weight and bias) is optimized for 25 steps by each configuration;
the parameters after every step, the final state_dict and the optimizer's repr are recorded.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_optim_golden.py
"""
import json
import os
import sys

import torch

# One thread: BLAS results then do not depend on how busy the machine is, so the files regenerate identically.
torch.set_num_threads(1)

STEPS = 25


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def packed(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": flat(v), "shape": list(v.shape), "dtype": str(v.dtype)}
    if isinstance(v, tuple):
        return {"tuple": list(v)}
    return v


CONFIGS = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1}),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.01}),
    ("sgd_maximize", "SGD", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    ("adam", "Adam", {}),
    ("adam_lr_wd", "Adam", {"lr": 0.01, "weight_decay": 1e-2}),
    ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
    ("adam_maximize_betas", "Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "maximize": True}),
    ("adamw", "AdamW", {}),
    ("adamw_amsgrad_wd", "AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("rmsprop", "RMSprop", {}),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.001, "momentum": 0.9}),
    ("rmsprop_centered", "RMSprop", {"lr": 0.001, "centered": True}),
    ("rmsprop_all", "RMSprop", {"lr": 0.001, "centered": True, "momentum": 0.5, "weight_decay": 0.01,
                                "alpha": 0.9}),
    ("adagrad", "Adagrad", {}),
    ("adagrad_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1,
                                  "weight_decay": 0.01}),
]


def problem():
    torch.manual_seed(7)
    X = torch.randn(16, 4)
    Y = torch.randn(16, 3)
    W0 = torch.randn(3, 4) * 0.5
    b0 = torch.randn(3) * 0.1
    return X, Y, W0, b0


def run(cls_name, kwargs, groups=False):
    X, Y, W0, b0 = problem()
    W = torch.nn.Parameter(W0.clone())
    b = torch.nn.Parameter(b0.clone())
    cls = getattr(torch.optim, cls_name)
    if groups:
        opt = cls([{"params": [W]}, {"params": [b], "lr": 0.01}], **kwargs)
    else:
        opt = cls([W, b], **kwargs)
    trajectory = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(X @ W.t() + b, Y)
        loss.backward()
        opt.step()
        trajectory.append({"W": flat(W), "b": flat(b), "loss": loss.item()})
    sd = opt.state_dict()
    state = {str(k): {name: packed(v) for name, v in s.items()} for k, s in sd["state"].items()}
    groups_out = [{k: packed(v) for k, v in g.items()} for g in sd["param_groups"]]
    return {"trajectory": trajectory, "state": state, "param_groups": groups_out, "repr": repr(opt)}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "optimizers.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    X, Y, W0, b0 = problem()
    out = {"generator": "src/test/python/gen_optim_golden.py", "torch_version": torch.__version__, "steps": STEPS,
           "X": flat(X), "Y": flat(Y), "W0": flat(W0), "b0": flat(b0), "configs": {}}
    for name, cls_name, kwargs in CONFIGS:
        entry = run(cls_name, kwargs)
        entry.update({"class": cls_name, "kwargs": {k: packed(v) for k, v in kwargs.items()}})
        out["configs"][name] = entry
    entry = run("SGD", {"lr": 0.1, "momentum": 0.9}, groups=True)
    entry.update({"class": "SGD", "kwargs": {"lr": 0.1, "momentum": 0.9}, "groups": True})
    out["configs"]["sgd_two_groups"] = entry
    with open(target, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
