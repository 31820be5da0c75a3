#!/usr/bin/env python3
"""Writes src/test/resources/golden/nn_modules.json (or the file after --out) from Python PyTorch.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_nn_golden.py
The Java tests under src/test/java/dev/jtorch/nn/ rebuild the same modules with the same seeds and compare:
reprs, initial state dicts, outputs and gradients in train and eval mode, running statistics, loss values and
input gradients, and PyTorch's error messages.

Each module case is built by evaluating its Python expression right after torch.manual_seed(seed); then the
input is drawn from the same generator (so the Java side also checks that construction consumed the generator
as PyTorch does), then any extra training batches.
"""
import json
import math
import os
import sys
import warnings
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.simplefilter("ignore")
torch.set_num_threads(1)  # reductions and BLAS round differently with more threads: keep the file reproducible


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


def tcase(t, name=None):
    c = {"dtype": str(t.dtype), "shape": list(t.shape), "values": values(t)}
    if name is not None:
        c = {"name": name, **c}
    return c


def state(module):
    return [tcase(v, k) for k, v in module.state_dict().items()]


def draw(spec):
    """An input as the Java side draws it: ["randn", shape] or ["randint", low, high, shape]."""
    if spec[0] == "randn":
        return torch.randn(*spec[1])
    if spec[0] == "randint":
        return torch.randint(spec[1], spec[2], tuple(spec[3]))
    raise ValueError(spec)


def run_mode(m, x, training, extra):
    m.train(training)
    m.zero_grad(set_to_none=True)
    if training:
        with torch.no_grad():
            for e in extra:
                m(e)
    floating = x.dtype.is_floating_point
    xi = x.clone().requires_grad_(floating)
    out = m(xi)
    out.sum().backward()
    res = {"output": tcase(out)}
    if floating:
        res["grad_input"] = tcase(xi.grad)
    res["grads"] = [tcase(p.grad, k) for k, p in m.named_parameters() if p.grad is not None]
    res["state_after"] = state(m)
    return res


# name, seed, Python expression, input spec, extra training batches (drawn after the input), modes
MODULES = [
    ("leaky_relu_default", 1, "nn.LeakyReLU()", ["randn", [3, 4]], 0, ["train"]),
    ("leaky_relu_0_2", 2, "nn.LeakyReLU(0.2)", ["randn", [3, 4]], 0, ["train"]),
    ("gelu_default", 3, "nn.GELU()", ["randn", [3, 4]], 0, ["train"]),
    ("gelu_tanh", 4, "nn.GELU(approximate='tanh')", ["randn", [3, 4]], 0, ["train"]),
    ("softmax_dim1", 5, "nn.Softmax(dim=1)", ["randn", [3, 4]], 0, ["train"]),
    ("softmax_dim_neg1_3d", 6, "nn.Softmax(dim=-1)", ["randn", [2, 3, 4]], 0, ["train"]),
    ("softmax_implicit_3d", 7, "nn.Softmax()", ["randn", [2, 3, 4]], 0, ["train"]),
    ("softmax_implicit_2d", 8, "nn.Softmax()", ["randn", [3, 4]], 0, ["train"]),
    ("log_softmax_dim1", 9, "nn.LogSoftmax(dim=1)", ["randn", [3, 4]], 0, ["train"]),
    ("log_softmax_dim0", 10, "nn.LogSoftmax(dim=0)", ["randn", [3, 4]], 0, ["train"]),
    ("relu", 11, "nn.ReLU()", ["randn", [3, 4]], 0, ["train"]),
    ("sigmoid", 12, "nn.Sigmoid()", ["randn", [3, 4]], 0, ["train"]),
    ("tanh", 13, "nn.Tanh()", ["randn", [3, 4]], 0, ["train"]),
    ("flatten", 14, "nn.Flatten()", ["randn", [2, 3, 4]], 0, ["train"]),
    ("identity", 15, "nn.Identity()", ["randn", [2, 3]], 0, ["train"]),
    ("linear", 16, "nn.Linear(5, 3)", ["randn", [4, 5]], 0, ["train"]),
    ("linear_no_bias", 17, "nn.Linear(4, 2, bias=False)", ["randn", [3, 4]], 0, ["train"]),
    ("batchnorm1d", 20, "nn.BatchNorm1d(4)", ["randn", [6, 4]], 0, ["train", "eval"]),
    ("batchnorm1d_3d", 21, "nn.BatchNorm1d(3)", ["randn", [4, 3, 5]], 1, ["train", "eval"]),
    ("batchnorm1d_momentum_none", 22, "nn.BatchNorm1d(4, momentum=None)", ["randn", [5, 4]], 3,
     ["train", "eval"]),
    ("batchnorm1d_no_affine", 23, "nn.BatchNorm1d(4, affine=False)", ["randn", [5, 4]], 0, ["train", "eval"]),
    ("batchnorm1d_no_tracking", 24, "nn.BatchNorm1d(4, track_running_stats=False)", ["randn", [5, 4]], 0,
     ["train", "eval"]),
    ("batchnorm1d_eps_momentum", 25, "nn.BatchNorm1d(2, eps=0.001, momentum=0.3)", ["randn", [3, 2]], 2,
     ["train", "eval"]),
    ("batchnorm2d", 26, "nn.BatchNorm2d(3)", ["randn", [2, 3, 4, 4]], 1, ["train", "eval"]),
    ("batchnorm2d_options", 27, "nn.BatchNorm2d(2, eps=1e-3, momentum=0.5, affine=False)",
     ["randn", [3, 2, 3, 3]], 0, ["train", "eval"]),
    ("layernorm", 30, "nn.LayerNorm(5)", ["randn", [3, 5]], 0, ["train"]),
    ("layernorm_2d_shape", 31, "nn.LayerNorm([3, 4])", ["randn", [2, 3, 4]], 0, ["train"]),
    ("layernorm_options", 32, "nn.LayerNorm(4, eps=1e-06, elementwise_affine=False)", ["randn", [3, 4]], 0,
     ["train"]),
    ("conv1d", 40, "nn.Conv1d(3, 4, 3)", ["randn", [2, 3, 7]], 0, ["train"]),
    ("conv1d_options", 41, "nn.Conv1d(4, 6, 3, stride=2, padding=1, dilation=2, groups=2, bias=False)",
     ["randn", [2, 4, 9]], 0, ["train"]),
    ("conv1d_same_reflect", 42, "nn.Conv1d(2, 3, 4, padding='same', padding_mode='reflect')",
     ["randn", [2, 2, 6]], 0, ["train"]),
    ("conv2d", 43, "nn.Conv2d(3, 4, 3)", ["randn", [2, 3, 5, 5]], 0, ["train"]),
    ("conv2d_tuples", 44, "nn.Conv2d(2, 4, (3, 2), stride=(2, 1), padding=(1, 0))", ["randn", [2, 2, 5, 4]], 0,
     ["train"]),
    ("conv2d_depthwise_same", 45, "nn.Conv2d(4, 4, 3, padding='same', groups=4, bias=False)",
     ["randn", [1, 4, 4, 4]], 0, ["train"]),
    ("conv2d_circular", 46, "nn.Conv2d(2, 3, 3, padding=1, padding_mode='circular')", ["randn", [1, 2, 4, 4]], 0,
     ["train"]),
    ("conv2d_valid_dilation", 47, "nn.Conv2d(2, 2, 3, padding='valid', dilation=2)", ["randn", [1, 2, 7, 7]], 0,
     ["train"]),
    ("conv2d_replicate", 48, "nn.Conv2d(1, 2, 2, stride=2, padding=(1, 2), padding_mode='replicate')",
     ["randn", [1, 1, 5, 5]], 0, ["train"]),
    ("maxpool2d", 50, "nn.MaxPool2d(2)", ["randn", [1, 2, 4, 4]], 0, ["train"]),
    ("maxpool2d_options", 51, "nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)", ["randn", [1, 2, 6, 6]],
     0, ["train"]),
    ("maxpool2d_tuples", 52, "nn.MaxPool2d((2, 3), stride=(1, 2), dilation=(2, 1))", ["randn", [2, 1, 6, 7]],
     0, ["train"]),
    ("avgpool2d", 53, "nn.AvgPool2d(2)", ["randn", [1, 2, 4, 4]], 0, ["train"]),
    ("avgpool2d_options", 54, "nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
     ["randn", [1, 2, 6, 6]], 0, ["train"]),
    ("avgpool2d_divisor", 55, "nn.AvgPool2d((2, 2), divisor_override=3)", ["randn", [1, 1, 4, 4]], 0,
     ["train"]),
    ("adaptive_avgpool2d_1", 56, "nn.AdaptiveAvgPool2d(1)", ["randn", [2, 3, 5, 5]], 0, ["train"]),
    ("adaptive_avgpool2d_tuple", 57, "nn.AdaptiveAvgPool2d((2, 3))", ["randn", [1, 2, 5, 7]], 0, ["train"]),
    ("adaptive_avgpool2d_none", 58, "nn.AdaptiveAvgPool2d((None, 2))", ["randn", [1, 2, 3, 5]], 0, ["train"]),
    ("embedding", 60, "nn.Embedding(10, 3)", ["randint", 0, 10, [2, 4]], 0, ["train"]),
    ("embedding_padding", 61, "nn.Embedding(10, 4, padding_idx=0)", ["randint", 0, 3, [3, 4]], 0, ["train"]),
    ("embedding_negative_padding", 62, "nn.Embedding(8, 3, padding_idx=-1)", ["randint", 5, 8, [6]], 0,
     ["train"]),
    ("embedding_max_norm", 63, "nn.Embedding(10, 3, max_norm=1.0)", ["randint", 0, 10, [5]], 0, ["train"]),
    ("embedding_options", 64, "nn.Embedding(20, 5, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True)",
     ["randint", 0, 4, [8]], 0, ["train"]),
    ("embedding_large", 65, "nn.Embedding(30, 7)", ["randint", 0, 30, [4]], 0, ["train"]),
    ("dropout", 66, "nn.Dropout(0.25)", ["randn", [3, 4]], 0, ["eval"]),
]


def module_cases():
    out = []
    for name, seed, expr, spec, extra_n, modes in MODULES:
        torch.manual_seed(seed)
        m = eval(expr)
        init = state(m)
        x = draw(spec)
        extra = [draw(spec) for _ in range(extra_n)]
        c = {"name": name, "seed": seed, "python": expr, "repr": repr(m), "state": init, "input_spec": spec,
             "extra_batches": extra_n, "input": tcase(x)}
        for mode in modes:
            c[mode] = run_mode(m, x, mode == "train", extra)
        out.append(c)
    return out


# ------------------------------------------------------------------ losses

def loss_inputs(kind, seed):
    torch.manual_seed(seed)
    if kind == "logprob":
        return {"input": F.log_softmax(torch.randn(5, 4), dim=1), "target": torch.tensor([0, 1, 3, 1, 2]),
                "weight": torch.rand(4)}
    if kind == "logprob_nd":
        return {"input": F.log_softmax(torch.randn(2, 3, 4), dim=1), "target": torch.randint(0, 3, (2, 4)),
                "weight": torch.rand(3)}
    if kind == "logits":
        return {"input": torch.randn(5, 4), "target": torch.tensor([0, 1, 3, 1, 2]), "weight": torch.rand(4),
                "probs": torch.softmax(torch.randn(5, 4), dim=1)}
    if kind == "prob":
        return {"input": torch.sigmoid(torch.randn(4, 3)), "target": torch.rand(4, 3), "weight": torch.rand(4, 3),
                "row_weight": torch.rand(3)}
    if kind == "binary_logits":
        return {"input": torch.randn(4, 3) * 2, "target": (torch.rand(4, 3) > 0.5).float(),
                "weight": torch.rand(3), "pos_weight": torch.rand(3) * 3}
    if kind == "regression":
        return {"input": torch.randn(4, 3) * 2, "target": torch.randn(4, 3)}
    if kind == "kl":
        return {"input": F.log_softmax(torch.randn(3, 5), dim=1), "target": F.softmax(torch.randn(3, 5), dim=1),
                "log_target": F.log_softmax(torch.randn(3, 5), dim=1)}
    raise ValueError(kind)


# name, seed, inputs kind, Python expression (tensors from the inputs as W, PW, ...), input key, target key
LOSSES = [
    ("nll_mean", 100, "logprob", "nn.NLLLoss()", "input", "target"),
    ("nll_sum", 100, "logprob", "nn.NLLLoss(reduction='sum')", "input", "target"),
    ("nll_none", 100, "logprob", "nn.NLLLoss(reduction='none')", "input", "target"),
    ("nll_weight_mean", 100, "logprob", "nn.NLLLoss(weight=T['weight'])", "input", "target"),
    ("nll_weight_ignore", 100, "logprob", "nn.NLLLoss(weight=T['weight'], ignore_index=1)", "input", "target"),
    ("nll_ignore_none", 100, "logprob", "nn.NLLLoss(ignore_index=1, reduction='none')", "input", "target"),
    ("nll_nd", 101, "logprob_nd", "nn.NLLLoss(weight=T['weight'])", "input", "target"),
    ("ce_mean", 102, "logits", "nn.CrossEntropyLoss()", "input", "target"),
    ("ce_weight_smoothing", 102, "logits", "nn.CrossEntropyLoss(weight=T['weight'], label_smoothing=0.1)",
     "input", "target"),
    ("ce_probs_sum", 102, "logits", "nn.CrossEntropyLoss(reduction='sum')", "input", "probs"),
    ("bce_mean", 103, "prob", "nn.BCELoss()", "input", "target"),
    ("bce_sum", 103, "prob", "nn.BCELoss(reduction='sum')", "input", "target"),
    ("bce_none_weight", 103, "prob", "nn.BCELoss(weight=T['weight'], reduction='none')", "input", "target"),
    ("bce_broadcast_weight", 103, "prob", "nn.BCELoss(weight=T['row_weight'])", "input", "target"),
    ("bce_logits_mean", 104, "binary_logits", "nn.BCEWithLogitsLoss()", "input", "target"),
    ("bce_logits_weight_sum", 104, "binary_logits", "nn.BCEWithLogitsLoss(weight=T['weight'], reduction='sum')",
     "input", "target"),
    ("bce_logits_pos_weight", 104, "binary_logits", "nn.BCEWithLogitsLoss(pos_weight=T['pos_weight'])", "input",
     "target"),
    ("bce_logits_both_none", 104, "binary_logits",
     "nn.BCEWithLogitsLoss(weight=T['weight'], reduction='none', pos_weight=T['pos_weight'])", "input", "target"),
    ("mse_mean", 105, "regression", "nn.MSELoss()", "input", "target"),
    ("mse_sum", 105, "regression", "nn.MSELoss(reduction='sum')", "input", "target"),
    ("mse_none", 105, "regression", "nn.MSELoss(reduction='none')", "input", "target"),
    ("l1_mean", 106, "regression", "nn.L1Loss()", "input", "target"),
    ("l1_sum", 106, "regression", "nn.L1Loss(reduction='sum')", "input", "target"),
    ("l1_none", 106, "regression", "nn.L1Loss(reduction='none')", "input", "target"),
    ("smooth_l1_mean", 107, "regression", "nn.SmoothL1Loss()", "input", "target"),
    ("smooth_l1_beta_half_sum", 107, "regression", "nn.SmoothL1Loss(reduction='sum', beta=0.5)", "input",
     "target"),
    ("smooth_l1_beta_zero", 107, "regression", "nn.SmoothL1Loss(beta=0.0)", "input", "target"),
    ("smooth_l1_beta2_none", 107, "regression", "nn.SmoothL1Loss(reduction='none', beta=2.0)", "input",
     "target"),
    ("huber_mean", 108, "regression", "nn.HuberLoss()", "input", "target"),
    ("huber_delta_half_sum", 108, "regression", "nn.HuberLoss(reduction='sum', delta=0.5)", "input", "target"),
    ("huber_delta2_none", 108, "regression", "nn.HuberLoss(reduction='none', delta=2.0)", "input", "target"),
    ("kl_mean", 109, "kl", "nn.KLDivLoss()", "input", "target"),
    ("kl_batchmean", 109, "kl", "nn.KLDivLoss(reduction='batchmean')", "input", "target"),
    ("kl_sum", 109, "kl", "nn.KLDivLoss(reduction='sum')", "input", "target"),
    ("kl_none", 109, "kl", "nn.KLDivLoss(reduction='none')", "input", "target"),
    ("kl_log_target_batchmean", 109, "kl", "nn.KLDivLoss(reduction='batchmean', log_target=True)", "input",
     "log_target"),
    ("kl_log_target_none", 109, "kl", "nn.KLDivLoss(reduction='none', log_target=True)", "input", "log_target"),
]


def loss_cases():
    out = []
    for name, seed, kind, expr, in_key, target_key in LOSSES:
        T = loss_inputs(kind, seed)
        crit = eval(expr, {"nn": nn, "T": T})
        x = T[in_key].clone().requires_grad_(True)
        value = crit(x, T[target_key])
        value.sum().backward()
        out.append({"name": name, "python": expr, "repr": repr(crit), "tensors": [tcase(v, k) for k, v in T.items()],
                    "input": in_key, "target": target_key, "value": tcase(value), "grad_input": tcase(x.grad),
                    "state_keys": list(crit.state_dict().keys())})
    return out


# ------------------------------------------------------------------ models, containers, Module behaviour

class SimpleClassifier(nn.Module):
    """seed 000's model (shared/reference/seed000_training_workflow.py)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 64)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(64, 2)

    def forward(self, x):
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class Net(nn.Module):
    """A CNN with every container: the Java twin is dev.jtorch.nn.ModuleGoldenTest.Net."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))
        self.blocks = nn.ModuleList([nn.Linear(16, 16), nn.LeakyReLU(0.1), nn.Linear(16, 8)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(8, 3), "reg": nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())})
        self.norm = nn.LayerNorm(8)
        self.pool = nn.AdaptiveAvgPool2d((2, 2))

    def forward(self, x):
        x = self.pool(self.features(x)).flatten(1)
        for b in self.blocks:
            x = b(x)
        x = self.norm(x)
        return self.heads["cls"](x) + self.heads["reg"](x)


def load_error(model, sd, strict=True):
    try:
        r = model.load_state_dict(sd, strict=strict)
        return repr(r)
    except RuntimeError as e:
        return str(e)


def models():
    torch.manual_seed(42)
    clf = SimpleClassifier()
    x = torch.randn(8, 10)
    clf.eval()
    out_eval = clf(x)
    clf.train()
    torch.manual_seed(7)
    out_train = clf(x)
    simple = {"repr": repr(clf), "state": state(clf), "input": tcase(x), "eval_output": tcase(out_eval),
              "train_output_seed7": tcase(out_train),
              "named_modules": list(dict(clf.named_modules()).keys()),
              "named_parameters": [k for k, _ in clf.named_parameters()]}

    sd = clf.state_dict()
    missing = OrderedDict((k, v) for k, v in sd.items() if k != "fc2.bias")
    unexpected = OrderedDict(sd)
    unexpected["fc3.weight"] = torch.zeros(1)
    unexpected["fc1.extra"] = torch.zeros(1)
    both = OrderedDict((k, v) for k, v in unexpected.items() if k not in ("fc1.bias", "fc2.weight"))
    # PyTorch reports unexpected keys module by module (the root's first), not in the dictionary's order
    reordered = OrderedDict([("fc1.extra", torch.zeros(1))] + list(sd.items()) + [("fc3.weight", torch.zeros(1))])
    mismatch = OrderedDict(sd)
    mismatch["fc1.weight"] = torch.zeros(64, 5)
    mismatch["fc2.bias"] = torch.zeros(3)
    mismatch_missing = OrderedDict((k, v) for k, v in mismatch.items() if k != "fc1.bias")
    torch.manual_seed(42)
    fresh = SimpleClassifier()
    simple["load_errors"] = {
        "missing": load_error(fresh, missing),
        "unexpected": load_error(fresh, unexpected),
        "both": load_error(fresh, both),
        "unexpected_order": load_error(fresh, reordered),
        "mismatch": load_error(fresh, mismatch),
        "mismatch_missing": load_error(fresh, mismatch_missing),
        "non_strict": load_error(fresh, both, strict=False),
        "ok": load_error(fresh, sd),
    }

    torch.manual_seed(3)
    net = Net()
    x = torch.randn(2, 1, 8, 8)
    out = net(x)
    out.sum().backward()
    nested = {"repr": repr(net), "state": state(net), "input": tcase(x), "output": tcase(out),
              "grads": [tcase(p.grad, k) for k, p in net.named_parameters()],
              "named_modules": list(dict(net.named_modules()).keys()),
              "named_children": list(dict(net.named_children()).keys()),
              "named_buffers": [k for k, _ in net.named_buffers()],
              "module_list_repr": repr(net.blocks), "module_dict_repr": repr(net.heads),
              "empty_module_list_repr": repr(nn.ModuleList()), "empty_module_dict_repr": repr(nn.ModuleDict()),
              "empty_sequential_repr": repr(nn.Sequential())}
    torch.manual_seed(5)
    net.eval()
    nested["eval_output"] = tcase(net(x))
    return {"simple_classifier": simple, "nested": nested}


# ------------------------------------------------------------------ PyTorch's messages for invalid arguments

def error(expr, env=None):
    try:
        eval(expr, {"nn": nn, "torch": torch, "F": F, **(env or {})})
    except (ValueError, AssertionError, RuntimeError, TypeError) as e:
        return {"python": expr, "type": type(e).__name__, "message": str(e)}
    raise AssertionError("no error from " + expr)


def errors():
    torch.manual_seed(0)
    env = {"x4": torch.randn(2, 3, 4, 4), "x2": torch.randn(1, 4), "p": torch.rand(3), "t": torch.rand(4)}
    cases = {
        "conv_groups": "nn.Conv2d(3, 4, 3, groups=0)",
        "conv_in_groups": "nn.Conv2d(3, 4, 3, groups=2)",
        "conv_out_groups": "nn.Conv1d(4, 3, 3, groups=2)",
        "conv_same_strided": "nn.Conv2d(3, 4, 3, stride=2, padding='same')",
        "batchnorm1d_dim": "nn.BatchNorm1d(3)(x4)",
        "batchnorm2d_dim": "nn.BatchNorm2d(4)(x2)",
        "batchnorm_batch1": "nn.BatchNorm1d(4)(x2)",
        "embedding_padding_high": "nn.Embedding(5, 2, padding_idx=5)",
        "embedding_padding_low": "nn.Embedding(5, 2, padding_idx=-6)",
        "bce_size": "nn.BCELoss()(p, t)",
        "bce_logits_size": "nn.BCEWithLogitsLoss()(p, t)",
        "dropout_p": "nn.Dropout(1.5)",
        "adaptive_dim": "nn.AdaptiveAvgPool2d((None, 2))(p)",
    }
    return {k: error(v, env) for k, v in cases.items()}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "nn_modules.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    data = {
        "generator": "src/test/python/gen_nn_golden.py",
        "torch_version": torch.__version__,
        "modules": module_cases(),
        "losses": loss_cases(),
        **models(),
        "errors": errors(),
    }
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
