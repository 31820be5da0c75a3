package dev.jtorch.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.PyEnum;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code metrics.jsonl}: an epoch's values, a step's values, or an event.
 *
 * <p>On disk (one JSON object per line, see {@code docs/run-directory.md}):
 * <pre>
 * {"type":"epoch","epoch":3,"time":"2025-01-01T12:00:03.120Z","values":{"train_loss":0.41,"val_acc":0.86}}
 * {"type":"step","epoch":3,"step":120,"time":"...","values":{"loss":0.40}}
 * {"type":"event","epoch":3,"time":"...","event":"best_epoch","details":{"val_loss":0.39}}
 * </pre>
 *
 * <p>jtorch's own; no PyTorch counterpart.
 *
 * @param line the 1-based line number in {@code metrics.jsonl}
 * @param type what the line records
 * @param time when it was recorded
 * @param epoch the epoch it belongs to
 * @param step the global step, for {@link Type#STEP} lines; otherwise {@code null}
 * @param event the event name ({@code best_epoch}, {@code lr_reduced}, ...), for {@link Type#EVENT} lines
 * @param values metric values (non-finite values are stored as {@code null}); empty for events
 * @param details event details; empty for epochs and steps
 */
public record MetricRecord(long line, Type type, Instant time, int epoch, Long step, String event,
        Map<String, Double> values, Map<String, Object> details) {

    /** The kinds of line in {@code metrics.jsonl}. */
    public enum Type implements PyEnum {
        /** Values for a whole epoch (train_loss, val_acc, lr, ...). */
        EPOCH,
        /** Values for one optimisation step. */
        STEP,
        /** Something that happened (best_epoch, lr_reduced, early_stop, checkpoint, or a name of your own). */
        EVENT;

        /** The lower-case name written to the file: {@code epoch}, {@code step} or {@code event}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@link #pythonName()}; {@code null} for anything else (where {@code PyEnum.fromPython} throws). */
        public static Type fromJson(String s) {
            for (Type t : values()) {
                if (t.pythonName().equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Validates the fields and makes the maps unmodifiable. */
    public MetricRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The JSON object of this line exactly as written to {@code metrics.jsonl}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.pythonName());
        m.put("epoch", epoch);
        if (step != null) {
            m.put("step", step);
        }
        m.put("time", time.toString());
        if (type == Type.EVENT) {
            m.put("event", event);
            m.put("details", details);
        } else {
            m.put("values", values);
        }
        return m;
    }

    /**
     * Reads one parsed line of {@code metrics.jsonl}; {@code null} if it is not a metric record (unknown type or
     * not an object). Unknown fields are ignored, so later format versions stay readable.
     */
    public static MetricRecord fromJson(long line, JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Type type = Type.fromJson(node.path("type").asText(null));
        if (type == null) {
            return null;
        }
        Instant time;
        try {
            time = Instant.parse(node.path("time").asText(""));
        } catch (RuntimeException e) {
            time = Instant.EPOCH;
        }
        Long step = node.hasNonNull("step") ? node.get("step").asLong() : null;
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("values").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("details").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            details.put(e.getKey(), plain(e.getValue()));
        }
        String event = type == Type.EVENT ? node.path("event").asText("") : null;
        return new MetricRecord(line, type, time, node.path("epoch").asInt(0), step, event, values, details);
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual()) {
            return n.asText();
        }
        return dev.jtorch.internal.Json.mapper().convertValue(n, Object.class);
    }
}
