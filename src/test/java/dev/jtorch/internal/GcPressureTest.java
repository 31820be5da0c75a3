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
}
