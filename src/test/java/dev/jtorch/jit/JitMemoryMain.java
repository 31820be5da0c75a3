package dev.jtorch.jit;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.memory.Rss;
import dev.jtorch.nn.MSELoss;
import dev.jtorch.optim.SGD;
import java.nio.file.Path;

/**
 * The memory experiments of {@link JitMemoryTest}, each in a JVM of its own:
 * <ul>
 *   <li>{@code closed N FILE}: N rounds of load, forward, backward and an SGD step, closing the module;</li>
 *   <li>{@code unclosed N FILE}: the same without {@code close()}, so only the garbage collector frees the modules;</li>
 *   <li>{@code forward N FILE}: one module, N forward/backward rounds, each in its own scope.</li>
 * </ul>
 * Prints {@code rss warmUp=A max=B end=C checksum=D ok=true} (MiB; warm-up is a tenth of the run).
 */
public final class JitMemoryMain {
    private JitMemoryMain() {}

    public static void main(String[] args) {
        String mode = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        Tensor x = Torch.randn(8, 4);
        Tensor y = Torch.randn(8, 2);
        int warmUp = Math.max(1, rounds / 10);
        int every = Math.max(1, rounds / 50);
        double afterWarmUp = 0;
        double max = 0;
        double checksum = 0;
        ScriptModule shared = mode.equals("forward") ? Jit.load(file) : null;
        for (int i = 1; i <= rounds; i++) {
            try (TensorScope s = new TensorScope("round")) {
                ScriptModule m = shared != null ? shared : Jit.load(file);
                SGD opt = new SGD(m.parameters(), new SGD.Options(0.01).momentum(0.9));
                opt.zeroGrad();
                Tensor loss = new MSELoss().forward(m.forward(x), y);
                loss.backward();
                opt.step();
                checksum += loss.item();
                if (mode.equals("closed")) {
                    m.close();
                }
            }
            if (i % every == 0 || i == warmUp) {
                double rss = Rss.mib();
                if (i == warmUp) {
                    afterWarmUp = rss;
                }
                max = Math.max(max, rss);
            }
        }
        System.out.printf("rss warmUp=%.1f max=%.1f end=%.1f checksum=%.4f ok=%s%n", afterWarmUp, max, Rss.mib(),
                checksum, Double.isFinite(checksum));
    }
}
