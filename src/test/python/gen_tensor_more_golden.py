#!/usr/bin/env python3
"""Writes src/test/resources/golden/tensor_more.json (or the file after --out) from Python PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_tensor_more_golden.py
The Java test dev.jtorch.TensorMoreGoldenTest compares jtorch against this file: sampling with generator=
arguments, str(tensor) under torch.set_printoptions, and Tensor methods (values, dtypes, shapes and str, whose
grad_fn names must be Python's).
"""
import json
import math
import os
import sys

import torch

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


def case(name, t, **extra):
    c = {"name": name, "dtype": str(t.dtype), "shape": list(t.shape), "values": values(t), "str": str(t)}
    c.update(extra)
    return c


# ------------------------------------------------------------------ sampling with generators

def random_cases():
    out = []

    def gen(seed):
        return torch.Generator().manual_seed(seed)

    g = gen(0)
    out.append(case("randn_g0_2x3", torch.randn(2, 3, generator=g)))
    out.append(case("rand_g0_4", torch.rand(4, generator=g)))
    out.append(case("randint_g0_0_10_5", torch.randint(0, 10, (5,), generator=g)))
    out.append(case("randint_g0_7_3", torch.randint(7, (3,), generator=g)))
    out.append(case("randn_g0_f64_3", torch.randn(3, dtype=torch.float64, generator=g)))
    out.append(case("rand_g0_f64_2", torch.rand(2, dtype=torch.float64, generator=g)))
    out.append(case("randperm_g0_8", torch.randperm(8, generator=g)))

    g = gen(42)
    out.append(case("normal_g42_scalar_4", torch.normal(2.0, 3.0, (4,), generator=g)))
    out.append(case("normal_g42_tt", torch.normal(torch.arange(4.0), torch.tensor([0.5, 1.0, 2.0, 4.0]), generator=g)))
    out.append(case("normal_g42_tf", torch.normal(torch.arange(3.0), 0.5, generator=g)))
    out.append(case("normal_g42_ft", torch.normal(1.0, torch.tensor([1.0, 0.1, 10.0]), generator=g)))
    out.append(case("bernoulli_g42_p", torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.3, 0.7, 0.5]), generator=g)))
    out.append(case("bernoulli_g42_float_p", torch.bernoulli(torch.zeros(2, 4), 0.6, generator=g)))
    t = torch.empty(8)
    out.append(case("bernoulli__g42_025", t.bernoulli_(0.25, generator=g)))
    t = torch.empty(4)
    out.append(case("bernoulli__g42_tensor", t.bernoulli_(torch.tensor([0.2, 0.4, 0.6, 0.8]), generator=g)))
    out.append(case("tensor_bernoulli_g42", torch.full((5,), 0.5).bernoulli(generator=g)))

    g = gen(7)
    w = torch.tensor([0.1, 2.0, 0.5, 1.0, 0.25])
    out.append(case("multinomial_g7_noreplace", torch.multinomial(w, 4, generator=g)))
    out.append(case("multinomial_g7_replace", torch.multinomial(w, 10, True, generator=g)))
    out.append(case("multinomial_g7_2d", torch.multinomial(torch.tensor([[1.0, 2.0, 3.0], [3.0, 0.0, 1.0]]), 2,
                                                           generator=g)))
    out.append(case("tensor_multinomial_g7", w.multinomial(3, replacement=True, generator=g)))
    out.append(case("uniform__g7", torch.empty(2, 3).uniform_(-1, 1, generator=g)))
    out.append(case("normal__g7", torch.empty(4).normal_(5, 2, generator=g)))
    out.append(case("random__g7_f32", torch.empty(3).random_(generator=g)))
    out.append(case("random__g7_i64", torch.empty(3, dtype=torch.int64).random_(generator=g)))
    out.append(case("random__g7_to", torch.empty(6, dtype=torch.int64).random_(10, generator=g)))
    out.append(case("random__g7_from_to", torch.empty(6).random_(3, 8, generator=g)))
    out.append(case("exponential__g7", torch.empty(3).exponential_(1.5, generator=g)))

    # The default generator: a private generator does not consume it.
    torch.manual_seed(5)
    a = torch.randn(3)
    g = gen(5)
    b = torch.randn(3, generator=g)
    c = torch.rand(2)
    out.append(case("default_seed5_randn", a))
    out.append(case("g5_randn_equals_default", b))
    out.append(case("default_seed5_then_rand", c))
    torch.manual_seed(11)
    out.append(case("default_seed11_bernoulli", torch.bernoulli(torch.full((6,), 0.5))))
    out.append(case("default_seed11_multinomial", torch.multinomial(torch.ones(6), 6)))
    out.append(case("default_seed11_normal", torch.normal(0.0, 1.0, (3,))))
    torch.manual_seed(13)
    out.append(case("default_seed13_uniform_", torch.empty(3).uniform_()))
    out.append(case("default_seed13_normal_", torch.empty(3).normal_()))
    out.append(case("default_seed13_random_", torch.empty(3, dtype=torch.int64).random_()))
    out.append(case("default_seed13_bernoulli", torch.full((4,), 0.4).bernoulli()))
    out.append(case("default_seed13_bernoulli_", torch.empty(4).bernoulli_(0.5)))
    out.append(case("default_seed13_multinomial", torch.tensor([1.0, 3.0, 2.0]).multinomial(2)))
    out.append(case("default_seed13_multinomial_replace", torch.tensor([1.0, 3.0, 2.0]).multinomial(5, True)))
    out.append(case("default_seed13_rand_like", torch.rand_like(torch.zeros(2, 2))))
    out.append(case("default_seed13_randn_like", torch.randn_like(torch.zeros(3, dtype=torch.float64))))
    out.append(case("default_seed13_normal_size", torch.normal(3.0, 0.5, size=(2,))))
    return out


# ------------------------------------------------------------------ printing under set_printoptions

def print_tensors():
    torch.manual_seed(3)
    return {
        "mixed": torch.tensor([1.123456, -2.5, 3.14159265, 100.0]),
        "grid": torch.arange(30.0).reshape(5, 6) / 7,
        "long2000": torch.arange(2000),
        "small_sci": torch.tensor([1e-5, 1.0, 123.456]),
        "ints": torch.tensor([1.0, 2.0, 300.0]),
        "randn40x50": torch.randn(40, 50),
        "big": torch.tensor([1e10, 1.0]),
        "long3x4": torch.arange(12).reshape(3, 4),
        "zeros": torch.zeros(3),
        "nan": torch.tensor([float("nan"), 1.5, float("-inf")]),
        "f64_3d": (torch.arange(24, dtype=torch.float64).reshape(2, 3, 4) - 11) / 3,
        "arange20": torch.arange(20.0) * 1.5,
        "bool": torch.arange(12).reshape(3, 4) % 3 == 0,
    }


PRINT_CASES = [
    ("precision_2", [{"precision": 2}]),
    ("precision_8", [{"precision": 8}]),
    ("precision_0", [{"precision": 0}]),
    ("threshold_5", [{"threshold": 5}]),
    ("threshold_10_edgeitems_1", [{"threshold": 10, "edgeitems": 1}]),
    ("edgeitems_2", [{"edgeitems": 2}]),
    ("linewidth_40", [{"linewidth": 40}]),
    ("linewidth_120", [{"linewidth": 120}]),
    ("sci_true", [{"sci_mode": True}]),
    ("sci_false", [{"sci_mode": False}]),
    ("profile_short", [{"profile": "short"}]),
    ("profile_full", [{"profile": "full"}]),
    ("profile_full_then_default", [{"profile": "full"}, {"profile": "default"}]),
    ("short_precision_3", [{"profile": "short", "precision": 3}]),
    ("cumulative", [{"precision": 2}, {"threshold": 5}]),
    ("sci_reset_by_next_call", [{"sci_mode": True}, {"precision": 3}]),
    ("sci_true_precision_1_linewidth_50", [{"sci_mode": True, "precision": 1, "linewidth": 50}]),
    ("threshold_3_edgeitems_0", [{"threshold": 3, "edgeitems": 0}]),
]

# Tensors whose Python printing fails under a case (edgeitems=0 stacks an empty list for 2-D and larger) are skipped.
ONLY_1D = {"threshold_3_edgeitems_0"}


def printing_cases(tensors):
    out = []
    for name, calls in PRINT_CASES:
        torch.set_printoptions(profile="default")
        for kw in calls:
            torch.set_printoptions(**kw)
        strs = {}
        for tname, t in tensors.items():
            if name in ONLY_1D and t.dim() > 1:
                continue
            strs[tname] = str(t)
        leaf = torch.tensor([0.123456, 2.5, -1.0]).requires_grad_()
        strs["grad_fn_suffix"] = str(leaf * 3)
        strs["requires_grad_suffix"] = str(leaf)
        out.append({"name": name, "calls": calls, "str": strs})
    torch.set_printoptions(profile="default")
    return out


# ------------------------------------------------------------------ methods

def inputs():
    return {
        "a": torch.tensor([[1.5, -2.0, 3.25, 0.5], [-1.0, 4.0, 2.0, -3.5], [0.25, 0.0, -0.75, 1.0]]),
        "v": torch.tensor([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]),
        "nanv": torch.tensor([1.0, float("nan"), float("inf"), float("-inf"), -2.0]),
        "pos": torch.tensor([[0.5, 1.0, 2.0], [4.0, 0.25, 3.0]]),
        "b": torch.tensor([[0.5, 1.0, -1.5, 2.0], [3.0, -0.5, 0.0, 1.0], [-2.0, 2.5, 1.0, -1.0]]),
        "idx": torch.tensor([[0, 2], [1, 3], [3, 0]]),
        "mask": torch.tensor([[True, False, True, False], [False, False, True, True], [True, True, False, False]]),
        "w": torch.tensor([1.0, -1.0, 0.5]),
        "batch": torch.arange(12.0).reshape(2, 2, 3) / 4,
        "ints": torch.tensor([7, -3, 0, 12, 5]),
    }


def methods(i):
    a, v, nanv, pos, b, idx, mask, w, batch, ints = (
        i["a"], i["v"], i["nanv"], i["pos"], i["b"], i["idx"], i["mask"], i["w"], i["batch"], i["ints"])
    ag = a.clone().requires_grad_()
    pos4 = pos.repeat(2, 2)[:3, :4]
    inf = float("inf")
    m = {
        # var / std (1.13's signatures)
        "var": ag.var(),
        "var_unbiased_false": ag.var(unbiased=False),
        "var_dim1": ag.var(1),
        "var_dim0_biased_keepdim": ag.var(0, False, True),
        "var_dims01": ag.var((0, 1), True, False),
        "var_correction0_dim1_keepdim": ag.var(dim=1, correction=0, keepdim=True),
        "var_correction2_all": ag.var(dim=None, correction=2),
        "std": ag.std(),
        "std_biased": ag.std(unbiased=False),
        "std_dims01_keepdim": ag.std((0, 1), True, True),
        "std_correction0_dim0": ag.std(dim=[0], correction=0),
        "torch_var": torch.var(a),
        "torch_std": torch.std(a),
        # NaN and infinities
        "isnan": nanv.isnan(),
        "isinf": nanv.isinf(),
        "isposinf": nanv.isposinf(),
        "isneginf": nanv.isneginf(),
        "isfinite": nanv.isfinite(),
        "nan_to_num": nanv.nan_to_num(),
        "nan_to_num_f64": nanv.double().nan_to_num(),
        "nan_to_num_args": nanv.nan_to_num(nan=0.5, posinf=10.0, neginf=-10.0),
        "nan_to_num_posinf_none": nanv.nan_to_num(nan=1.0, posinf=None, neginf=-1.0),
        "nan_to_num_grad": nanv.clone().requires_grad_().nan_to_num(),
        "nan_to_num_": nanv.clone().nan_to_num_(2.0, 3.0, -3.0),
        "torch_isnan": torch.isnan(nanv),
        # norms (grad_fn as 1.13 prints it)
        "norm": ag.norm(),
        "norm_fro": ag.norm(p="fro"),
        "norm_1": ag.norm(1),
        "norm_2": ag.norm(2),
        "norm_inf": ag.norm(inf),
        "norm_3": ag.norm(3),
        "norm_2_dim1": ag.norm(2, 1),
        "norm_1_dim1_keepdim": ag.norm(1, 1, True),
        "norm_dim0": ag.norm(dim=0),
        "norm_2_dims01": ag.norm(2, (0, 1)),
        "torch_norm": torch.norm(ag),
        "norm_nograd": a.norm(),
        # elementwise
        "sin": ag.sin(), "cos": ag.cos(), "tan": ag.tan(),
        "asin": (ag / 4).asin(), "acos": (ag / 4).acos(), "atan": ag.atan(),
        "atan2": ag.atan2(b),
        "sinh": ag.sinh(), "cosh": ag.cosh(),
        "log2": pos.log2(), "log10": pos.log10(), "log1p": pos.log1p(), "expm1": ag.expm1(),
        "rsqrt": pos.rsqrt(), "square": ag.square(),
        "floor": ag.floor(), "ceil": ag.ceil(), "round": (ag * 1.5).round(), "round_decimals": (ag / 3).round(decimals=2),
        "trunc": (ag * 1.5).trunc(), "frac": (ag * 1.5).frac(), "sign": ag.sign(),
        "erf": ag.erf(), "erfinv": (ag / 5).erfinv(),
        "exp_": a.clone().exp_(), "log_": pos.clone().log_(), "sqrt_": pos.clone().sqrt_(), "abs_": a.clone().abs_(),
        "neg_": a.clone().neg_(), "relu_": a.clone().relu_(), "sigmoid_": a.clone().sigmoid_(),
        "tanh_": a.clone().tanh_(), "pow_": a.clone().pow_(2), "div_tensor_": a.clone().div_(pos.repeat(2, 2)[:3, :4]),
        "sub_number_": a.clone().sub_(0.5), "add_alpha_": a.clone().add_(b, alpha=2), "sub_alpha": ag.sub(b, alpha=0.5),
        # binary and ternary
        "maximum": ag.maximum(b), "minimum": ag.minimum(b),
        "max_other": torch.max(ag, b), "min_other": torch.min(ag, b),
        "remainder_tensor": ag.remainder(b.abs() + 1), "fmod": ag.fmod(1.5),
        "floor_divide_number": ints.floor_divide(2), "floor_divide_tensor": a.floor_divide(pos.repeat(2, 2)[:3, :4]),
        "clamp_min": ag.clamp_min(0.0), "clamp_max": ag.clamp_max(1.0),
        "clamp_min_kw": ag.clamp(min=0.0), "clamp_tensor": ag.clamp(b, b + 1),
        "clip": ag.clip(-1, 1),
        "lerp": ag.lerp(b, 0.25),
        "addcmul": ag.addcmul(b, a, value=0.5), "addcdiv": ag.addcdiv(b, pos.repeat(2, 2)[:3, :4], value=2),
        "where_tensor": ag.where(mask, b),
        "torch_where_number": torch.where(mask, ag, -1.0),
        "masked_fill": ag.masked_fill(mask, -9.0),
        "masked_fill_": a.clone().masked_fill_(mask, 7),
        "masked_select": ag.masked_select(mask),
        "logical_or": mask.logical_or(a > 0), "logical_xor": mask.logical_xor(a > 0),
        "isclose": a.isclose(a + 1e-6), "isclose_args": a.isclose(b, 0.5, 0.5, False),
        "dot": v.dot(v.flip(0)), "mv": ag.mv(torch.tensor([1.0, 0.5, -1.0, 2.0])),
        "bmm": batch.bmm(batch.transpose(1, 2)), "outer": w.outer(v[:3]),
        # reductions and scans
        "sum_dims": ag.sum((0, 1), True), "mean_dims": ag.mean((0, 1), False),
        "prod": ag.prod(), "prod_dim1_keepdim": ag.prod(1, True),
        "nansum": torch.tensor([1.0, float("nan"), 3.0]).nansum(),
        "nanmean": torch.tensor([1.0, float("nan"), 3.0]).nanmean(),
        "cumsum": ag.cumsum(1), "cumprod": ag.cumprod(0),
        "logsumexp": ag.logsumexp(1), "logsumexp_keepdim": ag.logsumexp(0, True),
        "amax": ag.amax(1, False), "amin_keepdim": ag.amin(0, True),
        "argmin": a.argmin(), "argmin_dim1": a.argmin(1), "argmin_dim0_keepdim": a.argmin(0, True),
        "median": v.median(), "median_dim1_values": ag.median(1).values, "median_dim1_indices": a.median(1).indices,
        "kthvalue_values": ag.kthvalue(2, 1, True).values, "kthvalue_indices": a.kthvalue(2, 1, True).indices,
        "sort_values": ag.sort(1, True).values, "sort_indices": a.sort(1, True).indices,
        "sort_default_values": v.sort().values, "sort_stable_indices": v.sort(stable=True, dim=0).indices,
        "argsort": a.argsort(1, True), "argsort_default": v.argsort(),
        "topk_values": ag.topk(2).values, "topk_indices": a.topk(2).indices,
        "topk_smallest_unsorted_dim0": a.topk(2, 0, False, True).values,
        "any": mask.any(), "any_dim1": mask.any(1), "all_dim0_keepdim": mask.all(0, True), "all_dim1": (a > -4).all(1),
        "count_nonzero": a.count_nonzero(), "count_nonzero_dim0": a.count_nonzero(0), "nonzero": a.nonzero(),
        # shapes, copies and indexing
        "expand": w.unsqueeze(1).expand(3, 4), "expand_as": w.unsqueeze(1).expand_as(a),
        "view_as": v.view_as(torch.zeros(2, 4)), "reshape_as": v.reshape_as(torch.zeros(4, 2)),
        "type_as": ints.type_as(a), "repeat": w.repeat(2, 2), "tile": w.tile((2,)),
        "flip": ag.flip(0), "flip_01": ag.flip(0, 1),
        "roll_dims": ag.roll((1, -1), (0, 1)), "roll_dim": ag.roll(1, 0), "roll_flat": ag.roll(2),
        "chunk_1": ag.chunk(2, 1)[1], "split_0": ag.split(2, 0)[1], "split_sizes_1": ag.split([1, 3], 1)[1],
        "unbind_0": ag.unbind(1)[2],
        "tril": ag.tril(), "tril_1": ag.tril(1), "triu": ag.triu(), "triu_m1": ag.triu(-1),
        "diag_matrix": ag.diag(), "diag_vector": w.diag(1), "diag_vector_grad": w.clone().requires_grad_().diag(-1), "diagonal": ag.diagonal(1, 0, 1), "trace": ag.trace(),
        "gather": ag.gather(1, idx), "scatter": a.scatter(1, idx, b), "scatter_value": a.scatter(1, idx, 5.0),
        "scatter_": a.clone().scatter_(1, idx, b), "scatter_add": a.scatter_add(1, idx, b),
        "index_add": a.index_add(0, torch.tensor([2, 0]), b[:2]),
        "index_fill": a.index_fill(1, torch.tensor([0, 3]), -1),
        "take": a.take(torch.tensor([0, 5, 11])),
        "movedim": batch.movedim(0, 2), "swapaxes": batch.swapaxes(0, 2), "ravel": a.t().ravel(),
        "unfold": v.unfold(0, 3, 2), "unsqueeze_": w.clone().unsqueeze_(0),
        "new_zeros": ints.new_zeros(2, 3), "new_ones": a.double().new_ones(2), "new_full": a.new_full((2, 2), 3.5),
        "zeros_like": torch.zeros_like(ints), "ones_like": torch.ones_like(a), "full_like": torch.full_like(a, 2),
        # second batch
        "deg2rad": ag.deg2rad(),
        "lgamma": pos.lgamma(),
        "digamma": pos.digamma(),
        "logit": (ag.sigmoid()).logit(),
        "sgn": ag.sgn(),
        "xlogy": ag.xlogy(pos4),
        "logaddexp": ag.logaddexp(b),
        "float_power": a.float_power(2),
        "dist": ag.dist(b, 3),
        "bitwise_and": ints.bitwise_and(torch.tensor([3, 5, 1, 8, 4])),
        "bitwise_or": ints.bitwise_or(torch.tensor([3, 5, 1, 8, 4])),
        "bitwise_xor": ints.bitwise_xor(torch.tensor([3, 5, 1, 8, 4])),
        "bitwise_not": ints.bitwise_not(),
        "addmm": ag[:, :3].addmm(b, b.t(), beta=0.5, alpha=2),
        "addmm_default": a[:, :3].addmm(b, b.t()),
        "inverse": (ag[:, :3] + torch.eye(3) * 3).inverse(),
        "det": (ag[:, :3] + torch.eye(3) * 3).det(),
        "cummax_values": ag.cummax(1).values,
        "cummax_indices": a.cummax(1).indices,
        "cummin_values": ag.cummin(0).values,
        "logcumsumexp": ag.logcumsumexp(1),
        "mode_values": torch.tensor([[1, 2, 2, 3], [4, 4, 1, 1]]).mode(1, False).values,
        "nanmedian": torch.tensor([1.0, float("nan"), 3.0, 2.0]).nanmedian(),
        "quantile": ag.quantile(0.3),
        "quantile_dim": ag.quantile(0.75, 1, True),
        "diff": ag.diff(),
        "diff_n2_dim0": ag.diff(2, 0),
        "fliplr": ag.fliplr(),
        "flipud": ag.flipud(),
        "rot90": ag.rot90(1, (0, 1)),
        "repeat_interleave_dim": ag.repeat_interleave(2, 0),
        "repeat_interleave": w.repeat_interleave(3),
        "broadcast_to": w.broadcast_to((2, 3)),
        "unflatten": v.unflatten(0, (2, 4)),
        "tensor_split": v.tensor_split(3, 0)[2],
        "take_along_dim": ag.take_along_dim(idx, 1),
        "fill_diagonal_": torch.zeros(3, 4).fill_diagonal_(5),
        "index_copy": a.index_copy(0, torch.tensor([2, 0]), b[:2]),
        "index_add_": a.clone().index_add_(1, torch.tensor([1, 1]), b[:, :2]),
        "scatter_add_": a.clone().scatter_add_(1, idx, b),
        "transpose_": a.clone().transpose_(0, 1),
        "t_": a.clone().t_(),
        "squeeze_": torch.zeros(1, 3, 1).squeeze_(),
        "squeeze__dim": torch.zeros(1, 3, 1).squeeze_(2),
        "detach_": (ag * 2).detach_(),
        "new_empty_shape": ints.new_empty(2, 2).zero_(),
        "cross": ag[:, :3].cross(b[:, 1:], 1),
        "addmv": w.addmv(ag, torch.tensor([1.0, 0.5, -1.0, 2.0]), beta=2, alpha=0.5),
        "addr": ag.addr(w, v[:4], beta=0.5, alpha=2),
        "baddbmm": torch.ones(2, 2, 2).baddbmm(batch, batch.transpose(1, 2), beta=0.5, alpha=1.5),
        "addbmm": pos[:, :2].addbmm(batch, batch.transpose(1, 2), beta=1, alpha=0.25),
        "masked_scatter": ag.masked_scatter(mask, b * 10),
        "bfloat16": a.bfloat16(),
    }
    return m


def info(i):
    a = i["a"]
    return {
        "is_contiguous": a.is_contiguous(), "t_is_contiguous": a.t().is_contiguous(),
        "is_floating_point": a.is_floating_point(), "ints_is_floating_point": i["ints"].is_floating_point(),
        "element_size": a.element_size(), "f64_element_size": a.double().element_size(),
        "stride": list(a.stride()), "t_stride": list(a.t().stride()), "stride_1": a.stride(1), "ndim": a.ndim,
        "is_complex": a.is_complex(), "get_device": a.get_device(),
    }


def retain_grad():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (y * y).sum().backward()
    return values(y.grad)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "tensor_more.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    tensors = print_tensors()
    ins = inputs()
    data = {
        "generator": "src/test/python/gen_tensor_more_golden.py",
        "torch_version": torch.__version__,
        "random": random_cases(),
        "print_tensors": [case(n, t) for n, t in tensors.items()],
        "printing": printing_cases(tensors),
        "inputs": [case(n, t) for n, t in ins.items()],
        "methods": [case(n, t) for n, t in methods(ins).items()],
        "info": info(ins),
        "retain_grad": retain_grad(),
    }
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
