package dev.jtorch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The threshold's syntax; MemoryTest shows the collections it asks for keep an unscoped loop flat. */
class GcPressureTest {

    @Test
    void thresholdsReadAsBytesWithOptionalSuffix() {
        assertEquals(64L << 20, GcPressure.parse("64m"));
        assertEquals(64L << 20, GcPressure.parse(" 64M "));
        assertEquals(512L << 10, GcPressure.parse("512k"));
        assertEquals(2L << 30, GcPressure.parse("2g"));
        assertEquals(1000, GcPressure.parse("1000"));
        assertEquals(0, GcPressure.parse("0"));
    }

    @Test
    void badThresholdsAreRefusedWithTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> GcPressure.parse("lots"));
        assertTrue(e.getMessage().contains("jtorch.gcThreshold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GcPressure.parse("-5m"));
    }

    @Test
    void defaultIsOn() {
        assertTrue(GcPressure.threshold() > 0);
    }

    @Test
    void aTensorLeftToTheCollectorIsCountedUntilClosedOrAdopted() {
        long before = GcPressure.pending();
        dev.jtorch.Tensor t = dev.jtorch.Torch.zeros(262_144); // 1 MiB of float32, outside any scope
        long counted = GcPressure.pending();
        org.junit.jupiter.api.Assumptions.assumeTrue(counted >= before, "a collection was asked for in between");
        assertEquals(1L << 20, counted - before);
        t.close();
        assertEquals(before, GcPressure.pending());

        dev.jtorch.Tensor u = dev.jtorch.Torch.zeros(262_144);
        assertEquals(before + (1L << 20), GcPressure.pending());
        try (dev.jtorch.TensorScope s = new dev.jtorch.TensorScope()) {
            s.adopt(u);
            assertEquals(before, GcPressure.pending(), "adopted: its scope frees it");
        }
    }
}
