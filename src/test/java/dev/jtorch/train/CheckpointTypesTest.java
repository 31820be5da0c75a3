package dev.jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtorch.Torch;
import dev.jtorch.amp.GradScaler;
import dev.jtorch.nn.Linear;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint's typed accessors on entries of the wrong type: the key, the expected and actual types, the file. */
class CheckpointTypesTest {
    @TempDir
    Path dir;

    private Checkpoint saved(String name, Map<String, Object> entries) {
        Checkpoint c = new Checkpoint();
        entries.forEach(c::put);
        Path f = dir.resolve(name);
        c.save(f);
        return Checkpoint.load(f);
    }

    @Test
    void anEpochThatIsAStringNamesKeyTypesAndFile() {
        Checkpoint c = saved("str-epoch.pt", Map.of("epoch", "three"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::epoch);
        assertEquals("checkpoint " + dir.resolve("str-epoch.pt") + ": entry 'epoch' is a str ('three'), expected an"
                + " int", e.getMessage());
    }

    @Test
    void everyTypedAccessorNamesWhatIsWrong() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", 2.5);
        m.put("loss", List.of(1, 2));
        m.put(Checkpoint.MODEL, List.of(Torch.ones(2)));
        m.put(Checkpoint.OPTIMIZER, "adam");
        m.put(Checkpoint.SCHEDULER, 7);
        m.put(Checkpoint.SCALER, Torch.ones(1));
        m.put(Checkpoint.RNG_STATE, 42L);
        Path f = dir.resolve("wrong.pt");
        Checkpoint c = saved("wrong.pt", m);
        String at = "checkpoint " + f + ": entry ";
        assertEquals(at + "'epoch' is a float (2.5), expected an int",
                assertThrows(IllegalArgumentException.class, c::epoch).getMessage());
        assertEquals(at + "'loss' is a list of 2 items, expected a float or a one-element Tensor",
                assertThrows(IllegalArgumentException.class, c::loss).getMessage());
        assertEquals(at + "'model_state_dict' is a list of 1 items, expected a dict",
                assertThrows(IllegalArgumentException.class, c::modelStateDict).getMessage());
        assertEquals(at + "'optimizer_state_dict' is a str ('adam'), expected a dict",
                assertThrows(IllegalArgumentException.class, c::optimizerStateDict).getMessage());
        assertEquals(at + "'scheduler_state_dict' is an int (7), expected a dict",
                assertThrows(IllegalArgumentException.class, c::schedulerStateDict).getMessage());
        GradScaler scaler = new GradScaler(new GradScaler.Options());
        assertEquals(at + "'scaler_state_dict' is a Tensor of shape torch.Size([1]), expected a dict",
                assertThrows(IllegalArgumentException.class, () -> c.restoreScaler(scaler)).getMessage());
        assertEquals(at + "'rng_state' is an int (42), expected a Tensor (torch.get_rng_state())",
                assertThrows(IllegalArgumentException.class, c::restoreRngState).getMessage());
    }

    @Test
    void aModelStateDictWithANonTensorValueOrAHugeEpochIsNamed() {
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("weight", Torch.ones(2, 2));
        sd.put("bias", "zeros");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Checkpoint.MODEL, sd);
        m.put("epoch", 1L << 40);
        m.put("loss", Torch.ones(3));
        Path f = dir.resolve("sd.pt");
        Checkpoint c = saved("sd.pt", m);
        assertEquals("checkpoint " + f + ": entry 'model_state_dict' maps a str ('bias') to a str ('zeros'), expected"
                + " a dict of str keys to Tensors",
                assertThrows(IllegalArgumentException.class, c::modelStateDict).getMessage());
        assertEquals("checkpoint " + f + ": entry 'epoch' is an int (1099511627776), expected an int within Java's"
                + " int range", assertThrows(IllegalArgumentException.class, c::epoch).getMessage());
        assertEquals("checkpoint " + f + ": entry 'loss' is a Tensor of shape torch.Size([3]), expected a float or a"
                + " one-element Tensor", assertThrows(IllegalArgumentException.class, c::loss).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.restore(new Linear(2, 2), null));
    }

    @Test
    void rightTypesStillWorkAndAnUnsavedCheckpointNamesNoFile() {
        Checkpoint c = saved("ok.pt", Map.of("loss", Torch.scalarTensor(0.5)));
        assertEquals(0.5, c.loss());
        Checkpoint mem = new Checkpoint().put("epoch", "x");
        assertEquals("checkpoint: entry 'epoch' is a str ('x'), expected an int",
                assertThrows(IllegalArgumentException.class, mem::epoch).getMessage());
        assertEquals(4, new Checkpoint().epoch(4).epoch());
        assertEquals(4, saved("e.pt", Map.of("epoch", 4)).epoch());
    }

    @Test
    void valuesInMessagesAreSpelledAsPythonPrintsThem() {
        assertEquals("a float (1e-05)", Checkpoint.describe(1e-5), "Java would say 1.0E-5");
        assertEquals("a float (2e+23)", Checkpoint.describe(2e23));
        assertEquals("a bool (True)", Checkpoint.describe(true));
    }
}
