"""PyTorch's "Transfer Learning for Computer Vision" tutorial, ConvNet as fixed feature extractor
(https://pytorch.org/tutorials/beginner/transfer_learning_tutorial.html), on a synthetic image folder: the Python
twin of examples/src/main/java/dev/jtorch/examples/TransferLearning.java, which prints the same text for the same
flags (but for the "Training complete in" line, a wall-clock time).

The hymenoptera download is replaced by two classes of shapes drawn at run time, pixel for pixel as the Java
example draws them (integer geometry, a splitmix64 stream seeded --seed): discs and squares of random colours, sizes
and positions on a background of a random colour, saved as PNG under --data-dir/{train,val}/{discs,squares}/.
resnet18's weights come from --weights (a torch.save(model.state_dict()) file, e.g. make_resnet18_weights.py's) or,
without it, from torchvision's random initialisation after torch.manual_seed(--seed). --torchscript FILE fine-tunes
a scripted resnet18 whose fc has two outputs (make_resnet18_weights.py --torchscript) instead.

    python3 src/test/python/transfer_learning.py --epochs 3 --image-size 32 --train-per-class 8 --val-per-class 4
"""
import argparse
import copy
import os
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
import torchvision
from PIL import Image
from torch.optim import lr_scheduler
from torchvision import datasets, transforms

MASK = (1 << 64) - 1


class SplitMix64:
    """The integer stream the synthetic images are drawn from (the Java example has the same)."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def draw_shape(rng, cls):
    """One image: a disc or a square of a random colour on a background of a random colour."""
    w, h = 40 + rng.below(41), 40 + rng.below(41)
    bg = [rng.below(256) for _ in range(3)]
    fg = [rng.below(256) for _ in range(3)]
    img = np.empty((h, w, 3), dtype=np.uint8)
    img[:, :] = bg
    m = min(w, h)
    y, x = np.mgrid[0:h, 0:w]
    if cls == "discs":
        r = 5 + rng.below(m // 4)
        cx, cy = r + rng.below(w - 2 * r), r + rng.below(h - 2 * r)
        inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    else:
        a = 10 + rng.below(m // 2)
        x0, y0 = rng.below(w - a + 1), rng.below(h - a + 1)
        inside = (x >= x0) & (x < x0 + a) & (y >= y0) & (y < y0 + a)
    img[inside] = fg
    return img


def make_images(root, seed, train_per_class, val_per_class):
    rng = SplitMix64(seed)
    for phase, n in (("train", train_per_class), ("val", val_per_class)):
        for cls in ("discs", "squares"):
            folder = os.path.join(root, phase, cls)
            os.makedirs(folder, exist_ok=True)
            for i in range(n):
                Image.fromarray(draw_shape(rng, cls), "RGB").save(os.path.join(folder, f"{i:03d}.png"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--image-size", type=int, default=224)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--num-workers", type=int, default=4)
    parser.add_argument("--train-per-class", type=int, default=40)
    parser.add_argument("--val-per-class", type=int, default=25)
    parser.add_argument("--weights")
    parser.add_argument("--torchscript")
    parser.add_argument("--data-dir")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="transfer-")
    make_images(data_dir, args.seed, args.train_per_class, args.val_per_class)
    crop, resize = args.image_size, args.image_size * 256 // 224

    # Data augmentation and normalization for training
    # Just normalization for validation
    data_transforms = {
        'train': transforms.Compose([
            transforms.RandomResizedCrop(crop),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        ]),
        'val': transforms.Compose([
            transforms.Resize(resize),
            transforms.CenterCrop(crop),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        ]),
    }

    image_datasets = {x: datasets.ImageFolder(os.path.join(data_dir, x),
                                              data_transforms[x])
                      for x in ['train', 'val']}
    dataloaders = {x: torch.utils.data.DataLoader(image_datasets[x], batch_size=args.batch_size,
                                                 shuffle=True, num_workers=args.num_workers)
                   for x in ['train', 'val']}
    dataset_sizes = {x: len(image_datasets[x]) for x in ['train', 'val']}
    class_names = image_datasets['train'].classes

    device = torch.device("cpu")

    def train_model(model, criterion, optimizer, scheduler, num_epochs=25):
        since = time.time()

        best_model_wts = copy.deepcopy(model.state_dict())
        best_acc = 0.0

        for epoch in range(num_epochs):
            print(f'Epoch {epoch}/{num_epochs - 1}')
            print('-' * 10)

            # Each epoch has a training and validation phase
            for phase in ['train', 'val']:
                if phase == 'train':
                    model.train()  # Set model to training mode
                else:
                    model.eval()   # Set model to evaluate mode

                running_loss = 0.0
                running_corrects = 0

                # Iterate over data.
                for inputs, labels in dataloaders[phase]:
                    inputs = inputs.to(device)
                    labels = labels.to(device)

                    # zero the parameter gradients
                    optimizer.zero_grad()

                    # forward
                    # track history if only in train
                    with torch.set_grad_enabled(phase == 'train'):
                        outputs = model(inputs)
                        _, preds = torch.max(outputs, 1)
                        loss = criterion(outputs, labels)

                        # backward + optimize only if in training phase
                        if phase == 'train':
                            loss.backward()
                            optimizer.step()

                    # statistics
                    running_loss += loss.item() * inputs.size(0)
                    running_corrects += torch.sum(preds == labels.data)
                if phase == 'train':
                    scheduler.step()

                epoch_loss = running_loss / dataset_sizes[phase]
                epoch_acc = running_corrects.double() / dataset_sizes[phase]

                print(f'{phase} Loss: {epoch_loss:.4f} Acc: {epoch_acc:.4f}')

                # deep copy the model
                if phase == 'val' and epoch_acc > best_acc:
                    best_acc = epoch_acc
                    best_model_wts = copy.deepcopy(model.state_dict())

            print()

        time_elapsed = time.time() - since
        print(f'Training complete in {time_elapsed // 60:.0f}m {time_elapsed % 60:.0f}s')
        print(f'Best val Acc: {best_acc:4f}')

        # load best model weights
        model.load_state_dict(best_model_wts)
        return model

    # ConvNet as fixed feature extractor
    if args.torchscript:
        # a scripted resnet18 whose fc already has two outputs: freeze all but fc
        model_conv = torch.jit.load(args.torchscript)
        for name, param in model_conv.named_parameters():
            param.requires_grad = name.startswith("fc.")
    else:
        model_conv = torchvision.models.resnet18()
        if args.weights:
            model_conv.load_state_dict(torch.load(args.weights))
        for param in model_conv.parameters():
            param.requires_grad = False

        # Parameters of newly constructed modules have requires_grad=True by default
        num_ftrs = model_conv.fc.in_features
        model_conv.fc = nn.Linear(num_ftrs, 2)

    model_conv = model_conv.to(device)

    criterion = nn.CrossEntropyLoss()

    # Observe that only parameters of final layer are being optimized as
    # opposed to before.
    optimizer_conv = optim.SGD(model_conv.fc.parameters(), lr=0.001, momentum=0.9)

    # Decay LR by a factor of 0.1 every 7 epochs
    exp_lr_scheduler = lr_scheduler.StepLR(optimizer_conv, step_size=7, gamma=0.1)

    model_conv = train_model(model_conv, criterion, optimizer_conv,
                             exp_lr_scheduler, num_epochs=args.epochs)


if __name__ == "__main__":
    main()
