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
     * Python's {@code repr(v)} / {@code str(v)} of a float: the shortest digits that read back as {@code v} (of
     * several such, the nearest to {@code v}), fixed-point between 1e-4 and 1e16 ({@code 0.001}, {@code 2.0}),
     * scientific outside ({@code 1e-05}, {@code 1e+16}, {@code 2e+23}); {@code inf}, {@code nan}, {@code -0.0}.
     *
     * <p>JDK 17's {@code Double.toString} is not always shortest nor nearest (it prints {@code 2.0E23} for 2e23
     * but 17 digits for some values whose shortest text has 16); its text is used only where it has 15 significant
     * digits or fewer, which makes it the one decimal of at most 15 digits that reads back as {@code v} (doubles
     * hold 15 decimal digits), hence Python's. Longer texts are checked: shorter candidates are tried with exact
     * decimal arithmetic until none reads back, and the nearest that does is kept.
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
        // Double.toString's digits and decimal exponent: "1.2345E-5" or "123.45" or "0.001".
        String s = Double.toString(a);
        StringBuilder digits = new StringBuilder(20);
        int pointExp; // value = 0.d1d2d3... * 10^pointExp
        int ePos = s.indexOf('E');
        String mant = ePos < 0 ? s : s.substring(0, ePos);
        int exp10 = ePos < 0 ? 0 : Integer.parseInt(s.substring(ePos + 1));
        int dot = mant.indexOf('.');
        int intLen = dot < 0 ? mant.length() : dot;
        for (int i = 0; i < mant.length(); i++) {
            char ch = mant.charAt(i);
            if (ch != '.') {
                digits.append(ch);
            }
        }
        pointExp = intLen + exp10;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        pointExp -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        String d;
        int exp; // scientific exponent: value = d1.d2d3... * 10^exp
        if (digits.length() <= 15 && a >= Double.MIN_NORMAL) {
            d = digits.toString();
            exp = pointExp - 1;
        } else {
            Decimal shortest = shortest(a, digits.length());
            d = shortest.digits();
            exp = shortest.exp();
        }
        return sign + layout(d, exp);
    }

    /** A positive decimal: significant digits without trailing zeros, and the exponent of the first digit. */
    private record Decimal(String digits, int exp) {
        /** {@code digits} (any trailing zeros) times 10^{@code pow}. */
        static Decimal of(String digits, int pow) {
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digits.substring(0, end), pow + digits.length() - 1);
        }

        boolean readsBackAs(double a) {
            return Double.parseDouble(digits + "E" + (exp - digits.length() + 1)) == a;
        }
    }

    /**
     * The shortest decimal that reads back as {@code a} (positive, finite), of at most {@code known} significant
     * digits (a length known to read back): of the candidates of each length, only the two decimals enclosing
     * {@code a} can read back, the nearer (ties to even) first; a length none of whose candidates reads back ends
     * the search, since every shorter decimal is also one of that length. The candidates are cut from the exact
     * decimal expansion of {@code a}.
     */
    private static Decimal shortest(double a, int known) {
        BigDecimal exact = new BigDecimal(a);
        String s = exact.unscaledValue().toString();
        int exp10 = s.length() - 1 - exact.scale(); // the exponent of s's first digit
        Decimal best = null;
        int start = Math.min(known, 17);
        for (int p = start; p >= 1; p--) {
            Decimal found = candidate(a, s, exp10, p);
            if (found == null) {
                break;
            }
            best = found;
        }
        for (int p = start + 1; best == null && p <= 17; p++) {
            best = candidate(a, s, exp10, p); // not expected: Double.toString's own length always reads back
        }
        return best;
    }

    /**
     * The nearer of the two {@code p}-digit decimals around {@code a} (exact digits {@code s}, first digit at
     * 10^{@code exp10}) that reads back as {@code a}, or null.
     */
    private static Decimal candidate(double a, String s, int exp10, int p) {
        String floor;
        boolean exactly;
        int half; // the rest compared with half a unit of the last kept digit
        if (p >= s.length()) {
            floor = s + "0".repeat(p - s.length());
            exactly = true;
            half = -1;
        } else {
            floor = s.substring(0, p);
            char r0 = s.charAt(p);
            boolean tail = false;
            for (int i = p + 1; i < s.length() && !tail; i++) {
                tail = s.charAt(i) != '0';
            }
            exactly = r0 == '0' && !tail;
            half = r0 > '5' ? 1 : r0 < '5' ? -1 : tail ? 1 : 0;
        }
        int pow = exp10 - p + 1;
        Decimal down = Decimal.of(floor, pow);
        if (exactly) {
            return down.readsBackAs(a) ? down : null;
        }
        Decimal up = Decimal.of(increment(floor), pow);
        boolean upNearer = half > 0 || (half == 0 && (floor.charAt(p - 1) - '0') % 2 == 1);
        Decimal near = upNearer ? up : down;
        Decimal other = upNearer ? down : up;
        if (near.readsBackAs(a)) {
            return near;
        }
        return other.readsBackAs(a) ? other : null;
    }

    /** A string of decimal digits plus one ({@code "199"} gives {@code "200"}, {@code "99"} gives {@code "100"}). */
    private static String increment(String digits) {
        char[] c = digits.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            if (c[i] != '9') {
                c[i]++;
                return new String(c);
            }
            c[i] = '0';
        }
        return "1" + new String(c);
    }

    /** Python's layout of digits {@code d} (no trailing zeros) times 10^{@code exp} (d1.d2d3...). */
    private static String layout(String d, int exp) {
        if (exp >= -4 && exp < 16) {
            StringBuilder b = new StringBuilder(24);
            if (exp < 0) {
                b.append("0.");
                for (int i = -1; i > exp; i--) {
                    b.append('0');
                }
                b.append(d);
            } else if (d.length() <= exp + 1) {
                b.append(d);
                for (int i = d.length(); i <= exp; i++) {
                    b.append('0');
                }
                b.append(".0");
            } else {
                b.append(d, 0, exp + 1).append('.').append(d, exp + 1, d.length());
            }
            return b.toString();
        }
        String mantissa = d.length() > 1 ? d.charAt(0) + "." + d.substring(1) : d;
        String e = Integer.toString(Math.abs(exp));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }
}
