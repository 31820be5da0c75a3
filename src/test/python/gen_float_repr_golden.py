"""Python's repr() of doubles, the golden list PyFormat.repr is tested against (PyFormatReprGoldenTest).

Writes golden/float_repr.txt.gz: one repr per line (Python's shortest round-trip text, which parses back to the
double it stands for), for random bit patterns over all exponents, random mantissas at every binary exponent,
powers of ten and their neighbours, decimal halfway-looking cases, subnormals, float32 values widened to double,
integers near 2**53 and the values around 1e16 and 1e-4 where repr switches notation.
Deterministic (random.Random(18)). Pure Python: no torch needed.
"""
import argparse
import gzip
import math
import random
import struct


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b & 0xFFFFFFFFFFFFFFFF))[0]


def values():
    rnd = random.Random(18)
    out = []
    # random bit patterns: every exponent, sign, subnormals included
    for _ in range(8000):
        out.append(from_bits(rnd.getrandbits(64)))
    # random mantissas at each binary exponent (normal range and subnormal)
    for e in range(0, 2047):
        for _ in range(4):
            out.append(from_bits((e << 52) | rnd.getrandbits(52)))
    # powers of ten, their neighbours, and small multiples (the 2e23 family)
    for k in range(-325, 309):
        for m in (1, 2, 3, 5, 7, 9):
            try:
                x = float("%de%d" % (m, k))
            except OverflowError:
                continue
            if x == 0 or math.isinf(x):
                continue
            out.append(x)
            out.append(math.nextafter(x, math.inf))
            out.append(math.nextafter(x, -math.inf))
    # powers of two and their neighbours (asymmetric rounding intervals)
    for e in range(-1074, 1024):
        x = math.ldexp(1.0, e)
        out.append(x)
        out.append(math.nextafter(x, math.inf))
        out.append(math.nextafter(x, -math.inf))
    # decimal halfway-looking values: d.5 * 10^k with 15..17 digits
    for _ in range(2000):
        digits = rnd.randint(15, 17)
        mant = rnd.randrange(10 ** (digits - 1), 10 ** digits) // 10 * 10 + 5
        out.append(float("%de%d" % (mant, rnd.randint(-330, 300))))
    # subnormals
    for _ in range(1000):
        out.append(from_bits(rnd.getrandbits(52)))
    for b in range(1, 64):
        out.append(from_bits(b))
    # float32 values widened to double (what tensors of floats print)
    for _ in range(5000):
        out.append(struct.unpack("<f", struct.pack("<I", rnd.getrandbits(32)))[0])
    for _ in range(2000):
        out.append(struct.unpack("<f", struct.pack("<f", rnd.uniform(-10, 10)))[0])
    # integers near 2**53 and 1e16, and values at the notation switches
    for _ in range(1000):
        out.append(float(rnd.randrange(2 ** 52, 2 ** 56)))
    for x in (1e16, 1e-4, 9999999999999998.0, 0.0001, 0.00009999999999999999, 1e22, 1e23, 2e23, 5e-324,
              1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308, 0.1, 0.2, 0.3, 1 / 3,
              123456789012345680.0, 0.0, -0.0, math.inf, -math.inf, math.nan):
        out.append(x)
    # short decimals (the fast path)
    for _ in range(2000):
        out.append(round(rnd.uniform(-1000, 1000), rnd.randint(0, 6)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="src/test/resources/golden/float_repr.txt.gz")
    args = ap.parse_args()
    lines = [repr(x) for x in values()]
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("ascii"))


if __name__ == "__main__":
    main()
