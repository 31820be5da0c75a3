"""Writes resnet18 weights for TransferLearning (examples/.../TransferLearning.java) and its twin transfer_learning.py.

torchvision's resnet18 with its random initialisation after torch.manual_seed(SEED) (no download):
    python3 src/test/python/make_resnet18_weights.py --seed 1 --out resnet18.pth
writes torch.save(model.state_dict()) for --weights; with --torchscript FILE it also writes that model, its fc
replaced by nn.Linear(512, 2) (drawn after the backbone), as torch.jit.save(torch.jit.script(model)) for
--torchscript. The ImageNet weights a user saved the same way (resnet18(weights="IMAGENET1K_V1")) work too.
"""
import argparse

import torch
import torch.nn as nn
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="the state dict file")
    parser.add_argument("--torchscript", help="also write a scripted resnet18 with a 2-class fc here")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    model = torchvision.models.resnet18()
    torch.save(model.state_dict(), args.out)
    if args.torchscript:
        model.fc = nn.Linear(model.fc.in_features, 2)
        torch.jit.save(torch.jit.script(model), args.torchscript)


if __name__ == "__main__":
    main()
