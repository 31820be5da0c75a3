#!/usr/bin/env python3
"""Writes src/test/resources/golden/nn_rnn.json (or the file after --out) from Python PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_rnn_golden.py
The Java tests dev.jtorch.nn.RecurrentGoldenTest and dev.jtorch.nn.utils.rnn.RnnUtilsGoldenTest rebuild the same
modules with the same seeds and compare: reprs, state-dict keys, shapes and initial values (so construction
draws from the generator as PyTorch does), outputs and final states, gradients of the parameters and of the
input after backward of a sum, packed-sequence results, PyTorch's error messages, and the losses of a few Adam
steps of a small LSTM classifier.

Module cases are given as option dictionaries the Java side reads: after torch.manual_seed(seed) the module is
built, then the input x, then h0 (and c0) when "hx" is true, are drawn with torch.randn from the same generator.
"""
import json
import math
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence

warnings.simplefilter("ignore")
torch.set_num_threads(1)


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


DEFAULTS = {"num_layers": 1, "bias": True, "batch_first": False, "dropout": 0.0, "bidirectional": False,
            "proj_size": 0, "nonlinearity": "tanh"}


def build(o):
    kind = o["kind"]
    if kind in ("RNNCell", "LSTMCell", "GRUCell"):
        kw = {"bias": o.get("bias", True)}
        if kind == "RNNCell":
            kw["nonlinearity"] = o.get("nonlinearity", "tanh")
        return getattr(nn, kind)(o["input_size"], o["hidden_size"], **kw)
    kw = {k: o[k] for k in ("num_layers", "bias", "batch_first", "dropout", "bidirectional") if k in o}
    if kind == "LSTM" and "proj_size" in o:
        kw["proj_size"] = o["proj_size"]
    if kind == "RNN" and "nonlinearity" in o:
        kw["nonlinearity"] = o["nonlinearity"]
    return getattr(nn, kind)(o["input_size"], o["hidden_size"], **kw)


def hidden_shapes(m, o, batch):
    """The (h0, c0) shapes for a module case (c0 None unless LSTM), batch None when unbatched."""
    if o["kind"].endswith("Cell"):
        h = [o["hidden_size"]] if batch is None else [batch, o["hidden_size"]]
        return h, (h if o["kind"] == "LSTMCell" else None)
    d = 2 if o.get("bidirectional") else 1
    layers = o.get("num_layers", 1) * d
    hout = o.get("proj_size", 0) or o["hidden_size"]
    h = [layers, hout] if batch is None else [layers, batch, hout]
    c = None
    if o["kind"] == "LSTM":
        c = [layers, o["hidden_size"]] if batch is None else [layers, batch, o["hidden_size"]]
    return h, c


def module_case(name, o, seed, seq=4, batch=3, hx=False, train=True):
    """batch None: unbatched input."""
    torch.manual_seed(seed)
    m = build(o)
    init = [tcase(v, k) for k, v in m.state_dict().items()]
    m.train(train)
    cell = o["kind"].endswith("Cell")
    if cell:
        shape = [o["input_size"]] if batch is None else [batch, o["input_size"]]
    elif batch is None:
        shape = [seq, o["input_size"]]
    elif o.get("batch_first"):
        shape = [batch, seq, o["input_size"]]
    else:
        shape = [seq, batch, o["input_size"]]
    x = torch.randn(*shape).requires_grad_()
    hs, cs = hidden_shapes(m, o, batch)
    h0 = c0 = None
    if hx:
        h0 = torch.randn(*hs)
        if cs is not None:
            c0 = torch.randn(*cs)
    if o["kind"] == "LSTM":
        out, (hn, cn) = m(x, (h0, c0) if hx else None)
        results = [out, hn, cn]
    elif o["kind"] == "LSTMCell":
        hn, cn = m(x, (h0, c0) if hx else None)
        results = [hn, cn]
    else:
        r = m(x, h0)
        results = list(r) if isinstance(r, tuple) else [r]
    loss = sum(t.sum() for t in results)
    loss.backward()
    return {"name": name, "options": o, "seed": seed, "input_shape": shape, "hx": hx, "train": train,
            "repr": repr(m), "init": init, "input": tcase(x), "h0": tcase(h0) if h0 is not None else None,
            "c0": tcase(c0) if c0 is not None else None, "results": [tcase(t) for t in results],
            "grads": [tcase(p.grad, k) for k, p in m.named_parameters()], "input_grad": tcase(x.grad)}


def packed_case(name, o, seed, lengths, hx=False, enforce_sorted=False):
    torch.manual_seed(seed)
    m = build(o)
    L, N = max(lengths), len(lengths)
    bf = o.get("batch_first", False)
    shape = [N, L, o["input_size"]] if bf else [L, N, o["input_size"]]
    x = torch.randn(*shape).requires_grad_()
    hs, cs = hidden_shapes(m, o, N)
    h0 = torch.randn(*hs) if hx else None
    c0 = torch.randn(*cs) if hx and cs is not None else None
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=bf, enforce_sorted=enforce_sorted)
    if o["kind"] == "LSTM":
        out, (hn, cn) = m(packed, (h0, c0) if hx else None)
        states = [hn, cn]
    else:
        out, hn = m(packed, h0)
        states = [hn]
    padded, lens = pad_packed_sequence(out, batch_first=bf)
    loss = padded.sum() + sum(s.sum() for s in states)
    loss.backward()
    return {"name": name, "options": o, "seed": seed, "input_shape": shape, "lengths": lengths, "hx": hx,
            "enforce_sorted": enforce_sorted,
            "packed_data": tcase(out.data), "batch_sizes": tcase(out.batch_sizes),
            "sorted_indices": tcase(out.sorted_indices) if out.sorted_indices is not None else None,
            "unsorted_indices": tcase(out.unsorted_indices) if out.unsorted_indices is not None else None,
            "states": [tcase(s) for s in states], "padded": tcase(padded), "padded_lengths": tcase(lens),
            "grads": [tcase(p.grad, k) for k, p in m.named_parameters()], "input_grad": tcase(x.grad)}


def error_of(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__ + ": " + str(e)
    return None


def main():
    out_path = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else \
        "src/test/resources/golden/nn_rnn.json"
    cases = []
    seed = 100
    combos = [
        ("rnn", {"kind": "RNN", "input_size": 5, "hidden_size": 6}, {}),
        ("rnn_relu_2l", {"kind": "RNN", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                         "nonlinearity": "relu"}, {"hx": True}),
        ("rnn_bidir_bf", {"kind": "RNN", "input_size": 5, "hidden_size": 6, "bidirectional": True,
                          "batch_first": True}, {"hx": True}),
        ("rnn_nobias_unbatched", {"kind": "RNN", "input_size": 5, "hidden_size": 6, "bias": False},
         {"batch": None, "hx": True}),
        ("lstm", {"kind": "LSTM", "input_size": 5, "hidden_size": 6}, {}),
        ("lstm_2l_bf_hx", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                           "batch_first": True}, {"hx": True}),
        ("lstm_bidir_2l", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                           "bidirectional": True}, {"hx": True}),
        ("lstm_proj", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "proj_size": 3}, {"hx": True}),
        ("lstm_proj_bidir_2l_nobias", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "proj_size": 4,
                                       "num_layers": 2, "bidirectional": True, "bias": False}, {}),
        ("lstm_unbatched", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "num_layers": 2},
         {"batch": None, "hx": True}),
        ("lstm_dropout_train", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "num_layers": 3,
                                "dropout": 0.5}, {}),
        ("lstm_dropout_eval", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "num_layers": 3,
                               "dropout": 0.5}, {"train": False}),
        ("gru", {"kind": "GRU", "input_size": 5, "hidden_size": 6}, {}),
        ("gru_2l_bidir_bf", {"kind": "GRU", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                             "bidirectional": True, "batch_first": True}, {"hx": True}),
        ("gru_dropout_train", {"kind": "GRU", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                               "dropout": 0.3}, {}),
        ("gru_unbatched_nobias", {"kind": "GRU", "input_size": 5, "hidden_size": 6, "bias": False},
         {"batch": None}),
        ("rnncell", {"kind": "RNNCell", "input_size": 5, "hidden_size": 6}, {"hx": True}),
        ("rnncell_relu_nobias", {"kind": "RNNCell", "input_size": 5, "hidden_size": 6, "nonlinearity": "relu",
                                 "bias": False}, {}),
        ("rnncell_unbatched", {"kind": "RNNCell", "input_size": 5, "hidden_size": 6}, {"batch": None, "hx": True}),
        ("lstmcell", {"kind": "LSTMCell", "input_size": 5, "hidden_size": 6}, {"hx": True}),
        ("lstmcell_zero_state", {"kind": "LSTMCell", "input_size": 5, "hidden_size": 6}, {}),
        ("lstmcell_unbatched", {"kind": "LSTMCell", "input_size": 5, "hidden_size": 6, "bias": False},
         {"batch": None, "hx": True}),
        ("grucell", {"kind": "GRUCell", "input_size": 5, "hidden_size": 6}, {"hx": True}),
        ("grucell_unbatched", {"kind": "GRUCell", "input_size": 5, "hidden_size": 6}, {"batch": None}),
        ("lstm_unbatched_bf_bidir", {"kind": "LSTM", "input_size": 5, "hidden_size": 6, "batch_first": True,
                                     "bidirectional": True, "proj_size": 2}, {"batch": None, "hx": True}),
        ("gru_unbatched_bf_hx", {"kind": "GRU", "input_size": 5, "hidden_size": 6, "batch_first": True},
         {"batch": None, "hx": True}),
        ("rnn_relu_dropout_train_bidir", {"kind": "RNN", "input_size": 5, "hidden_size": 6, "num_layers": 2,
                                          "nonlinearity": "relu", "dropout": 0.4, "bidirectional": True}, {}),
    ]
    for name, o, kw in combos:
        cases.append(module_case(name, o, seed, **kw))
        seed += 1

    packed = [
        packed_case("packed_lstm_unsorted", {"kind": "LSTM", "input_size": 3, "hidden_size": 4}, 200, [2, 4, 3, 1],
                    hx=True),
        packed_case("packed_lstm_sorted_bidir_bf", {"kind": "LSTM", "input_size": 3, "hidden_size": 4,
                                                    "bidirectional": True, "batch_first": True, "num_layers": 2},
                    201, [4, 3, 3, 1], enforce_sorted=True),
        packed_case("packed_gru_unsorted_2l", {"kind": "GRU", "input_size": 3, "hidden_size": 4, "num_layers": 2},
                    202, [3, 1, 4], hx=True),
        packed_case("packed_rnn_ties", {"kind": "RNN", "input_size": 3, "hidden_size": 4}, 203, [2, 3, 2, 3, 1]),
        packed_case("packed_lstm_proj", {"kind": "LSTM", "input_size": 3, "hidden_size": 4, "proj_size": 2},
                    204, [1, 3, 2]),
    ]

    # utilities on their own
    torch.manual_seed(300)
    seqs = [torch.randn(3, 2), torch.randn(5, 2), torch.randn(1, 2)]
    utils = {
        "sequences": [tcase(s) for s in seqs],
        "pad_sequence": tcase(pad_sequence(seqs)),
        "pad_sequence_bf_pad": tcase(pad_sequence(seqs, batch_first=True, padding_value=-1.5)),
    }
    ps = pack_sequence(seqs, enforce_sorted=False)
    utils["pack_sequence"] = {"data": tcase(ps.data), "batch_sizes": tcase(ps.batch_sizes),
                              "sorted_indices": tcase(ps.sorted_indices),
                              "unsorted_indices": tcase(ps.unsorted_indices)}
    p2, l2 = pad_packed_sequence(ps, batch_first=True, padding_value=9.0, total_length=7)
    utils["pad_packed_total"] = {"padded": tcase(p2), "lengths": tcase(l2)}
    sorted_seqs = [seqs[1], seqs[0], seqs[2]]
    ps2 = pack_sequence(sorted_seqs)
    utils["pack_sequence_sorted"] = {"data": tcase(ps2.data), "batch_sizes": tcase(ps2.batch_sizes)}
    utils["reprs"] = [repr(pack_sequence([torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0])])),
                      repr(pack_sequence([torch.tensor([4, 5]), torch.tensor([1, 2, 3])], enforce_sorted=False))]
    utils["errors"] = {
        "unsorted_enforced": error_of(lambda: pack_sequence(seqs)),
        "total_length_short": error_of(lambda: pad_packed_sequence(ps, total_length=3)),
        "zero_length": error_of(lambda: pack_padded_sequence(torch.zeros(3, 2, 1), torch.tensor([3, 0]))),
    }

    # reprs
    repr_specs = [
        {"kind": "LSTM", "input_size": 10, "hidden_size": 20, "num_layers": 2, "batch_first": True},
        {"kind": "LSTM", "input_size": 10, "hidden_size": 20, "proj_size": 5, "bias": False, "dropout": 0.25,
         "bidirectional": True, "num_layers": 3},
        {"kind": "RNN", "input_size": 3, "hidden_size": 4, "nonlinearity": "relu"},
        {"kind": "GRU", "input_size": 3, "hidden_size": 4, "dropout": 0.5, "num_layers": 2},
        {"kind": "RNNCell", "input_size": 3, "hidden_size": 4, "nonlinearity": "relu", "bias": False},
        {"kind": "LSTMCell", "input_size": 3, "hidden_size": 4},
        {"kind": "GRUCell", "input_size": 3, "hidden_size": 4, "bias": False},
    ]
    reprs = []
    for o in repr_specs:
        m = build(o)
        reprs.append({"options": o, "repr": repr(m), "keys": list(m.state_dict().keys()),
                      "shapes": [list(v.shape) for v in m.state_dict().values()]})
    reprs.append({"options": None, "repr": repr(nn.Sequential(nn.LSTM(10, 20, num_layers=2, batch_first=True),
                                                              nn.Linear(20, 2))), "keys": [], "shapes": []})

    lstm = nn.LSTM(10, 20, num_layers=2)
    errors = {
        "input_size": error_of(lambda: lstm(torch.randn(5, 3, 7))),
        "hidden0": error_of(lambda: lstm(torch.randn(5, 3, 10), (torch.randn(1, 3, 20), torch.randn(2, 3, 20)))),
        "hidden1": error_of(lambda: lstm(torch.randn(5, 3, 10), (torch.randn(2, 3, 20), torch.randn(2, 4, 20)))),
        "lstm_hx_dims": error_of(lambda: lstm(torch.randn(5, 3, 10), (torch.randn(2, 20), torch.randn(2, 20)))),
        "lstm_unbatched_hx_dims": error_of(lambda: lstm(torch.randn(5, 10),
                                                        (torch.randn(2, 1, 20), torch.randn(2, 20)))),
        "input_dims": error_of(lambda: lstm(torch.randn(2, 3, 4, 10))),
        "gru_hidden": error_of(lambda: nn.GRU(4, 5)(torch.randn(2, 3, 4), torch.randn(1, 2, 5))),
        "rnn_hx_dims": error_of(lambda: nn.RNN(4, 5)(torch.randn(2, 3, 4), torch.randn(3, 5))),
        "rnn_unbatched_hx_dims": error_of(lambda: nn.RNN(4, 5)(torch.randn(2, 4), torch.randn(1, 1, 5))),
        "dropout_range": error_of(lambda: nn.LSTM(3, 4, dropout=1.5)),
        "proj_negative": error_of(lambda: nn.LSTM(3, 4, proj_size=-1)),
        "proj_too_big": error_of(lambda: nn.LSTM(3, 4, proj_size=4)),
        "cell_dims": error_of(lambda: nn.LSTMCell(3, 4)(torch.randn(2, 3, 3))),
        "cell_input_size": error_of(lambda: nn.GRUCell(3, 4)(torch.randn(2, 5))),
    }
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        nn.GRU(3, 4, dropout=0.2)
        errors["dropout_warning"] = str(w[0].message)

    # training: a few Adam steps of an LSTM classifier on fixed data
    torch.manual_seed(400)
    lstm_c = nn.LSTM(4, 8, batch_first=True)
    head = nn.Linear(8, 3)
    X = torch.randn(16, 5, 4)
    y = torch.randint(0, 3, (16,))
    opt = torch.optim.Adam(list(lstm_c.parameters()) + list(head.parameters()), lr=0.01)
    losses = []
    for _ in range(8):
        opt.zero_grad()
        _, (hn, _) = lstm_c(X)
        loss = F.cross_entropy(head(hn[-1]), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    training = {"seed": 400, "losses": losses, "final_weight_hh_l0": tcase(lstm_c.weight_hh_l0.detach())}

    doc = {"torch_version": torch.__version__, "modules": cases, "packed": packed, "utils": utils,
           "reprs": reprs, "errors": errors, "training": training}
    with open(out_path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
