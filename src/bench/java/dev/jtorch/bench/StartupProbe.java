package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.lang.management.ManagementFactory;

/**
 * Where a jtorch program's start-up goes ({@code startup}'s split, in a child JVM): the JVM's own start until
 * {@code main}, loading libtorch through JavaCPP ({@code Native.ensureLoaded}: extraction check, the presets' preload
 * list, {@code dlopen} of libtorch and the JNI library, the presets' class initialisation), the first tensor
 * operations (a forward and backward of the seed-000 model's first layer), and the classes loaded by then. Prints
 * one line: {@code probe <jvm_ms> <native_ms> <first_ops_ms> <classes>}.
 */
final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        long atMain = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        dev.jtorch.internal.Native.ensureLoaded();
        long t1 = System.nanoTime();
        Tensor w = Torch.randn(10, 64).requiresGrad_(true);
        Tensor loss = Torch.randn(64, 10).matmul(w).relu().sum();
        loss.backward();
        loss.item();
        long t2 = System.nanoTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.printf("probe %d %.1f %.1f %d%n", atMain, (t1 - t0) / 1e6, (t2 - t1) / 1e6, classes);
    }
}
