#!/usr/bin/env python3
"""Writes src/test/resources/golden/nn_more.json (or the file after --out) from Python PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_nn_more_golden.py
The Java test dev.jtorch.nn.MoreLayersGoldenTest rebuilds the same modules with the same seeds and compares:

- "modules": one-input modules, as gen_nn_golden.py's cases (repr, initial state dict, the input drawn next,
  output, input and parameter gradients of output.sum() in train and/or eval mode);
- "calls": modules and losses called with several inputs (or keyword arguments): the module is built right after
  torch.manual_seed(seed), then each input is drawn in order from the same generator (or given as constants);
  the output, the gradients of the inputs that require one and of the parameters after backward of its sum;
- "errors": PyTorch's messages for bad arguments and shapes, with the Python exception type;
- "warnings": the warnings some calls raise.
"""
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_nn_golden import draw, run_mode, state, tcase  # noqa: E402

torch.set_num_threads(1)

# name, seed, Python expression, input spec, extra training batches, modes
MODULES = [
    ("conv3d", 200, "nn.Conv3d(2, 3, 2)", ["randn", [2, 2, 3, 3, 3]], 0, ["train"]),
    ("conv3d_options", 201, "nn.Conv3d(4, 4, (3, 2, 1), stride=(2, 1, 1), padding=1, dilation=(1, 2, 1), groups=2, "
     "bias=False)", ["randn", [1, 4, 5, 5, 3]], 0, ["train"]),
    ("conv3d_same_circular", 202, "nn.Conv3d(1, 2, 3, padding='same', padding_mode='circular')",
     ["randn", [1, 1, 3, 4, 4]], 0, ["train"]),
    ("conv3d_unbatched", 203, "nn.Conv3d(2, 2, 2, padding=(0, 1, 0))", ["randn", [2, 3, 3, 3]], 0, ["train"]),
    ("conv_transpose2d", 204, "nn.ConvTranspose2d(3, 2, 3)", ["randn", [2, 3, 4, 4]], 0, ["train"]),
    ("conv_transpose2d_options", 205, "nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, "
     "bias=False, dilation=2)", ["randn", [1, 4, 3, 3]], 0, ["train"]),
    ("conv_transpose2d_tuples", 206, "nn.ConvTranspose2d(2, 3, (3, 2), stride=(2, 3), padding=(1, 0), "
     "output_padding=(0, 2))", ["randn", [2, 2, 3, 4]], 0, ["train"]),
    ("conv_transpose2d_unbatched", 207, "nn.ConvTranspose2d(2, 2, 2, stride=2)", ["randn", [2, 3, 3]], 0,
     ["train"]),
    ("group_norm", 210, "nn.GroupNorm(2, 4)", ["randn", [3, 4, 5]], 0, ["train"]),
    ("group_norm_options", 211, "nn.GroupNorm(3, 6, eps=0.001, affine=False)", ["randn", [2, 6, 2, 3]], 0,
     ["train"]),
    ("group_norm_2d_input", 212, "nn.GroupNorm(1, 3)", ["randn", [4, 3]], 0, ["train"]),
    ("instance_norm2d", 213, "nn.InstanceNorm2d(3)", ["randn", [2, 3, 4, 4]], 0, ["train", "eval"]),
    ("instance_norm2d_affine_tracking", 214, "nn.InstanceNorm2d(2, affine=True, track_running_stats=True)",
     ["randn", [3, 2, 3, 3]], 1, ["train", "eval"]),
    ("instance_norm2d_momentum_eps", 215, "nn.InstanceNorm2d(2, eps=0.001, momentum=0.3, affine=True)",
     ["randn", [2, 2, 3, 2]], 0, ["train", "eval"]),
    ("instance_norm2d_unbatched_tracking", 216, "nn.InstanceNorm2d(3, track_running_stats=True)",
     ["randn", [3, 4, 4]], 0, ["train", "eval"]),
    ("upsample_nearest_scale", 220, "nn.Upsample(scale_factor=2)", ["randn", [1, 2, 2, 3]], 0, ["train"]),
    ("upsample_nearest_size", 221, "nn.Upsample(size=(3, 5))", ["randn", [1, 2, 2, 3]], 0, ["train"]),
    ("upsample_nearest_fractional", 222, "nn.Upsample(scale_factor=1.5)", ["randn", [1, 1, 3, 3]], 0, ["train"]),
    ("upsample_nearest_1d", 223, "nn.Upsample(size=5)", ["randn", [2, 2, 3]], 0, ["train"]),
    ("upsample_bilinear", 224, "nn.Upsample(scale_factor=2, mode='bilinear')", ["randn", [1, 2, 3, 3]], 0,
     ["train"]),
    ("upsample_bilinear_align", 225, "nn.Upsample(size=(4, 5), mode='bilinear', align_corners=True)",
     ["randn", [2, 1, 3, 2]], 0, ["train"]),
    ("upsample_bicubic", 226, "nn.Upsample(scale_factor=(1.5, 2), mode='bicubic')", ["randn", [1, 2, 4, 3]], 0,
     ["train"]),
    ("upsample_bicubic_align", 227, "nn.Upsample(scale_factor=2, mode='bicubic', align_corners=True)",
     ["randn", [1, 1, 3, 3]], 0, ["train"]),
    ("upsample_bilinear_recompute", 228, "nn.Upsample(scale_factor=1.7, mode='bilinear', "
     "recompute_scale_factor=True)", ["randn", [1, 1, 3, 4]], 0, ["train"]),
    ("upsample_linear_1d", 234, "nn.Upsample(scale_factor=2.5, mode='linear')", ["randn", [2, 2, 3]], 0, ["train"]),
    ("upsample_trilinear", 235, "nn.Upsample(size=(2, 3, 4), mode='trilinear', align_corners=True)",
     ["randn", [1, 2, 2, 2, 3]], 0, ["train"]),
    ("upsample_nearest_3d", 236, "nn.Upsample(scale_factor=(1, 2, 1.5))", ["randn", [1, 1, 2, 2, 2]], 0,
     ["train"]),
    ("upsample_area_scale", 237, "nn.Upsample(scale_factor=0.5, mode='area')", ["randn", [1, 2, 5, 4]], 0,
     ["train"]),
    ("upsample_area_size", 238, "nn.Upsample(size=(3, 2), mode='area')", ["randn", [1, 1, 5, 5]], 0, ["train"]),
    ("pixel_shuffle", 230, "nn.PixelShuffle(2)", ["randn", [1, 8, 2, 3]], 0, ["train"]),
    ("pixel_unshuffle", 231, "nn.PixelUnshuffle(2)", ["randn", [2, 1, 4, 6]], 0, ["train"]),
    ("dropout2d", 232, "nn.Dropout2d()", ["randn", [2, 6, 3, 3]], 0, ["train", "eval"]),
    ("dropout2d_p", 233, "nn.Dropout2d(0.3)", ["randn", [3, 8, 2, 2]], 0, ["train", "eval"]),
    ("silu", 240, "nn.SiLU()", ["randn", [3, 4]], 0, ["train"]),
    ("mish", 241, "nn.Mish()", ["randn", [3, 4]], 0, ["train"]),
    ("softplus", 242, "nn.Softplus()", ["randn", [3, 4]], 0, ["train"]),
    ("softplus_options", 243, "nn.Softplus(beta=2, threshold=1.5)", ["randn", [3, 4]], 0, ["train"]),
    ("softplus_float_options", 244, "nn.Softplus(beta=0.5, threshold=10.0)", ["randn", [3, 4]], 0, ["train"]),
    ("prelu", 245, "nn.PReLU()", ["randn", [2, 3, 4]], 0, ["train"]),
    ("prelu_channels", 246, "nn.PReLU(3, init=0.1)", ["randn", [2, 3, 2]], 0, ["train"]),
    ("elu", 247, "nn.ELU()", ["randn", [3, 4]], 0, ["train"]),
    ("elu_alpha", 248, "nn.ELU(alpha=0.5)", ["randn", [3, 4]], 0, ["train"]),
    ("hardswish", 249, "nn.Hardswish()", ["randn", [4, 5]], 0, ["train"]),
]


def inputs_of(specs):
    out = []
    for spec in specs:
        kind = spec[0]
        if kind in ("randn", "randint"):
            out.append(draw(spec))
        elif kind == "rand":
            out.append(torch.rand(*spec[1]))
        elif kind == "sign":
            out.append(torch.randint(0, 2, tuple(spec[1])).float() * 2 - 1)
        elif kind == "randint_float":
            out.append(torch.randint(spec[1], spec[2], tuple(spec[3])).float())
        elif kind == "log_softmax":
            out.append(torch.randn(*spec[1]).log_softmax(spec[2]))
        elif kind == "long":
            out.append(torch.tensor(spec[1], dtype=torch.int64))
        else:
            raise ValueError(spec)
    return out


# name, seed, Python expression, input specs, indices of inputs that require grad, keyword arguments of the call
CALLS = [
    ("conv_transpose2d_output_size", 250, "nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)",
     [["randn", [1, 2, 3, 3]]], [0], {"output_size": [6, 6]}),
    ("conv_transpose2d_output_size_full", 251, "nn.ConvTranspose2d(2, 2, 3, stride=3)",
     [["randn", [2, 2, 2, 2]]], [0], {"output_size": [2, 2, 8, 7]}),
    ("cosine_similarity", 252, "nn.CosineSimilarity()", [["randn", [3, 4]], ["randn", [3, 4]]], [0, 1], {}),
    ("cosine_similarity_dim0_eps", 253, "nn.CosineSimilarity(dim=0, eps=0.5)",
     [["randn", [3, 4]], ["randn", [1, 4]]], [0, 1], {}),
    ("cosine_embedding", 260, "nn.CosineEmbeddingLoss()", [["randn", [4, 3]], ["randn", [4, 3]], ["sign", [4]]],
     [0, 1], {}),
    ("cosine_embedding_margin_sum", 261, "nn.CosineEmbeddingLoss(margin=0.2, reduction='sum')",
     [["randn", [5, 3]], ["randn", [5, 3]], ["sign", [5]]], [0, 1], {}),
    ("cosine_embedding_none", 262, "nn.CosineEmbeddingLoss(margin=-0.5, reduction='none')",
     [["randn", [4, 2]], ["randn", [4, 2]], ["sign", [4]]], [0, 1], {}),
    ("margin_ranking", 263, "nn.MarginRankingLoss()", [["randn", [5]], ["randn", [5]], ["sign", [5]]], [0, 1], {}),
    ("margin_ranking_margin_none", 264, "nn.MarginRankingLoss(margin=0.5, reduction='none')",
     [["randn", [5]], ["randn", [5]], ["sign", [5]]], [0, 1], {}),
    ("triplet", 265, "nn.TripletMarginLoss()", [["randn", [4, 3]], ["randn", [4, 3]], ["randn", [4, 3]]],
     [0, 1, 2], {}),
    ("triplet_options", 266, "nn.TripletMarginLoss(margin=2.0, p=1.0, eps=1e-4, swap=True, reduction='sum')",
     [["randn", [4, 3]], ["randn", [4, 3]], ["randn", [4, 3]]], [0, 1, 2], {}),
    ("triplet_none", 267, "nn.TripletMarginLoss(margin=0.5, p=3.0, reduction='none')",
     [["randn", [3, 5]], ["randn", [3, 5]], ["randn", [3, 5]]], [0, 1, 2], {}),
    ("ctc", 270, "nn.CTCLoss()", [["log_softmax", [6, 2, 4], 2], ["randint", 1, 4, [2, 3]], ["long", [6, 5]],
                                   ["long", [3, 2]]], [0], {}),
    ("ctc_blank_sum", 271, "nn.CTCLoss(blank=3, reduction='sum')",
     [["log_softmax", [5, 3, 4], 2], ["randint", 0, 3, [3, 2]], ["long", [5, 4, 5]], ["long", [2, 1, 2]]], [0], {}),
    ("ctc_none_concatenated", 272, "nn.CTCLoss(reduction='none')",
     [["log_softmax", [5, 2, 3], 2], ["randint", 1, 3, [5]], ["long", [5, 5]], ["long", [2, 3]]], [0], {}),
    ("ctc_infinite", 273, "nn.CTCLoss(reduction='sum')",
     [["log_softmax", [2, 2, 3], 2], ["long", [[1, 2, 1], [1, 1, 1]]], ["long", [2, 2]], ["long", [3, 1]]], [0], {}),
    ("ctc_zero_infinity", 273, "nn.CTCLoss(reduction='sum', zero_infinity=True)",
     [["log_softmax", [2, 2, 3], 2], ["long", [[1, 2, 1], [1, 1, 1]]], ["long", [2, 2]], ["long", [3, 1]]], [0], {}),
    ("poisson_nll", 280, "nn.PoissonNLLLoss()", [["randn", [3, 4]], ["randint_float", 0, 5, [3, 4]]], [0], {}),
    ("poisson_nll_options", 281, "nn.PoissonNLLLoss(log_input=False, full=True, eps=1e-4, reduction='sum')",
     [["rand", [3, 4]], ["randint_float", 0, 5, [3, 4]]], [0], {}),
    ("poisson_nll_none_full", 282, "nn.PoissonNLLLoss(full=True, reduction='none')",
     [["randn", [2, 3]], ["randint_float", 0, 4, [2, 3]]], [0], {}),
    ("gaussian_nll", 290, "nn.GaussianNLLLoss()", [["randn", [4, 3]], ["randn", [4, 3]], ["rand", [4, 3]]],
     [0, 2], {}),
    ("gaussian_nll_full_sum", 291, "nn.GaussianNLLLoss(full=True, eps=0.1, reduction='sum')",
     [["randn", [4, 3]], ["randn", [4, 3]], ["rand", [4, 3]]], [0, 2], {}),
    ("gaussian_nll_homoscedastic", 292, "nn.GaussianNLLLoss(reduction='none')",
     [["randn", [4, 3]], ["randn", [4, 3]], ["rand", [4]]], [0, 2], {}),
    ("gaussian_nll_last_dim_one", 293, "nn.GaussianNLLLoss()",
     [["randn", [2, 4, 3]], ["randn", [2, 4, 3]], ["rand", [2, 4, 1]]], [0, 1, 2], {}),
]


def call_cases():
    out = []
    for name, seed, expr, specs, grad_idx, kwargs in CALLS:
        torch.manual_seed(seed)
        m = eval(expr)
        init = state(m)
        xs = inputs_of(specs)
        ins = [x.clone().requires_grad_(i in grad_idx) for i, x in enumerate(xs)]
        res = m(*ins, **kwargs)
        res.sum().backward()
        out.append({"name": name, "seed": seed, "python": expr, "repr": repr(m), "state": init,
                    "input_specs": specs, "inputs": [tcase(x) for x in xs], "grad_inputs": grad_idx,
                    "kwargs": kwargs, "output": tcase(res),
                    "input_grads": [tcase(ins[i].grad) for i in grad_idx],
                    "grads": [tcase(p.grad, k) for k, p in m.named_parameters() if p.grad is not None]})
    return out


def error(expr, env):
    try:
        eval(expr, {"nn": nn, "torch": torch, "F": F, **env})
    except (ValueError, AssertionError, RuntimeError, TypeError, NotImplementedError) as e:
        return {"python": expr, "type": type(e).__name__, "message": str(e).split("\n")[0]}
    raise AssertionError("no error from " + expr)


ERRORS = {
    "conv3d_groups": "nn.Conv3d(3, 4, 3, groups=2)",
    "conv3d_same_strided": "nn.Conv3d(2, 2, 3, stride=2, padding='same')",
    "conv3d_dim": "nn.Conv3d(2, 4, 3)(torch.randn(2, 3))",
    "conv3d_channels": "nn.Conv3d(2, 4, 3)(torch.randn(1, 3, 4, 4, 4))",
    "conv_transpose2d_padding_mode": "nn.ConvTranspose2d(2, 2, 3, padding_mode='reflect')",
    "conv_transpose2d_groups": "nn.ConvTranspose2d(3, 4, 3, groups=2)",
    "conv_transpose2d_output_size_range": "nn.ConvTranspose2d(2, 2, 3, stride=2)(x4, output_size=[20, 20])",
    "conv_transpose2d_output_size_length": "nn.ConvTranspose2d(2, 2, 3)(x4, output_size=[1, 2, 3])",
    "conv_transpose2d_output_padding": "nn.ConvTranspose2d(2, 2, 3, output_padding=1)(x4)",
    "conv_transpose2d_channels": "nn.ConvTranspose2d(3, 2, 3)(x4)",
    "group_norm_divisible": "nn.GroupNorm(3, 4)",
    "group_norm_batch": "nn.GroupNorm(2, 2)(torch.randn(1, 2))",
    "group_norm_channels": "nn.GroupNorm(2, 4)(torch.randn(2, 6, 3))",
    "instance_norm_dim": "nn.InstanceNorm2d(3)(torch.randn(2, 3))",
    "instance_norm_spatial": "nn.InstanceNorm2d(3)(torch.randn(2, 3, 1, 1))",
    "upsample_both": "nn.Upsample(size=2, scale_factor=2)(x4)",
    "upsample_neither": "nn.Upsample()(x4)",
    "upsample_align_nearest": "nn.Upsample(scale_factor=2, align_corners=True)(x4)",
    "upsample_size_length": "nn.Upsample(size=(2, 3, 4))(x4)",
    "upsample_scale_length": "nn.Upsample(scale_factor=(2, 3, 4))(x4)",
    "upsample_recompute_size": "nn.Upsample(size=3, recompute_scale_factor=True)(x4)",
    "upsample_bilinear_3d": "nn.Upsample(scale_factor=2, mode='bilinear')(torch.randn(1, 2, 3))",
    "upsample_align_area": "nn.Upsample(scale_factor=2, mode='area', align_corners=False)(x4)",
    "upsample_trilinear_4d": "nn.Upsample(scale_factor=2, mode='trilinear')(x4)",
    "upsample_linear_2d": "nn.Upsample(scale_factor=2, mode='linear')(torch.randn(2, 3))",
    "upsample_bicubic_3d": "nn.Upsample(scale_factor=2, mode='bicubic')(torch.randn(1, 2, 3))",
    "pixel_shuffle_channels": "nn.PixelShuffle(2)(torch.randn(1, 3, 2, 2))",
    "pixel_unshuffle_width": "nn.PixelUnshuffle(2)(torch.randn(1, 1, 4, 3))",
    "dropout2d_p": "nn.Dropout2d(1.5)",
    "prelu_channels": "nn.PReLU(3)(torch.randn(2, 4))",
    "cosine_similarity_shapes": "nn.CosineSimilarity()(torch.randn(2, 3), torch.randn(2, 4))",
    "margin_ranking_dims": "nn.MarginRankingLoss()(torch.randn(3), torch.randn(3), torch.randn(3, 1))",
    "cosine_embedding_target": "nn.CosineEmbeddingLoss()(torch.randn(2, 3), torch.randn(2, 3), torch.ones(2, 1))",
    "triplet_dims": "nn.TripletMarginLoss()(torch.randn(2, 3), torch.randn(2, 3), torch.randn(3))",
    # (a target shorter than its length gives "... (while checking arguments for ctc_loss_cpu)" in 1.13 but
    # "... ctc_loss_allocate_outputs)" in libtorch 2.10: not compared)
    "ctc_input_lengths": "nn.CTCLoss()(torch.randn(5, 2, 4).log_softmax(2), torch.randint(1, 4, (2, 3)), "
                         "torch.tensor([5, 5, 5]), torch.tensor([2, 2]))",
    "gaussian_var_size": "nn.GaussianNLLLoss()(torch.randn(4, 3), torch.randn(4, 3), torch.rand(2))",
    "gaussian_var_negative": "nn.GaussianNLLLoss()(torch.randn(4, 3), torch.randn(4, 3), -torch.ones(4, 3))",
}


def errors():
    torch.manual_seed(0)
    env = {"x4": torch.randn(2, 2, 4, 4)}
    return {k: error(v, env) for k, v in ERRORS.items()}


WARNS = {
    "dropout2d_3d": "nn.Dropout2d()(torch.randn(2, 3, 4))",
    "dropout2d_2d": "nn.Dropout2d()(torch.randn(2, 3))",
    "dropout2d_4d": "nn.Dropout2d()(torch.randn(2, 3, 4, 4))",
    "dropout2d_eval_3d": "nn.Dropout2d().eval()(torch.randn(2, 3, 4))",
}


def warning_cases():
    out = {}
    for k, expr in WARNS.items():
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            eval(expr, {"nn": nn, "torch": torch})
        out[k] = {"python": expr, "messages": [str(x.message) for x in w]}
    return out


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


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "nn_more.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mods = module_cases()
        calls = call_cases()
        errs = errors()
    data = {
        "generator": "src/test/python/gen_nn_more_golden.py",
        "torch_version": torch.__version__,
        "modules": mods,
        "calls": calls,
        "errors": errs,
        "warnings": warning_cases(),
    }
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
