package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@link TensorScope#onClose}: actions tied to a scope's lifetime. */
class TensorScopeOnCloseTest {
    @Test
    void actionsRunOnceInOrderAfterTheTensorsAreReleasedAlsoWhenAnEnclosingScopeClosesThem() {
        List<String> log = new ArrayList<>();
        Tensor[] t = new Tensor[1];
        try (TensorScope outer = new TensorScope("outer")) {
            TensorScope inner = new TensorScope("inner"); // left open, as a loop left by break leaves its batch's
            t[0] = Torch.ones(2);
            inner.onClose(() -> log.add("first, released " + t[0].isReleased()));
            inner.onClose(() -> log.add("second"));
        }
        assertEquals(List.of("first, released true", "second"), log);
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() {
        List<String> log = new ArrayList<>();
        TensorScope s = new TensorScope("s");
        s.onClose(() -> {
            throw new IllegalStateException("boom");
        });
        s.onClose(() -> log.add("ran"));
        IllegalStateException e = assertThrows(IllegalStateException.class, s::close);
        assertEquals("boom", e.getMessage());
        assertEquals(List.of("ran"), log);
        assertTrue(s.isClosed());
        s.close(); // nothing runs twice
        assertEquals(List.of("ran"), log);
    }

    @Test
    void refusedOnAClosedScopeOrFromAnotherThread() throws Exception {
        TensorScope s = new TensorScope("s");
        ExecutionException other = assertThrows(ExecutionException.class,
                () -> CompletableFuture.runAsync(() -> s.onClose(() -> { })).get());
        assertTrue(other.getCause() instanceof IllegalStateException, String.valueOf(other.getCause()));
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.onClose(() -> { }));
        assertEquals("TensorScope 's' is closed", e.getMessage());
    }
}
