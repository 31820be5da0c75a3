package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.Padding;
import dev.jtorch.nn.functional.Reduction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Layer behaviour beyond the golden cases: accessors, resets, pretrained embeddings, equivalent spellings. */
class LayersTest {
    private TensorScope scope;

    @BeforeEach
    void open() {
        scope = new TensorScope("LayersTest");
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void embeddingFromPretrainedSharesTheTensorIsFrozenAndDrawsNothing() {
        Tensor vectors = Torch.tensor(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Torch.manualSeed(0);
        Embedding e = Embedding.fromPretrained(vectors);
        Tensor next = Torch.randn(3);
        Torch.manualSeed(0);
        assertTrue(next.equal(Torch.randn(3)), "from_pretrained draws nothing from the generator");
        assertFalse(e.weight.requiresGrad());
        assertEquals("Embedding(3, 2)", e.toString());
        assertArrayEquals(new float[] {5, 6, 1, 2}, e.forward(Torch.tensor(2L, 0L)).toFloatArray());
        vectors.index(0).fill_(9);
        assertEquals(9.0, e.weight.index(0, 1).item(), "the weight shares the pretrained data");
        assertTrue(Embedding.fromPretrained(vectors, false).weight.requiresGrad());
        var ex = assertThrows(IllegalArgumentException.class, () -> Embedding.fromPretrained(Torch.zeros(3)));
        assertEquals("Embeddings parameter is expected to be 2-dimensional", ex.getMessage());
    }

    @Test
    void embeddingPaddingRowIsZeroAndGetsNoGradient() {
        Embedding e = new Embedding(5, 3, new Embedding.Options().paddingIdx(-2));
        assertEquals(3L, e.paddingIdx());
        assertEquals(0.0, e.weight.index(3).abs().sum().item());
        e.forward(Torch.tensor(3L, 3L, 1L)).sum().backward();
        assertEquals(0.0, e.weight.grad().index(3).abs().sum().item());
        assertEquals(3.0, e.weight.grad().index(1).sum().item());
    }

    @Test
    void batchNormAccessorsAndReset() {
        BatchNorm1d bn = new BatchNorm1d(3, new BatchNorm1d.Options().momentum(null).eps(1e-3));
        assertEquals(3, bn.numFeatures());
        assertNull(bn.momentum());
        assertEquals(1e-3, bn.eps());
        assertTrue(bn.affine() && bn.trackRunningStats());
        bn.forward(Torch.randn(4, 3));
        bn.forward(Torch.randn(4, 3));
        assertEquals(2L, bn.numBatchesTracked().itemLong());
        bn.resetRunningStats();
        assertEquals(0L, bn.numBatchesTracked().itemLong());
        assertEquals(3.0, bn.runningVar().sum().item());
        assertEquals(0.0, bn.runningMean().abs().sum().item());

        BatchNorm2d untracked = new BatchNorm2d(2, new BatchNorm2d.Options().trackRunningStats(false).affine(false));
        assertNull(untracked.runningMean());
        assertTrue(untracked.stateDict().isEmpty());
        assertTrue(untracked.parameters().isEmpty());
        untracked.eval();
        Tensor y = untracked.forward(Torch.randn(3, 2, 2, 2));
        assertEquals(0.0, y.mean().item(), 1e-6, "eval without running statistics uses the batch's");
    }

    @Test
    void equivalentSpellingsPrintTheSame() {
        assertEquals(new MaxPool2d(2).toString(), new MaxPool2d(2, 2).toString());
        assertEquals(new AvgPool2d(3).toString(), new AvgPool2d(3, new AvgPool2d.Options().stride(3)).toString());
        assertEquals("Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))", new Conv2d(3, 8, new long[] {3, 3},
                new Conv2d.Options()).toString());
        assertEquals("LayerNorm((8,), eps=1e-05, elementwise_affine=True)",
                new LayerNorm(new long[] {8}).toString());
        assertEquals("KLDivLoss()", new KLDivLoss(new KLDivLoss.Options().batchmean(true)).toString());
    }

    @Test
    void convAccessorsAndTheSameOutputAsTheFunctionalForm() {
        Conv2d conv = new Conv2d(2, 4, 3, new Conv2d.Options().stride(2).padding(1, 0).groups(2));
        assertArrayEquals(new long[] {4, 1, 3, 3}, conv.weight.shape().toArray());
        assertArrayEquals(new long[] {2, 2}, conv.stride());
        assertArrayEquals(new long[] {1, 0}, conv.padding());
        assertNull(conv.paddingString());
        assertEquals(ConvNd.PaddingMode.ZEROS, conv.paddingMode());
        Tensor x = Torch.randn(1, 2, 7, 7);
        Tensor expected = dev.jtorch.nn.functional.F.conv2d(x, conv.weight, conv.bias, new long[] {2, 2},
                new long[] {1, 0}, new long[] {1, 1}, 2);
        assertTrue(conv.forward(x).equal(expected));
        Conv2d same = new Conv2d(2, 2, 4, new Conv2d.Options().padding(Padding.SAME));
        assertArrayEquals(new long[] {1, 2, 7, 7}, same.forward(x).shape().toArray());
        assertNull(same.padding());
    }

    @Test
    void klDivOptionsLastCallWins() {
        KLDivLoss a = new KLDivLoss(new KLDivLoss.Options().batchmean(true).reduction(Reduction.NONE));
        assertFalse(a.batchmean());
        assertEquals(Reduction.NONE, a.reduction());
        KLDivLoss b = new KLDivLoss(new KLDivLoss.Options().reduction(Reduction.NONE).batchmean(true));
        assertTrue(b.batchmean());
        assertEquals(Reduction.SUM, b.reduction());
    }

    @Test
    void softmaxWithoutDimChoosesAsPyTorch() {
        assertNull(new Softmax().dim());
        assertEquals(1L, new LogSoftmax(1).dim());
        Tensor x = Torch.randn(2, 3, 4);
        assertTrue(new Softmax().forward(x).equal(x.softmax(0)));
        Tensor y = Torch.randn(2, 3);
        assertTrue(new LogSoftmax().forward(y).equal(y.logSoftmax(1)));
    }
}
