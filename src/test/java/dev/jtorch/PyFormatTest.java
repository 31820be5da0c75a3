package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected texts are what CPython 3.11 prints for the same format. */
class PyFormatTest {
    @Test
    void fixedRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.8512", PyFormat.fixed(681.0 / 800, 4), "Java's String.format says 0.8513");
        assertEquals("0.8513", String.format("%.4f", 681.0 / 800), "the difference this class exists for");
        assertEquals("2", PyFormat.fixed(2.5, 0));
        assertEquals("4", PyFormat.fixed(3.5, 0));
        assertEquals("0.1000", PyFormat.fixed(0.1, 4));
        assertEquals("-0.0000", PyFormat.fixed(-0.00001, 4));
        assertEquals("-0", PyFormat.fixed(-0.0, 0));
        assertEquals("nan", PyFormat.fixed(Double.NaN, 4));
        assertEquals("-inf", PyFormat.fixed(Double.NEGATIVE_INFINITY, 2));
        assertEquals("1234567.1235", PyFormat.fixed(1234567.12345, 4));
    }

    @Test
    void scientific() {
        assertEquals("1.0000e-05", PyFormat.sci(1e-5, 4));
        assertEquals("1.0000e+10", PyFormat.sci(1e10, 4));
        assertEquals("-2.50e+00", PyFormat.sci(-2.5, 2));
        assertEquals("0.0000e+00", PyFormat.sci(0.0, 4));
        assertEquals("1.0000e+100", PyFormat.sci(1e100, 4));
        assertEquals("9.9999e-01", PyFormat.sci(0.99999, 4));
        assertEquals("9.9999e-01", PyFormat.sci(0.999995, 4), "0.999995 is stored a little below");
        assertThrows(IllegalArgumentException.class, () -> PyFormat.fixed(1, -1));
    }

    @Test
    void reprIsPythonsShortestFloatText() {
        assertEquals("0.5", PyFormat.repr(0.5));
        assertEquals("2.0", PyFormat.repr(2));
        assertEquals("0.001", PyFormat.repr(0.001));
        assertEquals("0.0001", PyFormat.repr(0.0001));
        assertEquals("1e-05", PyFormat.repr(1e-5));
        assertEquals("1e-08", PyFormat.repr(1e-8));
        assertEquals("1.5e-05", PyFormat.repr(1.5e-5));
        assertEquals("1e+16", PyFormat.repr(1e16));
        assertEquals("1234567890123456.0", PyFormat.repr(1234567890123456.0));
        assertEquals("0.1", PyFormat.repr(0.1));
        assertEquals("0.30000000000000004", PyFormat.repr(0.1 + 0.2));
        assertEquals("-0.0", PyFormat.repr(-0.0));
        assertEquals("0.999", PyFormat.repr(0.999));
        assertEquals("inf", PyFormat.repr(Double.POSITIVE_INFINITY));
    }
}
