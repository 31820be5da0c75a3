package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Registrations are computed once and re-validated, not rebuilt by reflection on every traversal. */
class ModuleRegistryTest {
    static final class Net extends Module {
        Linear fc1 = new Linear(3, 4);
        Linear fc = new Linear(4, 2);
    }

    @Test
    void theSameRegistrationsAreReusedUntilAFieldOrARegistrationChanges() {
        Net net = new Net();
        var first = net.moduleMap();
        assertSame(first, net.moduleMap(), "unchanged module: no rebuild");
        assertSame(net.parameterMap(), net.parameterMap());
        assertThrows(UnsupportedOperationException.class, () -> first.put("x", new ReLU()));

        net.fc = new Linear(4, 7); // Python's model.fc = nn.Linear(...): picked up by the next traversal
        var second = net.moduleMap();
        assertNotSame(first, second);
        assertSame(net.fc, second.get("fc"));
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc.weight", "fc.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(new dev.jtorch.Size(7, 4), net.namedParameters().get("fc.weight").shape());

        net.registerModule("extra", new ReLU());
        assertNotSame(second, net.moduleMap());
        assertEquals(List.of("fc1", "fc", "extra"), List.copyOf(net.namedChildren().keySet()));
    }

    /** A wrapper that registers its child in the constructor before assigning the final field (as DDP does). */
    static final class Wrapper extends Module {
        final Linear inner;

        Wrapper(Linear inner) {
            this.inner = registerModule("inner", inner);
        }
    }

    @Test
    void aConstructorMayRegisterAFinalFieldBeforeAssigningIt() {
        Linear l = new Linear(2, 3);
        Wrapper w = new Wrapper(l);
        assertSame(l, w.inner);
        assertEquals(List.of("inner.weight", "inner.bias"), List.copyOf(w.namedParameters().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.registerModule("inner", new Linear(2, 3)));
        assertEquals("cannot assign 'Linear' as child module 'inner' (Wrapper.inner is final)", e.getMessage());
    }
}
