#!/usr/bin/env python3
"""Python PyTorch side of jtorch's benchmarks (src/bench/java/dev/jtorch/bench/Benchmarks.java).

Started once per thread count as `python3 bench_torch.py THREADS`; it prints `ready`, then answers each line
`<bench> <count>` on standard input with one line on standard output:
  mlp <steps>, cnn <steps>  -> the microseconds of each training step, space-separated
  loader <batches>          -> samples per second over that many batches of a fresh shuffled epoch
  checkpoint_save <layers>  -> MB/s of torch.save of a checkpoint of <layers> x Linear 2048-2048
  checkpoint_load <layers>  -> MB/s of torch.load of that file and load_state_dict
so that Benchmarks.java can alternate it, round by round, with the Java contenders in the same run.
"""
import os
import shutil
import sys
import tempfile
import time

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SimpleClassifier(nn.Module):  # seed 000's model
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 64)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(64, 2)

    def forward(self, x):
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(8, 16, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 5 * 5, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc2(torch.relu(self.fc1(x)))


class Trainer:
    def __init__(self, model, x, y):
        self.model = model
        self.model.train()
        self.x, self.y = x, y
        self.criterion = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)

    def steps(self, n):
        times = []
        for _ in range(n):
            t0 = time.perf_counter_ns()
            self.optimizer.zero_grad()
            loss = self.criterion(self.model(self.x), self.y)
            loss.backward()
            self.optimizer.step()
            loss.item()
            times.append((time.perf_counter_ns() - t0) / 1000.0)
        return times


class Checkpoints:
    """checkpoint_io: the checkpoint dictionary jtorch's Checkpoint writes, saved and loaded as a user would."""

    def __init__(self, layers):
        self.model = nn.Sequential(*[nn.Linear(2048, 2048) for _ in range(layers)])
        self.dir = tempfile.mkdtemp(prefix="jtorch-bench-checkpoint-py")
        self.path = os.path.join(self.dir, "checkpoint.pt")

    def save(self):
        t0 = time.perf_counter_ns()
        torch.save({"epoch": 1, "model_state_dict": self.model.state_dict(), "rng_state": torch.get_rng_state()},
                   self.path)
        return os.path.getsize(self.path) / 1e6 / ((time.perf_counter_ns() - t0) / 1e9)

    def load(self):
        if not os.path.exists(self.path):
            self.save()
        t0 = time.perf_counter_ns()
        checkpoint = torch.load(self.path)
        self.model.load_state_dict(checkpoint["model_state_dict"])
        return os.path.getsize(self.path) / 1e6 / ((time.perf_counter_ns() - t0) / 1e9)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    torch.set_num_threads(int(sys.argv[1]))
    torch.manual_seed(0)
    trainers = {}
    loader = None
    checkpoints = None
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            name, count = line.split()
            count = int(count)
            if name == "loader":
                if loader is None:
                    loader = DataLoader(TensorDataset(torch.randn(1_000_000, 10)), batch_size=64, shuffle=True)
                t0 = time.perf_counter_ns()
                seen = 0
                for i, (xb,) in enumerate(loader):
                    seen += xb.shape[0]
                    if i + 1 == count:
                        break
                print(seen / ((time.perf_counter_ns() - t0) / 1e9), flush=True)
                continue
            if name in ("checkpoint_save", "checkpoint_load"):
                if checkpoints is None:
                    checkpoints = Checkpoints(count)
                print(checkpoints.save() if name == "checkpoint_save" else checkpoints.load(), flush=True)
                continue
            if name not in trainers:
                if name == "mlp":
                    trainers[name] = Trainer(SimpleClassifier(), torch.randn(64, 10), torch.randint(0, 2, (64,)))
                else:
                    trainers[name] = Trainer(SmallCnn(), torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,)))
            print(" ".join(f"{t:.2f}" for t in trainers[name].steps(count)), flush=True)
    finally:
        if checkpoints is not None:
            checkpoints.close()


if __name__ == "__main__":
    main()
