#!/usr/bin/env python3
"""Writes src/test/resources/golden/lr_schedulers.json (or the file after --out) from Python PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_lr_golden.py
The Java tests in dev.jtorch.optim.lr replay every case by name and compare.

Each case builds an optimizer with two parameter groups of different learning rates (SGD, or Adam for the
betas cases), builds the scheduler, then 200 times calls optimizer.step() and scheduler.step() (or
scheduler.step(metric) for ReduceLROnPlateau, scheduler.step(epoch) for the fractional-epoch case).
Recorded per case:
  lr        201 rows (after construction, then after each step) of every group's lr
  momentum  the same rows of every group's momentum (or betas[0]) where the scheduler cycles it
  metrics   the metric fed to ReduceLROnPlateau at each step
  state_mid / state_end   scheduler.state_dict() after 100 and 200 steps, entries holding Python functions or
            objects left out, non-finite floats written as "inf", "-inf", "nan"
Also: "errors", the messages of PyTorch's validation errors, and "warnings", the UserWarning texts.
"""
import json
import math
import sys
import warnings

import torch
from torch.optim import lr_scheduler as L

STEPS = 200
MID = 100
SKIP = object()


def sgd():
    p1 = torch.nn.Parameter(torch.zeros(2))
    p2 = torch.nn.Parameter(torch.zeros(2))
    return torch.optim.SGD([{"params": [p1], "lr": 0.1},
                            {"params": [p2], "lr": 0.01, "momentum": 0.5}], lr=0.05, momentum=0.9)


def adam():
    p1 = torch.nn.Parameter(torch.zeros(2))
    p2 = torch.nn.Parameter(torch.zeros(2))
    return torch.optim.Adam([{"params": [p1], "lr": 1e-3},
                             {"params": [p2], "lr": 3e-4, "betas": (0.8, 0.99)}])


def with_initial_lr(opt):
    """A resumed optimizer: groups carry initial_lr (twice their lr) as a checkpoint would."""
    for g in opt.param_groups:
        g["initial_lr"] = g["lr"] * 2
    return opt


def plain(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else str(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            p = plain(x)
            if p is not SKIP:
                out[str(k)] = p
        return out
    return SKIP


def loss_metrics():
    """A loss-like series: improves, plateaus with tiny wiggles, improves again, then creeps by small steps."""
    out = []
    for i in range(STEPS):
        v = max(0.2, 1.0 - i / 60.0) + ((i * 37) % 11 - 5) * 1e-5
        if i >= 100:
            v -= 0.05
        if i >= 150:
            v -= 0.0002 * (i - 150)
        out.append(v)
    return out


def acc_metrics():
    return [1.0 - x for x in loss_metrics()]


# name -> (optimizer factory, scheduler factory, extra)
CASES = {}


def case(name, opt=sgd, momentum=None, metrics=None, stepper=None):
    def register(build):
        CASES[name] = dict(opt=opt, build=build, momentum=momentum, metrics=metrics, stepper=stepper)
        return build
    return register


case("StepLR_30")(lambda o: L.StepLR(o, 30))
case("StepLR_7_gamma05")(lambda o: L.StepLR(o, 7, gamma=0.5))
case("StepLR_resume", opt=lambda: with_initial_lr(sgd()))(lambda o: L.StepLR(o, 10, gamma=0.5, last_epoch=19))
case("MultiStepLR")(lambda o: L.MultiStepLR(o, [30, 80, 80, 150], gamma=0.3))
case("ConstantLR_default")(lambda o: L.ConstantLR(o))
case("ConstantLR_05_40")(lambda o: L.ConstantLR(o, factor=0.5, total_iters=40))
case("LinearLR_default")(lambda o: L.LinearLR(o))
case("LinearLR_warmup")(lambda o: L.LinearLR(o, start_factor=0.25, end_factor=0.9, total_iters=60))
case("LinearLR_decay")(lambda o: L.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=150))
case("ExponentialLR")(lambda o: L.ExponentialLR(o, 0.97))
case("PolynomialLR_default")(lambda o: L.PolynomialLR(o))
case("PolynomialLR_square")(lambda o: L.PolynomialLR(o, total_iters=120, power=2.0))
case("PolynomialLR_sqrt")(lambda o: L.PolynomialLR(o, total_iters=180, power=0.5))
case("CosineAnnealingLR_50")(lambda o: L.CosineAnnealingLR(o, 50))
case("CosineAnnealingLR_30_eta")(lambda o: L.CosineAnnealingLR(o, 30, eta_min=1e-4))
case("CosineAnnealingLR_resume", opt=lambda: with_initial_lr(sgd()))(
    lambda o: L.CosineAnnealingLR(o, 40, eta_min=0.001, last_epoch=5))
case("CosineAnnealingWarmRestarts_10")(lambda o: L.CosineAnnealingWarmRestarts(o, 10))
case("CosineAnnealingWarmRestarts_5_2")(lambda o: L.CosineAnnealingWarmRestarts(o, 5, T_mult=2, eta_min=1e-5))
case("CosineAnnealingWarmRestarts_fractional_mult2", stepper="fractional")(
    lambda o: L.CosineAnnealingWarmRestarts(o, 3, T_mult=2, eta_min=1e-4))
case("CosineAnnealingWarmRestarts_fractional_mult1", stepper="fractional")(
    lambda o: L.CosineAnnealingWarmRestarts(o, 4))
case("CyclicLR_triangular", momentum="momentum")(lambda o: L.CyclicLR(o, 0.001, 0.1, step_size_up=20))
case("CyclicLR_triangular2_per_group", momentum="momentum")(
    lambda o: L.CyclicLR(o, [0.001, 0.0005], [0.1, 0.05], step_size_up=15, step_size_down=25, mode="triangular2",
                         base_momentum=[0.8, 0.7], max_momentum=[0.9, 0.95]))
case("CyclicLR_exp_range", momentum="momentum")(
    lambda o: L.CyclicLR(o, 0.001, 0.1, step_size_up=10, mode="exp_range", gamma=0.99))
case("CyclicLR_custom_cycle")(
    lambda o: L.CyclicLR(o, 0.002, 0.05, step_size_up=12, scale_fn=lambda x: 1 / (1 + 0.5 * x),
                         cycle_momentum=False))
case("CyclicLR_custom_iterations", momentum="momentum")(
    lambda o: L.CyclicLR(o, 0.002, 0.05, step_size_up=7, step_size_down=13, scale_fn=lambda x: 0.995 ** x,
                         scale_mode="iterations"))
case("CyclicLR_adam_no_momentum", opt=adam)(
    lambda o: L.CyclicLR(o, 1e-4, 1e-2, step_size_up=25, cycle_momentum=False))
case("OneCycleLR_cos", momentum="momentum")(lambda o: L.OneCycleLR(o, 0.1, total_steps=200))
case("OneCycleLR_linear_per_group", momentum="momentum")(
    lambda o: L.OneCycleLR(o, [0.1, 0.05], total_steps=210, anneal_strategy="linear", pct_start=0.25,
                           div_factor=10.0, final_div_factor=100.0))
case("OneCycleLR_three_phase_epochs", momentum="momentum")(
    lambda o: L.OneCycleLR(o, 0.1, epochs=10, steps_per_epoch=25, three_phase=True, base_momentum=[0.8, 0.85],
                           max_momentum=[0.9, 0.99]))
case("OneCycleLR_adam", opt=adam, momentum="beta1")(lambda o: L.OneCycleLR(o, 0.01, total_steps=200))
case("OneCycleLR_adam_three_phase_linear", opt=adam, momentum="beta1")(
    lambda o: L.OneCycleLR(o, [0.01, 0.003], total_steps=200, three_phase=True, anneal_strategy="linear",
                           base_momentum=0.9, max_momentum=0.97))
case("OneCycleLR_no_momentum")(lambda o: L.OneCycleLR(o, 0.1, total_steps=200, cycle_momentum=False))
case("LambdaLR_single")(lambda o: L.LambdaLR(o, lambda e: 0.95 ** e))
case("LambdaLR_per_group")(lambda o: L.LambdaLR(o, [lambda e: 1 / (1 + 0.05 * e), lambda e: 0.9 ** (e // 10)]))
case("MultiplicativeLR_single")(lambda o: L.MultiplicativeLR(o, lambda e: 0.98))
case("MultiplicativeLR_per_group")(
    lambda o: L.MultiplicativeLR(o, [lambda e: 0.99, lambda e: 0.5 if e % 10 == 0 else 1.0]))
case("SequentialLR_constant_exponential")(
    lambda o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.1, total_iters=2), L.ExponentialLR(o, 0.9)], [2]))
case("SequentialLR_warmup_cosine")(
    lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.1, total_iters=10), L.CosineAnnealingLR(o, 190)],
                             [10]))
case("SequentialLR_three")(
    lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.2, total_iters=10), L.StepLR(o, 20, gamma=0.5),
                                 L.CosineAnnealingWarmRestarts(o, 15)], [10, 100]))
case("SequentialLR_multiplicative_polynomial")(
    lambda o: L.SequentialLR(o, [L.MultiplicativeLR(o, lambda e: 0.97), L.PolynomialLR(o, total_iters=50,
                                                                                      power=2.0)], [60]))
case("SequentialLR_exponential_multistep")(
    lambda o: L.SequentialLR(o, [L.ExponentialLR(o, 0.95), L.MultiStepLR(o, [20, 40, 40], gamma=0.5)], [50]))
case("ChainedScheduler_constant_exponential")(
    lambda o: L.ChainedScheduler([L.ConstantLR(o, factor=0.1, total_iters=2), L.ExponentialLR(o, 0.9)]))
case("ChainedScheduler_warmup_step_multistep")(
    lambda o: L.ChainedScheduler([L.LinearLR(o, start_factor=0.5, total_iters=20), L.StepLR(o, 25, gamma=0.7),
                                  L.MultiStepLR(o, [60, 120], gamma=0.5)]))
case("ChainedScheduler_cosine_constant")(
    lambda o: L.ChainedScheduler([L.CosineAnnealingLR(o, 40), L.ConstantLR(o, factor=0.5, total_iters=30)]))
case("ReduceLROnPlateau_default", metrics="loss")(lambda o: L.ReduceLROnPlateau(o))
case("ReduceLROnPlateau_min_abs_cooldown", metrics="loss")(
    lambda o: L.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=3, threshold=1e-3, threshold_mode="abs",
                                  cooldown=4))
case("ReduceLROnPlateau_max_rel", metrics="acc")(
    lambda o: L.ReduceLROnPlateau(o, mode="max", factor=0.3, patience=5, threshold=1e-2))
case("ReduceLROnPlateau_max_abs_cooldown", metrics="acc")(
    lambda o: L.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", threshold=0.0, patience=2, cooldown=1))
case("ReduceLROnPlateau_min_lr_per_group", metrics="loss")(
    lambda o: L.ReduceLROnPlateau(o, factor=0.5, patience=1, min_lr=[0.01, 1e-4]))
case("ReduceLROnPlateau_min_lr_eps", metrics="loss")(
    lambda o: L.ReduceLROnPlateau(o, factor=0.7, patience=0, min_lr=0.005, eps=1e-3))
case("ReduceLROnPlateau_patience0_cooldown3", metrics="loss")(
    lambda o: L.ReduceLROnPlateau(o, factor=0.9, patience=0, cooldown=3))


def momenta(opt, kind):
    if kind == "momentum":
        return [g["momentum"] for g in opt.param_groups]
    return [g["betas"][0] for g in opt.param_groups]


def run(name, spec):
    opt = spec["opt"]()
    sched = spec["build"](opt)
    metrics = {"loss": loss_metrics, "acc": acc_metrics}[spec["metrics"]]() if spec["metrics"] else None
    out = {"name": name}
    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = [momenta(opt, spec["momentum"])] if spec["momentum"] else None
    for k in range(STEPS):
        opt.step()
        if metrics is not None:
            sched.step(metrics[k])
        elif spec["stepper"] == "fractional":
            sched.step(k // 8 + (k % 8) / 8)
        else:
            sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        if moms is not None:
            moms.append(momenta(opt, spec["momentum"]))
        if k + 1 == MID:
            out["state_mid"] = plain(sched.state_dict())
    out["lr"] = lrs
    if moms is not None:
        out["momentum_key"] = spec["momentum"]
        out["momentum"] = moms
    if metrics is not None:
        out["metrics"] = metrics
    out["state_end"] = plain(sched.state_dict())
    return out


def message(fn):
    try:
        fn()
    except (ValueError, KeyError) as e:
        return e.args[0]
    raise AssertionError("no error")


def errors():
    def past_total():
        o = sgd()
        s = L.OneCycleLR(o, 0.1, total_steps=10)
        for _ in range(11):
            o.step()
            s.step()

    def plateau_load(key, value):
        s = L.ReduceLROnPlateau(sgd())
        sd = s.state_dict()
        sd[key] = value
        s.load_state_dict(sd)

    return {
        "ReduceLROnPlateau_factor": message(lambda: L.ReduceLROnPlateau(sgd(), factor=1.0)),
        "ReduceLROnPlateau_min_lrs": message(lambda: L.ReduceLROnPlateau(sgd(), min_lr=[0.1, 0.2, 0.3])),
        "ReduceLROnPlateau_load_mode": message(lambda: plateau_load("mode", "avg")),
        "ReduceLROnPlateau_load_threshold_mode": message(lambda: plateau_load("threshold_mode", "pct")),
        "ConstantLR_factor": message(lambda: L.ConstantLR(sgd(), factor=1.5)),
        "LinearLR_start_factor": message(lambda: L.LinearLR(sgd(), start_factor=-0.1)),
        "LinearLR_end_factor": message(lambda: L.LinearLR(sgd(), end_factor=1.5)),
        "LambdaLR_count": message(lambda: L.LambdaLR(sgd(), [lambda e: 1.0])),
        "MultiplicativeLR_count": message(lambda: L.MultiplicativeLR(sgd(), [lambda e: 1.0] * 3)),
        "CosineAnnealingWarmRestarts_T_0": message(lambda: L.CosineAnnealingWarmRestarts(sgd(), 0)),
        "CosineAnnealingWarmRestarts_T_mult": message(lambda: L.CosineAnnealingWarmRestarts(sgd(), 5, T_mult=0)),
        "CosineAnnealingWarmRestarts_negative_epoch":
            message(lambda: L.CosineAnnealingWarmRestarts(sgd(), 5).step(-1.0)),
        "CyclicLR_adam_cycle_momentum": message(lambda: L.CyclicLR(adam(), 0.01, 0.1)),
        "CyclicLR_base_lr_count": message(lambda: L.CyclicLR(sgd(), [0.01, 0.02, 0.03], 0.1)),
        "CyclicLR_max_momentum_count": message(lambda: L.CyclicLR(sgd(), 0.01, 0.1, max_momentum=[0.9])),
        "OneCycleLR_no_length": message(lambda: L.OneCycleLR(sgd(), 0.1)),
        "OneCycleLR_total_steps": message(lambda: L.OneCycleLR(sgd(), 0.1, total_steps=0)),
        "OneCycleLR_epochs": message(lambda: L.OneCycleLR(sgd(), 0.1, epochs=0, steps_per_epoch=10)),
        "OneCycleLR_steps_per_epoch": message(lambda: L.OneCycleLR(sgd(), 0.1, epochs=3, steps_per_epoch=-1)),
        "OneCycleLR_pct_start": message(lambda: L.OneCycleLR(sgd(), 0.1, total_steps=10, pct_start=1.5)),
        "OneCycleLR_max_lr_count": message(lambda: L.OneCycleLR(sgd(), [0.1], total_steps=10)),
        "OneCycleLR_past_total_steps": message(past_total),
        "SequentialLR_optimizer": message(
            lambda: L.SequentialLR(sgd(), [L.ConstantLR(sgd()), L.ConstantLR(sgd())], [2])),
        "SequentialLR_milestones": message(lambda: (lambda o: L.SequentialLR(
            o, [L.ConstantLR(o), L.ExponentialLR(o, 0.9)], [2, 4]))(sgd())),
        "ChainedScheduler_optimizer": message(
            lambda: L.ChainedScheduler([L.ConstantLR(sgd()), L.ExponentialLR(sgd(), 0.9)])),
        "resume_without_initial_lr": message(lambda: L.StepLR(sgd(), 10, last_epoch=5)),
    }


def step_order_warnings():
    """What PyTorch warns when a scheduler steps before its optimizer."""
    o = sgd()
    s = L.StepLR(o, 10)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        s.step()
        s.step()
    return [{"category": x.category.__name__, "message": str(x.message)} for x in w]


def main():
    out_path = "src/test/resources/golden/lr_schedulers.json"
    if "--out" in sys.argv:
        out_path = sys.argv[sys.argv.index("--out") + 1]
    warnings.simplefilter("ignore")
    cases = [run(name, spec) for name, spec in CASES.items()]
    head = {"torch_version": torch.__version__, "steps": STEPS, "mid": MID,
            "warnings": step_order_warnings(), "errors": errors()}
    with open(out_path, "w") as f:
        f.write("{\n")
        for key, value in head.items():
            f.write(json.dumps(key) + ": " + json.dumps(value) + ",\n")
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=False) for c in cases))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
