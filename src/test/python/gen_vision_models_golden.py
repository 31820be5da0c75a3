#!/usr/bin/env python3
"""Golden files for dev.jtorch.vision.models, from torchvision 0.14 (Debian's python3-torchvision).

Run from the repository root:  /usr/bin/python3 src/test/python/gen_vision_models_golden.py
writes src/test/resources/golden/vision_models.json and src/test/resources/golden/vision_mobilenet_v2_small.pth.
With random weights only: nothing is downloaded.

vision_models.json holds, for each builder (resnet18, resnet34, resnet50, mobilenet_v2, vgg11, vgg11_bn) right
after torch.manual_seed(seed):
  - "repr": print(model), "keys": the state-dict keys with shapes and dtypes, "num_parameters";
  - "stats": per floating state-dict entry, the float64 sum and sum of squares of the initial values, and
    "samples": initial values at positions drawn by Python's random.Random(0) (so the Java side checks that
    construction consumed torch's generator exactly as torchvision does, weight for weight);
and "architectures": resnet101 and resnet152 by digest (parameter count, SHA-256 of repr and keys). "outputs": for a small-class model (num_classes=10) built after torch.manual_seed(seed), the input
x = torch.randn(shape) drawn next, then torch.manual_seed(seed + 1), the train-mode output (batch statistics,
dropout drawn from the generator) and the sums of the running statistics it updated, then the eval-mode output.

"checkpoint" describes vision_mobilenet_v2_small.pth: torch.save(model.state_dict(), f) of
torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=2, inverted_residual_setting=SMALL_SETTING) with perturbed weights and running statistics
(as after training), and the outputs for a seeded input in eval and train mode.

With --pth NAME DIR (used by the @Tag("python") tests): writes DIR/NAME.pth (torch.save(model.state_dict()))
of torchvision.models.NAME(num_classes=10) with perturbed weights, and DIR/NAME_io.pt with the input and the
eval- and train-mode outputs, for the Java side to load strictly and compare.
"""
import json
import math
import os
import random
import sys
import warnings

import torch
import torchvision

warnings.simplefilter("ignore")
torch.set_num_threads(1)

OUT = "src/test/resources/golden"

BUILDERS = {
    "resnet18": torchvision.models.resnet18,
    "resnet34": torchvision.models.resnet34,
    "resnet50": torchvision.models.resnet50,
    "mobilenet_v2": torchvision.models.mobilenet_v2,
    "vgg11": torchvision.models.vgg11,
    "vgg11_bn": torchvision.models.vgg11_bn,
}


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def describe(name, seed):
    torch.manual_seed(seed)
    model = BUILDERS[name]()
    sd = model.state_dict()
    rnd = random.Random(0)
    stats, samples = [], []
    for k, v in sd.items():
        if not v.dtype.is_floating_point:
            continue
        d = v.double()
        stats.append([k, float(d.sum()), float((d * d).sum())])
        if v.dim() < 2:
            continue  # biases and norms start constant: their sums say it all
        flat = v.reshape(-1)
        for _ in range(2):
            i = rnd.randrange(flat.numel())
            samples.append([k, i, float(flat[i])])
    return {
        "name": name,
        "seed": seed,
        "repr": repr(model),
        "num_parameters": sum(p.numel() for p in model.parameters()),
        "keys": [[k, list(v.shape), str(v.dtype)] for k, v in sd.items()],
        "stats": stats,
        "samples": samples,
    }


def run_outputs(model, x, seed):
    """Train-mode forward (after torch.manual_seed(seed + 1)), the running statistics, then eval-mode forward."""
    torch.manual_seed(seed + 1)
    model.train()
    with torch.no_grad():
        y_train = model(x)
    running = [[k, float(v.double().sum())] for k, v in model.state_dict().items()
               if k.endswith("running_mean") or k.endswith("running_var") or k.endswith("num_batches_tracked")]
    model.eval()
    with torch.no_grad():
        y_eval = model(x)
    return y_train, y_eval, running


def outputs(name, seed, shape):
    torch.manual_seed(seed)
    model = BUILDERS[name](num_classes=10)
    x = torch.randn(shape)
    y_train, y_eval, running = run_outputs(model, x, seed)
    return {"name": name, "seed": seed, "num_classes": 10, "input_shape": list(shape),
            "train": floats(y_train), "eval": floats(y_eval), "running": running}


def perturb(model, seed):
    """Weights and running statistics as after some training: every float entry moved by seeded noise."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for k, v in model.state_dict().items():
            if k.endswith("running_var"):
                v.copy_(torch.rand(v.shape, generator=g) + 0.5)
            elif k.endswith("num_batches_tracked"):
                v.fill_(100)
            elif v.dtype.is_floating_point:
                scale = v.std().item() if v.numel() > 1 and v.std().item() > 0 else 0.1
                v.add_(torch.randn(v.shape, generator=g) * 0.5 * scale)


SMALL_SETTING = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2]]


def checkpoint(path, seed=5):
    torch.manual_seed(seed)
    model = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=2,
                                            inverted_residual_setting=SMALL_SETTING)
    perturb(model, seed)
    torch.save(model.state_dict(), path)
    torch.manual_seed(seed + 100)
    x = torch.randn(2, 3, 32, 32)
    y_train, y_eval, running = run_outputs(model, x, seed + 100)
    return {"file": os.path.basename(path), "builder": "mobilenet_v2", "width_mult": 0.25, "num_classes": 2,
            "input_seed": seed + 100, "input_shape": [2, 3, 32, 32], "train": floats(y_train),
            "eval": floats(y_eval), "running": running,
            "inverted_residual_setting": SMALL_SETTING}


def live(name, d):
    """The files of the live-Python interop test: a perturbed num_classes=10 model, its state dict and its outputs."""
    seed = 11
    torch.manual_seed(seed)
    model = BUILDERS[name](num_classes=10)
    perturb(model, seed)
    torch.save(model.state_dict(), os.path.join(d, name + ".pth"))
    torch.manual_seed(seed + 100)
    x = torch.randn(2, 3, 32, 32) if name.startswith("vgg") else torch.randn(2, 3, 64, 64)
    y_train, y_eval, _ = run_outputs(model, x, seed + 100)
    torch.save({"input": x, "train": y_train, "eval": y_eval}, os.path.join(d, name + "_io.pt"))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--pth":
        live(sys.argv[2], sys.argv[3])
        return
    out = {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "models": [describe(n, s) for n, s in
                   [("resnet18", 0), ("resnet34", 1), ("resnet50", 2), ("mobilenet_v2", 3), ("vgg11", 4),
                    ("vgg11_bn", 5)]],
        "outputs": [outputs("resnet18", 20, (2, 3, 64, 64)), outputs("resnet50", 21, (2, 3, 64, 64)),
                    outputs("mobilenet_v2", 22, (2, 3, 64, 64)), outputs("vgg11", 23, (2, 3, 32, 32))],
        "checkpoint": checkpoint(os.path.join(OUT, "vision_mobilenet_v2_small.pth")),
        "kaiming_normal": kaiming(),
        "architectures": [architecture(n) for n in ["resnet101", "resnet152"]],
    }
    with open(os.path.join(OUT, "vision_models.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


def architecture(name):
    """The deeper ResNets by digest only: parameter count, number of state-dict keys, SHA-256 of repr and keys."""
    import hashlib
    model = getattr(torchvision.models, name)()
    sd = model.state_dict()
    keys = "\n".join(k + " " + str(list(v.shape)) for k, v in sd.items())
    return {"name": name, "num_parameters": sum(p.numel() for p in model.parameters()), "num_keys": len(sd),
            "repr_sha256": hashlib.sha256(repr(model).encode()).hexdigest(),
            "keys_sha256": hashlib.sha256(keys.encode()).hexdigest()}


def kaiming():
    """nn.init.kaiming_normal_ on a (6, 4, 3, 3) tensor for each mode and nonlinearity, after torch.manual_seed(9)."""
    cases = []
    for mode in ["fan_in", "fan_out"]:
        for nl, a in [("relu", 0), ("leaky_relu", 0), ("leaky_relu", 0.2), ("linear", 0)]:
            torch.manual_seed(9)
            t = torch.empty(6, 4, 3, 3)
            torch.nn.init.kaiming_normal_(t, a=a, mode=mode, nonlinearity=nl)
            cases.append({"mode": mode, "nonlinearity": nl, "a": a, "values": floats(t)})
    return cases


if __name__ == "__main__":
    main()
