package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PyFormat#repr} against Python's {@code repr(float)} of 46,940 doubles written by
 * {@code src/test/python/gen_float_repr_golden.py} (random bit patterns, every binary exponent, powers of ten and
 * two with their neighbours, halfway-looking decimals, subnormals, float32 values widened to double, integers near
 * 2**53): each line is Python's text, which reads back as the double it stands for.
 */
class PyFormatReprGoldenTest {
    static List<String> golden() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = PyFormatReprGoldenTest.class.getResourceAsStream("/golden/float_repr.txt.gz");
                BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                        StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    static double parse(String py) {
        return Double.parseDouble(py.replace("inf", "Infinity").replace("nan", "NaN"));
    }

    @Test
    void reprEqualsPythonsForEveryGoldenValue() throws IOException {
        List<String> lines = golden();
        assertTrue(lines.size() > 40_000, "golden list read: " + lines.size());
        List<String> wrong = new ArrayList<>();
        for (String py : lines) {
            double v = parse(py);
            String java = PyFormat.repr(v);
            if (!java.equals(py)) {
                wrong.add(py + " (bits " + Long.toHexString(Double.doubleToRawLongBits(v)) + ") printed " + java);
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " of " + lines.size()
                + " differ");
    }

    @Test
    void knownHardCases() {
        assertEquals("2e+23", PyFormat.repr(2e23));
        assertEquals("1e+23", PyFormat.repr(1e23));
        assertEquals("5e-324", PyFormat.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFormat.repr(Double.MAX_VALUE));
        assertEquals("2.2250738585072014e-308", PyFormat.repr(Double.MIN_NORMAL));
        assertEquals("-0.0", PyFormat.repr(-0.0));
        assertEquals("9007199254740992.0", PyFormat.repr(9007199254740992.0));
        assertEquals("1.2345678901234568e+17", PyFormat.repr(123456789012345678.0));
        assertEquals("0.30000000000000004", PyFormat.repr(0.1 + 0.2));
        assertEquals("0.10000000149011612", PyFormat.repr((double) 0.1f), "float32 0.1 widened");
        assertEquals("0.0001", PyFormat.repr(1e-4));
        assertEquals("9.999999999999999e-05", PyFormat.repr(Math.nextDown(1e-4)));
        assertEquals("1e+16", PyFormat.repr(1e16));
        assertEquals("9999999999999998.0", PyFormat.repr(9999999999999998.0));
    }

    @Test
    void reprIsFastForTypicalValues() {
        // What training scripts print: float32 values widened to double (17 digits: the exact path) and short
        // decimals (Double.toString's path). Measured here at about 4 and 0.5 us per value once warm.
        java.util.Random rnd = new java.util.Random(18);
        double[] vs = new double[20_000];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = i % 2 == 0 ? (double) (float) rnd.nextGaussian() : Math.round(rnd.nextGaussian() * 1e4) / 1e4;
        }
        long chars = 0;
        for (double v : vs) {
            chars += PyFormat.repr(v).length(); // warm-up
        }
        long t0 = System.nanoTime();
        for (int rep = 0; rep < 3; rep++) {
            for (double v : vs) {
                chars += PyFormat.repr(v).length();
            }
        }
        double usPer = (System.nanoTime() - t0) / 1e3 / (3.0 * vs.length);
        assertTrue(chars > 0);
        assertTrue(usPer < 50, "repr took " + usPer + " us per value (a generous bound for a shared machine)");
    }

    @org.junit.jupiter.api.Tag("python")
    @Test
    void theGoldenListIsWhatItsGeneratorWritesToday() throws Exception {
        java.nio.file.Path py = java.nio.file.Path.of(dev.jtorch.testing.Python.executable());
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(py), "no " + py);
        java.nio.file.Path out = java.nio.file.Files.createTempFile("float_repr", ".txt.gz");
        try {
            dev.jtorch.testing.Python.Result r = dev.jtorch.testing.Python.run(
                    "src/test/python/gen_float_repr_golden.py", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> fresh = new ArrayList<>();
            try (BufferedReader br = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    java.nio.file.Files.newInputStream(out)), StandardCharsets.US_ASCII))) {
                for (String line; (line = br.readLine()) != null;) {
                    if (!line.isEmpty()) {
                        fresh.add(line);
                    }
                }
            }
            assertEquals(golden(), fresh, "regenerate with bash src/test/python/gen_all_golden.sh");
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
