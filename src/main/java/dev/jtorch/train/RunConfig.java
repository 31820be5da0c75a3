package dev.jtorch.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code config.json} records about a run besides its name and status: hyperparameters, seed, device, the
 * model's summary, and how many epochs and batches per epoch it will train. Fluent setters, all optional:
 *
 * <pre>
 * new RunConfig().seed(42).device(device).model(model).totalEpochs(20).batchesPerEpoch(25)
 *     .hyperparameter("lr", 1e-3).hyperparameter("batch_size", 32)
 * </pre>
 *
 * <p>{@link #fromMap(Map)} reads the same from a plain map, as {@link RunDirectory#create(java.nio.file.Path,
 * String, Map)} takes it: the reserved keys {@value #SEED}, {@value #DEVICE}, {@value #MODEL},
 * {@value #TOTAL_EPOCHS}, {@value #BATCHES_PER_EPOCH} and {@value #HYPERPARAMETERS} (a nested map) fill those
 * fields, and every other key is a hyperparameter.
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public final class RunConfig {
    /** Reserved key: the random seed (a number). */
    public static final String SEED = "seed";
    /** Reserved key: the device (anything; its {@code toString()}, e.g. {@code cpu}, {@code cuda:0}). */
    public static final String DEVICE = "device";
    /** Reserved key: the model (anything; its {@code toString()}, which for a {@code Module} is PyTorch's repr). */
    public static final String MODEL = "model";
    /** Reserved key: the number of epochs the run will train. */
    public static final String TOTAL_EPOCHS = "total_epochs";
    /** Reserved key: the number of batches in one epoch. */
    public static final String BATCHES_PER_EPOCH = "batches_per_epoch";
    /** Reserved key: a nested map of hyperparameters, merged with the unreserved keys. */
    public static final String HYPERPARAMETERS = "hyperparameters";

    private final Map<String, Object> hyperparameters = new LinkedHashMap<>();
    private Long seed;
    private String device;
    private String model;
    private Integer totalEpochs;
    private Integer batchesPerEpoch;

    /** An empty configuration. */
    public RunConfig() {}

    /** Reads a configuration from a map (see the class comment for the reserved keys). */
    public static RunConfig fromMap(Map<String, ?> map) {
        RunConfig c = new RunConfig();
        if (map == null) {
            return c;
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "config key");
            Object v = e.getValue();
            switch (k) {
                case SEED -> c.seed = v == null ? null : toLong(k, v);
                case DEVICE -> c.device = v == null ? null : v.toString();
                case MODEL -> c.model = v == null ? null : v.toString();
                case TOTAL_EPOCHS -> c.totalEpochs = v == null ? null : nonNegative(k, toLong(k, v));
                case BATCHES_PER_EPOCH -> c.batchesPerEpoch = v == null ? null : nonNegative(k, toLong(k, v));
                case HYPERPARAMETERS -> {
                    if (!(v instanceof Map<?, ?> nested)) {
                        throw new IllegalArgumentException("config key '" + k + "' must be a map, got " + v);
                    }
                    for (Map.Entry<?, ?> h : nested.entrySet()) {
                        c.hyperparameter(String.valueOf(h.getKey()), h.getValue());
                    }
                }
                default -> c.hyperparameter(k, v);
            }
        }
        return c;
    }

    private static long toLong(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException("config key '" + key + "' must be a whole number, got " + v);
    }

    private static int nonNegative(String key, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("config key '" + key + "' must be a non-negative int, got " + v);
        }
        return (int) v;
    }

    /** Sets the random seed. */
    public RunConfig seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Sets the device; its {@code toString()} is recorded ({@code cpu}, {@code cuda:0}). */
    public RunConfig device(Object device) {
        this.device = device == null ? null : device.toString();
        return this;
    }

    /** Sets the model; its {@code toString()} is recorded, which for a jtorch {@code Module} is PyTorch's repr. */
    public RunConfig model(Object model) {
        this.model = model == null ? null : model.toString();
        return this;
    }

    /** Sets the number of epochs the run will train. */
    public RunConfig totalEpochs(int totalEpochs) {
        this.totalEpochs = nonNegative(TOTAL_EPOCHS, totalEpochs);
        return this;
    }

    /** Sets the number of batches in one epoch. */
    public RunConfig batchesPerEpoch(int batchesPerEpoch) {
        this.batchesPerEpoch = nonNegative(BATCHES_PER_EPOCH, batchesPerEpoch);
        return this;
    }

    /**
     * Adds a hyperparameter. Numbers, strings, booleans, enums, lists, arrays and maps of those are recorded as
     * JSON; anything else as its {@code toString()}. Non-finite numbers are recorded as {@code null}.
     */
    public RunConfig hyperparameter(String name, Object value) {
        Objects.requireNonNull(name, "name");
        hyperparameters.put(name, value);
        return this;
    }

    /** The seed, or {@code null}. */
    public Long seed() {
        return seed;
    }

    /** The device's text, or {@code null}. */
    public String device() {
        return device;
    }

    /** The model's summary text, or {@code null}. */
    public String model() {
        return model;
    }

    /** The number of epochs, or {@code null}. */
    public Integer totalEpochs() {
        return totalEpochs;
    }

    /** The number of batches per epoch, or {@code null}. */
    public Integer batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The hyperparameters in insertion order (unmodifiable view). */
    public Map<String, Object> hyperparameters() {
        return Collections.unmodifiableMap(hyperparameters);
    }
}
