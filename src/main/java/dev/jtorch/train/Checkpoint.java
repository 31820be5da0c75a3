package dev.jtorch.train;

import dev.jtorch.Stateful;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.amp.GradScaler;
import dev.jtorch.nn.Module;
import dev.jtorch.optim.Optimizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The usual PyTorch checkpoint dictionary in one {@code torch.save} file: {@code epoch}, {@code model_state_dict},
 * {@code optimizer_state_dict}, {@code scheduler_state_dict}, {@code scaler_state_dict}, {@code loss} and
 * {@code rng_state} ({@code torch.get_rng_state()}), plus any extra entries. Python's {@code torch.load} reads it
 * and its {@code model_state_dict} loads into the equivalent Python module; a checkpoint Python saved loads here.
 * Saving is atomic (temporary file, then rename). The typed accessors ({@link #epoch()}, {@link #loss()},
 * {@link #modelStateDict()}...) throw an IllegalArgumentException naming the key, the file, the expected and the
 * actual type when an entry has the wrong type.
 *
 * <pre>{@code
 * new Checkpoint().epoch(epoch).model(model).optimizer(optimizer).loss(loss).save(path);
 * Checkpoint ckpt = Checkpoint.load(path);
 * ckpt.restore(model, optimizer);            // model.load_state_dict(...); optimizer.load_state_dict(...)
 * int start = ckpt.epoch() + 1;
 * }</pre>
 *
 * <p>Mirrors PyTorch's general checkpoint
 * (<a href="https://pytorch.org/tutorials/recipes/recipes/saving_and_loading_a_general_checkpoint.html">Saving and
 * loading a general checkpoint</a>), written with
 * <a href="https://pytorch.org/docs/stable/generated/torch.save.html">torch.save</a>.
 */
public final class Checkpoint {
    /** Python's key for the model's state dict. */
    public static final String MODEL = "model_state_dict";
    /** Python's key for the optimizer's state dict. */
    public static final String OPTIMIZER = "optimizer_state_dict";
    /** The usual key for the LR scheduler's state dict. */
    public static final String SCHEDULER = "scheduler_state_dict";
    /** The usual key for the GradScaler's state dict. */
    public static final String SCALER = "scaler_state_dict";
    /** The key for {@code torch.get_rng_state()}. */
    public static final String RNG_STATE = "rng_state";

    private final Map<String, Object> dict;
    private final Path source;

    /** An empty checkpoint to fill and {@link #save}. */
    public Checkpoint() {
        this(new LinkedHashMap<>(), null);
    }

    private Checkpoint(Map<String, Object> dict, Path source) {
        this.dict = dict;
        this.source = source;
    }

    /** Sets {@code epoch}. */
    public Checkpoint epoch(int epoch) {
        dict.put("epoch", epoch);
        return this;
    }

    /** Sets {@code model_state_dict} to the model's current state dict. */
    public Checkpoint model(Module model) {
        dict.put(MODEL, Objects.requireNonNull(model, "model").stateDict());
        return this;
    }

    /** Sets {@code optimizer_state_dict}. */
    public Checkpoint optimizer(Optimizer optimizer) {
        dict.put(OPTIMIZER, Objects.requireNonNull(optimizer, "optimizer").stateDict());
        return this;
    }

    /** Sets {@code scheduler_state_dict} (any scheduler: {@code LRScheduler}s and {@code ReduceLROnPlateau}). */
    public Checkpoint scheduler(Stateful scheduler) {
        return put(SCHEDULER, Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** Sets {@code scaler_state_dict}. */
    public Checkpoint scaler(GradScaler scaler) {
        dict.put(SCALER, Objects.requireNonNull(scaler, "scaler").stateDict());
        return this;
    }

    /** Sets {@code loss}. */
    public Checkpoint loss(double loss) {
        dict.put("loss", loss);
        return this;
    }

    /**
     * Sets {@code checkpoint[key]} to the object's state dict, as {@code checkpoint[key] = obj.state_dict()} does in
     * Python; {@link #restore(String, Stateful)} loads it back.
     */
    public Checkpoint put(String key, Stateful stateful) {
        return put(key, (Object) Objects.requireNonNull(stateful, "stateful").stateDict());
    }

    /** Sets any other entry (numbers, strings, maps, lists, tensors...). */
    public Checkpoint put(String key, Object value) {
        dict.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /**
     * Writes the checkpoint, with the current CPU random-number state under {@code rng_state} unless already set,
     * atomically.
     */
    public void save(Path path) {
        dict.putIfAbsent(RNG_STATE, Torch.getRngState().keep());
        Torch.save(dict, path);
    }

    /**
     * Reads a checkpoint (written here or by Python's {@code torch.save}).
     *
     * @throws TorchException naming the file if it is missing, truncated, corrupted or not a dictionary
     */
    @SuppressWarnings("unchecked")
    public static Checkpoint load(Path path) {
        Object o = Torch.load(path);
        if (!(o instanceof Map<?, ?> m)) {
            throw new TorchException("cannot load " + path + " as a checkpoint: it holds a "
                    + (o == null ? "None" : o.getClass().getSimpleName()) + ", not a dictionary");
        }
        return new Checkpoint((Map<String, Object>) m, path);
    }

    /** The whole dictionary, as Python's {@code torch.load} returns it. */
    public Map<String, Object> dict() {
        return dict;
    }

    /** Python's {@code checkpoint[key]}. */
    public Object get(String key) {
        if (!dict.containsKey(key)) {
            throw new IllegalArgumentException("checkpoint" + where() + " has no entry '" + key + "'; it has "
                    + dict.keySet());
        }
        return dict.get(key);
    }

    /** Whether the checkpoint has the entry. */
    public boolean has(String key) {
        return dict.containsKey(key);
    }

    private String where() {
        return source == null ? "" : " " + source;
    }

    /**
     * An entry of an expected type, or an IllegalArgumentException naming the key, the file, the expected type and
     * the actual one (in Python's words: int, float, str, dict, list, tuple, Tensor, None).
     */
    private IllegalArgumentException wrongType(String key, String expected, Object actual) {
        return new IllegalArgumentException("checkpoint" + where() + ": entry '" + key + "' is " + describe(actual)
                + ", expected " + expected);
    }

    /** A value as Python would name its type, with a short excerpt of it. */
    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        String type;
        if (v instanceof String) {
            type = "a str";
        } else if (v instanceof Boolean) {
            type = "a bool";
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            type = "an int";
        } else if (v instanceof Double || v instanceof Float) {
            type = "a float";
        } else if (v instanceof Tensor t) {
            return "a Tensor of shape " + t.shape();
        } else if (v instanceof Map<?, ?> m) {
            return "a dict of " + m.size() + " entries";
        } else if (v instanceof java.util.List<?> l) {
            return "a list of " + l.size() + " items";
        } else if (v instanceof Object[] a) {
            return "a tuple of " + a.length + " items";
        } else {
            return "a " + v.getClass().getName();
        }
        String text = v instanceof Boolean b ? (b ? "True" : "False")
                : v instanceof Double || v instanceof Float ? dev.jtorch.PyFormat.repr(((Number) v).doubleValue())
                : String.valueOf(v);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return type + " (" + (v instanceof String ? "'" + text + "'" : text) + ")";
    }

    /** {@code checkpoint['epoch']}: an int. */
    public int epoch() {
        Object v = get("epoch");
        if (v instanceof Integer || v instanceof Short || v instanceof Byte
                || (v instanceof Long l && l == (int) (long) l)) {
            return ((Number) v).intValue();
        }
        throw wrongType("epoch", v instanceof Long ? "an int within Java's int range" : "an int", v);
    }

    /** {@code checkpoint['loss']} (a number or a one-element tensor). */
    public double loss() {
        Object v = get("loss");
        if (v instanceof Tensor t && t.numel() == 1) {
            return t.item();
        }
        if (v instanceof Number n && !(v instanceof java.math.BigInteger)) {
            return n.doubleValue();
        }
        throw wrongType("loss", "a float or a one-element Tensor", v);
    }

    /** {@code checkpoint['model_state_dict']}: a dict of parameter names to tensors. */
    @SuppressWarnings("unchecked")
    public Map<String, Tensor> modelStateDict() {
        Map<?, ?> m = map(MODEL);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof Tensor)) {
                throw new IllegalArgumentException("checkpoint" + where() + ": entry '" + MODEL + "' maps "
                        + describe(e.getKey()) + " to " + describe(e.getValue())
                        + ", expected a dict of str keys to Tensors");
            }
        }
        return (Map<String, Tensor>) m;
    }

    /** {@code checkpoint['optimizer_state_dict']}: a dict. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> optimizerStateDict() {
        return (Map<String, Object>) map(OPTIMIZER);
    }

    /** {@code checkpoint['scheduler_state_dict']}: a dict. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> schedulerStateDict() {
        return (Map<String, Object>) map(SCHEDULER);
    }

    /** {@code checkpoint[key]} that must be a dict. */
    private Map<?, ?> map(String key) {
        Object v = get(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw wrongType(key, "a dict", v);
        }
        return m;
    }

    /**
     * Loads the model's weights ({@code strict=True}: PyTorch's error for missing, unexpected or mis-shaped keys,
     * with nothing loaded) and, when given, the optimizer's state.
     */
    public void restore(Module model, Optimizer optimizer) {
        Objects.requireNonNull(model, "model").loadStateDict(modelStateDict());
        if (optimizer != null) {
            optimizer.loadStateDict(optimizerStateDict());
        }
    }

    /** Loads {@code scheduler_state_dict} into the scheduler. */
    public void restoreScheduler(Stateful scheduler) {
        restore(SCHEDULER, Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** Loads {@code scaler_state_dict} into the scaler. */
    public void restoreScaler(GradScaler scaler) {
        restore(SCALER, Objects.requireNonNull(scaler, "scaler"));
    }

    /**
     * Python's {@code obj.load_state_dict(checkpoint[key])}.
     *
     * @throws IllegalArgumentException if the entry is missing or not a dict (naming the key and the file)
     */
    @SuppressWarnings("unchecked")
    public void restore(String key, Stateful stateful) {
        Objects.requireNonNull(stateful, "stateful").loadStateDict((Map<String, Object>) map(key));
    }

    /** Restores the CPU random-number state saved in the checkpoint ({@code torch.set_rng_state}). */
    public void restoreRngState() {
        Object v = get(RNG_STATE);
        if (!(v instanceof Tensor t)) {
            throw wrongType(RNG_STATE, "a Tensor (torch.get_rng_state())", v);
        }
        Torch.setRngState(t);
    }
}
