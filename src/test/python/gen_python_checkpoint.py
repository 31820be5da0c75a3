#!/usr/bin/env python3
"""Writes src/test/resources/interop/python_checkpoint.pt with Python's torch.save (PyTorch 1.13): the usual
checkpoint dictionary of seed 000's SimpleClassifier after two Adam steps, plus a JSON of its expected contents.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_python_checkpoint.py
"""
import json
import os
import sys

import torch

# One thread: BLAS results then do not depend on how busy the machine is, so the files regenerate identically.
torch.set_num_threads(1)
import torch.nn as nn
import torch.optim as optim


class SimpleClassifier(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, dropout_prob=0.5):
        super(SimpleClassifier, self).__init__()
        self.fc1 = nn.Linear(input_dim, hidden_dim)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(p=dropout_prob)
        self.fc2 = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    out_dir = os.path.join(root, "src", "test", "resources", "interop")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        out_dir = sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(42)
    model = SimpleClassifier(10, 64, 2)
    optimizer = optim.Adam(model.parameters(), lr=0.001, weight_decay=1e-5)
    X = torch.randn(8, 10)
    y = torch.randint(0, 2, (8,))
    for _ in range(2):
        optimizer.zero_grad()
        loss = nn.CrossEntropyLoss()(model(X), y)
        loss.backward()
        optimizer.step()
    checkpoint = {"epoch": 2, "model_state_dict": model.state_dict(),
                  "optimizer_state_dict": optimizer.state_dict(), "loss": loss.item(),
                  "note": "written by Python", "sizes": (3, 4), "flags": [True, False, None],
                  "long_tensor": torch.arange(5), "matrix_view": torch.arange(12.0).view(3, 4)[:, 1:3]}
    torch.save(checkpoint, os.path.join(out_dir, "python_checkpoint.pt"))
    expected = {"epoch": 2, "loss": loss.item(),
                "model": {k: {"shape": list(v.shape), "values": flat(v)} for k, v in model.state_dict().items()},
                "exp_avg_fc2_bias": flat(optimizer.state_dict()["state"][3]["exp_avg"]),
                "step": float(optimizer.state_dict()["state"][0]["step"].item()),
                "eval_out": flat(model.eval()(X[:2]))}
    with open(os.path.join(out_dir, "python_checkpoint.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("wrote", out_dir, file=sys.stderr)


if __name__ == "__main__":
    main()
