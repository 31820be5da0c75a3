package dev.jtorch.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.Parameter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not TorchScript say what they are and which loader reads them; scripted calls that fail give
 * TorchScript's own text (golden: Python 1.13's messages for the same file); a closed module throws, never crashes.
 */
class JitErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aTorchSaveStateDictNamesTorchLoad() {
        Path sd = JitGolden.model("mlp_state_dict.pt");
        TorchException e = assertThrows(TorchException.class, () -> Jit.load(sd));
        assertEquals("cannot load " + sd + " with Jit.load: it is a torch.save file (a pickled object such as a "
                + "state dict), not a TorchScript module saved by torch.jit.save: load it with Torch.load (libtorch: "
                + JitGolden.doc().get("not_torchscript").get("state_dict").get("message").asText() + ")",
                e.getMessage());
        // and Torch.load does read it
        Object loaded = dev.jtorch.Torch.load(sd);
        assertTrue(loaded instanceof java.util.Map<?, ?> m && m.containsKey("fc1.weight"), "Torch.load reads it");
    }

    @Test
    void torchLoadOfATorchScriptFileNamesJitLoad() {
        for (String name : new String[] {"mlp.pt", "bn_net.pt", "counter.pt"}) { // written by Python's torch.jit.save
            Path ts = JitGolden.model(name);
            TorchException e = assertThrows(TorchException.class, () -> dev.jtorch.Torch.load(ts));
            assertEquals("cannot load " + ts + " with Torch.load: it is a TorchScript module saved by torch.jit.save, "
                    + "not a torch.save file: load it with Jit.load (dev.jtorch.jit.Jit)", e.getMessage());
        }
        // and one jtorch saved
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt"))) {
            Path saved = dir.resolve("saved.pt");
            m.save(saved);
            assertTrue(assertThrows(TorchException.class, () -> dev.jtorch.Torch.load(saved)).getMessage()
                    .endsWith("load it with Jit.load (dev.jtorch.jit.Jit)"));
        }
    }

    @Test
    void aRandomFileIsNotTorchScript() throws IOException {
        Path f = dir.resolve("random.bin");
        Files.write(f, "not a model at all, just some bytes".getBytes());
        TorchException e = assertThrows(TorchException.class, () -> Jit.load(f));
        assertEquals("cannot load " + f + " with Jit.load: it is not a TorchScript file (torch.jit.save writes a zip "
                + "archive, and this file is none) (libtorch: PytorchStreamReader failed reading zip archive: failed "
                + "finding central directory)", e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.pt"));
        assertTrue(assertThrows(TorchException.class, () -> Jit.load(empty)).getMessage()
                .startsWith("cannot load " + empty + " with Jit.load: it is not a TorchScript file"));
        Path pickle = dir.resolve("legacy.pt");
        Files.write(pickle, new byte[] {(byte) 0x80, 2, 'K', 1, '.'});
        assertTrue(assertThrows(TorchException.class, () -> Jit.load(pickle)).getMessage()
                .contains("it is a pickle file (such as torch.save's legacy format), not a TorchScript module"));
    }

    @Test
    void anOtherZipOrATruncatedModelIsNamed() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        assertTrue(assertThrows(TorchException.class, () -> Jit.load(zip)).getMessage()
                .contains("it is a zip archive but not a TorchScript file (it holds no constants.pkl)"));
        byte[] model = Files.readAllBytes(JitGolden.model("mlp.pt"));
        Path half = dir.resolve("half.pt");
        try (OutputStream out = Files.newOutputStream(half)) {
            out.write(model, 0, model.length / 2);
        }
        String m = assertThrows(TorchException.class, () -> Jit.load(half)).getMessage();
        assertTrue(m.startsWith("cannot load " + half + " with Jit.load: it is not a TorchScript file (it starts "
                + "like a zip archive but is not a readable one"), m);
        assertTrue(m.contains("(libtorch: PytorchStreamReader failed reading zip archive"), m);
    }

    @Test
    void aMissingFileOrADirectoryGetsPythonsValueError() {
        Path missing = dir.resolve("nope.pt");
        assertEquals("The provided filename " + missing + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> Jit.load(missing)).getMessage());
        assertEquals("The provided filename " + dir + " is a directory",
                assertThrows(IllegalArgumentException.class, () -> Jit.load(dir)).getMessage());
        assertThrows(NullPointerException.class, () -> Jit.load(null));
    }

    @Test
    void wrongShapesGiveTorchScriptsTextAsPythonPrintsIt() {
        JsonNode g = JitGolden.doc().get("mlp");
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            TorchException e = assertThrows(TorchException.class, () -> m.forward(Torch.zeros(2, 5)));
            assertEquals(g.get("shape_error").get("message").asText().strip(), e.getMessage());
            Tensor x = JitGolden.tensor("x");
            // Python 1.13 checks the count in its binding ("forward() expected at most 2 argument(s) but received 3
            // argument(s). Declaration: ..."); libtorch's interpreter says it in its own words, same declaration
            TorchException arity = assertThrows(TorchException.class, () -> m.forward(x, x));
            String py = g.get("arity_error").get("message").asText();
            assertEquals("Expected at most 2 argument(s) for operator 'forward', but received 3 argument(s). "
                    + py.substring(py.indexOf("Declaration: ")), arity.getMessage());
            // Python checks argument types in its binding (and adds pybind's cast details); TorchScript's own check
            // says the same up to the declaration
            TorchException type = assertThrows(TorchException.class, () -> m.runMethod("hidden", x, "a"));
            String python = g.get("type_error").get("message").asText();
            String common = python.substring(0, python.indexOf("\nCast error details"));
            assertTrue(type.getMessage().startsWith(common.substring(0, common.indexOf("\nPosition"))),
                    type.getMessage());
            // the module still works after the errors
            assertEquals(3, m.forward(x).size(1));
        }
        // after its first runs the profiling executor runs an optimized graph, and the error nests as in Python
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            Tensor x = JitGolden.tensor("x");
            for (int i = 0; i < 3; i++) {
                m.forward(x);
            }
            TorchException e = assertThrows(TorchException.class, () -> m.forward(Torch.zeros(2, 5)));
            assertEquals(g.get("shape_error_after_3_runs").get("message").asText().strip(), e.getMessage());
        }
    }

    @Test
    void unknownMethodsAndUnsupportedArgumentsAreIllegalArguments() {
        try (ScriptModule m = Jit.load(JitGolden.model("mlp.pt")); TensorScope s = new TensorScope("test")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.runMethod("predict"));
            assertEquals("'RecursiveScriptModule' object has no attribute 'predict' (scripted methods of Mlp: "
                    + "[forward, hidden])", e.getMessage());
            IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
                    () -> m.runMethod("hidden", Torch.zeros(1, 4), new java.util.ArrayList<>()));
            assertTrue(arg.getMessage().startsWith("cannot pass a java.util.ArrayList to a scripted method"));
            Tensor released = Torch.zeros(1, 4);
            released.close();
            assertThrows(IllegalStateException.class, () -> m.forward(released));
            // a Java integer is a TorchScript int, which a float parameter refuses (Python's binding converts it)
            TorchException intForFloat = assertThrows(TorchException.class,
                    () -> m.runMethod("hidden", Torch.zeros(1, 4), 2));
            assertEquals("hidden() Expected a value of type 'float' for argument 'scale' but instead found type "
                    + "'int'.\nPosition: 2\nDeclaration: hidden(__torch__.Mlp self, Tensor x, float scale) -> Tensor",
                    intForFloat.getMessage());
            Object scaled = m.runMethod("hidden", Torch.zeros(1, 4), 2.0);
            assertEquals(8, ((Tensor) scaled).size(1));
        }
    }

    @Test
    void useAfterCloseThrowsAndNeverCrashes() {
        ScriptModule m = Jit.load(JitGolden.model("mlp.pt"));
        ScriptModule fc1 = (ScriptModule) m.namedChildren().get("fc1");
        Parameter w = m.namedParameters().get("fc1.weight");
        fc1.close(); // closing any module of the tree closes the tree
        assertTrue(m.isClosed());
        try (TensorScope s = new TensorScope("test")) {
            Tensor x = Torch.zeros(2, 4);
            String msg = assertThrows(IllegalStateException.class, () -> m.forward(x)).getMessage();
            assertEquals("Cannot run forward ScriptModule Mlp (loaded from " + JitGolden.model("mlp.pt")
                    + "): it has been closed", msg);
            assertThrows(IllegalStateException.class, () -> fc1.forward(x));
            assertThrows(IllegalStateException.class, () -> m.runMethod("hidden", x, 1.0));
            assertThrows(IllegalStateException.class, () -> m.save(dir.resolve("x.pt")));
            assertThrows(IllegalStateException.class, () -> m.train());
            assertThrows(IllegalStateException.class, () -> m.to(dev.jtorch.Device.CPU));
            assertThrows(IllegalStateException.class, m::nativeModule);
            assertThrows(IllegalStateException.class, () -> m.hasMethod("forward"));
            // the parameters are jtorch tensors of their own and stay valid
            assertEquals(4, w.size(1));
            assertEquals(8, w.matmul(Torch.ones(4)).size(0));
            assertEquals(4, m.stateDict().size());
            m.close(); // twice: nothing happens
            assertTrue(m.toString().startsWith("RecursiveScriptModule("));
        }
        System.gc(); // the closed native module must not be freed a second time by its deallocator
    }

    @Test
    void closeWhileOtherThreadsRunForwardNeverCrashes() throws Exception {
        for (int round = 0; round < 20; round++) {
            ScriptModule m = Jit.load(JitGolden.model("mlp.pt"));
            Tensor x = Torch.randn(8, 4).keep();
            java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Throwable> unexpected =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(4);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; i < 200; i++) {
                        try (TensorScope s = new TensorScope("worker")) {
                            m.forward(x).sum().backward();
                            ok.incrementAndGet();
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().contains("it has been closed")) {
                                unexpected.compareAndSet(null, e);
                            }
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                        }
                    }
                });
                threads.add(th);
                th.start();
            }
            started.await();
            m.close();
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(null, unexpected.get(), "every call either ran or said the module was closed");
            assertThrows(IllegalStateException.class, () -> m.forward(x));
        }
    }
}
