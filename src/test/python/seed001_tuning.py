# Python twin of examples/src/main/java/dev/jtorch/examples/BinaryClassifierTuning.java: the rest of seed 001's chapter, which the
# tutorial describes in prose only: evaluation metrics from sklearn.metrics on the test set, the learning-rate
# mini-challenge as a small grid search, and K-fold cross-validation. Data and model are seed 001's.
# Usage: seed001_tuning.py [SEED] [EPOCHS]
import sys
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split, KFold
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import (accuracy_score, precision_score, recall_score, f1_score, roc_auc_score,
                             confusion_matrix, classification_report)
from torch.utils.data import TensorDataset, DataLoader
SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 42
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
torch.manual_seed(SEED)
X, y = make_classification(n_samples=1000, n_features=2, n_informative=2,
n_redundant=0, n_clusters_per_class=1, random_state=42)
X = torch.tensor(X, dtype=torch.float32)
y = torch.tensor(y, dtype=torch.float32).view(-1, 1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
scaler = StandardScaler()
X_train_scaled = torch.tensor(scaler.fit_transform(X_train), dtype=torch.float32)
X_test_scaled = torch.tensor(scaler.transform(X_test), dtype=torch.float32)
class SimpleClassifier(nn.Module):
    def __init__(self, input_dim):
        super(SimpleClassifier, self).__init__()
        self.layer1 = nn.Linear(input_dim, 10)
        self.relu = nn.ReLU()
        self.output_layer = nn.Linear(10, 1)
    def forward(self, x):
        return self.output_layer(self.relu(self.layer1(x)))
def train(X_tr, y_tr, learning_rate, num_epochs):
    model = SimpleClassifier(X_tr.shape[1])
    criterion = nn.BCEWithLogitsLoss()
    optimizer = optim.Adam(model.parameters(), lr=learning_rate)
    loader = DataLoader(TensorDataset(X_tr, y_tr), batch_size=32, shuffle=True)
    for epoch in range(num_epochs):
        model.train()
        for inputs, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(inputs), labels)
            loss.backward()
            optimizer.step()
    return model
def predict(model, X_eval):
    model.eval()
    with torch.no_grad():
        probs = torch.sigmoid(model(X_eval)).flatten()
    return (probs > 0.5).long().numpy(), probs.double().numpy()
print("Evaluation metrics (learning rate 0.01):")
model = train(X_train_scaled, y_train, 0.01, EPOCHS)
y_true = y_test.flatten().long().numpy()
y_pred, y_score = predict(model, X_test_scaled)
print(f"  Accuracy:  {accuracy_score(y_true, y_pred):.4f}")
print(f"  Precision: {precision_score(y_true, y_pred):.4f}")
print(f"  Recall:    {recall_score(y_true, y_pred):.4f}")
print(f"  F1-score:  {f1_score(y_true, y_pred):.4f}")
print(f"  ROC-AUC:   {roc_auc_score(y_true, y_score):.4f}")
print("Confusion matrix:")
print(confusion_matrix(y_true, y_pred))
print(classification_report(y_true, y_pred))
print("Learning-rate mini-challenge (grid search):")
results = {}
for lr in [0.1, 0.01, 0.001]:
    m = train(X_train_scaled, y_train, lr, EPOCHS)
    p, _ = predict(m, X_test_scaled)
    results[lr] = accuracy_score(y_true, p)
    print(f"  lr={lr}: test accuracy {results[lr]:.4f}")
best_lr = max(results, key=results.get)
print(f"Best learning rate: {best_lr}")
print("5-fold cross-validation (learning rate 0.01):")
scores = []
kf = KFold(n_splits=5, shuffle=True, random_state=42)
for fold, (tr_idx, va_idx) in enumerate(kf.split(X_train_scaled)):
    tr_idx = torch.tensor(tr_idx)
    va_idx = torch.tensor(va_idx)
    m = train(X_train_scaled[tr_idx], y_train[tr_idx], 0.01, EPOCHS)
    p, _ = predict(m, X_train_scaled[va_idx])
    scores.append(accuracy_score(y_train[va_idx].flatten().long().numpy(), p))
    print(f"  Fold {fold + 1}: accuracy {scores[-1]:.4f}")
scores = np.array(scores)
print(f"Mean accuracy: {scores.mean():.4f} (+/- {scores.std():.4f})")
