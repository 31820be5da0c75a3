package dev.jtorch.vision.transforms;

import static dev.jtorch.vision.transforms.VisionGolden.assertPixels;
import static dev.jtorch.vision.transforms.VisionGolden.assertTensor;
import static dev.jtorch.vision.transforms.VisionGolden.golden;
import static dev.jtorch.vision.transforms.VisionGolden.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.vision.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torchvision 0.14 / Pillow 9.4 parity of Image and the transforms, against gen_vision_transforms_golden.py. */
class TransformsGoldenTest {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private static Image a() {
        return Image.open(resource("a.png"));
    }

    private static Image b() {
        return Image.open(resource("b.png"));
    }

    @Test
    void decodesPngExactlyAsPil() {
        for (String n : List.of("a.png", "b.png", "grey.png", "palette.png", "rgba.png")) {
            assertPixels(golden().get("decode").get(n), Image.open(resource(n)), n);
        }
        assertPixels(golden().get("decode_L"), Image.open(resource("a.png"), Image.Mode.L), "a.png as L");
    }

    @Test
    void decodesTheCommittedJpegAsPilDoes() {
        Image expected = VisionGolden.image(golden().get("decode").get("photo.jpg"));
        Image actual = Image.open(resource("photo.jpg"));
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        int maxDiff = 0;
        int differing = 0;
        for (int i = 0; i < expected.pixels().length; i++) {
            int d = Math.abs((expected.pixels()[i] & 0xFF) - (actual.pixels()[i] & 0xFF));
            maxDiff = Math.max(maxDiff, d);
            differing += d != 0 ? 1 : 0;
        }
        System.out.println("JPEG: max |javax.imageio - PIL| = " + maxDiff + ", " + differing + " of "
                + expected.pixels().length + " values differ");
        assertTrue(maxDiff <= JPEG_TOLERANCE, "max difference " + maxDiff);
    }

    /**
     * The largest difference between javax.imageio's (IJG libjpeg 6b, islow DCT, fancy upsampling) and Pillow's
     * (libjpeg-turbo) decoding of the committed baseline 4:2:0 JPEG written by PIL: measured 0. Other JPEGs
     * (progressive ones, other subsamplings) may differ by a unit.
     */
    static final int JPEG_TOLERANCE = 0;

    @Test
    void resizeGivesPillowsPixelsBilinearAndNearest() {
        Image a = a();
        Image b = b();
        int n = 0;
        for (JsonNode c : golden().get("resize")) {
            Image src = switch (c.get("image").asText()) {
                case "a" -> a;
                case "b" -> b;
                default -> a.convert(Image.Mode.L);
            };
            Image out = src.resize(c.get("width").asInt(), c.get("height").asInt(),
                    Image.Resampling.valueOf(c.get("filter").asText()));
            assertPixels(c, out, c.get("image").asText() + " -> " + c.get("width") + "x" + c.get("height") + " "
                    + c.get("filter").asText());
            n++;
        }
        assertEquals(36, n);
        assertThrows(IllegalArgumentException.class, () -> a.resize(0, 3, Image.Resampling.BILINEAR));
    }

    @Test
    void resizeCenterCropCropAndFlipAsTorchvision() {
        JsonNode r = golden().get("Resize");
        assertPixels(r.get(0), (Image) new Resize(16).apply(a()), "Resize(16)");
        assertPixels(r.get(1), (Image) new Resize(40).apply(b()), "Resize(40)");
        assertPixels(r.get(2), (Image) new Resize(new int[] {7}, InterpolationMode.NEAREST).apply(a()),
                "Resize(7, NEAREST)");
        for (JsonNode c : golden().get("CenterCrop")) {
            int[] size = {c.get("size").get(0).asInt(), c.get("size").get(1).asInt()};
            assertPixels(c, (Image) new CenterCrop(size).apply(a()), "CenterCrop" + c.get("size"));
        }
        assertPixels(golden().get("crop"), a().crop(-3, 5, 12, 40), "crop((-3, 5, 12, 40))");
        assertPixels(golden().get("hflip"), a().transposeLeftRight(), "hflip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Resize(16).apply(Torch.zeros(3, 4, 4)));
        assertTrue(e.getMessage().startsWith("img should be PIL Image. Got "), e.getMessage());
    }

    @Test
    void randomResizedCropDrawsTorchvisionsCropsForTheSeed() {
        Torch.manualSeed(3);
        Image a = a();
        for (JsonNode c : golden().get("RandomResizedCrop_params")) {
            double[] scale = {c.get("scale").get(0).asDouble(), c.get("scale").get(1).asDouble()};
            double[] ratio = {c.get("ratio").get(0).asDouble(), c.get("ratio").get(1).asDouble()};
            int[] expected = new int[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = c.get("params").get(i).asInt();
            }
            assertArrayEquals(expected, RandomResizedCrop.getParams(a, scale, ratio), c.toString());
        }
        Torch.manualSeed(4);
        RandomResizedCrop t = new RandomResizedCrop(9);
        for (JsonNode c : golden().get("RandomResizedCrop")) {
            assertPixels(c, (Image) t.apply(a), "RandomResizedCrop(9)");
        }
    }

    @Test
    void randomHorizontalFlipDrawsTorchvisionsFlipsForTheSeed() {
        Image a = a();
        Image flipped = a.transposeLeftRight();
        for (String key : List.of("RandomHorizontalFlip", "RandomHorizontalFlip_p03")) {
            Torch.manualSeed(5);
            RandomHorizontalFlip t = key.endsWith("p03") ? new RandomHorizontalFlip(0.3) : new RandomHorizontalFlip();
            List<Boolean> expected = new ArrayList<>();
            List<Boolean> actual = new ArrayList<>();
            for (JsonNode f : golden().get(key)) {
                expected.add(f.asBoolean());
                actual.add(t.apply(a).equals(flipped));
            }
            assertEquals(expected, actual, key);
        }
    }

    @Test
    void enhanceBlendsAndHueGivePillowsPixels() {
        Image a = a();
        for (JsonNode c : golden().get("enhance")) {
            double f = c.get("factor").asDouble();
            Image out = switch (c.get("fn").asText()) {
                case "brightness" -> ColorJitter.adjustBrightness(a, f);
                case "contrast" -> ColorJitter.adjustContrast(a, f);
                case "saturation" -> ColorJitter.adjustSaturation(a, f);
                default -> ColorJitter.adjustHue(a, f);
            };
            assertPixels(c, out, "adjust_" + c.get("fn").asText() + "(" + f + ")");
        }
        assertThrows(IllegalArgumentException.class, () -> ColorJitter.adjustHue(a, 0.6));
    }

    @Test
    void colorJitterDrawsTorchvisionsOrderAndFactors() {
        Torch.manualSeed(6);
        ColorJitter cj = new ColorJitter(0.4, 0.4, 0.4, 0);
        for (JsonNode c : golden().get("ColorJitter_params")) {
            double[] p = ColorJitter.getParams(new double[] {0.6, 1.4}, new double[] {0.6, 1.4},
                    new double[] {0.6, 1.4}, null);
            for (int i = 0; i < 4; i++) {
                assertEquals(c.get("order").get(i).asInt(), (int) p[i], "order");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(c.get("factors").get(i).asDouble(), p[4 + i], "factor " + i);
            }
            assertTrue(Double.isNaN(p[7]));
        }
        Torch.manualSeed(7);
        Image a = a();
        for (JsonNode c : golden().get("ColorJitter")) {
            assertPixels(c, (Image) cj.apply(a), "ColorJitter(0.4, 0.4, 0.4)");
        }
    }

    @Test
    void rotateAndRandomRotationGivePillowsPixelsForTheSeed() {
        Image a = a();
        Image sq = a.crop(0, 0, 29, 29);
        int n = 0;
        for (JsonNode c : golden().get("rotate")) {
            Image src = c.get("square").asBoolean() ? sq : a;
            assertPixels(c, src.rotate(c.get("angle").asDouble()), "rotate(" + c.get("angle") + ")");
            n++;
        }
        assertEquals(20, n);
        Torch.manualSeed(8);
        for (JsonNode c : golden().get("RandomRotation_angles")) {
            assertEquals(c.asDouble(), RandomRotation.getParams(new double[] {-30, 30}));
        }
        Torch.manualSeed(8);
        RandomRotation rot = new RandomRotation(30);
        for (JsonNode c : golden().get("RandomRotation")) {
            assertPixels(c, (Image) rot.apply(a), "RandomRotation(30)");
        }
        assertEquals(golden().get("repr").get("RandomRotation").asText(), rot.toString());
    }

    static Compose train(int size) {
        return new Compose(List.of(new RandomResizedCrop(size), new RandomHorizontalFlip(), new ToTensor(),
                new Normalize(MEAN, STD)));
    }

    static Compose val(int resize, int crop) {
        return new Compose(List.of(new Resize(resize), new CenterCrop(crop), new ToTensor(), new Normalize(MEAN, STD)));
    }

    @Test
    void tutorialPipelinesGiveTorchvisionsTensorsBitForBit() {
        try (TensorScope s = new TensorScope()) {
            Torch.manualSeed(0);
            Compose train = train(8);
            Image a = a();
            for (JsonNode c : golden().get("train")) {
                assertTensor(c, (Tensor) train.apply(a), "train");
            }
            assertTensor(golden().get("val"), (Tensor) val(10, 8).apply(b()), "val");
            assertTensor(golden().get("ToTensor"), (Tensor) new ToTensor().apply(b()), "ToTensor");
        }
    }

    @Test
    void toPilImageAndSaveRoundTrip(@TempDir Path dir) throws java.io.IOException {
        try (TensorScope s = new TensorScope()) {
            Tensor ramp = Torch.linspace(0, 1, 60).reshape(3, 4, 5);
            Image rgb = (Image) new ToPILImage().apply(ramp);
            assertPixels(golden().get("ToPILImage"), rgb, "ToPILImage(ramp)");
            Image l = (Image) new ToPILImage().apply(ramp.select(0, 0));
            assertPixels(golden().get("ToPILImage_L"), l, "ToPILImage(ramp[0])");
            Image a = a();
            Image back = (Image) new ToPILImage().apply(new ToTensor().apply(a));
            assertEquals(a, back);
            Path p = dir.resolve("out/a.png");
            back.save(p);
            assertTrue(Files.size(p) > 0);
            assertEquals(a, Image.open(p));
            l.save(dir.resolve("l.png"));
            assertEquals(l, Image.open(dir.resolve("l.png"), Image.Mode.L));
        }
    }

    @Test
    void reprsAreTorchvisions() {
        JsonNode r = golden().get("repr");
        assertEquals(r.get("train").asText(), train(224).toString());
        assertEquals(r.get("val").asText(), val(256, 224).toString());
        assertEquals(r.get("ColorJitter").asText(), new ColorJitter(0.4, 0.4, 0.4, 0.1).toString());
        assertEquals(r.get("ColorJitter_b").asText(), new ColorJitter(0.2).toString());
        assertEquals(r.get("ToPILImage").asText(), new ToPILImage().toString());
        assertEquals(r.get("Resize_hw").asText(), new Resize(new int[] {32, 48}).toString());
        assertEquals(r.get("RandomHorizontalFlip").asText(), new RandomHorizontalFlip(0.3).toString());
    }

    @Test
    void normalizeRejectsWhatTorchvisionRejects() {
        Normalize n = new Normalize(MEAN, new double[] {1, 0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.apply(Torch.zeros(3, 2, 2)));
        assertTrue(e.getMessage().startsWith("std evaluated to zero after conversion to "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(MEAN, STD).apply(Torch.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ToTensor().apply(Torch.zeros(2, 2)));
    }
}
