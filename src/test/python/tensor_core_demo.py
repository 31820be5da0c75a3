#!/usr/bin/env python3
"""The Python twin of examples/src/main/java/dev/jtorch/examples/TensorCoreDemo.java: seed 000's synthetic data, and logistic
regression trained with plain tensors and autograd. Usage: tensor_core_demo.py [SEED] [EPOCHS]"""
import sys

import torch

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 42
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
torch.manual_seed(SEED)
X = torch.randn(1000, 10)
true_weights = torch.randn(10, 1)
true_bias = torch.randn(1)
logits = X @ true_weights + true_bias + 0.5 * torch.randn(1000, 1)
y = (torch.sigmoid(logits) > 0.5).float()
X_train, X_val = X[:800], X[800:]
y_train, y_val = y[:800], y[800:]
print(f"X_train: {X_train.shape}, y_train: {y_train.shape}")
w = torch.zeros(10, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(EPOCHS):
    p = torch.sigmoid(X_train @ w + b)
    loss = -(y_train * torch.log(p) + (1 - y_train) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
        val_acc = ((torch.sigmoid(X_val @ w + b) > 0.5).float() == y_val).float().mean().item()
    print(f"Epoch {epoch + 1:2d}: loss {loss.item():.4f}, val accuracy {val_acc:.4f}")
print(f"Learned bias: {b.item():.4f}, true bias: {true_bias.item():.4f}")
