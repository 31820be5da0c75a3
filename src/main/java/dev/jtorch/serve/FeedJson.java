package dev.jtorch.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.internal.Json;
import dev.jtorch.train.CheckpointInfo;
import dev.jtorch.train.MetricRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON the server sends: compact text, one metric line's object, one checkpoint's object. */
final class FeedJson {
    private FeedJson() {}

    /** Compact JSON text of maps, lists, strings, numbers, booleans and Jackson nodes. */
    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A metric line as the API shows it: its {@code line} number, then the line's own fields. */
    static Map<String, Object> metricJson(MetricRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.line());
        m.putAll(r.json());
        return m;
    }

    /** A checkpoint file of run {@code runId}: name, epoch, size, modified, url. */
    static Map<String, Object> checkpointJson(String runId, CheckpointInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("epoch", c.epoch());
        m.put("size", c.size());
        m.put("modified", c.modified().toString());
        m.put("url", "/runs/" + runId + "/checkpoints/" + SafePaths.encodeSegment(c.name()));
        return m;
    }

    /** Parses one line of {@code metrics.jsonl}; {@code null} if it is not a metric record (or too long). */
    static MetricRecord parseLine(long number, byte[] bytes, int off, int len) {
        if (len <= 0) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(bytes, off, len);
            return n == null ? null : MetricRecord.fromJson(number, n);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or not a record: the line keeps its number and is skipped
        }
    }

    /** What a run's summary needs from one metric line: its type, epoch, and a checkpoint event's file. */
    record LineSummary(MetricRecord.Type type, int epoch, String event, String checkpointFile) {}

    /**
     * Reads only what the summary needs from one line, with Jackson's streaming parser (skipping values and
     * details): several times cheaper than {@link #parseLine}, for runs whose records are not kept in memory.
     * {@code null} if the line is not a metric record.
     */
    static LineSummary summarizeLine(byte[] bytes, int off, int len) {
        if (len <= 0) {
            return null;
        }
        try (JsonParser p = Json.mapper().getFactory().createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            MetricRecord.Type type = null;
            int epoch = 0;
            String event = null;
            String file = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "type" -> type = v == JsonToken.VALUE_STRING ? MetricRecord.Type.fromJson(p.getText()) : null;
                    case "epoch" -> epoch = v.isNumeric() ? p.getValueAsInt(0) : 0;
                    case "event" -> event = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "details" -> {
                        if (v == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String d = p.currentName();
                                JsonToken dv = p.nextToken();
                                if (d.equals("file") && dv == JsonToken.VALUE_STRING) {
                                    file = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || type == null) {
                return null;
            }
            return new LineSummary(type, epoch, type == MetricRecord.Type.EVENT ? (event == null ? "" : event) : null,
                    file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A field's text, {@code null} when absent or JSON null. */
    static String text(JsonNode c, String field) {
        JsonNode n = c.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A run's summary for {@code /api/runs}, from its {@code config.json} ({@code null}: not read yet). */
    static Map<String, Object> summary(String id, JsonNode config, boolean live, Integer lastEpoch) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode c = config == null ? Json.mapper().createObjectNode() : config;
        m.put("id", id);
        m.put("name", c.path("name").asText(id));
        m.put("status", c.path("status").asText("running"));
        m.put("live", live);
        m.put("start_time", text(c, "start_time"));
        m.put("end_time", text(c, "end_time"));
        m.put("device", text(c, "device"));
        m.put("total_epochs", c.hasNonNull("total_epochs") ? c.get("total_epochs").asInt() : null);
        m.put("last_epoch", lastEpoch);
        m.put("url", "/runs/" + id);
        return m;
    }

    /**
     * A run's detail for {@code /api/runs/{id}} and the {@code status} event: its {@code config.json} (if read),
     * then the live state.
     */
    static Map<String, Object> detail(String id, JsonNode config, boolean live, Integer lastEpoch, long metricLines,
            Object progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (config != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = Json.mapper().convertValue(config, LinkedHashMap.class);
            m.putAll(c);
        }
        m.put("id", id);
        m.put("live", live);
        m.put("last_epoch", lastEpoch);
        m.put("metric_lines", metricLines);
        m.put("progress", progress);
        return m;
    }
}
