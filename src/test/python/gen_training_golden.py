#!/usr/bin/env python3
"""Writes src/test/resources/golden/training_steps.json from Python PyTorch 1.13: seed 000's SimpleClassifier
(Linear, ReLU, Dropout, Linear) trained for a few steps with CrossEntropyLoss and Adam (weight decay), in train mode
(dropout draws from the generator), then evaluated.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_training_golden.py
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


def run(seed, optimizer_name):
    torch.manual_seed(seed)
    model = SimpleClassifier(10, 64, 2)
    criterion = nn.CrossEntropyLoss()
    if optimizer_name == "adam":
        optimizer = optim.Adam(model.parameters(), lr=0.001, weight_decay=1e-5)
    else:
        optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-5)
    X = torch.randn(64, 10)
    y = torch.randint(0, 2, (64,))
    model.train()
    losses = []
    for _ in range(5):
        optimizer.zero_grad()
        outputs = model(X)
        loss = criterion(outputs, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    with torch.no_grad():
        eval_out = model(X[:4])
    _, predicted = torch.max(eval_out.data, 1)
    return {"seed": seed, "optimizer": optimizer_name, "repr": repr(model),
            "state_dict_keys": list(model.state_dict().keys()), "losses": losses,
            "fc1_weight_first8": flat(model.fc1.weight)[:8], "fc2_weight": flat(model.fc2.weight),
            "fc2_bias": flat(model.fc2.bias), "eval_out": flat(eval_out), "predicted": predicted.tolist(),
            "optimizer_repr": repr(optimizer)}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "training_steps.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    data = {"generator": "src/test/python/gen_training_golden.py", "torch_version": torch.__version__,
            "runs": [run(42, "adam"), run(7, "adam"), run(42, "sgd")]}
    with open(target, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
