package dev.jtorch.vision.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.testing.Golden;
import dev.jtorch.vision.Image;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reads {@code golden/vision_transforms.json} (from gen_vision_transforms_golden.py) and the images beside it. */
public final class VisionGolden {
    private VisionGolden() {}

    private static JsonNode cached;

    /** The parsed golden file. */
    public static synchronized JsonNode golden() {
        if (cached == null) {
            cached = Golden.load("vision_transforms.json");
        }
        return cached;
    }

    /** The path of {@code src/test/resources/vision/<name>}. */
    public static Path resource(String name) {
        try {
            return Path.of(VisionGolden.class.getResource("/vision/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image a golden case describes ({@code mode}, {@code width}, {@code height}, hex {@code pixels}). */
    public static Image image(JsonNode c) {
        return new Image(Image.Mode.valueOf(c.get("mode").asText()), c.get("width").asInt(), c.get("height").asInt(),
                HexFormat.of().parseHex(c.get("pixels").asText()));
    }

    /** Asserts mode, size and every pixel equal PIL's. */
    public static void assertPixels(JsonNode c, Image actual, String what) {
        Image expected = image(c);
        assertEquals(expected.mode(), actual.mode(), what + ": mode");
        assertEquals(expected.width() + "x" + expected.height(), actual.width() + "x" + actual.height(),
                what + ": size");
        assertArrayEquals(expected.pixels(), actual.pixels(), what + ": pixels");
    }

    /** Asserts shape and every float32 value equal Python's, bit for bit. */
    public static void assertTensor(JsonNode c, Tensor actual, String what) {
        assertArrayEquals(Golden.shape(c), actual.shape().toArray(), what + ": shape");
        double[] v = Golden.doubles(c);
        float[] expected = new float[v.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) v[i];
        }
        assertArrayEquals(expected, actual.toFloatArray(), what + ": values");
    }
}
