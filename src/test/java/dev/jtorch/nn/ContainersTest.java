package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link ModuleList} and {@link ModuleDict}: Python's list and dict operations keep the registered names right. */
class ContainersTest {
    private static List<String> keys(Module m) {
        return new ArrayList<>(m.stateDict().keySet());
    }

    @Test
    void moduleListRegistersUnderIndicesAndRenumbersAfterRemoval() {
        Linear a = new Linear(2, 2);
        Linear b = new Linear(2, 3, false);
        Linear c = new Linear(3, 1, false);
        ModuleList list = new ModuleList(a, new ReLU());
        list.append(b).extend(List.of(c));
        assertEquals(4, list.size());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "3.weight"), keys(list));
        assertSame(c, list.get(-1));
        assertSame(b, list.pop(2));
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), keys(list));
        assertSame(c, list.get(2));
        list.insert(0, b);
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "3.weight"), keys(list));
        list.set(-1, new Linear(3, 4, false));
        assertEquals(List.of(4L, 3L), List.of(list.get(3).stateDict().get("weight").size(0),
                list.get(3).stateDict().get("weight").size(1)));
        List<Module> seen = new ArrayList<>();
        list.forEach(seen::add);
        assertEquals(list.asList(), seen);
        assertEquals(List.of("0", "1", "2", "3"), new ArrayList<>(list.namedChildren().keySet()));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(4));
        assertEquals("index 4 is out of range", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-5));
        assertThrows(UnsupportedOperationException.class, () -> list.forward(Torch.zeros(1)));
    }

    @Test
    void moduleListOfAnIterableAndInsideAModel() {
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            layers.add(new Linear(4, 4));
        }
        ModuleList list = new ModuleList(layers);
        Sequential model = new Sequential(list);
        assertEquals(6, model.parameters().size());
        assertTrue(keys(model).contains("0.2.bias"));
        try (TensorScope s = new TensorScope("loop")) {
            Tensor x = Torch.randn(2, 4);
            for (Module m : list) {
                x = m.forward(x);
            }
            assertEquals(List.of(2L, 4L), List.of(x.size(0), x.size(1)));
        }
    }

    @Test
    void moduleDictKeepsInsertionOrderAndReplacesInPlace() {
        Map<String, Module> init = new LinkedHashMap<>();
        init.put("conv", new Conv2d(1, 2, 3));
        init.put("pool", new MaxPool2d(2));
        ModuleDict dict = new ModuleDict(init);
        dict.put("act", new LeakyReLU());
        assertEquals(List.of("conv", "pool", "act"), new ArrayList<>(dict.keys()));
        Linear head = new Linear(2, 2);
        dict.put("conv", head);
        assertEquals(List.of("conv", "pool", "act"), new ArrayList<>(dict.keys()));
        assertSame(head, dict.get("conv"));
        assertEquals(List.of("conv.weight", "conv.bias"), keys(dict));
        assertTrue(dict.containsKey("pool"));
        assertTrue(dict.pop("pool") instanceof MaxPool2d);
        assertFalse(dict.containsKey("pool"));
        assertEquals(List.of("conv", "act"), new ArrayList<>(dict.namedChildren().keySet()));
        assertEquals(2, dict.size());
        assertEquals(List.of(head, dict.get("act")), new ArrayList<>(dict.values()));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> dict.get("pool"));
        assertEquals("'pool'", e.getMessage());
        dict.clear();
        assertEquals(0, dict.size());
        assertEquals("ModuleDict()", dict.toString());
        assertTrue(dict.parameters().isEmpty());
    }
}
