package dev.jtorch.jit;

import dev.jtorch.Device;
import dev.jtorch.TensorScope;
import dev.jtorch.TorchException;
import dev.jtorch.internal.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.global.torch;

/**
 * TorchScript loading and saving, mirroring Python's {@code torch.jit}
 * (<a href="https://pytorch.org/docs/stable/jit.html">TorchScript</a>): {@link #load(Path)} reads a model that
 * Python saved with {@code torch.jit.save} (PyTorch 1.13's files included) into a {@link ScriptModule}, a jtorch
 * module that jtorch's optimizers fine-tune; {@link #save} writes one back for Python's {@code torch.jit.load}.
 *
 * <pre>{@code
 * ScriptModule model = Jit.load(Path.of("model.pt"));       // model = torch.jit.load("model.pt")
 * var opt = new SGD(model.parameters(), new SGD.Options(0.01).momentum(0.9));
 * Tensor loss = new MSELoss().forward(model.forward(x), y);
 * loss.backward();
 * opt.step();
 * Jit.save(model, Path.of("tuned.pt"));                      // torch.jit.save(model, "tuned.pt")
 * }</pre>
 */
public final class Jit {
    private Jit() {}

    /**
     * Python's <a href="https://pytorch.org/docs/stable/generated/torch.jit.load.html">torch.jit.load(f)</a>: the
     * scripted module with its parameters and buffers on the devices they were saved from.
     *
     * @throws IllegalArgumentException in Python's words when the file does not exist or is a directory
     * @throws TorchException naming the file and saying what it is when it is not TorchScript (a {@code torch.save}
     *     file, whose loader is {@code Torch.load}; a file that is no zip archive), or when libtorch rejects it
     */
    public static ScriptModule load(Path path) {
        return load(path, null);
    }

    /**
     * Python's {@code torch.jit.load(f, map_location=device)}: loads the parameters and buffers onto
     * {@code device} (null: where they were saved).
     *
     * @see #load(Path)
     */
    public static ScriptModule load(Path path, Device device) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("The provided filename " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("The provided filename " + path + " is a directory");
        }
        Native.ensureLoaded();
        try (TensorScope s = new TensorScope("Jit.load")) {
            JitModule loaded;
            try {
                String file = path.toString();
                loaded = device == null ? torch.load(file)
                        : torch.load(file, new DeviceOptional(device.toNative()), false);
            } catch (RuntimeException e) {
                throw notLoadable(path, e);
            }
            return ScriptModule.of(loaded, path.toString(), nativeEstimate(path));
        }
    }

    /**
     * Python's <a href="https://pytorch.org/docs/stable/generated/torch.jit.save.html">torch.jit.save(m, f)</a>:
     * the same as {@link ScriptModule#save(Path)}.
     */
    public static void save(ScriptModule module, Path path) {
        Objects.requireNonNull(module, "module");
        module.save(path);
    }

    /**
     * What a loaded module holds natively beyond its tensors, roughly: its compiled methods and graphs, measured at
     * about ten times the size of the file for the small models of the tests (resident memory over 1,000 loads).
     */
    private static long nativeEstimate(Path path) {
        try {
            return 10 * Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Why libtorch could not load the file, in terms of what the file is and which loader reads it. */
    private static TorchException notLoadable(Path path, RuntimeException e) {
        String libtorch = Native.cleanMessage(e.getMessage());
        String prefix = "cannot load " + path + " with Jit.load: ";
        String what = describe(path);
        String msg = what == null ? prefix + libtorch : prefix + what + " (libtorch: " + libtorch + ")";
        return new TorchException(msg, e);
    }

    /**
     * What a file that libtorch refused is, or null when it looks like TorchScript (then libtorch's own message
     * says what is wrong with it).
     */
    static String describe(Path path) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
        if (n < 4 || head[0] != 'P' || head[1] != 'K') {
            if (n > 0 && (head[0] & 0xff) == 0x80) {
                return "it is a pickle file (such as torch.save's legacy format), not a TorchScript module; "
                        + "Jit.load reads the zip archives that torch.jit.save writes";
            }
            return "it is not a TorchScript file (torch.jit.save writes a zip archive, and this file is none)";
        }
        boolean data = false;
        boolean constants = false;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.indexOf('/');
                String local = slash >= 0 ? name.substring(slash + 1) : name;
                data |= local.equals("data.pkl");
                constants |= local.equals("constants.pkl");
            }
        } catch (ZipException e) {
            return "it is not a TorchScript file (it starts like a zip archive but is not a readable one: "
                    + e.getMessage() + ")";
        } catch (IOException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
        if (constants) {
            return null;
        }
        if (data) {
            return "it is a torch.save file (a pickled object such as a state dict), not a TorchScript module "
                    + "saved by torch.jit.save: load it with Torch.load";
        }
        return "it is a zip archive but not a TorchScript file (it holds no constants.pkl)";
    }
}
