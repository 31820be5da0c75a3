package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensors viewing one storage are saved as torch.save saves them (one storage record, each tensor with its offset,
 * size and stride) and load sharing one storage, both ways with Python.
 */
class SharedStorageTest {
    @TempDir
    Path dir;

    /** base = arange(12.).view(3, 4) and views of it, as gen_legacy_checkpoint.py makes them. */
    static Map<String, Object> views() {
        Tensor base = Torch.arange(12).to(DType.FLOAT32).view(3, 4);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base);
        m.put("row", base.select(0, 1));
        m.put("col", base.select(1, 2));
        m.put("block", base.narrow(0, 1, 2).narrow(1, 1, 2));
        m.put("transposed", base.t());
        m.put("other", Torch.ones(3));
        return m;
    }

    static List<String> records(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (var e : Collections.list(z.entries())) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsSavedTogetherShareOneStorageRecordAndLoadSharingIt() throws Exception {
        Path file = dir.resolve("views.pt");
        Torch.save(views(), file);
        assertEquals(List.of("archive/data.pkl", "archive/data/0", "archive/data/1", "archive/version"),
                records(file), "one storage for base and its four views, one for 'other'");
        Map<String, Object> back = (Map<String, Object>) Torch.load(file);
        Tensor base = (Tensor) back.get("base");
        Tensor block = (Tensor) back.get("block");
        assertArrayEquals(new float[] {5, 6, 9, 10}, block.toFloatArray());
        assertEquals(5, block.nativeTensor().storage_offset());
        assertArrayEquals(new long[] {4, 1}, block.nativeTensor().strides().vec().get());
        assertArrayEquals(new long[] {1, 4}, ((Tensor) back.get("transposed")).nativeTensor().strides().vec().get(),
                "a transposed view keeps its strides");
        for (String k : List.of("row", "col", "block", "transposed")) {
            assertEquals(LegacyCheckpointTest.storageAddress(base),
                    LegacyCheckpointTest.storageAddress((Tensor) back.get(k)), k);
        }
        assertNotEquals(LegacyCheckpointTest.storageAddress(base),
                LegacyCheckpointTest.storageAddress((Tensor) back.get("other")));
        // modify one, the others change
        ((Tensor) back.get("row")).fill_(-1);
        assertArrayEquals(new float[] {0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11}, base.toFloatArray());
        assertArrayEquals(new float[] {-1, -1, 9, 10}, block.toFloatArray());
        assertArrayEquals(new float[] {2, -1, 10}, ((Tensor) back.get("col")).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, ((Tensor) back.get("other")).toFloatArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aViewSavedAloneSavesItsWholeStorageAsTorchSaveDoes() throws Exception {
        Tensor base = Torch.arange(10).to(DType.FLOAT64);
        Path file = dir.resolve("slice.pt");
        Torch.save(Map.of("s", base.narrow(0, 7, 2)), file);
        Tensor s = (Tensor) ((Map<String, Object>) Torch.load(file)).get("s");
        assertArrayEquals(new double[] {7, 8}, s.toDoubleArray());
        assertEquals(7, s.nativeTensor().storage_offset());
        assertEquals(80, s.nativeTensor().storage().nbytes());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tensorsViewingOneStorageAsDifferentDtypesAreSavedAsSeparateStorages() throws Exception {
        // Python refuses to save these ("Cannot save multiple tensors or storages that view the same data as
        // different types"); jtorch saves each dtype's view of the bytes as a storage of its own.
        Tensor f = Torch.tensor(new float[] {1, 2, 3});
        Tensor asShorts = dev.jtorch.internal.Ops.tensor(
                () -> f.nativeTensor().view(org.bytedeco.pytorch.global.torch.ScalarType.Short));
        Tensor asDouble = dev.jtorch.internal.Ops.tensor(
                () -> f.narrow(0, 0, 2).nativeTensor().view(org.bytedeco.pytorch.global.torch.ScalarType.Double));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f", f);
        m.put("f2", f.narrow(0, 1, 2));
        m.put("shorts", asShorts);
        m.put("double", asDouble); // 12 bytes are no whole number of doubles: a copy of its own 8
        Path file = dir.resolve("dtypes.pt");
        Torch.save(m, file);
        assertEquals(5, records(file).size(), "data.pkl, three storages, version");
        Map<String, Object> back = (Map<String, Object>) Torch.load(file);
        assertArrayEquals(new float[] {2, 3}, ((Tensor) back.get("f2")).toFloatArray());
        assertEquals(LegacyCheckpointTest.storageAddress((Tensor) back.get("f")),
                LegacyCheckpointTest.storageAddress((Tensor) back.get("f2")));
        Tensor shorts = (Tensor) back.get("shorts");
        assertEquals(DType.INT16, shorts.dtype());
        assertArrayEquals(asShorts.toLongArray(), shorts.toLongArray());
        Tensor d = (Tensor) back.get("double");
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(asDouble.toDoubleArray(), d.toDoubleArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPythonFileOfSharedViewsLoadsSharing() throws Exception {
        Path file = LegacyCheckpointTest.resource(dir, "shared_views.pt");
        assertEquals(List.of("shared_views/data.pkl", "shared_views/data/0", "shared_views/version"),
                records(file).stream().filter(n -> !n.endsWith("byteorder")).toList(),
                "Python wrote one storage for the five views");
        Map<String, Object> back = (Map<String, Object>) Torch.load(file);
        JsonNode exp = LegacyCheckpointTest.expected().get("shared_views");
        for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            LegacyCheckpointTest.assertDescribed(e.getValue(), (Tensor) back.get(e.getKey()), e.getKey());
        }
        Tensor base = (Tensor) back.get("base");
        ((Tensor) back.get("transposed")).fill_(3);
        assertArrayEquals(new float[] {3, 3, 3, 3}, ((Tensor) back.get("row")).toFloatArray());
        assertEquals(12, base.numel());
        assertTrue(base.toDoubleArray()[0] == 3.0);
    }

    @Tag("python")
    @Test
    void pythonSeesTheViewsJtorchSavedSharingTheirStorage() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed (apt-get install python3-torch)");
        Path file = dir.resolve("java_views.pt");
        Torch.save(views(), file);
        String script = String.join("\n",
                "import sys, torch",
                "d = torch.load(sys.argv[1])",
                "base = d['base']",
                "for k in ('row', 'col', 'block', 'transposed', 'other'):",
                "    t = d[k]",
                "    print(k, 'view shares storage:', t.storage().data_ptr() == base.storage().data_ptr(),",
                "          tuple(t.shape), t.stride(), t.storage_offset())",
                "d['row'].fill_(-1)",
                "print(base.tolist())",
                "print(d['block'].tolist())");
        Path py = dir.resolve("views.py");
        Files.writeString(py, script);
        Python.Result r = Python.run(py.toString(), file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(String.join("\n",
                "row view shares storage: True (4,) (1,) 4",
                "col view shares storage: True (3,) (4,) 2",
                "block view shares storage: True (2, 2) (4, 1) 5",
                "transposed view shares storage: True (4, 3) (1, 4) 0",
                "other view shares storage: False (3,) (1,) 0",
                "[[0.0, 1.0, 2.0, 3.0], [-1.0, -1.0, -1.0, -1.0], [8.0, 9.0, 10.0, 11.0]]",
                "[[-1.0, -1.0], [9.0, 10.0]]"), r.stdout().strip());
    }
}
