# Python twin of examples/src/main/java/dev/jtorch/examples/RegularizedWorkflow.java: seed 004 (004_7fbc15c512183bd8.txt, "a
# simplified PyTorch structure" of a regularized training workflow) made runnable. The tutorial's code is kept
# verbatim; what it assumes is filled in: synthetic data split into train/validation/test sets, YourModel (with
# BatchNorm and Dropout), the EarlyStopping class it names (pytorchtools'), its commented-out early stopping and
# best-checkpoint lines switched on, and the final test evaluation it leaves as "...".
# Usage: seed004_regularized.py [--seed N] [--epochs N] [--patience N] [--dropout P] [--weight-decay W]
#                               [--checkpoint PATH]
import argparse
import numpy as np
import torch
import torch.optim as optim
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split
parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--epochs", type=int, default=50)
parser.add_argument("--patience", type=int, default=10)
parser.add_argument("--dropout", type=float, default=0.5)
parser.add_argument("--weight-decay", type=float, default=1e-5)
parser.add_argument("--checkpoint", default="checkpoint.pt")
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1) # BatchNorm's CPU kernel sums the batch per thread: one thread, the same numbers everywhere

class EarlyStopping:
    """Early stops the training if validation loss doesn't improve after a given patience (pytorchtools)."""
    def __init__(self, patience=7, verbose=False, delta=0, path='checkpoint.pt', trace_func=print):
        self.patience = patience
        self.verbose = verbose
        self.counter = 0
        self.best_score = None
        self.early_stop = False
        self.val_loss_min = np.Inf
        self.delta = delta
        self.path = path
        self.trace_func = trace_func
    def __call__(self, val_loss, model):
        score = -val_loss
        if self.best_score is None:
            self.best_score = score
            self.save_checkpoint(val_loss, model)
        elif score < self.best_score + self.delta:
            self.counter += 1
            self.trace_func(f'EarlyStopping counter: {self.counter} out of {self.patience}')
            if self.counter >= self.patience:
                self.early_stop = True
        else:
            self.best_score = score
            self.save_checkpoint(val_loss, model)
            self.counter = 0
    def save_checkpoint(self, val_loss, model):
        '''Saves model when validation loss decrease.'''
        if self.verbose:
            self.trace_func(f'Validation loss decreased ({self.val_loss_min:.6f} --> {val_loss:.6f}).  Saving model ...')
        torch.save(model.state_dict(), self.path)
        self.val_loss_min = val_loss

# Data preparation: a small, noisy synthetic problem (20 features, 3 classes) that a 64-unit network overfits,
# split into training, validation and test sets; the training data is shuffled at the beginning of each epoch
num_samples, num_features, num_classes = 300, 20, 3
X = torch.randn(num_samples, num_features)
true_weights = torch.randn(num_features, num_classes)
y = torch.argmax(X @ true_weights + 3.0 * torch.randn(num_samples, num_classes), dim=1)
dataset = TensorDataset(X, y)
train_set, val_set, test_set = random_split(dataset, [0.6, 0.2, 0.2], generator=torch.Generator().manual_seed(args.seed))
train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
val_loader = DataLoader(val_set, batch_size=64)
test_loader = DataLoader(test_set, batch_size=64)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

class YourModel(nn.Module):
    def __init__(self, input_dim=num_features, hidden_dim=64, num_classes=num_classes, dropout_p=args.dropout):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, hidden_dim),
            nn.BatchNorm1d(hidden_dim),
            nn.ReLU(),
            nn.Dropout(dropout_p),
            nn.Linear(hidden_dim, hidden_dim),
            nn.BatchNorm1d(hidden_dim),
            nn.ReLU(),
            nn.Dropout(dropout_p),
            nn.Linear(hidden_dim, num_classes),
        )
    def forward(self, x):
        return self.net(x)

# --- Configuration ---
num_epochs = args.epochs
learning_rate = 1e-3
weight_decay_l2 = args.weight_decay # L2 penalty
model = YourModel().to(device) # Includes BatchNorm, Dropout etc.
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=learning_rate, weight_decay=weight_decay_l2)
# Optional: Learning rate scheduler
scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, 'min', patience=5, factor=0.1)
# Optional: Early stopping logic
early_stopper = EarlyStopping(patience=args.patience, verbose=True, path=args.checkpoint)
# --- Training Loop ---
for epoch in range(num_epochs):
    # --- Training Phase ---
    model.train() # Set model to training mode
    running_train_loss = 0.0
    for i, (inputs, labels) in enumerate(train_loader):
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad() # 1. Clear gradients
        outputs = model(inputs) # 2. Forward pass
        loss = criterion(outputs, labels) # 3. Calculate loss
        loss.backward() # 4. Backward pass (compute gradients)
        optimizer.step() # 5. Update weights
        running_train_loss += loss.item()
    avg_train_loss = running_train_loss / len(train_loader)
    # --- Validation Phase ---
    model.eval() # Set model to evaluation mode
    running_val_loss = 0.0
    with torch.no_grad(): # Disable gradient calculations
        for inputs, labels in val_loader:
            inputs, labels = inputs.to(device), labels.to(device)
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            running_val_loss += loss.item()
    avg_val_loss = running_val_loss / len(val_loader)
    print(f"Epoch [{epoch+1}/{num_epochs}], "
          f"Train Loss: {avg_train_loss:.4f}, "
          f"Val Loss: {avg_val_loss:.4f}")
    # --- Adjustments & Checks ---
    scheduler.step(avg_val_loss) # Update LR based on validation loss
    # --- Early Stopping Check ---
    early_stopper(avg_val_loss, model)
    if early_stopper.early_stop:
        print("Early stopping")
        break
# Load best model state saved by early stopping if applicable
model.load_state_dict(torch.load(args.checkpoint))
# --- Final Test Evaluation (using test_loader) ---
model.eval()
running_test_loss = 0.0
correct, total = 0, 0
with torch.no_grad():
    for inputs, labels in test_loader:
        inputs, labels = inputs.to(device), labels.to(device)
        outputs = model(inputs)
        running_test_loss += criterion(outputs, labels).item()
        correct += (outputs.argmax(dim=1) == labels).sum().item()
        total += labels.size(0)
print(f"Final LR: {optimizer.param_groups[0]['lr']:.6f}")
print(f"Test Loss: {running_test_loss / len(test_loader):.4f}, Test Accuracy: {correct / total:.4f}")
