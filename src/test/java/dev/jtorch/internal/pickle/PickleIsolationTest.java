package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;
import net.razorvine.pickle.objects.ClassDictConstructor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtorch's pickling keeps to itself: saving and loading register nothing in the pickle library's process-wide
 * tables (its constructors of globals and its custom picklers), so another user of the library in the same JVM
 * neither sees jtorch's meaning of {@code torch._utils._rebuild_tensor_v2} nor clashes with it; jtorch's own
 * unpickler resolves GLOBAL and STACK_GLOBAL from its own table and leaves other names to the library's defaults.
 */
class PickleIsolationTest {
    @TempDir
    Path dir;

    /** The pickle library's process-wide tables, protected static fields, read from a subclass. */
    private static final class Tables extends Unpickler {
        static Map<String, IObjectConstructor> constructors() {
            return objectConstructors;
        }
    }

    private static final class PicklerTables extends Pickler {
        static Map<Class<?>, IObjectPickler> picklers() {
            return customPicklers;
        }
    }

    private static boolean jtorch(Object o) {
        Class<?> c = o instanceof Class<?> k ? k : o.getClass();
        return c.getName().startsWith("dev.jtorch");
    }

    private static void saveAndLoad(Path f) {
        Torch.save(SaveBytesTest.representative(), f);
        Object back = Torch.load(f);
        assertInstanceOf(Map.class, back);
    }

    @Test
    void savingAndLoadingRegisterNothingInThePickleLibrarysGlobalTables() {
        saveAndLoad(dir.resolve("a.pt"));
        for (Map.Entry<String, IObjectConstructor> e : Tables.constructors().entrySet()) {
            assertFalse(e.getKey().startsWith("torch.") || e.getKey().equals("collections.OrderedDict"),
                    "jtorch's global " + e.getKey() + " in Unpickler.objectConstructors");
            assertFalse(jtorch(e.getValue()), e.getKey() + " constructed by " + e.getValue().getClass());
        }
        for (Map.Entry<Class<?>, IObjectPickler> e : PicklerTables.picklers().entrySet()) {
            assertFalse(jtorch(e.getKey()), "a pickler of " + e.getKey() + " in Pickler.customPicklers");
            assertFalse(jtorch(e.getValue()), e.getKey() + " pickled by " + e.getValue().getClass());
        }
    }

    /** {@code GLOBAL torch._utils _rebuild_tensor_v2}, optionally called on {@code ()}, protocol 2. */
    private static byte[] rebuildTensorPickle(boolean call) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(2);
        b.write('c');
        b.writeBytes("torch._utils\n_rebuild_tensor_v2\n".getBytes(StandardCharsets.US_ASCII));
        if (call) {
            b.write(')');
            b.write('R');
        }
        b.write('.');
        return b.toByteArray();
    }

    @Test
    void aPlainUnpicklerDoesNotResolveTorchGlobalsWithJtorchsConstructors() throws Exception {
        saveAndLoad(dir.resolve("b.pt"));
        Object g = new Unpickler().loads(rebuildTensorPickle(false));
        assertInstanceOf(ClassDictConstructor.class, g, "the pickle library's default for an unknown global");
        Object called = new Unpickler().loads(rebuildTensorPickle(true));
        ClassDict d = assertInstanceOf(ClassDict.class, called);
        assertEquals("torch._utils._rebuild_tensor_v2", d.getClassName());
        // while jtorch's own unpickler gives its constructor
        Object own = new TorchUnpickler(new NoStorages()).loads(rebuildTensorPickle(false));
        assertTrue(jtorch(own), "jtorch's _rebuild_tensor_v2, not " + own.getClass());
    }

    /** A pickle in protocol 4: {@code STACK_GLOBAL module name}, called on {@code ()}. */
    private static byte[] stackGlobalCall(String module, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80);
        b.write(4);
        for (String s : new String[] {module, name}) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            b.write(0x8c); // SHORT_BINUNICODE
            b.write(u.length);
            b.writeBytes(u);
        }
        b.write(0x93); // STACK_GLOBAL
        b.write(')');
        b.write('R');
        b.write('.');
        return b.toByteArray();
    }

    @Test
    void jtorchsUnpicklerResolvesStackGlobalsFromItsOwnTableAndLeavesTheRestToTheLibrary() throws Exception {
        Object od = new TorchUnpickler(new NoStorages()).loads(stackGlobalCall("collections", "OrderedDict"));
        assertInstanceOf(PyObjects.OrderedDict.class, od);
        Object plain = new Unpickler().loads(stackGlobalCall("collections", "OrderedDict"));
        assertInstanceOf(ClassDict.class, plain, "a plain unpickler does not know OrderedDict");
        Object other = new TorchUnpickler(new NoStorages()).loads(stackGlobalCall("mymodule", "Thing"));
        assertEquals("mymodule.Thing", assertInstanceOf(ClassDict.class, other).getClassName());
        Object bytes = new TorchUnpickler(new NoStorages()).loads(stackGlobalCall("builtins", "bytearray"));
        assertInstanceOf(byte[].class, bytes, "the library's default constructors still apply");
    }

    @Test
    void anotherUsersGlobalRegistrationsDoNotChangeWhatJtorchLoadsOrSaves() throws Exception {
        Path f = dir.resolve("c.pt");
        Tensor t = Torch.arange(6).to(DType.FLOAT32);
        Torch.save(Map.of("t", t), f);
        byte[] before = Files.readAllBytes(f);
        IObjectConstructor hadConstructor = Tables.constructors().get("torch._utils._rebuild_tensor_v2");
        IObjectPickler hadPickler = PicklerTables.picklers().get(PyObjects.OrderedDict.class);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", args -> "someone else's");
        Pickler.registerCustomPickler(PyObjects.OrderedDict.class, (o, out, p) -> out.write('N'));
        try {
            Object back = ((Map<?, ?>) Torch.load(f)).get("t");
            assertInstanceOf(Tensor.class, back);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, ((Tensor) back).toFloatArray());
            Path g = dir.resolve("d.pt");
            Torch.save(Map.of("t", t), g);
            assertArrayEquals(before, Files.readAllBytes(g));
        } finally {
            // the tables as they were (without entries, unless something else had registered them)
            if (hadConstructor == null) {
                Tables.constructors().remove("torch._utils._rebuild_tensor_v2");
            } else {
                Tables.constructors().put("torch._utils._rebuild_tensor_v2", hadConstructor);
            }
            if (hadPickler == null) {
                PicklerTables.picklers().remove(PyObjects.OrderedDict.class);
            } else {
                PicklerTables.picklers().put(PyObjects.OrderedDict.class, hadPickler);
            }
        }
    }

    /** A source with no storages, for pickles without persistent ids. */
    private static final class NoStorages implements StorageSource {
        @Override
        public Path path() {
            return Path.of("test.pkl");
        }

        @Override
        public String pickleName() {
            return "test.pkl";
        }

        @Override
        public Tensor storage(String key, DType dtype, long numel) {
            throw new AssertionError("no storages");
        }
    }
}
