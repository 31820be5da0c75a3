#!/usr/bin/env python3
"""Writes small torch.save files for jtorch's loaders (LegacyCheckpointTest, SharedStorageTest) with Python
PyTorch 1.13, plus a JSON of their expected contents, into src/test/resources/interop/:

- legacy_tensors.pt: torch.save(obj, f, _use_new_zipfile_serialization=False) (the pre-1.6 format: magic number,
  protocol version, sys_info, the object pickle, the storage keys, the raw storages) of tensors of every dtype,
  0-d and empty tensors, views with offsets and strides sharing one storage, a parameter, nested containers.
- legacy_checkpoint.pt: the usual checkpoint dict (model and Adam state dicts, epoch, loss) in the legacy format.
- legacy_module.pt: a whole nn.Module pickled in the legacy format (torch.save(model)), which jtorch refuses with
  a message saying how to convert it.
- whole_module.pt: the same whole module in the default zip format, refused the same way.
- shared_views.pt: the same views in the default zip format (one storage record for all of them).
- legacy_expected.json: the values.

Run from the repository root:  /usr/bin/python3 src/test/python/gen_legacy_checkpoint.py [--out DIR]
"""
import json
import os
import sys

import torch

torch.set_num_threads(1)
import torch.nn as nn
import torch.optim as optim


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.fc2 = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def describe(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "stride": list(t.stride()),
            "offset": t.storage_offset(), "requires_grad": t.requires_grad, "values": flat(t)}


def tensors():
    torch.manual_seed(18)
    base = torch.arange(12.0).view(3, 4)
    obj = {
        "float32": torch.randn(2, 3),
        "float64": torch.randn(3, dtype=torch.float64),
        "float16": torch.tensor([0.5, -1.25, 65504.0], dtype=torch.float16),
        "bfloat16": torch.tensor([1.5, -3.0, 1e30], dtype=torch.bfloat16),
        "int64": torch.tensor([-(2 ** 40), 0, 2 ** 62]),
        "int32": torch.tensor([-7, 2 ** 31 - 1], dtype=torch.int32),
        "int16": torch.tensor([-300, 300], dtype=torch.int16),
        "int8": torch.tensor([-128, 127], dtype=torch.int8),
        "uint8": torch.tensor([0, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "scalar": torch.tensor(3.5),
        "empty": torch.zeros(0, 4),
        "base": base,
        "row": base[1],
        "col": base[:, 2],
        "block": base[1:, 1:3],
        "transposed": base.t(),
        "param": nn.Parameter(torch.ones(2, 2)),
        "nested": {"list": [1, 2.5, "three", None, True], "tuple": (4, (5, 6)), "t": [torch.tensor([7, 8])]},
    }
    return obj


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    out_dir = os.path.join(root, "src", "test", "resources", "interop")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        out_dir = sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    expected = {}

    obj = tensors()
    torch.save(obj, os.path.join(out_dir, "legacy_tensors.pt"), _use_new_zipfile_serialization=False)
    expected["tensors"] = {k: describe(v) for k, v in obj.items() if isinstance(v, torch.Tensor)}
    expected["nested_t"] = describe(obj["nested"]["t"][0])
    views = {k: obj[k] for k in ("base", "row", "col", "block", "transposed")}
    torch.save(views, os.path.join(out_dir, "shared_views.pt"))
    expected["shared_views"] = {k: describe(v) for k, v in views.items()}

    torch.manual_seed(42)
    model = TinyNet()
    optimizer = optim.Adam(model.parameters(), lr=0.01)
    x = torch.randn(5, 3)
    y = torch.randint(0, 2, (5,))
    for _ in range(2):
        optimizer.zero_grad()
        loss = nn.CrossEntropyLoss()(model(x), y)
        loss.backward()
        optimizer.step()
    ckpt = {"epoch": 2, "model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
            "loss": loss.item()}
    torch.save(ckpt, os.path.join(out_dir, "legacy_checkpoint.pt"), _use_new_zipfile_serialization=False)
    expected["checkpoint"] = {
        "epoch": 2, "loss": loss.item(),
        "model": {k: describe(v) for k, v in model.state_dict().items()},
        "exp_avg_sq_0": flat(optimizer.state_dict()["state"][0]["exp_avg_sq"]),
        "step_0": float(optimizer.state_dict()["state"][0]["step"].item()),
        "lr": optimizer.state_dict()["param_groups"][0]["lr"],
        "params": optimizer.state_dict()["param_groups"][0]["params"],
        "eval_out": flat(model(x[:2])),
    }
    torch.save(model, os.path.join(out_dir, "legacy_module.pt"), _use_new_zipfile_serialization=False)
    torch.save(model, os.path.join(out_dir, "whole_module.pt"))

    with open(os.path.join(out_dir, "legacy_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("wrote", out_dir, file=sys.stderr)


if __name__ == "__main__":
    main()
