package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** libtorch errors arrive as {@link TorchException} with PyTorch's own message and no C++ stack. */
class ErrorTest {

    @Test
    void shapeMismatchCarriesPyTorchsMessage() {
        Tensor a = Torch.randn(64, 10);
        Tensor b = Torch.randn(5, 64);
        TorchException e = assertThrows(TorchException.class, () -> a.matmul(b));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (64x10 and 5x64)", e.getMessage());
    }

    @Test
    void messagesHaveNoCppStackTrace() {
        TorchException e = assertThrows(TorchException.class, () -> Torch.randn(2, 3).view(4, 4));
        assertEquals("shape '[4, 4]' is invalid for input of size 6", e.getMessage());
        assertFalse(e.getMessage().contains("Exception raised from"));
        assertFalse(e.getMessage().contains("frame #"));
    }

    @Test
    void dtypeMismatchIsATorchException() {
        TorchException e = assertThrows(TorchException.class, () -> Torch.randn(3).matmul(Torch.arange(3)));
        assertTrue(e.getMessage().contains("same dtype"), e.getMessage());
        assertTrue(e.getMessage().contains("Float") && e.getMessage().contains("Long"), e.getMessage());
    }

    @Test
    void broadcastingErrorsAndBackwardOfANonScalar() {
        TorchException e = assertThrows(TorchException.class, () -> Torch.ones(3).add(Torch.ones(4)));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0",
                e.getMessage());
        Tensor x = Torch.ones(2).requiresGrad_();
        TorchException g = assertThrows(TorchException.class, () -> x.mul(2).backward());
        assertEquals("grad can be implicitly created only for scalar outputs", g.getMessage());
        TorchException n = assertThrows(TorchException.class, () -> Torch.ones(2).backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", n.getMessage());
    }

    @Test
    void theJvmSurvivesManyErrorsInARow() {
        for (int i = 0; i < 1000; i++) {
            try (TensorScope s = new TensorScope()) {
                assertThrows(TorchException.class, () -> Torch.ones(2, 3).matmul(Torch.ones(2, 3)));
            }
        }
        assertEquals(6.0, Torch.ones(2, 3).sum().item());
    }

    @Test
    void theCauseKeepsTheNativeDetailForDebugging() {
        TorchException e = assertThrows(TorchException.class, () -> Torch.ones(2, 3).matmul(Torch.ones(2, 3)));
        assertTrue(e.getCause() instanceof RuntimeException);
        assertTrue(e.getCause().getMessage().startsWith("mat1 and mat2 shapes cannot be multiplied"));
    }
}
