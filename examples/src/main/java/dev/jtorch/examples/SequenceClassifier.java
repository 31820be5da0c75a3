package dev.jtorch.examples;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Embedding;
import dev.jtorch.nn.LSTM;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import dev.jtorch.nn.utils.rnn.Rnn;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A small sequence classification tutorial (an LSTM classifier, as in PyTorch's "Sequence Models and LSTM Networks"
 * and the usual sentiment-classifier tutorials) on generated data: variable-length token sequences, padded with
 * {@code pad_sequence}, embedded with {@code nn.Embedding(padding_idx=0)}, packed with {@code pack_padded_sequence},
 * read by {@code nn.LSTM(batch_first=True)}, whose last hidden state {@code nn.Linear} maps to two classes; trained
 * with {@code CrossEntropyLoss} and {@code Adam}. Line by line as its Python twin
 * {@code src/test/python/sequence_classifier.py}, printing the same text, digit for digit.
 *
 * <p>Flags: {@code --seed}, {@code --epochs}, {@code --lr}, {@code --batch-size}.
 *
 * <p>Ports the flow of <a href="https://pytorch.org/tutorials/beginner/nlp/sequence_models_tutorial.html">Sequence
 * Models and LSTM Networks</a>.
 */
@Command(name = "SequenceClassifier", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "An LSTM sequence classifier on generated data, printing what its Python twin prints.")
public final class SequenceClassifier implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "number of epochs (default ${DEFAULT-VALUE})")
    int epochs = 5;

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    double lr = 0.01;

    @Option(names = "--batch-size", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize = 32;

    private final PrintStream out;

    SequenceClassifier(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new SequenceClassifier(out)).execute(args);
    }

    // --- Model: Embedding -> LSTM -> Linear on the last hidden state ---
    static class LSTMClassifier extends Module {
        Embedding embedding;
        LSTM lstm;
        Linear fc;

        LSTMClassifier(long vocabSize, long embeddingDim, long hiddenDim, long numClasses) {
            embedding = new Embedding(vocabSize, embeddingDim, new Embedding.Options().paddingIdx(0));
            lstm = new LSTM(embeddingDim, hiddenDim, new LSTM.Options().batchFirst(true));
            fc = new Linear(hiddenDim, numClasses);
        }

        Tensor forward(Tensor tokens, Tensor lengths) {
            Tensor embedded = embedding.forward(tokens); // (N, L, embedding_dim)
            PackedSequence packed = Rnn.packPaddedSequence(embedded, lengths, true, false);
            Tensor hN = lstm.forward(packed).hN(); // h_n: (num_layers, N, hidden_dim), in the batch's order
            return fc.forward(hN.index(-1));
        }
    }

    @Override
    public Integer call() {
        Torch.manualSeed(seed);
        Torch.setNumThreads(1); // a small model: one thread is fastest (no thread handoffs per LSTM step), same numbers everywhere

        // --- Data: token sequences of 4 to 15 tokens from a vocabulary of 20 (0 is the padding token) ---
        int vocabSize = 20, numTrain = 512, numTest = 128;
        Tensor lengths = Torch.randint(4, 16, numTrain + numTest);
        List<Tensor> sequences = new ArrayList<>();
        for (long n : lengths.toLongArray()) {
            sequences.add(Torch.randint(1, vocabSize, n));
        }
        long[] labelValues = new long[sequences.size()];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = sequences.get(i).toFloat().mean().item() > vocabSize / 2.0 ? 1 : 0;
        }
        Tensor labels = Torch.tensor(labelValues);
        Tensor padded = Rnn.padSequence(sequences, true); // (N, longest), zeros after each sequence's end
        out.println("Sequences: " + sequences.size() + ", longest: " + padded.size(1) + ", positive: "
                + labels.sum().itemLong());
        TensorDataset trainSet = new TensorDataset(padded.index(":" + numTrain), lengths.index(":" + numTrain),
                labels.index(":" + numTrain));
        TensorDataset testSet = new TensorDataset(padded.index(numTrain + ":"), lengths.index(numTrain + ":"),
                labels.index(numTrain + ":"));
        var trainLoader = new DataLoader<>(trainSet, new DataLoader.Options().batchSize(batchSize).shuffle(true));
        var testLoader = new DataLoader<>(testSet, new DataLoader.Options().batchSize(batchSize));

        LSTMClassifier model = new LSTMClassifier(vocabSize, 16, 32, 2);
        out.println(model);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Optimizer optimizer = new Adam(model.parameters(), new Adam.Options(lr));

        // --- Training ---
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            double totalLoss = 0.0;
            long correct = 0;
            for (Batch batch : trainLoader) {
                Tensor tokens = batch.get(0), lens = batch.get(1), y = batch.get(2);
                optimizer.zeroGrad();
                Tensor logits = model.forward(tokens, lens);
                Tensor loss = lossFn.forward(logits, y);
                loss.backward();
                optimizer.step();
                totalLoss += loss.item() * y.size(0);
                correct += logits.argmax(1).eq(y).sum().itemLong();
            }
            out.println("Epoch " + (epoch + 1) + "/" + epochs + ", Loss: " + PyFormat.fixed(totalLoss / numTrain, 4)
                    + ", Train Acc: " + PyFormat.fixed((double) correct / numTrain, 4)
                    + ", Test Acc: " + PyFormat.fixed(evaluate(model, testLoader, numTest), 4));
        }
        return 0;
    }

    private static double evaluate(LSTMClassifier model, DataLoader<?> loader, int size) {
        model.eval();
        long correct = 0;
        try (var g = Torch.noGrad()) {
            for (Batch b : loader) {
                correct += model.forward(b.get(0), b.get(1)).argmax(1).eq(b.get(2)).sum().itemLong();
            }
        }
        return (double) correct / size;
    }
}
