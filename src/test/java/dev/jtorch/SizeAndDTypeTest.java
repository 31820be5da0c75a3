package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeAndDTypeTest {
    @Test
    void sizeBehavesLikeTorchSize() {
        Size s = new Size(800, 2);
        assertEquals("torch.Size([800, 2])", s.toString());
        assertEquals(2, s.size());
        assertEquals(800, s.get(0));
        assertEquals(2, s.get(-1));
        assertEquals(1600, s.numel());
        assertEquals(new Size(800, 2), s);
        assertNotEquals(new Size(2, 800), s);
        assertArrayEquals(new long[] {800, 2}, s.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
        assertEquals("torch.Size([])", new Size().toString());
        assertEquals(1, new Size().numel());
    }

    @Test
    void dtypesPrintPythonsNamesAndRoundTripThroughLibtorch() {
        for (DType d : DType.values()) {
            assertTrue(d.toString().startsWith("torch."), d.name());
            assertEquals(d, Torch.zeros(new long[] {1}, d).dtype(), d.name());
        }
        assertTrue(DType.FLOAT16.isFloatingPoint());
        assertTrue(DType.BFLOAT16.isFloatingPoint());
        assertFalse(DType.INT64.isFloatingPoint());
        assertFalse(DType.BOOL.isFloatingPoint());
    }
}
