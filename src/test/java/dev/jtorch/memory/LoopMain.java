package dev.jtorch.memory;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;

/**
 * The memory experiments of {@code MemoryTest}, each in a JVM of its own so that its heap and JavaCPP's
 * {@code maxPhysicalBytes} can be set:
 * <ul>
 *   <li>{@code scoped N}: N iterations of {@code x.matmul(w).relu()} on small tensors, each in its own
 *       {@link TensorScope} (two tensor operations per iteration);</li>
 *   <li>{@code unscoped N}: N iterations of {@code randn(64, 256).matmul(w).relu()} with no scope at all, so only
 *       the garbage collector frees the tensors.</li>
 * </ul>
 * Prints {@code rss warmUp=A max=B end=C micros=D ok=true}, resident memory in MiB (warm-up is a tenth of the run).
 */
public final class LoopMain {
    private LoopMain() {}

    public static void main(String[] args) {
        boolean scoped = args[0].equals("scoped");
        int iterations = Integer.parseInt(args[1]);
        int every = iterations / 50;
        int warmUp = iterations / 10;
        Torch.setNumThreads(1);
        Tensor x = Torch.randn(8, 16);
        Tensor w = Torch.randn(scoped ? 16 : 256, scoped ? 16 : 256);
        double afterWarmUp = 0;
        double max = 0;
        double checksum = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= iterations; i++) {
            Tensor y;
            TensorScope scope = scoped ? new TensorScope() : null;
            try {
                y = scoped ? x.matmul(w).relu() : Torch.randn(64, 256).matmul(w).relu();
                if (i % every == 0) {
                    checksum += y.index(0, 0).item();
                    double rss = Rss.mib();
                    if (i == warmUp) {
                        afterWarmUp = rss;
                    }
                    max = Math.max(max, rss);
                }
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / iterations;
        System.out.printf("rss warmUp=%.1f max=%.1f end=%.1f micros=%.1f ok=%s%n", afterWarmUp, max, Rss.mib(), micros,
                Double.isFinite(checksum));
    }
}
