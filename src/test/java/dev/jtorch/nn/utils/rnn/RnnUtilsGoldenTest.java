package dev.jtorch.nn.utils.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code torch.nn.utils.rnn}'s pad_sequence, pack_sequence, pack_padded_sequence and pad_packed_sequence against
 * golden/nn_rnn.json (src/test/python/gen_rnn_golden.py): same values, same permutations, PyTorch's messages.
 */
class RnnUtilsGoldenTest {
    static final JsonNode U = Golden.load("nn_rnn.json").get("utils");

    /** Exact comparison: these functions only move values. */
    static void assertSame(JsonNode expected, Tensor actual, String what) {
        assertArrayEquals(Golden.shape(expected), actual.shape().toArray(), what + ": shape");
        assertEquals(Golden.dtype(expected), actual.dtype(), what + ": dtype");
        if (actual.dtype().isFloatingPoint()) {
            assertArrayEquals(Golden.doubles(expected), actual.toDoubleArray(), what);
        } else {
            assertArrayEquals(Golden.longs(expected), actual.toLongArray(), what);
        }
    }

    static List<Tensor> sequences() {
        Torch.manualSeed(300);
        List<Tensor> seqs = new ArrayList<>();
        for (JsonNode s : U.get("sequences")) {
            Tensor t = Torch.randn(Golden.shape(s));
            assertSame(s, t, "sequence");
            seqs.add(t);
        }
        return seqs;
    }

    @Test
    void padSequenceIsPyTorchs() {
        try (TensorScope s = new TensorScope("pad")) {
            List<Tensor> seqs = sequences();
            assertSame(U.get("pad_sequence"), Rnn.padSequence(seqs), "pad_sequence");
            assertSame(U.get("pad_sequence_bf_pad"), Rnn.padSequence(seqs, true, -1.5), "pad_sequence bf");
        }
    }

    @Test
    void packSequenceUnsortedAndPadBackWithTotalLength() {
        try (TensorScope s = new TensorScope("pack")) {
            List<Tensor> seqs = sequences();
            PackedSequence p = Rnn.packSequence(seqs, false);
            JsonNode g = U.get("pack_sequence");
            assertSame(g.get("data"), p.data(), "data");
            assertSame(g.get("batch_sizes"), p.batchSizes(), "batch_sizes");
            assertSame(g.get("sorted_indices"), p.sortedIndices(), "sorted_indices");
            assertSame(g.get("unsorted_indices"), p.unsortedIndices(), "unsorted_indices");
            Rnn.Padded back = Rnn.padPackedSequence(p, true, 9.0, 7L);
            assertSame(U.get("pad_packed_total").get("padded"), back.output(), "padded");
            assertSame(U.get("pad_packed_total").get("lengths"), back.lengths(), "lengths");

            PackedSequence sorted = Rnn.packSequence(List.of(seqs.get(1), seqs.get(0), seqs.get(2)));
            assertSame(U.get("pack_sequence_sorted").get("data"), sorted.data(), "sorted data");
            assertSame(U.get("pack_sequence_sorted").get("batch_sizes"), sorted.batchSizes(), "sorted batch_sizes");
            assertNull(sorted.sortedIndices());
            assertNull(sorted.unsortedIndices());
        }
    }

    private static String message(String key) {
        return Golden.errorMessage(U.get("errors"), key);
    }

    @Test
    void errorsArePyTorchs() {
        try (TensorScope s = new TensorScope("errors")) {
            List<Tensor> seqs = sequences();
            assertEquals(message("unsorted_enforced"),
                    assertThrows(TorchException.class, () -> Rnn.packSequence(seqs)).getMessage());
            PackedSequence p = Rnn.packSequence(seqs, false);
            assertEquals(message("total_length_short"), assertThrows(IllegalArgumentException.class,
                    () -> Rnn.padPackedSequence(p, false, 0, 3L)).getMessage());
            assertEquals(message("zero_length"), assertThrows(TorchException.class,
                    () -> Rnn.packPaddedSequence(Torch.zeros(3, 2, 1), new long[] {3, 0}, false, true))
                    .getMessage());
        }
    }

    @Test
    void reprIsPythonsNamedTuple() {
        try (TensorScope s = new TensorScope("repr")) {
            assertEquals(U.get("reprs").get(0).asText(), Rnn.packSequence(List.of(
                    Torch.tensor(new float[] {1, 2, 3}), Torch.tensor(new float[] {4, 5}))).toString());
            assertEquals(U.get("reprs").get(1).asText(), Rnn.packSequence(List.of(
                    Torch.tensor(new long[] {4, 5}), Torch.tensor(new long[] {1, 2, 3})), false).toString());
        }
    }

    @Test
    void invertPermutationAndTheRecordsConversions() {
        try (TensorScope s = new TensorScope("perm")) {
            Tensor perm = Torch.tensor(new long[] {2, 0, 3, 1});
            assertArrayEquals(new long[] {1, 3, 0, 2}, Rnn.invertPermutation(perm).toLongArray());
            assertNull(Rnn.invertPermutation(null));
            PackedSequence p = new PackedSequence(Torch.ones(3, 2), Torch.tensor(new long[] {2, 1}), perm, null);
            assertArrayEquals(new long[] {1, 3, 0, 2}, p.unsortedIndices().toLongArray());
            PackedSequence d = p.to(DType.FLOAT64);
            assertEquals(DType.FLOAT64, d.data().dtype());
            assertEquals(DType.INT64, d.batchSizes().dtype());
        }
    }
}
