package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.internal.pickle.PyObjects;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.testing.Golden;
import dev.jtorch.testing.Python;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torch.save/load in torch.save's format, both ways with Python. */
class SerializationTest {
    @TempDir
    Path dir;

    /** Seed 000's model. */
    static class SimpleClassifier extends Module {
        Linear fc1 = new Linear(10, 64);
        ReLU relu = new ReLU();
        Dropout dropout = new Dropout(0.5);
        Linear fc2 = new Linear(64, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(dropout.forward(relu.forward(fc1.forward(x))));
        }
    }

    private static Path resource(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = SerializationTest.class.getResourceAsStream("/interop/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static double[] values(JsonNode v) {
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = v.get(i).asDouble();
        }
        return d;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCheckpointWrittenByPythonLoadsIntoTheJtorchModel() throws Exception {
        Path file = resource(dir, "python_checkpoint.pt");
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/interop/python_checkpoint.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Map<String, Object> ckpt = (Map<String, Object>) Torch.load(file);
        assertEquals(2, ((Number) ckpt.get("epoch")).intValue());
        assertEquals(expected.get("loss").asDouble(), ((Number) ckpt.get("loss")).doubleValue());
        assertEquals("written by Python", ckpt.get("note"));
        assertArrayEquals(new Object[] {3, 4}, (Object[]) ckpt.get("sizes"));
        assertEquals(java.util.Arrays.asList(true, false, null), ckpt.get("flags"));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, ((Tensor) ckpt.get("long_tensor")).toLongArray());
        Tensor view = (Tensor) ckpt.get("matrix_view");
        assertEquals("torch.Size([3, 2])", view.shape().toString());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, view.toFloatArray(), "views keep offset and strides");

        Map<String, Tensor> sd = (Map<String, Tensor>) ckpt.get("model_state_dict");
        assertTrue((Object) sd instanceof PyObjects.OrderedDict, "an OrderedDict, as Python wrote it");
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), new ArrayList<>(sd.keySet()));
        SimpleClassifier model = new SimpleClassifier();
        assertEquals("<All keys matched successfully>", model.loadStateDict(sd).toString());
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            assertArrayEquals(values(expected.get("model").get(e.getKey()).get("values")), e.getValue().toDoubleArray(),
                    0.0, e.getKey());
        }
        Torch.manualSeed(42);
        model.eval();
        Map<String, Object> opt = (Map<String, Object>) ckpt.get("optimizer_state_dict");
        Map<Object, Map<String, Object>> state = (Map<Object, Map<String, Object>>) opt.get("state");
        assertEquals(expected.get("step").asDouble(), ((Tensor) state.get(0).get("step")).item());
        assertArrayEquals(values(expected.get("exp_avg_fc2_bias")),
                ((Tensor) state.get(3).get("exp_avg")).toDoubleArray(), 0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void javaRoundTripKeepsEveryKindOfValue() {
        Path file = dir.resolve("ckpt.pt");
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("epoch", 7);
        ckpt.put("loss", 0.25);
        ckpt.put("name", "run");
        ckpt.put("betas", new double[] {0.9, 0.999});
        ckpt.put("list", List.of(1L, "two", false));
        ckpt.put("float64", Torch.tensor(new double[] {0.1, 0.2}, DType.FLOAT64));
        ckpt.put("bool", Torch.tensor(true, false));
        ckpt.put("int32", Torch.tensor(new int[] {5, 6}, DType.INT32));
        ckpt.put("bf16", Torch.ones(2).to(DType.BFLOAT16));
        ckpt.put("grad", Torch.ones(2).requiresGrad_());
        ckpt.put("empty", Torch.zeros(0, 3));
        ckpt.put("scalar", Torch.scalarTensor(3.5));
        ckpt.put("ordered", new PyObjects.OrderedDict(Map.of("k", Torch.arange(3))));
        Torch.save(ckpt, file);
        Map<String, Object> back = (Map<String, Object>) Torch.load(file);
        assertEquals(7, ((Number) back.get("epoch")).intValue());
        assertEquals(0.25, back.get("loss"));
        assertEquals("run", back.get("name"));
        assertArrayEquals(new Object[] {0.9, 0.999}, (Object[]) back.get("betas"));
        assertEquals(List.of(1, "two", false), back.get("list"));
        Tensor f64 = (Tensor) back.get("float64");
        assertEquals(DType.FLOAT64, f64.dtype());
        assertArrayEquals(new double[] {0.1, 0.2}, f64.toDoubleArray());
        assertArrayEquals(new boolean[] {true, false}, ((Tensor) back.get("bool")).toBooleanArray());
        assertEquals(DType.INT32, ((Tensor) back.get("int32")).dtype());
        assertEquals(DType.BFLOAT16, ((Tensor) back.get("bf16")).dtype());
        assertTrue(((Tensor) back.get("grad")).requiresGrad());
        assertEquals("torch.Size([0, 3])", ((Tensor) back.get("empty")).shape().toString());
        assertEquals(3.5, ((Tensor) back.get("scalar")).item());
        assertEquals(0, ((Tensor) back.get("scalar")).dim());
        assertTrue(back.get("ordered") instanceof PyObjects.OrderedDict);
        Path sdFile = dir.resolve("state_dict.pt");
        Torch.manualSeed(1);
        SimpleClassifier m = new SimpleClassifier();
        Torch.save(m.stateDict(), sdFile);
        Object sd = Torch.load(sdFile);
        assertTrue(sd instanceof PyObjects.OrderedDict, "torch.save(model.state_dict()) holds an OrderedDict");
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                new ArrayList<>(((Map<?, ?>) sd).keySet()));
    }

    @Test
    void brokenFilesGiveClearErrorsAndSavingNeverLeavesAHalfFile() throws Exception {
        Path good = dir.resolve("good.pt");
        Torch.save(Map.of("w", Torch.ones(100)), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        TorchException t = assertThrows(TorchException.class, () -> Torch.load(truncated));
        assertTrue(t.getMessage().contains("truncated.pt"), t.getMessage());
        Path garbage = dir.resolve("garbage.pt");
        Files.writeString(garbage, "not a checkpoint");
        TorchException g = assertThrows(TorchException.class, () -> Torch.load(garbage));
        assertTrue(g.getMessage().startsWith("cannot load " + garbage), g.getMessage());
        assertThrows(TorchException.class, () -> Torch.load(dir.resolve("missing.pt")));

        assertThrows(IllegalArgumentException.class, () -> Torch.save(Map.of("bad", new Object()), good));
        assertArrayEquals(bytes, Files.readAllBytes(good), "a failed save leaves the previous file untouched");
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aFlippedByteInAStorageFailsItsCrcCheck() throws Exception {
        Path good = dir.resolve("crc.pt");
        Torch.save(Map.of("w", Torch.ones(100)), good);
        byte[] bytes = Files.readAllBytes(good);
        byte[] ones = {0, 0, (byte) 0x80, 0x3f, 0, 0, (byte) 0x80, 0x3f, 0, 0, (byte) 0x80, 0x3f};
        int at = indexOf(bytes, ones);
        assertTrue(at > 0, "the storage's bytes are in the archive as they are");
        bytes[at + 2] = (byte) 0x81; // one float of the storage: 1.0 -> 1.0000153
        Path corrupt = dir.resolve("corrupt.pt");
        Files.write(corrupt, bytes);
        TorchException e = assertThrows(TorchException.class, () -> Torch.load(corrupt));
        assertTrue(e.getMessage().contains("CRC") && e.getMessage().contains("corrupt.pt"), e.getMessage());
    }

    @Test
    void aTensorReachingPastItsStorageIsRefused() throws Exception {
        Path good = dir.resolve("bounds.pt");
        Torch.save(Map.of("w", Torch.ones(100)), good);
        byte[] bytes = Files.readAllBytes(good);
        // the pickled arguments of _rebuild_tensor_v2: offset 0, size (100,) (memoized with BINPUT 8), stride (1,)
        byte[] args = {'K', 0, 'K', 100, (byte) 0x85, 'q', 8, 'K', 1, (byte) 0x85};
        int at = indexOf(bytes, args);
        assertTrue(at > 0, "the tensor's size is pickled as a one-byte int");
        bytes[at + 3] = (byte) 200; // size (200,) over a storage of 100 elements
        Path bad = dir.resolve("bad-size.pt");
        Files.write(bad, bytes);
        TorchException e = assertThrows(TorchException.class, () -> Torch.load(bad));
        assertTrue(e.getMessage().contains("storage of 100"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Tag("python")
    @Test
    void pythonLoadsWhatJavaWrites() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Torch.manualSeed(5);
        SimpleClassifier model = new SimpleClassifier();
        Path file = dir.resolve("java_model.pt");
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("epoch", 3);
        ckpt.put("model_state_dict", model.stateDict());
        ckpt.put("loss", 0.5);
        Torch.save(ckpt, file);
        Tensor x = Torch.randn(2, 10);
        model.eval();
        double[] javaOut = model.forward(x).toDoubleArray();
        String script = String.join("\n",
                "import sys, torch, torch.nn as nn",
                "class SimpleClassifier(nn.Module):",
                "    def __init__(self):",
                "        super().__init__()",
                "        self.fc1 = nn.Linear(10, 64); self.relu = nn.ReLU(); self.dropout = nn.Dropout(0.5)",
                "        self.fc2 = nn.Linear(64, 2)",
                "    def forward(self, x):",
                "        return self.fc2(self.dropout(self.relu(self.fc1(x))))",
                "ckpt = torch.load(sys.argv[1])",
                "m = SimpleClassifier()",
                "print(m.load_state_dict(ckpt['model_state_dict'], strict=True))",
                "m.eval()",
                "x = torch.tensor([float(v) for v in sys.argv[2].split(',')]).view(2, 10)",
                "print(ckpt['epoch'], ckpt['loss'], type(ckpt['model_state_dict']).__name__)",
                "print(','.join(repr(v) for v in m(x).reshape(-1).tolist()))");
        Path py = dir.resolve("load.py");
        Files.writeString(py, script);
        StringBuilder xs = new StringBuilder();
        for (double v : x.toDoubleArray()) {
            xs.append(xs.length() == 0 ? "" : ",").append(v);
        }
        Python.Result r = Python.run(py.toString(), file.toString(), xs.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        assertEquals("<All keys matched successfully>", lines[0]);
        assertEquals("3 0.5 OrderedDict", lines[1]);
        String[] outs = lines[2].split(",");
        double[] pyOut = new double[outs.length];
        for (int i = 0; i < outs.length; i++) {
            pyOut[i] = Double.parseDouble(outs[i]);
        }
        Golden.assertClose(javaOut, pyOut, 1e-6, 1e-6, "Python's output of the Java-trained weights");
    }
}
