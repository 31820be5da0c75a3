package dev.jtorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reused temporaries of optimizer steps: shaped, typed and shared as documented, and never stale. */
class ScratchTest {

    @Test
    void sameParameterGetsTheSameMemoryAndParametersShareOneBuffer() {
        Scratch scratch = new Scratch();
        Tensor a = Torch.zeros(4, 3).keep();
        Tensor b = Torch.zeros(5).keep();
        try (TensorScope s = new TensorScope()) {
            var va = scratch.like(a, 0, 0);
            assertSame(va, scratch.like(a, 0, 0));
            assertArrayEquals(new long[] {4, 3}, new long[] {va.size(0), va.size(1)});
            var vb = scratch.like(b, 0, 0);
            assertEquals(1, vb.dim());
            assertEquals(5, vb.size(0));
            // one flat buffer per slot: both views start at its first element
            assertEquals(va.data_ptr().address(), vb.data_ptr().address());
            // another slot is other memory
            var other = scratch.like(a, 1, 0);
            assertNotSame(va, other);
            assertEquals(false, va.data_ptr().address() == other.data_ptr().address());
        }
        // the views outlive the scope they were made in
        assertEquals(12, scratch.like(a, 0, 0).numel());
    }

    @Test
    void followsAParameterWhoseShapeOrDtypeChanged() {
        Scratch scratch = new Scratch();
        Parameter p = new Parameter(Torch.zeros(2, 2));
        assertEquals(4, scratch.like(p, 0, 0).numel());
        p.setData(Torch.zeros(3, 4, 5).to(DType.FLOAT64));
        var v = scratch.like(p, 0, 1); // checked at the next step
        assertEquals(60, v.numel());
        assertEquals(3, v.dim());
        assertEquals(DType.FLOAT64, DType.of(v.scalar_type()));
    }

    @Test
    void mixedDtypesInOneOptimizerMatchSeparateOptimizers() {
        Torch.manualSeed(3);
        Tensor w32 = Torch.randn(6, 4).keep();
        Tensor w64 = Torch.randn(40).to(DType.FLOAT64).keep();
        Parameter a32 = new Parameter(w32.clone());
        Parameter a64 = new Parameter(w64.clone());
        Parameter b32 = new Parameter(w32.clone());
        Parameter b64 = new Parameter(w64.clone());
        Adam together = new Adam(List.of(a32, a64), new Adam.Options(0.1).weightDecay(0.01));
        Adam alone32 = new Adam(List.of(b32), new Adam.Options(0.1).weightDecay(0.01));
        Adam alone64 = new Adam(List.of(b64), new Adam.Options(0.1).weightDecay(0.01));
        for (int step = 0; step < 5; step++) {
            try (TensorScope s = new TensorScope()) {
                together.zeroGrad();
                alone32.zeroGrad();
                alone64.zeroGrad();
                a32.pow(2).sum().add(a64.pow(3).sum()).backward();
                b32.pow(2).sum().backward();
                b64.pow(3).sum().backward();
                together.step();
                alone32.step();
                alone64.step();
            }
        }
        assertArrayEquals(b32.toFloatArray(), a32.toFloatArray());
        assertArrayEquals(b64.toDoubleArray(), a64.toDoubleArray());
    }

    @Test
    void viewsOfABufferALargerParameterReplacedAreRemadeAtTheNextStep() {
        Scratch scratch = new Scratch();
        Tensor small = Torch.zeros(4).keep();
        Tensor large = Torch.zeros(1000).keep();
        var first = scratch.like(small, 0, 0);
        var big = scratch.like(large, 0, 0); // replaces the slot's buffer
        assertEquals(false, first.data_ptr().address() == big.data_ptr().address());
        var again = scratch.like(small, 0, 1);
        assertNotSame(first, again);
        assertEquals(big.data_ptr().address(), again.data_ptr().address(), "both on the one larger buffer now");
        assertEquals(true, first.isNull(), "the old view is freed, and with it the old buffer");
    }

    @Test
    void aNonContiguousParameterGetsATemporaryWithItsOwnLayout() {
        Scratch scratch = new Scratch();
        Tensor p = Torch.zeros(3, 5).t().keep(); // shape (5, 3), strides (1, 5)
        try (TensorScope s = new TensorScope()) {
            var v = scratch.like(p, 0, 0);
            assertEquals(1, v.stride(0));
            assertEquals(5, v.stride(1));
        }
    }
}
