package dev.jtorch.internal;

import dev.jtorch.TorchException;
import java.io.IOException;
import org.bytedeco.javacpp.Loader;

/**
 * Loads libtorch through JavaCPP exactly once, and turns native errors into {@link TorchException}.
 *
 * <p>JavaCPP extracts native libraries lazily, one by one, into its cache. With the 2.10.0-1.5.13 presets a JVM
 * that finds the cache empty crashes while loading {@code libtorch_cpu.so} (its dependencies are not extracted yet
 * and the loader picks up mismatching copies). Extracting the whole native directory first avoids that crash, so
 * every entry point into jtorch calls {@link #ensureLoaded()} before touching libtorch.
 */
public final class Native {
    private static final String EXCEPTION_TRAILER = "Exception raised from ";
    private static volatile boolean loaded;

    private Native() {}

    /** Extracts and loads libtorch once per JVM. Thread-safe and cheap after the first call. */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (Native.class) {
            if (loaded) {
                return;
            }
            String platform = Loader.getPlatform();
            for (String dir : new String[] {platform + "-gpu", platform}) {
                try {
                    if (Loader.cacheResources(org.bytedeco.pytorch.Tensor.class,
                            "/org/bytedeco/pytorch/" + dir + "/").length > 0) {
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    // this directory is not on the class path: try the next one, the loader reports what is missing
                }
            }
            Loader.load(org.bytedeco.pytorch.global.torch.class);
            loaded = true;
        }
    }

    /**
     * Converts an exception thrown by JavaCPP for a C++ exception into a {@link TorchException} that carries
     * PyTorch's own message without the C++ stack trace.
     */
    public static TorchException translate(RuntimeException e) {
        if (e instanceof TorchException te) {
            return te;
        }
        return new TorchException(cleanMessage(e.getMessage()), e);
    }

    /** PyTorch's message without the {@code Exception raised from ...} trailer and native frames. */
    public static String cleanMessage(String message) {
        if (message == null) {
            return "libtorch error";
        }
        int cut = message.indexOf(EXCEPTION_TRAILER);
        String m = cut >= 0 ? message.substring(0, cut) : message;
        return m.strip();
    }
}
