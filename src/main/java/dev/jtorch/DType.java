package dev.jtorch;

import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A tensor's element type, mirroring {@code torch.dtype} ({@code torch.float32}, {@code torch.int64}, ...).
 * {@link #toString()} prints Python's name, e.g. {@code torch.float32}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/tensor_attributes.html#torch.dtype">torch.dtype</a>.
 */
public enum DType implements PyEnum {
    /** {@code torch.float32} ({@code torch.float}), the default floating type. */
    FLOAT32("torch.float32", ScalarType.Float, true),
    /** {@code torch.float64} ({@code torch.double}). */
    FLOAT64("torch.float64", ScalarType.Double, true),
    /** {@code torch.float16} ({@code torch.half}). */
    FLOAT16("torch.float16", ScalarType.Half, true),
    /** {@code torch.bfloat16}. */
    BFLOAT16("torch.bfloat16", ScalarType.BFloat16, true),
    /** {@code torch.int64} ({@code torch.long}), the default integer type. */
    INT64("torch.int64", ScalarType.Long, false),
    /** {@code torch.int32} ({@code torch.int}). */
    INT32("torch.int32", ScalarType.Int, false),
    /** {@code torch.int16} ({@code torch.short}). */
    INT16("torch.int16", ScalarType.Short, false),
    /** {@code torch.int8}. */
    INT8("torch.int8", ScalarType.Char, false),
    /** {@code torch.uint8}. */
    UINT8("torch.uint8", ScalarType.Byte, false),
    /** {@code torch.bool}. */
    BOOL("torch.bool", ScalarType.Bool, false);

    private final String pythonName;
    private final ScalarType scalarType;
    private final boolean floatingPoint;

    DType(String pythonName, ScalarType scalarType, boolean floatingPoint) {
        this.pythonName = pythonName;
        this.scalarType = scalarType;
        this.floatingPoint = floatingPoint;
    }

    /** Python's {@code dtype.is_floating_point}. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** libtorch's scalar type; for jtorch's own native glue. */
    public ScalarType scalarType() {
        return scalarType;
    }

    /** The dtype of a libtorch scalar type. */
    public static DType of(ScalarType type) {
        for (DType d : values()) {
            if (d.scalarType.value == type.value) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unsupported scalar type: " + type);
    }

    /** Python's name, e.g. {@code torch.float32}. */
    @Override
    public String pythonName() {
        return pythonName;
    }

    /** Python's name, e.g. {@code torch.float32}. */
    @Override
    public String toString() {
        return pythonName;
    }
}
