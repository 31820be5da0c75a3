#!/usr/bin/env python3
"""Writes the TorchScript golden files from Python PyTorch: the scripted models under
src/test/resources/golden/jit/ (*.pt, written with torch.jit.save) and src/test/resources/golden/jit.json (or the
file after --out; the models then go next to it, into a jit/ folder of its directory).

Run from the repository root:  /usr/bin/python3 src/test/python/gen_jit_golden.py
The Java tests under src/test/java/dev/jtorch/jit/ load the same files with dev.jtorch.jit.Jit.load and compare:
reprs, parameter names, state dicts, outputs in train and eval mode, running statistics, TorchScript's error text,
and the parameters after fine-tuning the loaded scripted model for a few steps (SGD with momentum on MSELoss, Adam
on CrossEntropyLoss, a frozen scripted backbone under a new nn.Linear head). Every case starts from the saved file,
as the Java side does: torch.jit.load, then training on fixed batches stored in the JSON.
"""
import io
import json
import math
import os
import sys
import warnings

import torch
import torch.nn as nn

warnings.simplefilter("ignore")
torch.set_num_threads(1)  # reductions and BLAS round differently with more threads: keep the file reproducible

# TorchScript stores the path of the Python source in the saved file's debug information, and its error messages
# quote it. Record this script under its path in the repository, wherever the checkout lives, so that the committed
# models and messages do not depend on the directory the generator ran in.
_REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
_original_source_lines = torch._sources.get_source_lines_and_file


def _repo_relative_source(obj, error_msg=None):
    lines, lineno, filename = _original_source_lines(obj, error_msg)
    if filename is not None and os.path.abspath(filename).startswith(_REPO + os.sep):
        filename = os.path.relpath(os.path.abspath(filename), _REPO)
    return lines, lineno, filename


torch._sources.get_source_lines_and_file = _repo_relative_source
torch._jit_internal.get_source_lines_and_file = _repo_relative_source


def values(t):
    flat = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        return [v if math.isfinite(v) else str(v) for v in flat.double().tolist()]
    return [int(v) for v in flat.tolist()]


def tcase(t, name=None):
    c = {"dtype": str(t.dtype), "shape": list(t.shape), "values": values(t)}
    if name is not None:
        c = {"name": name, **c}
    return c


def state(module):
    return [tcase(v, k) for k, v in module.state_dict().items()]


class Mlp(nn.Module):
    """A small classifier/regressor with a second exported method (called by name from Java)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.Tanh()
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))

    @torch.jit.export
    def hidden(self, x, scale: float):
        return self.act(self.fc1(x)) * scale


class BnNet(nn.Module):
    """BatchNorm and Dropout: train() and eval() must reach the scripted modules."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 6)
        self.bn = nn.BatchNorm1d(6)
        self.drop = nn.Dropout(0.5)
        self.fc2 = nn.Linear(6, 2)
        self.gain = nn.Parameter(torch.ones(2))

    def forward(self, x):
        return self.fc2(self.drop(torch.relu(self.bn(self.fc1(x))))) * self.gain


class Counter(nn.Module):
    """Scripted code that assigns a new tensor to a buffer instead of updating it in place."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.full((3,), 0.5))
        self.register_buffer("steps", torch.zeros(1))

    def forward(self, x):
        self.steps = self.steps + 1
        return x * self.scale + self.steps


def save_scripted(module, path):
    scripted = torch.jit.script(module)
    torch.jit.save(scripted, path)
    return scripted


def finetune(path, opt_name, loss_name, x, y, steps):
    m = torch.jit.load(path)
    m.train()
    if opt_name == "sgd":
        opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
    else:
        opt = torch.optim.Adam(m.parameters(), lr=0.01)
    crit = nn.MSELoss() if loss_name == "mse" else nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = crit(m(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    trained = state(m)
    m.eval()  # the output after fine-tuning, in eval mode (no dropout, running statistics)
    with torch.no_grad():
        out = m(x)
    return {"losses": losses, "state": trained, "output": tcase(out)}


def error_text(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records whatever Python raises
        return {"type": type(e).__name__, "message": str(e)}
    raise AssertionError("no error")


def main():
    out = "src/test/resources/golden/jit.json"
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
    model_dir = os.path.join(os.path.dirname(out), "jit")
    os.makedirs(model_dir, exist_ok=True)
    mlp_path = os.path.join(model_dir, "mlp.pt")
    bn_path = os.path.join(model_dir, "bn_net.pt")
    sd_path = os.path.join(model_dir, "mlp_state_dict.pt")

    torch.manual_seed(0)
    mlp = Mlp()
    save_scripted(mlp, mlp_path)
    torch.save(mlp.state_dict(), sd_path)  # a plain torch.save file: Jit.load must refuse it and name Torch.load
    torch.manual_seed(1)
    save_scripted(BnNet(), bn_path)
    counter_path = os.path.join(model_dir, "counter.pt")
    save_scripted(Counter(), counter_path)

    g = torch.Generator().manual_seed(2)
    x = torch.randn(8, 4, generator=g)
    y_reg = torch.randn(8, 3, generator=g)
    y_cls = torch.randint(0, 3, (8,), generator=g)
    x_bn = torch.randn(8, 4, generator=g)
    y_bn = torch.randn(8, 2, generator=g)

    doc = {"x": tcase(x), "y_reg": tcase(y_reg), "y_cls": tcase(y_cls), "x_bn": tcase(x_bn), "y_bn": tcase(y_bn)}

    m = torch.jit.load(mlp_path)
    with torch.no_grad():
        doc["mlp"] = {
            "repr": repr(m),
            "original_name": m.original_name,
            "parameters": [n for n, _ in m.named_parameters()],
            "state": state(m),
            "output": tcase(m(x)),
            "hidden": tcase(m.hidden(x, 2.5)),
            "shape_error": error_text(lambda: m(torch.zeros(2, 5))),
            "arity_error": error_text(lambda: m(x, x)),
            "type_error": error_text(lambda: m.hidden(x, "a")),
        }
    warm = torch.jit.load(mlp_path)
    for _ in range(3):  # the profiling executor optimizes the graph after its first runs: errors then nest
        warm(x)
    doc["mlp"]["shape_error_after_3_runs"] = error_text(lambda: warm(torch.zeros(2, 5)))
    doc["mlp_sgd_mse"] = finetune(mlp_path, "sgd", "mse", x, y_reg, 5)
    doc["mlp_adam_ce"] = finetune(mlp_path, "adam", "ce", x, y_cls, 5)

    b = torch.jit.load(bn_path)
    case = {"repr": repr(b), "parameters": [n for n, _ in b.named_parameters()], "state": state(b)}
    b.eval()
    with torch.no_grad():
        case["eval_output"] = tcase(b(x_bn))
    b.train()
    torch.manual_seed(3)
    with torch.no_grad():
        case["train_output_seed3"] = tcase(b(x_bn))  # dropout mask from the default generator, BN batch stats
    case["state_after_train_forward"] = state(b)  # running_mean, running_var, num_batches_tracked updated
    b.eval()
    with torch.no_grad():
        case["eval_output_after"] = tcase(b(x_bn))
    doc["bn_net"] = case
    torch.manual_seed(4)
    doc["bn_net_sgd_mse_seed4"] = finetune(bn_path, "sgd", "mse", x_bn, y_bn, 4)

    # Transfer learning: the scripted backbone frozen, a new head trained.
    backbone = torch.jit.load(mlp_path)
    for p in backbone.parameters():
        p.requires_grad_(False)
    torch.manual_seed(5)
    head = nn.Linear(3, 2)
    model = nn.Sequential(backbone, head)
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1, momentum=0.9)
    crit = nn.CrossEntropyLoss()
    y_two = y_cls.remainder(2)
    losses = []
    for _ in range(5):
        opt.zero_grad()
        loss = crit(model(x), y_two)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    doc["frozen_backbone"] = {"y": tcase(y_two), "losses": losses, "state": state(model), "repr": repr(model)}

    c = torch.jit.load(counter_path)
    with torch.no_grad():
        outs = [c(torch.ones(2, 3)) for _ in range(3)]
    doc["counter"] = {"output_3": tcase(outs[-1]), "state_after_3": state(c)}

    doc["not_torchscript"] = {
        "state_dict": error_text(lambda: torch.jit.load(sd_path)),
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    # TorchScript prints a module's constants in the order of a Python set: fix string hashing so that the saved
    # models are byte for byte the same on every run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    main()
