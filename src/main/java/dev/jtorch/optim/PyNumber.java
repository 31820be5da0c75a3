package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * A number of PyTorch's LBFGS as Python holds it: an {@code int}, a {@code float}, or a 0-dimensional tensor (the
 * result of {@code dot}, {@code max}, {@code sum}). Arithmetic follows Python's: between plain numbers in doubles;
 * with a tensor on either side in the tensor's dtype (a Python number is cast to float32 first, as libtorch's CPU
 * kernels do, and the result rounded to float32), and {@code number / tensor} is {@code tensor.reciprocal() * number}
 * as in {@code torch.Tensor.__rtruediv__}. Comparisons with a tensor compare in its dtype. Python's {@code min} and
 * {@code max} return one of their arguments, keeping its kind.
 *
 * <p>Internal helper with no PyTorch counterpart of its own; it follows
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.LBFGS.html">torch.optim.LBFGS</a>'s arithmetic.
 */
final class PyNumber {
    enum Kind { INT, FLOAT, TENSOR }

    final Kind kind;
    final double v;
    /** For a tensor: whether it is float32 (else float64). */
    final boolean f32;

    private PyNumber(Kind kind, double v, boolean f32) {
        this.kind = kind;
        this.v = v;
        this.f32 = f32;
    }

    static PyNumber ofInt(long v) {
        return new PyNumber(Kind.INT, v, false);
    }

    static PyNumber ofFloat(double v) {
        return new PyNumber(Kind.FLOAT, v, false);
    }

    static PyNumber ofTensor(double v, boolean f32) {
        return new PyNumber(Kind.TENSOR, f32 ? (float) v : v, f32);
    }

    /** A 0-dimensional native tensor's value. */
    static PyNumber of(org.bytedeco.pytorch.Tensor t) {
        // compared by value: the presets' ScalarType constants are not always the instances scalar_type() returns
        return ofTensor(t.item_double(), t.scalar_type().value == org.bytedeco.pytorch.global.torch.ScalarType.Float.value);
    }

    /** A value of Python's state dict: a tensor, a float (Double) or an int; null stays null. */
    static PyNumber of(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof PyNumber n) {
            return n;
        }
        if (o instanceof Tensor t) {
            return ofTensor(t.item(), t.dtype() == DType.FLOAT32);
        }
        if (o instanceof Double || o instanceof Float) {
            return ofFloat(((Number) o).doubleValue());
        }
        if (o instanceof Number n) {
            return ofInt(n.longValue());
        }
        throw new IllegalArgumentException("LBFGS state must hold numbers or tensors, got " + o);
    }

    /** This number as Python's state dict holds it: a 0-dimensional tensor on {@code device}, a Double or a Long. */
    Object toPython(Device device) {
        return switch (kind) {
            case INT -> (long) v;
            case FLOAT -> v;
            case TENSOR -> {
                Tensor t = Torch.scalarTensor(v, f32 ? DType.FLOAT32 : DType.FLOAT64);
                yield (device == null ? t : t.to(device)).keep();
            }
        };
    }

    boolean isTensor() {
        return kind == Kind.TENSOR;
    }

    private static boolean f32(PyNumber a, PyNumber b) {
        return a.isTensor() ? a.f32 : b.f32;
    }

    private static double round(double x, boolean f32) {
        return f32 ? (float) x : x;
    }

    private interface Op {
        double apply(double a, double b);
    }

    private static PyNumber arith(PyNumber a, PyNumber b, Op op, boolean intClosed) {
        if (a.isTensor() || b.isTensor()) {
            boolean f = f32(a, b);
            return ofTensor(round(op.apply(round(a.v, f), round(b.v, f)), f), f);
        }
        if (a.kind == Kind.FLOAT || b.kind == Kind.FLOAT || !intClosed) {
            return ofFloat(op.apply(a.v, b.v));
        }
        return ofInt((long) op.apply(a.v, b.v));
    }

    PyNumber add(PyNumber o) {
        return arith(this, o, (x, y) -> x + y, true);
    }

    PyNumber sub(PyNumber o) {
        return arith(this, o, (x, y) -> x - y, true);
    }

    PyNumber mul(PyNumber o) {
        return arith(this, o, (x, y) -> x * y, true);
    }

    /** Python's {@code this / o}; a number over a tensor is {@code o.reciprocal() * this}. */
    PyNumber div(PyNumber o) {
        if (!isTensor() && o.isTensor()) {
            boolean f = o.f32;
            return ofTensor(round(round(1 / o.v, f) * round(v, f), f), f);
        }
        return arith(this, o, (x, y) -> x / y, false);
    }

    PyNumber add(double o) {
        return add(ofFloat(o));
    }

    PyNumber mul(double o) {
        return mul(ofFloat(o));
    }

    PyNumber neg() {
        return new PyNumber(kind, -v, f32);
    }

    PyNumber abs() {
        return new PyNumber(kind, Math.abs(v), f32);
    }

    /** {@code tensor ** 2}, which libtorch computes as {@code x * x}. */
    PyNumber square() {
        return mul(this);
    }

    /** {@code tensor.sqrt()}. */
    PyNumber sqrt() {
        return ofTensor(round(Math.sqrt(v), f32), f32);
    }

    private static int compare(PyNumber a, PyNumber b) {
        if (a.isTensor() || b.isTensor()) {
            boolean f = f32(a, b);
            return Double.compare(round(a.v, f), round(b.v, f));
        }
        return Double.compare(a.v, b.v);
    }

    private static boolean nan(PyNumber a, PyNumber b) {
        return Double.isNaN(a.v) || Double.isNaN(b.v);
    }

    boolean gt(PyNumber o) {
        return !nan(this, o) && compare(this, o) > 0;
    }

    boolean ge(PyNumber o) {
        return !nan(this, o) && compare(this, o) >= 0;
    }

    boolean lt(PyNumber o) {
        return !nan(this, o) && compare(this, o) < 0;
    }

    boolean le(PyNumber o) {
        return !nan(this, o) && compare(this, o) <= 0;
    }

    boolean gt(double o) {
        return gt(ofFloat(o));
    }

    boolean le(double o) {
        return le(ofFloat(o));
    }

    boolean lt(double o) {
        return lt(ofFloat(o));
    }

    /** Python's {@code min(a, b)}: {@code b if b < a else a}. */
    static PyNumber min(PyNumber a, PyNumber b) {
        return b.lt(a) ? b : a;
    }

    /** Python's {@code max(a, b)}: {@code b if b > a else a}. */
    static PyNumber max(PyNumber a, PyNumber b) {
        return b.gt(a) ? b : a;
    }

    @Override
    public String toString() {
        return kind + ":" + v;
    }
}
