package dev.jtorch;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's number formatting, for printing the same digits as a Python script: {@code f"{x:.4f}"} is
 * {@code PyFormat.fixed(x, 4)}, {@code f"{x:.2e}"} is {@code PyFormat.sci(x, 2)}.
 *
 * <p>Python rounds the exact binary value of a double, half to even; Java's {@code String.format} rounds its
 * shortest decimal form half up, so 681/800 prints {@code 0.8512} in Python and {@code 0.8513} with
 * {@code String.format("%.4f")}. These methods give Python's digits.
 *
 * <p>jtorch's own; no PyTorch counterpart. It mirrors Python's format specification, not a PyTorch API.
 */
public final class PyFormat {
    private PyFormat() {}

    /** Python's {@code f"{v:.{digits}f}"}. */
    public static String fixed(double v, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must not be negative, got " + digits);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(Math.abs(v)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return isNegative(v) ? "-" + s : s;
    }

    /** Python's {@code f"{v:.{digits}e}"}, e.g. {@code 1.0000e-05}. */
    public static String sci(double v, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must not be negative, got " + digits);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = isNegative(v) ? "-" : "";
        double a = Math.abs(v);
        int exp;
        String mantissa;
        if (a == 0) {
            exp = 0;
            mantissa = BigDecimal.ZERO.setScale(digits, RoundingMode.UNNECESSARY).toPlainString();
        } else {
            BigDecimal rounded = new BigDecimal(a).round(new MathContext(digits + 1, RoundingMode.HALF_EVEN));
            exp = rounded.precision() - rounded.scale() - 1;
            mantissa = rounded.movePointLeft(exp).setScale(digits, RoundingMode.UNNECESSARY).toPlainString();
        }
        String e = Integer.toString(Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    /**
     * Python's {@code repr(v)} / {@code str(v)} of a float: the shortest digits that read back as {@code v},
     * fixed-point between 1e-4 and 1e16 ({@code 0.001}, {@code 2.0}), scientific outside ({@code 1e-05},
     * {@code 1e+16}).
     */
    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = isNegative(v) ? "-" : "";
        double a = Math.abs(v);
        if (a == 0) {
            return sign + "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        if (exp >= -4 && exp < 16) {
            String plain = bd.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        String e = Integer.toString(Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }
}
