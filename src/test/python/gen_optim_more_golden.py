#!/usr/bin/env python3
"""Writes src/test/resources/golden/optimizers_more.json from Python PyTorch 1.13 (Debian's python3-torch).

Adamax, NAdam, RAdam and Adadelta on gen_optim_golden.py's least-squares problem (parameters after every step, the
final state_dict, the repr); LBFGS on a least-squares and a Rosenbrock problem, with and without strong_wolfe;
torch.optim.swa_utils: AveragedModel (SWA and EMA), SWALR's learning rates, update_bn's running statistics.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_optim_more_golden.py
"""
import json
import os
import sys

import torch
from torch.optim.swa_utils import AveragedModel, SWALR, update_bn

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
    if isinstance(v, list):
        return {"list": [packed(x) for x in v]}
    if isinstance(v, float):
        return {"float": v}
    return v


CONFIGS = [
    ("adamax", "Adamax", {}),
    ("adamax_wd_maximize", "Adamax", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.01,
                                      "maximize": True}),
    ("nadam", "NAdam", {}),
    ("nadam_wd_decay", "NAdam", {"lr": 0.01, "betas": (0.85, 0.995), "weight_decay": 0.01,
                                 "momentum_decay": 0.01}),
    ("radam", "RAdam", {}),
    ("radam_lr_wd", "RAdam", {"lr": 0.01, "weight_decay": 0.01}),
    ("radam_betas", "RAdam", {"lr": 0.01, "betas": (0.9, 0.9), "eps": 1e-6}),
    ("adadelta", "Adadelta", {}),
    ("adadelta_wd_maximize", "Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.01,
                                          "maximize": True}),
]


def problem():
    torch.manual_seed(7)
    X = torch.randn(16, 4)
    Y = torch.randn(16, 3)
    W0 = torch.randn(3, 4) * 0.5
    b0 = torch.randn(3) * 0.1
    return X, Y, W0, b0


def state_dict_out(opt):
    sd = opt.state_dict()
    state = {str(k): {name: packed(v) for name, v in s.items()} for k, s in sd["state"].items()}
    groups_out = [{k: packed(v) for k, v in g.items()} for g in sd["param_groups"]]
    return state, groups_out


def run(cls_name, kwargs):
    X, Y, W0, b0 = problem()
    W = torch.nn.Parameter(W0.clone())
    b = torch.nn.Parameter(b0.clone())
    opt = getattr(torch.optim, cls_name)([W, b], **kwargs)
    trajectory = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(X @ W.t() + b, Y)
        loss.backward()
        opt.step()
        trajectory.append({"W": flat(W), "b": flat(b), "loss": loss.item()})
    state, groups_out = state_dict_out(opt)
    return {"trajectory": trajectory, "state": state, "param_groups": groups_out, "repr": repr(opt)}


LBFGS_CASES = [
    # name, problem, dtype, kwargs, steps
    # (the least-squares cases stop short of the optimum, where the history's differences of nearly equal
    # gradients would amplify the last-bit differences of libtorch's and Python's matrix products)
    ("lstsq_default", "lstsq", "float32", {"max_iter": 3}, 2),
    ("lstsq_strong_wolfe", "lstsq", "float32", {"line_search_fn": "strong_wolfe", "max_iter": 3}, 2),
    ("lstsq_history_3_lr", "lstsq", "float32", {"lr": 0.5, "history_size": 3, "max_iter": 4}, 2),
    ("lstsq_one_iter", "lstsq", "float32", {"max_iter": 1}, 3),
    ("rosenbrock_strong_wolfe", "rosenbrock", "float32", {"line_search_fn": "strong_wolfe", "history_size": 10},
     4),
    ("rosenbrock_small_lr", "rosenbrock", "float32", {"lr": 0.002, "max_iter": 10, "max_eval": 8}, 4),
    ("rosenbrock_float64_wolfe", "rosenbrock", "float64", {"line_search_fn": "strong_wolfe", "max_iter": 30,
                                                          "tolerance_change": 1e-12}, 3),
]


def run_lbfgs(problem_name, dtype, kwargs, steps):
    dt = getattr(torch, dtype)
    if problem_name == "lstsq":
        X, Y, W0, b0 = problem()
        params = [torch.nn.Parameter(W0.clone().to(dt)), torch.nn.Parameter(b0.clone().to(dt))]
        X, Y = X.to(dt), Y.to(dt)

        def f():
            return torch.nn.functional.mse_loss(X @ params[0].t() + params[1], Y)
    else:
        params = [torch.nn.Parameter(torch.tensor([-1.5, 2.0], dtype=dt))]

        def f():
            x = params[0]
            return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
    opt = torch.optim.LBFGS(params, **kwargs)
    evals = [0]

    def closure():
        evals[0] += 1
        opt.zero_grad()
        loss = f()
        loss.backward()
        return loss

    trajectory = []
    for _ in range(steps):
        loss = opt.step(closure)
        st = opt.state[params[0]]
        trajectory.append({"params": [flat(p) for p in params], "loss": loss.item(), "closure_calls": evals[0],
                           "func_evals": st["func_evals"], "n_iter": st["n_iter"]})
    state, groups_out = state_dict_out(opt)
    return {"trajectory": trajectory, "state": state, "param_groups": groups_out, "repr": repr(opt)}


SWALR_CASES = [
    # name, swa_lr, anneal_epochs, anneal_strategy, steps
    ("cos_3", 0.01, 3, "cos", 7),
    ("linear_5_per_group", [0.02, 0.01], 5, "linear", 8),
    ("cos_0", 0.005, 0, "cos", 4),
    ("linear_10_default_epochs", 0.03, 10, "linear", 12),
]


def run_swalr(swa_lr, anneal_epochs, anneal_strategy, steps):
    a = torch.nn.Parameter(torch.zeros(2))
    b = torch.nn.Parameter(torch.zeros(3))
    opt = torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.05}], lr=0.1, momentum=0.9)
    sched = SWALR(opt, swa_lr=swa_lr, anneal_epochs=anneal_epochs, anneal_strategy=anneal_strategy)
    lrs = [sched.get_last_lr()]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr())
    sd = {k: v for k, v in sched.state_dict().items() if k != "anneal_func"}
    return {"lrs": lrs, "state_dict": sd, "group_keys": [list(g.keys()) for g in opt.state_dict()["param_groups"]],
            "optimizer_repr": repr(opt)}


def swa_model_factory():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(),
                               torch.nn.Linear(8, 3))


def run_swa():
    """The docs' recipe: SGD with CosineAnnealingLR, then SWA from epoch 3 with SWALR; an EMA model with buffers."""
    torch.manual_seed(0)
    model = swa_model_factory()
    init = {k: flat(v) for k, v in model.state_dict().items()}
    X = torch.randn(32, 4)
    Y = torch.randint(0, 3, (32,))
    loader = [(X[i:i + 8], Y[i:i + 8]) for i in range(0, 32, 8)]
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
    swa_model = AveragedModel(model)
    ema_avg = lambda averaged_model_parameter, model_parameter, num_averaged: \
        0.1 * averaged_model_parameter + 0.9 * model_parameter
    ema_model = AveragedModel(model, avg_fn=ema_avg, use_buffers=True)
    swa_scheduler = SWALR(opt, swa_lr=0.05, anneal_epochs=2)
    swa_start = 3
    epochs = []
    for epoch in range(7):
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            ema_model.update_parameters(model)
        if epoch >= swa_start:
            swa_model.update_parameters(model)
            swa_scheduler.step()
        else:
            scheduler.step()
        epochs.append({"lr": opt.param_groups[0]["lr"], "loss": loss.item(),
                       "swa": {k: flat(v) for k, v in swa_model.state_dict().items()},
                       "ema": {k: flat(v) for k, v in ema_model.state_dict().items()}})
    bn = swa_model.module[1]
    before = {"running_mean": flat(bn.running_mean), "running_var": flat(bn.running_var)}
    swa_model.train(False)
    update_bn(loader, swa_model)
    after = {k: flat(v) for k, v in swa_model.state_dict().items()}
    with torch.no_grad():
        out = swa_model(X[:4])
    return {"init": init, "X": flat(X), "Y": [int(v) for v in Y], "epochs": epochs,
            "swa_keys": list(swa_model.state_dict().keys()), "ema_keys": list(ema_model.state_dict().keys()),
            "swa_repr": repr(swa_model), "bn_before_update_bn": before, "after_update_bn": after,
            "training_after_update_bn": swa_model.training, "bn_momentum_after": bn.momentum,
            "eval_output": flat(out)}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "optimizers_more.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    X, Y, W0, b0 = problem()
    out = {"generator": "src/test/python/gen_optim_more_golden.py", "torch_version": torch.__version__,
           "steps": STEPS, "X": flat(X), "Y": flat(Y), "W0": flat(W0), "b0": flat(b0), "configs": {}}
    for name, cls_name, kwargs in CONFIGS:
        entry = run(cls_name, kwargs)
        entry.update({"class": cls_name, "kwargs": {k: {"tuple": list(v)} if isinstance(v, tuple) else v
                                                   for k, v in kwargs.items()}})
        out["configs"][name] = entry
    out["lbfgs"] = {}
    for name, problem_name, dtype, kwargs, steps in LBFGS_CASES:
        entry = run_lbfgs(problem_name, dtype, kwargs, steps)
        entry.update({"problem": problem_name, "dtype": dtype, "kwargs": kwargs, "steps": steps})
        out["lbfgs"][name] = entry
    out["swalr"] = {}
    for name, swa_lr, anneal_epochs, anneal_strategy, steps in SWALR_CASES:
        entry = run_swalr(swa_lr, anneal_epochs, anneal_strategy, steps)
        entry.update({"swa_lr": swa_lr, "anneal_epochs": anneal_epochs, "anneal_strategy": anneal_strategy,
                      "steps": steps})
        out["swalr"][name] = entry
    out["swa"] = run_swa()
    with open(target, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
