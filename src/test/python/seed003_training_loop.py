# Python twin of examples/src/main/java/dev/jtorch/examples/TrainingLoopBasics.java: seed 003 ("Mastering the Art of Training
# Neural Networks in PyTorch", 003_47521c3f6526ffaa.txt) made runnable. The tutorial has no code, only its flow
# chart (load data, build model, training loop: forward pass, calculate loss, backpropagation, update weights,
# evaluate model) and the text around it; each step is written here as the plainest PyTorch, with synthetic data.
# Usage: seed003_training_loop.py [--seed N] [--epochs N] [--lr LR] [--batch-size N] [--num-workers N]
import argparse
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset
parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--batch-size", type=int, default=32)
parser.add_argument("--num-workers", type=int, default=0)
args = parser.parse_args()
torch.manual_seed(args.seed)
# GPU acceleration: move the model and the data to the GPU when there is one
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --- Load Data ---
# A dataset stores samples and their labels: 3 classes of 8 features (synthetic, from the seed)
num_samples, num_features, num_classes = 600, 8, 3
X = torch.randn(num_samples, num_features)
true_weights = torch.randn(num_features, num_classes)
y = torch.argmax(X @ true_weights + 0.5 * torch.randn(num_samples, num_classes), dim=1)
train_dataset = TensorDataset(X[:500], y[:500])
test_dataset = TensorDataset(X[500:], y[500:]) # data the model never sees during training
# A dataloader batches the samples into mini batches, shuffles them, and can load them in parallel
train_loader = DataLoader(train_dataset, batch_size=args.batch_size, shuffle=True, num_workers=args.num_workers)
test_loader = DataLoader(test_dataset, batch_size=args.batch_size, shuffle=False)
print(f"Training samples: {len(train_dataset)}, Test samples: {len(test_dataset)}")

# --- Build Model ---
class NeuralNetwork(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(input_dim, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, output_dim),
        )
    def forward(self, x):
        return self.layers(x)
model = NeuralNetwork(num_features, 32, num_classes).to(device)
print(model)
loss_fn = nn.CrossEntropyLoss() # how far off the model's guesses are
optimizer = optim.SGD(model.parameters(), lr=args.lr) # the learning rate sets the size of the adjustments

# --- Training Loop (for each epoch) ---
num_epochs = args.epochs # an epoch means the model sees the entire dataset once
for epoch in range(num_epochs):
    model.train()
    running_loss = 0.0
    for inputs, labels in train_loader:
        inputs, labels = inputs.to(device), labels.to(device)
        outputs = model(inputs) # 1. Forward pass: make predictions
        loss = loss_fn(outputs, labels) # 2. Calculate loss
        optimizer.zero_grad()
        loss.backward() # 3. Backpropagation: calculate gradients
        optimizer.step() # 4. Optimize weights
        running_loss += loss.item() * inputs.size(0)
    print(f"Epoch {epoch + 1}/{num_epochs}, Loss: {running_loss / len(train_dataset):.4f}")

# --- Evaluate Model --- on data it has never seen: accuracy and precision
model.eval()
all_preds, all_labels = [], []
with torch.no_grad():
    for inputs, labels in test_loader:
        inputs, labels = inputs.to(device), labels.to(device)
        outputs = model(inputs)
        all_preds.append(outputs.argmax(dim=1))
        all_labels.append(labels)
preds = torch.cat(all_preds)
targets = torch.cat(all_labels)
accuracy = (preds == targets).float().mean().item()
print(f"Test Accuracy: {accuracy:.4f}")
precisions = []
for c in range(num_classes):
    predicted_c = (preds == c).sum().item()
    true_positives = ((preds == c) & (targets == c)).sum().item()
    precision = true_positives / predicted_c if predicted_c > 0 else 0.0
    precisions.append(precision)
    print(f"  Precision of class {c}: {precision:.4f}")
print(f"Test Precision (macro): {sum(precisions) / num_classes:.4f}")
