# Python twin of examples/src/main/java/dev/jtorch/examples/SequenceClassifier.java: a small sequence
# classification tutorial (an LSTM classifier, as in PyTorch's "Sequence Models and LSTM Networks" and the usual
# sentiment-classifier tutorials) on generated data: variable-length token sequences, padded with pad_sequence,
# embedded with nn.Embedding(padding_idx=0), packed with pack_padded_sequence, read by nn.LSTM(batch_first=True);
# its last hidden state goes through nn.Linear to two classes. Label: whether the mean token is in the upper half
# of the vocabulary. CrossEntropyLoss, Adam, a few epochs printing the loss and accuracies.
# Usage: sequence_classifier.py [--seed N] [--epochs N] [--lr LR] [--batch-size N]
import argparse
import torch
import torch.nn as nn
import torch.optim as optim
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--batch-size", type=int, default=32)
args = parser.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1) # a small model: one thread is fastest (no thread handoffs per LSTM step), same numbers everywhere

# --- Data: token sequences of 4 to 15 tokens from a vocabulary of 20 (0 is the padding token) ---
vocab_size, num_train, num_test = 20, 512, 128
lengths = torch.randint(4, 16, (num_train + num_test,))
sequences = [torch.randint(1, vocab_size, (int(n),)) for n in lengths]
labels = torch.tensor([int(s.float().mean() > vocab_size / 2) for s in sequences])
padded = pad_sequence(sequences, batch_first=True)  # (N, longest), zeros after each sequence's end
print(f"Sequences: {len(sequences)}, longest: {padded.size(1)}, positive: {int(labels.sum())}")
train_set = TensorDataset(padded[:num_train], lengths[:num_train], labels[:num_train])
test_set = TensorDataset(padded[num_train:], lengths[num_train:], labels[num_train:])
train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True)
test_loader = DataLoader(test_set, batch_size=args.batch_size)


# --- Model: Embedding -> LSTM -> Linear on the last hidden state ---
class LSTMClassifier(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, num_classes)

    def forward(self, tokens, lengths):
        embedded = self.embedding(tokens)  # (N, L, embedding_dim)
        packed = pack_padded_sequence(embedded, lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)  # h_n: (num_layers, N, hidden_dim), in the batch's order
        return self.fc(h_n[-1])


model = LSTMClassifier(vocab_size, 16, 32, 2)
print(model)
loss_fn = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=args.lr)


def evaluate(loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for tokens, lens, y in loader:
            correct += (model(tokens, lens).argmax(dim=1) == y).sum().item()
    return correct / len(loader.dataset)


# --- Training ---
for epoch in range(args.epochs):
    model.train()
    total_loss, correct = 0.0, 0
    for tokens, lens, y in train_loader:
        optimizer.zero_grad()
        logits = model(tokens, lens)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * y.size(0)
        correct += (logits.argmax(dim=1) == y).sum().item()
    print(f"Epoch {epoch + 1}/{args.epochs}, Loss: {total_loss / num_train:.4f}, "
          f"Train Acc: {correct / num_train:.4f}, Test Acc: {evaluate(test_loader):.4f}")
