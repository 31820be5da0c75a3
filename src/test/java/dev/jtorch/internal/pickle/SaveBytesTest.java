package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Parameter;
import dev.jtorch.optim.SGD;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torch.save writes byte for byte what it wrote before its pickler and unpickler stopped registering themselves in
 * the pickle library's global tables: {@code pickle/representative.pt} was written by the earlier code (with
 * {@code -Djtorch.writeSaveBytes=<dir>}, see {@link #main}) and the same object saved now must give the same bytes.
 */
class SaveBytesTest {
    private static final String RESOURCE = "/pickle/representative.pt";

    @TempDir
    Path dir;

    /**
     * A representative checkpoint, with values that do not depend on the random generator or on floating-point
     * rounding: a module's state dict (an OrderedDict), a plain OrderedDict, tensors of every saved dtype, two views
     * of one storage, a tensor requiring grad, tuples, lists, numbers, None, and an SGD optimizer's state dict
     * (momentum buffers) after two steps of an exact loss.
     */
    static Map<String, Object> representative() {
        Linear lin = new Linear(3, 2);
        try (var g = Torch.noGrad()) {
            lin.parameters().get(0).copy_(Torch.arange(6).to(DType.FLOAT32).view(2, 3));
            lin.parameters().get(1).copy_(Torch.tensor(0.5f, -0.25f));
        }
        Parameter p = new Parameter(Torch.tensor(1f, 2f, -4f));
        SGD opt = new SGD(List.of(p), new SGD.Options(0.5).momentum(0.5));
        for (int i = 0; i < 2; i++) {
            opt.zeroGrad();
            p.mul(p).sum().backward(); // grad 2p: exact in float32
            opt.step();
        }
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("epoch", 7);
        ckpt.put("model_state_dict", lin.stateDict());
        ckpt.put("optimizer_state_dict", opt.stateDict());
        PyObjects.OrderedDict od = new PyObjects.OrderedDict();
        od.put("b", 2.5);
        od.put("a", List.of(1, 2L << 40, "x"));
        ckpt.put("ordered", od);
        Map<String, Object> dtypes = new LinkedHashMap<>();
        Tensor base = Torch.arange(12);
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT64,
            DType.INT32, DType.INT16, DType.INT8, DType.UINT8, DType.BOOL}) {
            dtypes.put(d.toString(), base.to(d).view(3, 4));
        }
        ckpt.put("dtypes", dtypes);
        Tensor whole = Torch.arange(10).to(DType.FLOAT64);
        ckpt.put("views", new Object[] {whole, whole.view(2, 5).t(), new ArrayList<>(List.of(whole.view(5, 2)))});
        ckpt.put("grad", Torch.tensor(3f, 4f).requiresGrad_(true));
        ckpt.put("misc", new Object[] {null, true, 1.25, "text", new long[] {1, 2, 3}});
        return ckpt;
    }

    @Test
    void savesTheBytesTheEarlierCodeSaved() throws Exception {
        byte[] expected;
        try (InputStream in = SaveBytesTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE);
            expected = in.readAllBytes();
        }
        Path f = dir.resolve("now.pt");
        Torch.save(representative(), f);
        byte[] actual = Files.readAllBytes(f);
        assertEquals(expected.length, actual.length, "file size");
        assertArrayEquals(expected, actual, "torch.save's bytes are unchanged");
        // and the earlier file still loads
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Torch.load(f);
        assertEquals(7, back.get("epoch"));
        assertEquals(PyObjects.OrderedDict.class, back.get("model_state_dict").getClass());
    }

    /** Writes the resource: {@code representative.pt} into the directory given as the first argument. */
    public static void main(String[] args) throws Exception {
        Torch.save(representative(), Paths.get(args[0]).resolve("representative.pt"));
    }
}
