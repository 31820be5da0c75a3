package dev.jtorch.optim.lr.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtorch.Torch;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.lr.LRScheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's scheduler outside the package, written as a PyTorch user subclasses {@code _LRScheduler}. */
class CustomSchedulerTest {

    /** Halves the learning rate every {@code every} epochs, from the base rates (a closed form). */
    static final class Halving extends LRScheduler {
        private int every;

        Halving(Optimizer optimizer, int every) {
            super(optimizer);
            this.every = every;
            start(-1);
        }

        @Override
        protected double[] getLr() {
            double[] out = new double[baseLrs().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = baseLrs().get(i) * Math.pow(0.5, lastEpoch() / every);
            }
            return out;
        }

        @Override
        protected void saveOptions(Map<String, Object> out) {
            out.put("every", every);
        }

        @Override
        protected void loadOptions(Map<String, ?> in) {
            if (in.containsKey("every")) {
                every = ((Number) in.get("every")).intValue();
            }
        }
    }

    @Test
    void subclassesStepAndSaveLikeTheBuiltIns() {
        Optimizer o = new SGD(List.of(new ParamGroup(List.of(Torch.zeros(1).requiresGrad_())).lr(0.8)),
                new SGD.Options(0.1));
        Halving s = new Halving(o, 2);
        assertEquals(0.8, o.paramGroups().get(0).getDouble("initial_lr"));
        for (int i = 0; i < 5; i++) {
            o.step();
            s.step();
        }
        assertEquals(List.of(0.2), s.getLastLr());
        assertEquals(List.of("every", "base_lrs", "last_epoch", "verbose", "_step_count",
                "_get_lr_called_within_step", "_last_lr"), List.copyOf(s.stateDict().keySet()));
        s.loadStateDict(Map.of("every", 1, "last_epoch", 0));
        o.step();
        s.step();
        assertEquals(List.of(0.4), s.getLastLr());
    }
}
