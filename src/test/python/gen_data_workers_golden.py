"""Golden file for DataLoader workers' random numbers: src/test/resources/golden/data_workers.json.

PyTorch's worker i runs torch.manual_seed(base_seed + i) in its own process, base_seed being one int64 draw from the
loader's generator (or the default one) when the iterator is made, and batch k goes to worker k % num_workers. So a
DataLoader over an ImageFolder with RandomResizedCrop/RandomHorizontalFlip yields, for a seed, the same batches in
every run, and different ones for each num_workers. This records them (two epochs, shuffled) for num_workers 0, 2
and 3, with and without a loader generator, one with a worker_init_fn that reseeds from get_worker_info(), and
torch.randn(3) after the loops (what the main process's default
generator has left). The images are src/test/resources/vision/folder/ (from gen_vision_transforms_golden.py).
Run from the repository root:  python3 src/test/python/gen_data_workers_golden.py
"""
import json
import os

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources")
FOLDER = os.path.join(ROOT, "vision", "folder")


def reseed(worker_id):
    """A worker_init_fn that reseeds from get_worker_info() (its seed is torch.initial_seed() there)."""
    info = torch.utils.data.get_worker_info()
    assert info.id == worker_id and info.seed == torch.initial_seed()
    torch.manual_seed((info.seed * 3 + worker_id) % 2 ** 63)


def run(seed, num_workers, generator_seed, epochs=2, batch_size=2, size=6, init=None):
    torch.manual_seed(seed)
    tf = transforms.Compose([transforms.RandomResizedCrop(size), transforms.RandomHorizontalFlip(),
                             transforms.ToTensor()])
    ds = datasets.ImageFolder(FOLDER, tf)
    g = None if generator_seed is None else torch.Generator().manual_seed(generator_seed)
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=num_workers, generator=g,
                        worker_init_fn=reseed if init == "reseed" else None)
    out = []
    for epoch in range(epochs):
        for inputs, labels in loader:
            out.append({"shape": list(inputs.shape), "values": [float(v) for v in inputs.flatten().tolist()],
                        "labels": labels.tolist()})
    after = [float(v) for v in torch.randn(3).tolist()]
    return {"seed": seed, "num_workers": num_workers, "generator_seed": generator_seed, "epochs": epochs,
            "batch_size": batch_size, "size": size, "worker_init_fn": init, "batches": out, "randn_after": after}


def main():
    cases = [run(seed, nw, gs) for seed, nw, gs in
             ((0, 0, None), (0, 2, None), (0, 3, None), (42, 2, None), (7, 2, 5), (7, 0, 5))]
    cases.append(run(0, 2, None, init="reseed"))
    path = os.path.join(ROOT, "golden", "data_workers.json")
    with open(path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
