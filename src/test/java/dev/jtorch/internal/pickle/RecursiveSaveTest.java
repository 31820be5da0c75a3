package dev.jtorch.internal.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.testing.Python;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torch.save of recursive and shared structures, as Python's pickle writes them: each container once, memoized
 * (BINPUT) before its contents, later references as BINGET; Torch.load gives them back recursive and shared.
 */
class RecursiveSaveTest {
    @TempDir
    Path dir;

    private static byte[] dataPkl(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(
                zip.getEntry("archive/data.pkl"))) {
            return in.readAllBytes();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDictHoldingItselfSavesWithABackReferenceAndLoadsHoldingItself() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 3);
        m.put("self", m);
        Path f = dir.resolve("self.pt");
        Torch.save(m, f);
        // PROTO 2, EMPTY_DICT, BINPUT 0, MARK, 'epoch' BINPUT 1, K 3, 'self' BINPUT 2, BINGET 0, SETITEMS, STOP
        byte[] expected = {(byte) 0x80, 2, '}', 'q', 0, '(', 'X', 5, 0, 0, 0, 'e', 'p', 'o', 'c', 'h', 'q', 1, 'K', 3,
            'X', 4, 0, 0, 0, 's', 'e', 'l', 'f', 'q', 2, 'h', 0, 'u', '.'};
        assertArrayEquals(expected, dataPkl(f), "the memo as Python's pickle writes it");
        Map<String, Object> back = (Map<String, Object>) Torch.load(f);
        assertEquals(3, back.get("epoch"));
        assertSame(back, back.get("self"), "d['self'] is d, as after Python's torch.load");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsOrderedDictsAndTuplesInCyclesRoundTrip() throws Exception {
        List<Object> l = new ArrayList<>();
        l.add(1);
        l.add(l);
        PyObjects.OrderedDict od = new PyObjects.OrderedDict();
        od.put("me", od);
        od.put("w", Torch.ones(2));
        List<Object> holder = new ArrayList<>();
        Object[] tuple = {holder, "t"}; // t = ([t], 't'): a tuple holding itself through a list, fine in Python
        holder.add(tuple);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", l);
        m.put("od", od);
        m.put("tuple", tuple);
        Path f = dir.resolve("cycles.pt");
        Torch.save(m, f);
        Map<String, Object> back = (Map<String, Object>) Torch.load(f);
        List<Object> l2 = (List<Object>) back.get("list");
        assertEquals(1, l2.get(0));
        assertSame(l2, l2.get(1));
        PyObjects.OrderedDict od2 = (PyObjects.OrderedDict) back.get("od");
        assertSame(od2, od2.get("me"));
        assertArrayEquals(new float[] {1, 1}, ((Tensor) od2.get("w")).toFloatArray());
        Object[] t2 = (Object[]) back.get("tuple");
        assertEquals("t", t2[1]);
        assertSame(t2, ((List<Object>) t2[0]).get(0), "the tuple inside its list is the tuple itself");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContainerSavedTwiceLoadsAsOneObjectAsInPython() throws Exception {
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("lr", 0.1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", shared);
        m.put("b", shared);
        m.put("c", new LinkedHashMap<>(shared));
        Path f = dir.resolve("shared.pt");
        Torch.save(m, f);
        Map<String, Object> back = (Map<String, Object>) Torch.load(f);
        assertSame(back.get("a"), back.get("b"));
        assertNotSame(back.get("a"), back.get("c"));
        assertEquals(back.get("a"), back.get("c"));
    }

    @Test
    void structuresPythonCannotHaveAreRefusedWithAClearMessage() {
        Object[] a = new Object[2];
        a[0] = "x";
        a[1] = a;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.save(Map.of("a", a), dir.resolve("a.pt")));
        assertTrue(e.getMessage().contains("Object[] (a Python tuple) that contains itself"), e.getMessage());
        Object[] b = new Object[1];
        Object[] c = {b};
        b[0] = c;
        assertThrows(IllegalArgumentException.class, () -> Torch.save(b, dir.resolve("b.pt")));
        Map<Object, Object> listKey = new LinkedHashMap<>();
        listKey.put(List.of(1), 2);
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Torch.save(listKey, dir.resolve("k.pt")));
        assertEquals("cannot save a dict with a list as a key: unhashable type: 'list'", k.getMessage());
        assertTrue(Files.notExists(dir.resolve("a.pt")) && Files.notExists(dir.resolve("b.pt")));
    }

    @Test
    void nestingDeeperThanPythonsRecursionLimitIsRefusedNotAStackOverflow() {
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < 5000; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.save(deep, dir.resolve("deep.pt")));
        assertTrue(e.getMessage().startsWith("maximum recursion depth exceeded while pickling an object"),
                e.getMessage());
        List<Object> ok = new ArrayList<>();
        cur = ok;
        for (int i = 0; i < 500; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        Torch.save(ok, dir.resolve("ok.pt"));
        Object back = Torch.load(dir.resolve("ok.pt"));
        int depth = 0;
        while (back instanceof List<?> l && !l.isEmpty()) {
            back = l.get(0);
            depth++;
        }
        assertEquals(500, depth);
    }

    @Tag("python")
    @Test
    void pythonLoadsTheRecursiveDict() throws Exception {
        assumeTrue(Python.hasTorch(), "Python with torch is not installed");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("w", Torch.ones(3));
        m.put("self", m);
        List<Object> l = new ArrayList<>();
        l.add(l);
        m.put("l", l);
        Path f = dir.resolve("for_python.pt");
        Torch.save(m, f);
        Python.Result r = Python.runCode(String.join("\n",
                "import sys, torch",
                "d = torch.load(sys.argv[1])",
                "print(d['self'] is d, d['l'][0] is d['l'], d['w'].tolist())"), f.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("True True [1.0, 1.0, 1.0]", r.stdout().strip());
    }
}
