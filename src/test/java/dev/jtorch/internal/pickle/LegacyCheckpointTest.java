package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torch.load of torch.save's legacy (pre-1.6, non-zip) format, against files Python 1.13 wrote with
 * {@code _use_new_zipfile_serialization=False} ({@code src/test/python/gen_legacy_checkpoint.py}).
 */
class LegacyCheckpointTest {
    @TempDir
    Path dir;

    static Path resource(Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = LegacyCheckpointTest.class.getResourceAsStream("/interop/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    static JsonNode expected() throws Exception {
        try (InputStream in = LegacyCheckpointTest.class.getResourceAsStream("/interop/legacy_expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** The tensor is what Python described: dtype, shape, stride, storage offset, requires_grad and values. */
    static void assertDescribed(JsonNode d, Tensor t, String name) {
        assertEquals("torch." + d.get("dtype").asText(), t.dtype().toString(), name);
        assertArrayEquals(longs(d.get("shape")), t.shape().toArray(), name + " shape");
        assertArrayEquals(longs(d.get("stride")), t.nativeTensor().strides().vec().get(), name + " stride");
        assertEquals(d.get("offset").asLong(), t.nativeTensor().storage_offset(), name + " storage offset");
        assertEquals(d.get("requires_grad").asBoolean(), t.requiresGrad(), name + " requires_grad");
        if (t.dtype() == DType.INT64) {
            assertArrayEquals(longs(d.get("values")), t.toLongArray(), name);
        } else {
            assertArrayEquals(doubles(d.get("values")), t.toDoubleArray(), 0.0, name);
        }
    }

    /** The address of a tensor's storage: equal for tensors sharing one. */
    static long storageAddress(Tensor t) {
        return t.nativeTensor().data_ptr().address()
                - t.nativeTensor().storage_offset() * t.nativeTensor().element_size();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tensorsOfEveryDtypeViewsAndContainersLoadAsPythonSavedThem() throws Exception {
        Map<String, Object> obj = (Map<String, Object>) Torch.load(resource(dir, "legacy_tensors.pt"));
        JsonNode exp = expected().get("tensors");
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext(); n++) {
            Map.Entry<String, JsonNode> e = it.next();
            assertDescribed(e.getValue(), (Tensor) obj.get(e.getKey()), e.getKey());
        }
        assertEquals(18, n);
        Map<String, Object> nested = (Map<String, Object>) obj.get("nested");
        assertEquals(java.util.Arrays.asList(1, 2.5, "three", null, true), nested.get("list"));
        Object[] tuple = (Object[]) nested.get("tuple");
        assertEquals(4, tuple[0]);
        assertArrayEquals(new Object[] {5, 6}, (Object[]) tuple[1]);
        assertDescribed(expected().get("nested_t"), (Tensor) ((List<Object>) nested.get("t")).get(0), "nested t");
        assertEquals(new ArrayList<>(List.of("float32", "float64", "float16", "bfloat16", "int64", "int32", "int16",
                "int8", "uint8", "bool", "scalar", "empty", "base", "row", "col", "block", "transposed", "param",
                "nested")), new ArrayList<>(obj.keySet()), "dict order as saved");
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsOfOneStorageShareItAfterLoading() throws Exception {
        Map<String, Object> obj = (Map<String, Object>) Torch.load(resource(dir, "legacy_tensors.pt"));
        Tensor base = (Tensor) obj.get("base");
        for (String k : List.of("row", "col", "block", "transposed")) {
            assertEquals(storageAddress(base), storageAddress((Tensor) obj.get(k)), k + " shares base's storage");
        }
        assertFalse(storageAddress(base) == storageAddress((Tensor) obj.get("float32")));
        base.fill_(-1);
        assertArrayEquals(new float[] {-1, -1, -1, -1}, ((Tensor) obj.get("row")).toFloatArray(),
                "writing the base changes its views, as in Python");
        ((Tensor) obj.get("col")).fill_(7);
        assertEquals(7.0, base.toDoubleArray()[2 * 4 + 2]);
    }

    /** The generator's TinyNet. */
    static class TinyNet extends Module {
        Linear fc1 = new Linear(3, 4);
        Linear fc2 = new Linear(4, 2);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(fc1.forward(x).relu());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLegacyCheckpointLoadsIntoTheModelWithItsOptimizerState() throws Exception {
        Map<String, Object> ckpt = (Map<String, Object>) Torch.load(resource(dir, "legacy_checkpoint.pt"));
        JsonNode exp = expected().get("checkpoint");
        assertEquals(2, ckpt.get("epoch"));
        assertEquals(exp.get("loss").asDouble(), ckpt.get("loss"));
        Map<String, Tensor> sd = (Map<String, Tensor>) ckpt.get("model_state_dict");
        assertTrue((Object) sd instanceof PyObjects.OrderedDict);
        TinyNet model = new TinyNet();
        assertEquals("<All keys matched successfully>", model.loadStateDict(sd).toString());
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            assertDescribed(exp.get("model").get(e.getKey()), e.getValue(), e.getKey());
        }
        Map<String, Object> opt = (Map<String, Object>) ckpt.get("optimizer_state_dict");
        Map<Object, Map<String, Object>> state = (Map<Object, Map<String, Object>>) opt.get("state");
        assertEquals(exp.get("step_0").asDouble(), ((Tensor) state.get(0).get("step")).item());
        assertArrayEquals(doubles(exp.get("exp_avg_sq_0")), ((Tensor) state.get(0).get("exp_avg_sq")).toDoubleArray(),
                0.0);
        Map<String, Object> group = ((List<Map<String, Object>>) opt.get("param_groups")).get(0);
        assertEquals(exp.get("lr").asDouble(), group.get("lr"));
        assertEquals(List.of(0, 1, 2, 3), group.get("params"));
    }

    @Test
    void aWholePickledModuleIsRefusedWithHowToConvertIt() throws Exception {
        Path p = resource(dir, "legacy_module.pt");
        TorchException e = assertThrows(TorchException.class, () -> Torch.load(p));
        assertEquals("cannot load " + p + ": it holds a whole pickled nn.Module (class __main__.TinyNet), as"
                + " torch.save(model) writes; jtorch loads state dicts, not Python classes."
                + " Convert it in Python, where the class is defined: torch.save(torch.load(f).state_dict(),"
                + " 'state_dict.pt'), then load that file and pass it to loadStateDict", e.getMessage());
        Path zip = resource(dir, "whole_module.pt");
        TorchException z = assertThrows(TorchException.class, () -> Torch.load(zip));
        assertEquals("cannot load " + zip + ": it holds a whole pickled nn.Module (class __main__.TinyNet), as"
                + " torch.save(model) writes; jtorch loads state dicts, not Python classes."
                + " Convert it in Python, where the class is defined: torch.save(torch.load(f).state_dict(),"
                + " 'state_dict.pt'), then load that file and pass it to loadStateDict", z.getMessage(),
                "the zip format's whole module too");
    }

    @org.junit.jupiter.api.Tag("python")
    @Test
    @SuppressWarnings("unchecked")
    void filesPythonWritesTodayLoadAndMatchTheCommittedExpectations() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.jtorch.testing.Python.hasTorch(),
                "Python with torch is not installed (apt-get install python3-torch)");
        Path out = dir.resolve("fresh");
        dev.jtorch.testing.Python.Result r = dev.jtorch.testing.Python.run("src/test/python/gen_legacy_checkpoint.py",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode fresh = new ObjectMapper().readTree(out.resolve("legacy_expected.json").toFile());
        List<String> diffs = dev.jtorch.testing.Golden.jsonDiffs(expected(), fresh, 1e-6);
        assertTrue(diffs.isEmpty(), "legacy_expected.json is stale: " + diffs);
        Map<String, Object> obj = (Map<String, Object>) Torch.load(out.resolve("legacy_tensors.pt"));
        for (Iterator<Map.Entry<String, JsonNode>> it = fresh.get("tensors").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertDescribed(e.getValue(), (Tensor) obj.get(e.getKey()), e.getKey());
        }
    }
}
