#!/usr/bin/env python3
"""Writes src/test/resources/golden/nn_attention.json and nn_attention_transformer.pth from Python PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_attention_golden.py
The Java test dev.jtorch.nn.AttentionGoldenTest rebuilds the same modules with the same seeds and compares: reprs,
state-dict keys and initial values (so construction draws from the generator as PyTorch does), outputs and
attention weights for seeded inputs and bool/float masks, gradients of the parameters and of the inputs after
backward of a sum, PyTorch's error messages, and a torch.save'd state dict that must load strictly.

Each case says how to rebuild it: after torch.manual_seed(seed) the module is built, then the inputs are drawn with
torch.randn in the order listed ("same" marks an input that is the very same tensor as an earlier one, which
matters: PyTorch's in-projection takes different paths for self-attention, k is v, and distinct inputs). Masks are
given by value. "mode" is "train" (dropout as given, usually 0), "eval" (eval mode, gradients on: PyTorch's
composite path) or "fast" (eval mode under torch.no_grad: PyTorch 1.13 takes its fused "fast path",
torch._native_multi_head_attention / torch._transformer_encoder_layer_fwd, where its conditions hold).
"""
import json
import math
import os
import sys
import warnings

import torch
import torch.nn as nn

warnings.simplefilter("ignore")
torch.set_num_threads(1)
OUT = "src/test/resources/golden"


def values(t):
    flat = t.detach().reshape(-1)
    if t.dtype == torch.bool:
        return [bool(v) for v in flat.tolist()]
    if t.dtype.is_floating_point:
        return [v if math.isfinite(v) else str(v) for v in flat.double().tolist()]
    return [int(v) for v in flat.tolist()]


def tcase(t, name=None):
    c = {"dtype": str(t.dtype), "shape": list(t.shape), "values": values(t)}
    if name is not None:
        c = {"name": name, **c}
    return c


def error_of(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__ + ": " + str(e)
    return None


LAYER_KEYS = ("dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first", "norm_first")


def build(o):
    kind = o["kind"]
    if kind == "MultiheadAttention":
        kw = {k: o[k] for k in ("dropout", "bias", "add_bias_kv", "add_zero_attn", "kdim", "vdim", "batch_first")
              if k in o}
        return nn.MultiheadAttention(o["embed_dim"], o["num_heads"], **kw)
    kw = {k: o[k] for k in LAYER_KEYS if k in o}
    if kind == "TransformerEncoderLayer":
        return nn.TransformerEncoderLayer(o["d_model"], o["nhead"], **kw)
    if kind == "TransformerDecoderLayer":
        return nn.TransformerDecoderLayer(o["d_model"], o["nhead"], **kw)
    if kind == "TransformerEncoder":
        layer = nn.TransformerEncoderLayer(o["d_model"], o["nhead"], **kw)
        norm = nn.LayerNorm(o["d_model"]) if o.get("norm") else None
        return nn.TransformerEncoder(layer, o["num_layers"], norm)
    if kind == "TransformerDecoder":
        layer = nn.TransformerDecoderLayer(o["d_model"], o["nhead"], **kw)
        norm = nn.LayerNorm(o["d_model"]) if o.get("norm") else None
        return nn.TransformerDecoder(layer, o["num_layers"], norm)
    if kind == "Transformer":
        kw.update({k: o[k] for k in ("d_model", "nhead", "num_encoder_layers", "num_decoder_layers") if k in o})
        return nn.Transformer(**kw)
    raise ValueError(kind)


def draw(inputs):
    """inputs: list of [name, shape] or [name, "same", other]; returns name -> tensor (requiring grad)."""
    out = {}
    for spec in inputs:
        if spec[1] == "same":
            out[spec[0]] = out[spec[2]]
        else:
            out[spec[0]] = torch.randn(*spec[1]).requires_grad_()
    return out


def mask(spec):
    if spec is None:
        return None
    dtype = {"bool": torch.bool, "float": torch.float32, "uint8": torch.uint8}[spec["dtype"]]
    v = [float(x) if isinstance(x, str) else x for x in spec["values"]]
    return torch.tensor(v, dtype=dtype).reshape(spec["shape"])


def run(m, o, x, masks, call):
    k = o["kind"]
    mk = {n: mask(s) for n, s in masks.items()}
    if k == "MultiheadAttention":
        out, w = m(x["query"], x["key"], x["value"], key_padding_mask=mk.get("key_padding_mask"),
                   need_weights=call.get("need_weights", True), attn_mask=mk.get("attn_mask"),
                   average_attn_weights=call.get("average_attn_weights", True))
        return [out] if w is None else [out, w]
    if k == "TransformerEncoderLayer":
        return [m(x["src"], src_mask=mk.get("src_mask"), src_key_padding_mask=mk.get("src_key_padding_mask"))]
    if k == "TransformerEncoder":
        return [m(x["src"], mask=mk.get("mask"), src_key_padding_mask=mk.get("src_key_padding_mask"))]
    if k in ("TransformerDecoderLayer", "TransformerDecoder"):
        return [m(x["tgt"], x["memory"], tgt_mask=mk.get("tgt_mask"), memory_mask=mk.get("memory_mask"),
                  tgt_key_padding_mask=mk.get("tgt_key_padding_mask"),
                  memory_key_padding_mask=mk.get("memory_key_padding_mask"))]
    return [m(x["src"], x["tgt"], src_mask=mk.get("src_mask"), tgt_mask=mk.get("tgt_mask"),
              memory_mask=mk.get("memory_mask"), src_key_padding_mask=mk.get("src_key_padding_mask"),
              tgt_key_padding_mask=mk.get("tgt_key_padding_mask"),
              memory_key_padding_mask=mk.get("memory_key_padding_mask"))]


def case(name, o, seed, inputs, masks=None, call=None, mode="train"):
    masks = masks or {}
    call = call or {}
    torch.manual_seed(seed)
    m = build(o)
    init = [tcase(v, k) for k, v in m.state_dict().items()]
    m.train(mode == "train")
    x = draw(inputs)
    c = {"name": name, "options": o, "seed": seed, "inputs": inputs, "masks": masks, "call": call, "mode": mode,
         "repr": repr(m), "init": init}
    if mode == "fast":
        with torch.no_grad():
            results = run(m, o, x, masks, call)
        c["results"] = [tcase(t) for t in results]
        return c
    results = run(m, o, x, masks, call)
    loss = sum(t.sum() for t in results)
    loss.backward()
    seen = set()
    input_grads = []
    for spec in inputs:
        if spec[1] != "same" and spec[0] not in seen:
            seen.add(spec[0])
            input_grads.append(tcase(x[spec[0]].grad, spec[0]))
    c.update({"results": [tcase(t) for t in results],
              "grads": [tcase(p.grad, k) for k, p in m.named_parameters() if p.grad is not None],
              "input_grads": input_grads})
    return c


def bmask(shape, flat):
    return {"dtype": "bool", "shape": shape, "values": [bool(v) for v in flat]}


def fmask(shape, flat):
    return {"dtype": "float", "shape": shape, "values": [v if math.isfinite(v) else str(v) for v in flat]}


def causal(n, dtype="bool"):
    if dtype == "bool":
        return bmask([n, n], [j > i for i in range(n) for j in range(n)])
    return fmask([n, n], [float("-inf") if j > i else 0.0 for i in range(n) for j in range(n)])


def mha_cases():
    E, H, L, S, N = 8, 2, 3, 4, 2
    base = {"kind": "MultiheadAttention", "embed_dim": E, "num_heads": H}
    kpm = bmask([N, S], [False, False, False, True, False, False, True, True])
    am2 = bmask([L, S], [False, True, False, False, False, False, True, False, False, False, False, True])
    fam = fmask([L, S], [0.0, -1.0, 0.5, 0.0, float("-inf"), 0.0, 0.25, 0.0, 0.0, 2.0, 0.0, -0.5])
    self_in = [["query", [L, N, E]], ["key", "same", "query"], ["value", "same", "query"]]
    self_sq = [["query", [S, N, E]], ["key", "same", "query"], ["value", "same", "query"]]
    kv_in = [["query", [L, N, E]], ["key", [S, N, E]], ["value", "same", "key"]]
    distinct = [["query", [L, N, E]], ["key", [S, N, E]], ["value", [S, N, E]]]
    cases = [
        case("mha_self", base, 1, self_sq),
        case("mha_kv_same", base, 2, kv_in),
        case("mha_distinct", base, 3, distinct),
        case("mha_kdim_vdim", {**base, "kdim": 5, "vdim": 6}, 4,
             [["query", [L, N, E]], ["key", [S, N, 5]], ["value", [S, N, 6]]]),
        case("mha_bias_kv_zero_attn_masks", {**base, "add_bias_kv": True, "add_zero_attn": True}, 5, kv_in,
             masks={"key_padding_mask": kpm, "attn_mask": am2}),
        case("mha_float_mask_per_head", base, 6, distinct, masks={"attn_mask": fam},
             call={"average_attn_weights": False}),
        case("mha_batch_first_self", {**base, "batch_first": True}, 7,
             [["query", [N, S, E]], ["key", "same", "query"], ["value", "same", "query"]],
             masks={"key_padding_mask": kpm}),
        case("mha_unbatched_self", base, 8, [["query", [S, E]], ["key", "same", "query"], ["value", "same", "query"]],
             masks={"key_padding_mask": bmask([S], [False, True, False, False])}),
        case("mha_unbatched_distinct_3d_mask", {**base, "kdim": 5, "vdim": 5}, 9,
             [["query", [L, E]], ["key", [S, 5]], ["value", [S, 5]]],
             masks={"attn_mask": bmask([H, L, S], [(i * 7 + 3) % 5 == 0 for i in range(H * L * S)])},
             call={"average_attn_weights": False}),
        case("mha_no_bias", {**base, "bias": False}, 10, self_sq, masks={"attn_mask": causal(S)}),
        case("mha_3d_mask_no_weights", base, 11, distinct,
             masks={"attn_mask": bmask([N * H, L, S], [(i * 5 + 1) % 4 == 0 for i in range(N * H * L * S)])},
             call={"need_weights": False}),
        case("mha_float_kpm_bool_mask", base, 12, kv_in,
             masks={"key_padding_mask": fmask([N, S], [0.0, 0.5, -1.0, 0.0, 0.0, 0.0, 0.0, float("-inf")]),
                    "attn_mask": am2}),
        case("mha_bool_kpm_float_mask", {**base, "add_zero_attn": True}, 13, kv_in,
             masks={"key_padding_mask": kpm, "attn_mask": fam}),
        case("mha_dropout_train", {**base, "dropout": 0.3}, 14, self_sq),
        case("mha_dropout_eval", {**base, "dropout": 0.3}, 15, self_sq, mode="eval"),
        case("mha_heads4_bias_kv_unbatched", {"kind": "MultiheadAttention", "embed_dim": E, "num_heads": 4,
                                              "add_bias_kv": True}, 16,
             [["query", [L, E]], ["key", [S, E]], ["value", "same", "key"]],
             masks={"attn_mask": am2}),
        case("mha_byte_mask_deprecated", base, 20, distinct,
             masks={"attn_mask": {"dtype": "uint8", "shape": [L, S], "values": [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]}}),
        case("mha_fast_self", {**base, "batch_first": True}, 17,
             [["query", [N, S, E]], ["key", "same", "query"], ["value", "same", "query"]], mode="fast"),
        case("mha_fast_self_kpm", {**base, "batch_first": True}, 18,
             [["query", [N, S, E]], ["key", "same", "query"], ["value", "same", "query"]],
             masks={"key_padding_mask": kpm}, mode="fast"),
        case("mha_fast_not_taken_seq_first", base, 19, self_sq, mode="fast"),
    ]
    return cases


def transformer_cases():
    d, h, ff = 8, 2, 16
    kpm = bmask([2, 4], [False, False, False, True, False, False, True, True])
    kpm3 = bmask([2, 3], [False, False, True, False, False, False])
    enc_layer = {"kind": "TransformerEncoderLayer", "d_model": d, "nhead": h, "dim_feedforward": ff, "dropout": 0.0}
    dec_layer = {"kind": "TransformerDecoderLayer", "d_model": d, "nhead": h, "dim_feedforward": ff, "dropout": 0.0}
    src = [["src", [4, 2, d]]]
    src_bf = [["src", [2, 4, d]]]
    dec_in = [["tgt", [3, 2, d]], ["memory", [4, 2, d]]]
    cases = [
        case("enc_layer", enc_layer, 30, src),
        case("enc_layer_masks_gelu_norm_first", {**enc_layer, "activation": "gelu", "norm_first": True,
                                                 "layer_norm_eps": 1e-6}, 31, src,
             masks={"src_mask": causal(4), "src_key_padding_mask": kpm}),
        case("enc_layer_batch_first_float_mask", {**enc_layer, "batch_first": True}, 32, src_bf,
             masks={"src_mask": causal(4, "float")}),
        case("enc_layer_unbatched", enc_layer, 33, [["src", [4, d]]]),
        case("enc_layer_eval_default_dropout", {"kind": "TransformerEncoderLayer", "d_model": d, "nhead": h,
                                                "dim_feedforward": ff}, 34, src, mode="eval"),
        case("enc_layer_dropout_train", {"kind": "TransformerEncoderLayer", "d_model": d, "nhead": h,
                                         "dim_feedforward": ff, "dropout": 0.2}, 35, src),
        case("enc_layer_fast", {**enc_layer, "batch_first": True}, 36, src_bf, mode="fast"),
        case("enc_layer_fast_kpm", {**enc_layer, "batch_first": True}, 37, src_bf,
             masks={"src_key_padding_mask": kpm}, mode="fast"),
        case("encoder_2_norm", {"kind": "TransformerEncoder", "d_model": d, "nhead": h, "dim_feedforward": ff,
                                "dropout": 0.0, "num_layers": 2, "norm": True}, 38, src,
             masks={"mask": causal(4), "src_key_padding_mask": kpm}),
        case("encoder_3_no_norm_bf", {"kind": "TransformerEncoder", "d_model": d, "nhead": h, "dim_feedforward": ff,
                                      "dropout": 0.0, "num_layers": 3, "batch_first": True}, 39, src_bf),
        case("encoder_fast_kpm", {"kind": "TransformerEncoder", "d_model": d, "nhead": h, "dim_feedforward": ff,
                                  "dropout": 0.0, "num_layers": 2, "batch_first": True, "norm": True}, 40, src_bf,
             masks={"src_key_padding_mask": bmask([2, 4], [False, False, False, True, False, False, True, True])},
             mode="fast"),
        case("dec_layer", dec_layer, 41, dec_in, masks={"tgt_mask": causal(3)}),
        case("dec_layer_all_masks_norm_first_gelu", {**dec_layer, "norm_first": True, "activation": "gelu"}, 42,
             dec_in, masks={"tgt_mask": causal(3, "float"), "memory_mask": bmask([3, 4], [False, False, True,
                                                                                         False] * 3),
                            "tgt_key_padding_mask": kpm3, "memory_key_padding_mask": kpm}),
        case("dec_layer_self_memory", dec_layer, 43, [["tgt", [3, 2, d]], ["memory", "same", "tgt"]]),
        case("decoder_2_norm_bf", {"kind": "TransformerDecoder", "d_model": d, "nhead": h, "dim_feedforward": ff,
                                   "dropout": 0.0, "num_layers": 2, "norm": True, "batch_first": True}, 44,
             [["tgt", [2, 3, d]], ["memory", [2, 4, d]]], masks={"tgt_mask": causal(3)}),
        case("transformer", {"kind": "Transformer", "d_model": d, "nhead": h, "num_encoder_layers": 2,
                             "num_decoder_layers": 2, "dim_feedforward": ff, "dropout": 0.0}, 45,
             [["src", [4, 2, d]], ["tgt", [3, 2, d]]],
             masks={"tgt_mask": causal(3, "float"), "src_key_padding_mask": kpm,
                    "memory_key_padding_mask": kpm}),
        case("transformer_bf_norm_first_unbatched", {"kind": "Transformer", "d_model": d, "nhead": h,
                                                     "num_encoder_layers": 1, "num_decoder_layers": 2,
                                                     "dim_feedforward": ff, "dropout": 0.0, "batch_first": True,
                                                     "norm_first": True, "activation": "gelu"}, 46,
             [["src", [4, d]], ["tgt", [3, d]]], masks={"tgt_mask": causal(3)}),
        case("transformer_eval", {"kind": "Transformer", "d_model": d, "nhead": h, "num_encoder_layers": 1,
                                  "num_decoder_layers": 1, "dim_feedforward": ff}, 47,
             [["src", [4, 2, d]], ["tgt", [3, 2, d]]], mode="eval"),
    ]
    return cases


def reprs():
    specs = [
        {"kind": "MultiheadAttention", "embed_dim": 16, "num_heads": 4},
        {"kind": "MultiheadAttention", "embed_dim": 6, "num_heads": 3, "kdim": 4, "vdim": 2, "add_bias_kv": True,
         "bias": False, "dropout": 0.1, "batch_first": True, "add_zero_attn": True},
        {"kind": "TransformerEncoderLayer", "d_model": 8, "nhead": 2},
        {"kind": "TransformerDecoderLayer", "d_model": 8, "nhead": 2, "dim_feedforward": 32, "dropout": 0.25,
         "activation": "gelu", "layer_norm_eps": 1e-6, "batch_first": True, "norm_first": True},
        {"kind": "TransformerEncoder", "d_model": 8, "nhead": 2, "dim_feedforward": 4, "num_layers": 2},
        {"kind": "TransformerDecoder", "d_model": 8, "nhead": 2, "dim_feedforward": 4, "num_layers": 1,
         "norm": True},
        {"kind": "Transformer", "d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 1,
         "dim_feedforward": 4, "layer_norm_eps": 1e-6},
    ]
    out = []
    for o in specs:
        torch.manual_seed(0)
        m = build(o)
        out.append({"options": o, "repr": repr(m), "keys": list(m.state_dict().keys()),
                    "shapes": [list(v.shape) for v in m.state_dict().values()]})
    torch.manual_seed(0)
    t = nn.Transformer()
    out.append({"options": {"kind": "Transformer"}, "repr": repr(t), "keys": list(t.state_dict().keys()),
                "shapes": [list(v.shape) for v in t.state_dict().values()]})
    return out


def errors():
    mha = nn.MultiheadAttention(8, 2)
    sep = nn.MultiheadAttention(8, 2, kdim=5, vdim=6)
    q = torch.randn(3, 2, 8)
    k = torch.randn(4, 2, 8)
    t = nn.Transformer(8, 2, 1, 1, 16)
    enc = nn.TransformerEncoderLayer(8, 2, 16)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        mha(q, k, k, attn_mask=torch.zeros(3, 4, dtype=torch.uint8))
        byte_warning = str(w[0].message)
    return {
        "byte_mask_warning": byte_warning,
        "embed_dim_divisible": error_of(lambda: nn.MultiheadAttention(5, 2)),
        "query_dims": error_of(lambda: mha(torch.randn(1, 3, 2, 8), k, k)),
        "batched_key_dims": error_of(lambda: mha(q, torch.randn(4, 8), torch.randn(4, 8))),
        "unbatched_key_dims": error_of(lambda: mha(torch.randn(3, 8), k, k)),
        "batched_kpm_dims": error_of(lambda: mha(q, k, k, key_padding_mask=torch.zeros(4, dtype=torch.bool))),
        "unbatched_kpm_dims": error_of(lambda: mha(torch.randn(3, 8), torch.randn(4, 8), torch.randn(4, 8),
                                                   key_padding_mask=torch.zeros(2, 4, dtype=torch.bool))),
        "batched_mask_dims": error_of(lambda: mha(q, k, k, attn_mask=torch.zeros(4, dtype=torch.bool))),
        "unbatched_3d_mask_shape": error_of(lambda: mha(torch.randn(3, 8), torch.randn(4, 8), torch.randn(4, 8),
                                                        attn_mask=torch.zeros(2, 3, 3, dtype=torch.bool))),
        "embed_dim_check": error_of(lambda: mha(torch.randn(3, 2, 6), torch.randn(4, 2, 6),
                                                torch.randn(4, 2, 6))),
        "key_value_shape": error_of(lambda: mha(q, k, torch.randn(5, 2, 8))),
        "separate_key_value_shape": error_of(lambda: sep(q, torch.randn(4, 2, 5), torch.randn(5, 2, 6))),
        "mask_2d_shape": error_of(lambda: mha(q, k, k, attn_mask=torch.zeros(3, 3, dtype=torch.bool))),
        "mask_3d_shape": error_of(lambda: mha(q, k, k, attn_mask=torch.zeros(2, 3, 4, dtype=torch.bool))),
        "mask_dtype": error_of(lambda: mha(q, k, k, attn_mask=torch.zeros(3, 4, dtype=torch.int64))),
        "kpm_dtype": error_of(lambda: mha(q, k, k, key_padding_mask=torch.zeros(2, 4, dtype=torch.int64))),
        "kpm_shape": error_of(lambda: mha(q, k, k, key_padding_mask=torch.zeros(2, 3, dtype=torch.bool))),
        "enc_kpm_dtype": error_of(lambda: enc(k, src_key_padding_mask=torch.zeros(2, 4, dtype=torch.int32))),
        "transformer_batch": error_of(lambda: t(torch.randn(4, 2, 8), torch.randn(3, 3, 8))),
        "transformer_features": error_of(lambda: t(torch.randn(4, 2, 8), torch.randn(3, 2, 6))),
    }


def checkpoint():
    """A perturbed Transformer and a MultiheadAttention with kdim/vdim and bias_k/v, saved with torch.save."""
    torch.manual_seed(60)
    t = nn.Transformer(8, 2, 2, 1, 16, dropout=0.0, batch_first=True)
    mha = nn.MultiheadAttention(8, 2, kdim=5, vdim=6, add_bias_kv=True)
    with torch.no_grad():
        for p in list(t.parameters()) + list(mha.parameters()):
            p.add_(torch.randn_like(p) * 0.1)
    path = os.path.join(OUT, "nn_attention_transformer.pth")
    torch.save({"transformer": t.state_dict(), "mha": mha.state_dict()}, path)
    torch.manual_seed(61)
    src = torch.randn(2, 4, 8)
    tgt = torch.randn(2, 3, 8)
    q = torch.randn(3, 2, 8)
    k = torch.randn(4, 2, 5)
    v = torch.randn(4, 2, 6)
    t.eval()
    mha.eval()
    tmask = nn.Transformer.generate_square_subsequent_mask(3)
    out = t(src, tgt, tgt_mask=tmask)
    a, w = mha(q, k, v)
    return {"file": os.path.basename(path), "input_seed": 61, "transformer_output": tcase(out),
            "mha_output": tcase(a), "mha_weights": tcase(w),
            "transformer_keys": list(t.state_dict().keys()), "mha_keys": list(mha.state_dict().keys())}


def main():
    global OUT
    if "--out" in sys.argv:
        OUT = sys.argv[sys.argv.index("--out") + 1]
    doc = {"torch_version": torch.__version__, "mha": mha_cases(), "transformer": transformer_cases(),
           "reprs": reprs(), "errors": errors(), "checkpoint": checkpoint(),
           "square_subsequent_mask": tcase(nn.Transformer.generate_square_subsequent_mask(4))}
    with open(os.path.join(OUT, "nn_attention.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
