# Python twin of examples/src/main/java/dev/jtorch/examples/TrainingWorkflow.java with its flags: the reference script
# shared/reference/seed000_training_workflow.py (seed 000, steps 1-5) plus the chapter's mini-challenge switches.
# Usage: seed000_flags.py [--seed N] [--epochs N] [--optimizer adam|sgd] [--scheduler plateau|step]
import argparse
import sys
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset
parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
parser.add_argument("--scheduler", choices=["plateau", "step"], default="plateau")
ARGS = parser.parse_args()
SEED = ARGS.seed
torch.manual_seed(SEED)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"Using device: {device}")
num_samples = 1000
num_features = 10
X = torch.randn(num_samples, num_features)
true_weights = torch.randn(num_features, 1)
true_bias = torch.randn(1)
logits = X @ true_weights + true_bias + 0.5 * torch.randn(num_samples, 1) # Add some noise
y = (torch.sigmoid(logits) > 0.5).long().squeeze() # Convert to binary labels (0 or 1)
train_ratio = 0.8
train_size = int(num_samples * train_ratio)
X_train, X_val = X[:train_size], X[train_size:]
y_train, y_val = y[:train_size], y[train_size:]
batch_size = 64
train_dataset = TensorDataset(X_train, y_train)
train_loader = DataLoader(train_dataset, batch_size=batch_size, shuffle=True)
val_dataset = TensorDataset(X_val, y_val)
val_loader = DataLoader(val_dataset, batch_size=batch_size, shuffle=False)
print(f"Training samples: {len(train_dataset)}, Validation samples: {len(val_dataset)}")
class SimpleClassifier(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, dropout_prob=0.5):
        super(SimpleClassifier, self).__init__()
        self.fc1 = nn.Linear(input_dim, hidden_dim)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(p=dropout_prob) # Dropout layer for regularization
        self.fc2 = nn.Linear(hidden_dim, output_dim)
    def forward(self, x):
        x = self.fc1(x)
        x = self.relu(x)
        x = self.dropout(x) # Apply dropout
        x = self.fc2(x)
        return x
input_dim = num_features
hidden_dim = 64
output_dim = 2 # For binary classification (two classes: 0 and 1)
model = SimpleClassifier(input_dim, hidden_dim, output_dim).to(device)
print("\nModel Architecture:")
print(model)
criterion = nn.CrossEntropyLoss()
learning_rate = 0.001
weight_decay = 1e-5 # Small L2 regularization to prevent overfitting
if ARGS.optimizer == "adam":
    optimizer = optim.Adam(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
else:  # mini-challenge: SGD with momentum
    optimizer = optim.SGD(model.parameters(), lr=learning_rate, momentum=0.9, weight_decay=weight_decay)
if ARGS.scheduler == "plateau":
    scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=5)
else:  # mini-challenge: StepLR
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.1)
def train_one_epoch(model, dataloader, criterion, optimizer, scaler, device):
    model.train() # Set model to training mode (enables dropout, etc.)
    running_loss = 0.0
    correct_predictions = 0
    total_samples = 0
    for inputs, labels in dataloader:
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad() # Step 5: Zero gradients
        with torch.cuda.amp.autocast(enabled=(device.type == 'cuda')): # Only enable if on GPU
            outputs = model(inputs)
            loss = criterion(outputs, labels) # Step 2: Loss calculation
        if device.type == 'cuda':
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        else: # Regular backward pass for CPU
            loss.backward()
            optimizer.step()
        running_loss += loss.item() * inputs.size(0)
        _, predicted = torch.max(outputs.data, 1)
        total_samples += labels.size(0)
        correct_predictions += (predicted == labels).sum().item()
    epoch_loss = running_loss / total_samples
    epoch_accuracy = correct_predictions / total_samples
    return epoch_loss, epoch_accuracy
def validate_one_epoch(model, dataloader, criterion, device):
    model.eval() # Set model to evaluation mode (disables dropout, batch norm updates)
    running_loss = 0.0
    correct_predictions = 0
    total_samples = 0
    with torch.no_grad(): # Disable gradient calculation for validation
        for inputs, labels in dataloader:
            inputs, labels = inputs.to(device), labels.to(device)
            with torch.cuda.amp.autocast(enabled=(device.type == 'cuda')):
                outputs = model(inputs)
                loss = criterion(outputs, labels)
            running_loss += loss.item() * inputs.size(0)
            _, predicted = torch.max(outputs.data, 1)
            total_samples += labels.size(0)
            correct_predictions += (predicted == labels).sum().item()
    epoch_loss = running_loss / total_samples
    epoch_accuracy = correct_predictions / total_samples
    return epoch_loss, epoch_accuracy
num_epochs = ARGS.epochs # Number of times to iterate over the full dataset
scaler = torch.cuda.amp.GradScaler(enabled=(device.type == 'cuda')) # Only enable if on GPU
print("\nStarting Training...")
for epoch in range(num_epochs):
    train_loss, train_acc = train_one_epoch(model, train_loader, criterion, optimizer, scaler, device)
    val_loss, val_acc = validate_one_epoch(model, val_loader, criterion, device)
    if ARGS.scheduler == "plateau":
        scheduler.step(val_loss)
    else:
        scheduler.step()
    print(f"Epoch {epoch+1}/{num_epochs}:")
    print(f"  Train Loss: {train_loss:.4f}, Train Acc: {train_acc:.4f}")
    print(f"  Val Loss:   {val_loss:.4f}, Val Acc:   {val_acc:.4f}")
    print(f"  Current LR: {optimizer.param_groups[0]['lr']:.6f}")
print("\nTraining Complete!")
