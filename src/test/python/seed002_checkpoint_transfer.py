# Python twin of examples/src/main/java/dev/jtorch/examples/CheckpointAndTransfer.java: seed 002 ("Model Training: The Glorious
# Grind", 002_ba586be68e61c434.txt) made runnable. The tutorial gives the core loop as pseudocode (forward, loss,
# backward, step, zero_grad) and names the practices around it; each is written here as the plainest PyTorch, on
# synthetic data: reproducibility (seeded RNGs, logged versions), experiment tracking (config and metrics as JSON
# lines in a run directory), checkpointing and resuming after a simulated power outage, a learning-rate schedule,
# and transfer learning (load the pretrained model, freeze early layers, fine-tune a new head), compared with
# training from scratch. The pretrained weights come from the pretraining run itself: nothing is downloaded.
# Usage: seed002_checkpoint_transfer.py [--seed N] [--epochs N] [--interrupt-after N] [--finetune-epochs N]
#                                       [--lr LR] [--run-dir DIR]
import argparse
import json
import os
import platform
import sys
import tempfile
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset
parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--epochs", type=int, default=8) # pretraining epochs
parser.add_argument("--interrupt-after", type=int, default=3) # 0: no simulated power outage
parser.add_argument("--finetune-epochs", type=int, default=10)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--run-dir", default=None) # default: a new temporary directory
args = parser.parse_args()
if args.epochs < 1 or args.finetune_epochs < 1:
    parser.error("--epochs and --finetune-epochs must be at least 1")

# --- Reproducibility: seed the RNGs, log the versions of the libraries ---
torch.manual_seed(args.seed)
run_dir = args.run_dir or tempfile.mkdtemp(prefix="seed002-")
os.makedirs(run_dir, exist_ok=True)
print(f"Run directory: {run_dir}", file=sys.stderr)
batch_size = 32
config = {"seed": args.seed, "epochs": args.epochs, "interrupt_after": args.interrupt_after,
          "finetune_epochs": args.finetune_epochs, "lr": args.lr, "batch_size": batch_size,
          "versions": {"python": platform.python_version(), "torch": torch.__version__}}
with open(os.path.join(run_dir, "config.json"), "w") as f:
    f.write(json.dumps(config) + "\n")
# --- Experiment tracking: one JSON line of metrics per epoch ---
metrics_file = open(os.path.join(run_dir, "metrics.jsonl"), "w")
def log_metrics(**metrics):
    metrics_file.write(json.dumps(metrics) + "\n")
    metrics_file.flush()
print(f"Seed: {args.seed}")

# --- Data: a source task with plenty of data, and a small target task that shares its hidden features ---
num_features = 16
shared = torch.randn(num_features, 8) # the hidden structure both tasks depend on
def make_task(num_samples, num_classes):
    X = torch.randn(num_samples, num_features)
    task_weights = torch.randn(8, num_classes)
    y = torch.argmax(torch.tanh(X @ shared) @ task_weights, dim=1)
    return X, y
X_src, y_src = make_task(2000, 4)
X_tgt, y_tgt = make_task(300, 2)
src_train_loader = DataLoader(TensorDataset(X_src[:1600], y_src[:1600]), batch_size=batch_size, shuffle=True)
src_val_loader = DataLoader(TensorDataset(X_src[1600:], y_src[1600:]), batch_size=batch_size)
tgt_train_loader = DataLoader(TensorDataset(X_tgt[:100], y_tgt[:100]), batch_size=batch_size, shuffle=True)
tgt_val_loader = DataLoader(TensorDataset(X_tgt[100:], y_tgt[100:]), batch_size=batch_size)
print(f"Source task: {len(src_train_loader.dataset)} training samples, target task: {len(tgt_train_loader.dataset)}")

class Net(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(num_features, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, num_classes)
    def forward(self, x):
        return self.head(self.backbone(x))

loss_fn = nn.CrossEntropyLoss() # cross-entropy for classification

def train_one_epoch(model, train_loader, optimizer):
    model.train()
    total_loss = 0.0
    for xb, yb in train_loader:
        preds = model(xb)
        loss = loss_fn(preds, yb)
        loss.backward()        # compute gradients
        optimizer.step()       # update parameters
        optimizer.zero_grad()  # clear gradients for next step
        total_loss += loss.item() * xb.size(0)
    return total_loss / len(train_loader.dataset)

def evaluate(model, val_loader):
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for xb, yb in val_loader:
            preds = model(xb)
            total_loss += loss_fn(preds, yb).item() * xb.size(0)
            correct += (preds.argmax(dim=1) == yb).sum().item()
    return total_loss / len(val_loader.dataset), correct / len(val_loader.dataset)

# --- Pretraining on the source task: Adam, a cosine learning-rate schedule, a checkpoint every epoch ---
checkpoint_path = os.path.join(run_dir, "checkpoint.pt")
def build():
    model = Net(num_classes=4)
    optimizer = optim.Adam(model.parameters(), lr=args.lr)
    scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    return model, optimizer, scheduler

def pretrain(model, optimizer, scheduler, start_epoch, end_epoch):
    for epoch in range(start_epoch, end_epoch):
        train_loss = train_one_epoch(model, src_train_loader, optimizer)
        val_loss, val_acc = evaluate(model, src_val_loader)
        lr = optimizer.param_groups[0]["lr"]
        scheduler.step()
        print(f"Pretrain epoch {epoch + 1}/{args.epochs}: train loss {train_loss:.4f}, "
              f"val loss {val_loss:.4f}, val acc {val_acc:.4f}, lr {lr:.6f}")
        log_metrics(phase="pretrain", epoch=epoch + 1, train_loss=train_loss, val_loss=val_loss, val_acc=val_acc, lr=lr)
        # Checkpointing: save progress so the model doesn't vanish with a power outage
        torch.save({
            "epoch": epoch + 1,
            "model_state_dict": model.state_dict(),
            "optimizer_state_dict": optimizer.state_dict(),
            "scheduler_state_dict": scheduler.state_dict(),
            "loss": val_loss,
            "rng_state": torch.get_rng_state(),
        }, checkpoint_path)

model, optimizer, scheduler = build()
stop = args.interrupt_after if 0 < args.interrupt_after < args.epochs else args.epochs
pretrain(model, optimizer, scheduler, 0, stop)
if stop < args.epochs:
    print(f"Interrupted after epoch {stop} (a simulated power outage)")
    model, optimizer, scheduler = build() # a fresh process would start here
    checkpoint = torch.load(checkpoint_path)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    scheduler.load_state_dict(checkpoint["scheduler_state_dict"])
    torch.set_rng_state(checkpoint["rng_state"]) # the same shuffles as an uninterrupted run
    start_epoch = checkpoint["epoch"]
    print(f"Resumed from checkpoint.pt: epoch {start_epoch}, val loss {checkpoint['loss']:.4f}")
    pretrain(model, optimizer, scheduler, start_epoch, args.epochs)
pretrained_path = os.path.join(run_dir, "pretrained.pt")
torch.save(model.state_dict(), pretrained_path)
print("Saved the pretrained weights to pretrained.pt")

# --- Transfer learning: load the pretrained model, freeze early layers, fine-tune a new head ---
model = Net(num_classes=4) # the source task's architecture
print(model.load_state_dict(torch.load(pretrained_path)))
for param in model.backbone[0].parameters(): # freeze the early layer
    param.requires_grad = False
model.head = nn.Linear(64, 2) # a new head for the target task's 2 classes
print(model)
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
total = sum(p.numel() for p in model.parameters())
print(f"Trainable parameters: {trainable} of {total}")
optimizer = optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
for epoch in range(args.finetune_epochs):
    train_loss = train_one_epoch(model, tgt_train_loader, optimizer)
    val_loss, val_acc = evaluate(model, tgt_val_loader)
    print(f"Fine-tune epoch {epoch + 1}/{args.finetune_epochs}: train loss {train_loss:.4f}, "
          f"val loss {val_loss:.4f}, val acc {val_acc:.4f}")
    log_metrics(phase="finetune", epoch=epoch + 1, train_loss=train_loss, val_loss=val_loss, val_acc=val_acc)
frozen = torch.equal(model.backbone[0].weight, torch.load(pretrained_path)["backbone.0.weight"])
print(f"Frozen layer unchanged: {frozen}")
torch.save(model.state_dict(), os.path.join(run_dir, "finetuned.pt"))

# --- Baseline: the same network trained from scratch on the target task alone ---
scratch = Net(num_classes=2)
optimizer = optim.Adam(scratch.parameters(), lr=args.lr)
for epoch in range(args.finetune_epochs):
    train_one_epoch(scratch, tgt_train_loader, optimizer)
scratch_loss, scratch_acc = evaluate(scratch, tgt_val_loader)
log_metrics(phase="scratch", epoch=args.finetune_epochs, val_loss=scratch_loss, val_acc=scratch_acc)
print(f"Target task after {args.finetune_epochs} epochs: fine-tuned val acc {val_acc:.4f}, "
      f"from scratch val acc {scratch_acc:.4f}")
metrics_file.close()
