package dev.jtorch.distributed;

import dev.jtorch.PyEnum;
import org.bytedeco.pytorch.ReduceOp.RedOpType;

/**
 * How a collective combines the ranks' tensors, mirroring {@code torch.distributed.ReduceOp}.
 * {@link #pythonName()} is the member's name in Python ({@code SUM}), {@link #toString()} PyTorch's repr
 * ({@code ReduceOp.SUM}).
 *
 * <p>{@link #AVG}: NCCL averages natively. Gloo has no average (PyTorch raises {@code Cannot use ReduceOp.AVG with
 * Gloo}); jtorch sums and divides by the group's size in place once the sum is complete, so the same code runs on
 * both backends. The tensor must then be floating point.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.ReduceOp">torch.distributed.ReduceOp</a>.
 */
public enum ReduceOp implements PyEnum {
    /** Element-wise sum. */
    SUM(RedOpType.SUM),
    /** Element-wise mean over the ranks. */
    AVG(RedOpType.AVG),
    /** Element-wise product. */
    PRODUCT(RedOpType.PRODUCT),
    /** Element-wise minimum. */
    MIN(RedOpType.MIN),
    /** Element-wise maximum. */
    MAX(RedOpType.MAX),
    /** Bitwise and, for integer and boolean tensors. */
    BAND(RedOpType.BAND),
    /** Bitwise or, for integer and boolean tensors. */
    BOR(RedOpType.BOR),
    /** Bitwise exclusive or, for integer and boolean tensors. */
    BXOR(RedOpType.BXOR);

    private final RedOpType nativeType;

    ReduceOp(RedOpType nativeType) {
        this.nativeType = nativeType;
    }

    /** c10d's reduction, for jtorch's native glue. */
    RedOpType nativeType() {
        return nativeType;
    }

    /** The member's name in Python, e.g. {@code SUM} for {@code dist.ReduceOp.SUM}. */
    @Override
    public String pythonName() {
        return name();
    }

    /** PyTorch's name, e.g. {@code ReduceOp.SUM}. */
    @Override
    public String toString() {
        return "ReduceOp." + pythonName();
    }
}
