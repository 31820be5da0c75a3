package dev.jtorch.internal.pickle;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.TorchException;
import dev.jtorch.internal.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;

/**
 * {@code torch.save} / {@code torch.load}'s file format, in Java: a zip archive holding {@code <name>/data.pkl}
 * (a protocol-2 pickle in which tensors are {@code torch._utils._rebuild_tensor_v2} calls whose storages are
 * persistent ids), {@code <name>/data/<key>} (each storage's raw little-endian bytes) and {@code <name>/version}.
 * Files written here load in Python with {@code torch.load}; files Python writes load here.
 *
 * <p>Saving is atomic ({@link AtomicFile}): the archive is written to a temporary file in the target's directory,
 * forced to disk, then renamed over the target, so a crash never leaves a half-written file in place of a good one;
 * the file gets the permissions Python's {@code open(path, 'wb')} gives it. Shared and recursive containers are
 * pickled once each with the pickle memo, as Python's pickle does. Loading checks every size the file declares
 * against the file's actual size before allocating, and names the file in every error.
 */
public final class TorchSerialization {
    private TorchSerialization() {}

    // ---------------------------------------------------------------- saving

    /**
     * Pickles storages by persistent id, as torch.save does, and memoizes containers before their contents as
     * Python's pickle does, so that recursive structures are written with BINGET back-references.
     */
    static final class TorchPickler extends Pickler {
        TorchPickler() {
            super(true, false);
        }

        /** Memoizes {@code o} now (BINPUT), if not yet: for custom picklers, before they write the contents. */
        void memoize(Object o) throws IOException {
            writeMemo(o);
        }

        private int memoIndex(Object o) {
            Memo m = memo.get(System.identityHashCode(o));
            return m != null && m.obj == o ? m.index : -1;
        }

        private void writeGet(int index) throws IOException {
            if (index <= 0xff) {
                out.write(net.razorvine.pickle.Opcodes.BINGET);
                out.write(index);
            } else {
                out.write(net.razorvine.pickle.Opcodes.LONG_BINGET);
                out.write(net.razorvine.pickle.PickleUtils.integer_to_bytes(index), 0, 4);
            }
        }

        /**
         * Python's {@code save_tuple}: a tuple reached again while its items are being written (through a list or
         * dict that holds it) is memoized by that inner write, so the outer write drops its items (POP) and refers
         * to the memoized tuple (BINGET). Other tuples are written exactly as the pickle library writes them.
         */
        @Override
        public void save(Object o) throws IOException {
            if (!(o instanceof Object[] a) || a.length == 0 || memoIndex(o) >= 0) {
                super.save(o);
                return;
            }
            recurse++;
            if (recurse > MAX_RECURSE_DEPTH) {
                throw new PickleException("maximum recursion depth exceeded while pickling an object");
            }
            if (a.length > 3) {
                out.write(net.razorvine.pickle.Opcodes.MARK);
            }
            for (Object x : a) {
                save(x);
            }
            int index = memoIndex(a);
            if (index >= 0) {
                if (a.length > 3) {
                    out.write(net.razorvine.pickle.Opcodes.POP_MARK);
                } else {
                    for (int i = 0; i < a.length; i++) {
                        out.write(net.razorvine.pickle.Opcodes.POP);
                    }
                }
                writeGet(index);
            } else {
                out.write(a.length == 1 ? net.razorvine.pickle.Opcodes.TUPLE1
                        : a.length == 2 ? net.razorvine.pickle.Opcodes.TUPLE2
                        : a.length == 3 ? net.razorvine.pickle.Opcodes.TUPLE3 : net.razorvine.pickle.Opcodes.TUPLE);
                writeMemo(a);
            }
            recurse--;
        }

        /**
         * jtorch's picklers of {@link PyObjects.Global}, {@link PyObjects.Reduce} and {@link PyObjects.OrderedDict}
         * ({@link PyObjects#pickler}) first, then the pickle library's: the pickle library calls this where it would
         * look in its process-wide table, so jtorch registers nothing there.
         */
        @Override
        protected IObjectPickler getCustomPickler(Class<?> t) {
            IObjectPickler own = PyObjects.pickler(t);
            return own != null ? own : super.getCustomPickler(t);
        }

        @Override
        protected Object persistentId(Object obj) {
            if (obj instanceof SavedStorage s) {
                return new Object[] {"storage", new PyObjects.Global("torch", TensorRebuild.storageClass(s.dtype())),
                        s.key(), "cpu", s.numel()};
            }
            return null;
        }
    }

    /**
     * Python's {@code torch.save(obj, path)}. {@code obj} may hold maps (Python dicts; {@link PyObjects.OrderedDict}
     * and a module's {@link dev.jtorch.nn.StateDict} for OrderedDict), lists, {@code Object[]} and primitive arrays (tuples), strings, numbers, booleans, null and
     * tensors (saved to the CPU; tensors viewing one storage are saved with one storage record, each with its offset,
     * size and stride, as torch.save does, so that they share a storage again when loaded).
     */
    public static void save(Object obj, Path path) {
        Objects.requireNonNull(path, "path");
        List<SavedStorage> storages = new ArrayList<>();
        // The scope keeps the contiguous copies of the tensors alive until their bytes are written.
        try (TensorScope scope = new TensorScope("torch.save")) {
            byte[] pickle;
            try {
                Object py = PythonConversion.convert(obj, storages);
                pickle = new TorchPickler().dumps(py);
            } catch (IOException | PickleException e) {
                throw new TorchException("cannot pickle the object to save to " + path + ": " + e.getMessage(), e);
            }
            ArchiveWriter.write(path, pickle, storages);
        }
    }

    // ---------------------------------------------------------------- loading

    /**
     * Python's {@code torch.load(path)} (to the CPU): dicts become {@link LinkedHashMap}s ({@link PyObjects.OrderedDict}
     * for OrderedDicts), lists {@code ArrayList}s, tuples {@code Object[]}, ints {@code Integer} or {@code Long},
     * floats {@code Double}, tensors {@link Tensor}s outside every scope. Recursive structures (a dict holding
     * itself) load recursive, as in Python.
     *
     * <p>Every size the file declares (records, strings, storages, tensor shapes) is checked against the file's
     * actual size before memory is allocated for it, so a crafted or corrupted file fails with a message instead of
     * exhausting memory.
     *
     * <p>Both of torch.save's formats load: the zip archive (PyTorch 1.6 and later) and the legacy format that
     * PyTorch wrote before, and still writes with {@code _use_new_zipfile_serialization=False} ({@link LegacyReader}).
     * A whole pickled {@code nn.Module} ({@code torch.save(model)}) is refused with a message saying how to convert it
     * to a state dict.
     *
     * @throws TorchException naming the file and what is wrong with it if it is missing, truncated, corrupted or not
     *     in torch.save's format
     */
    public static Object load(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new TorchException("cannot load " + path + ": no such file");
        }
        Format format = sniff(path);
        if (format == Format.LEGACY) {
            return loadLegacy(path);
        }
        if (format == Format.TAR) {
            throw new TorchException("cannot load " + path + ": it is in the tar format of torch.save from PyTorch"
                    + " 0.3 and older, which jtorch does not read; convert it in Python: torch.save(torch.load(f), 'new.pt')");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (isTorchScript(zip)) { // Python's torch.load checks the same (_is_torchscript_zip) and defers to jit
                throw new TorchException("cannot load " + path + " with Torch.load: it is a TorchScript module saved "
                        + "by torch.jit.save, not a torch.save file: load it with Jit.load (dev.jtorch.jit.Jit)");
            }
            long fileSize = Files.size(path);
            ArchiveReader archive = new ArchiveReader(zip, path, fileSize);
            byte[] pickle = archive.pickle();
            try (TensorScope scope = new TensorScope("torch.load")) {
                return new TorchUnpickler(archive).loads(pickle);
            }
        } catch (ZipException e) {
            throw new TorchException("cannot load " + path + ": not a valid torch.save archive (" + e.getMessage()
                    + "); the file may be truncated or corrupted", e);
        } catch (TorchException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot load " + path)) {
                throw e;
            }
            throw corrupted(path, e);
        } catch (IOException | RuntimeException e) {
            throw corrupted(path, e);
        }
    }

    /** Whether the archive is TorchScript's: it has a {@code constants.pkl} record, as Python's test asks. */
    private static boolean isTorchScript(ZipFile zip) {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (name.equals("constants.pkl") || slash >= 0 && name.substring(slash + 1).equals("constants.pkl")) {
                return true;
            }
        }
        return false;
    }

    /** What a file's first bytes say it is. */
    private enum Format { ZIP, LEGACY, TAR, OTHER }

    /**
     * A zip archive starts with a local header ({@code PK\3\4}), a legacy file with a pickle's PROTO opcode
     * (0x80), the tar format of PyTorch 0.3 with a tar header ({@code ustar} at byte 257).
     */
    private static Format sniff(Path path) {
        byte[] head = new byte[262];
        int n = 0;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0;) {
                n += r;
            }
        } catch (IOException e) {
            throw new TorchException("cannot load " + path + ": " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            return Format.ZIP;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80) {
            return Format.LEGACY;
        }
        if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            return Format.TAR;
        }
        return Format.OTHER;
    }

    /** torch.save's legacy (pre-1.6, non-zip) format: {@link LegacyReader}. */
    private static Object loadLegacy(Path path) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path,
                java.nio.file.StandardOpenOption.READ)) {
            return new LegacyReader(ch, path, ch.size()).load();
        } catch (LegacyReader.NotTorchSave e) {
            throw new TorchException("cannot load " + path + ": " + e.getMessage(), e);
        } catch (TorchException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot load " + path)) {
                throw e;
            }
            throw corruptedLegacy(path, e);
        } catch (IOException | RuntimeException e) {
            throw corruptedLegacy(path, e);
        }
    }

    private static TorchException corruptedLegacy(Path path, Exception e) {
        return new TorchException("cannot load " + path + ": corrupted torch.save file in the legacy (pre-1.6,"
                + " non-zip) format (" + what(e) + ")", e);
    }

    private static TorchException corrupted(Path path, Exception e) {
        return new TorchException("cannot load " + path + ": corrupted torch.save archive (" + what(e) + ")", e);
    }

    private static String what(Exception e) {
        return e instanceof PickleException || e instanceof TorchException || e instanceof IOException
                ? e.getMessage() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
