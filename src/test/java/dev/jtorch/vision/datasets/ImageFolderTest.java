package dev.jtorch.vision.datasets;

import static dev.jtorch.vision.transforms.VisionGolden.assertTensor;
import static dev.jtorch.vision.transforms.VisionGolden.golden;
import static dev.jtorch.vision.transforms.VisionGolden.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.vision.Image;
import dev.jtorch.vision.transforms.CenterCrop;
import dev.jtorch.vision.transforms.Compose;
import dev.jtorch.vision.transforms.Normalize;
import dev.jtorch.vision.transforms.Resize;
import dev.jtorch.vision.transforms.ToTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torchvision.datasets.ImageFolder parity (listing, items, DataLoader batches) against the golden file. */
class ImageFolderTest {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private static Compose transform() {
        return new Compose(new Resize(6), new CenterCrop(5), new ToTensor(), new Normalize(MEAN, STD));
    }

    @Test
    void listsClassesAndSamplesAsTorchvision(@TempDir Path root) throws IOException {
        JsonNode g = golden().get("ImageFolder_tree");
        for (JsonNode f : g.get("files")) {
            Path p = root.resolve(f.asText());
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        Files.createDirectories(root.resolve("a/empty"));
        ImageFolder ds = new ImageFolder(root);
        List<String> classes = new ArrayList<>();
        g.get("classes").forEach(c -> classes.add(c.asText()));
        assertEquals(classes, ds.classes());
        Map<String, Integer> idx = new LinkedHashMap<>();
        g.get("class_to_idx").fields().forEachRemaining(e -> idx.put(e.getKey(), e.getValue().asInt()));
        assertEquals(idx, ds.classToIdx());
        List<String> expected = new ArrayList<>();
        for (JsonNode s : g.get("samples")) {
            expected.add(s.get(0).asText() + " " + s.get(1).asInt());
        }
        List<String> actual = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (ImageFolder.Sample s : ds.samples()) {
            actual.add(root.relativize(s.path()) + " " + s.classIndex());
            targets.add(s.classIndex());
        }
        assertEquals(expected, actual);
        assertEquals(targets, ds.targets());
        assertEquals(expected.size(), ds.size());
    }

    @Test
    void reportsTorchvisionsErrors(@TempDir Path root) throws IOException {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new ImageFolder(root));
        assertEquals("Couldn't find any class folder in " + root + ".", e.getCause().getMessage());
        Files.createDirectories(root.resolve("x"));
        Files.createDirectories(root.resolve("w"));
        Files.createFile(root.resolve("x/readme.txt"));
        e = assertThrows(UncheckedIOException.class, () -> new ImageFolder(root));
        assertEquals("Found no valid file for the classes w, x. Supported extensions are: .jpg, .jpeg, .png, .ppm, "
                + ".bmp, .pgm, .tif, .tiff, .webp", e.getCause().getMessage());
    }

    @Test
    void itemsAndBatchesEqualPythonsDataLoader() {
        ImageFolder ds = new ImageFolder(resource("folder"), transform());
        assertEquals(List.of("cat", "dog"), ds.classes());
        assertEquals(golden().get("ImageFolder_repr").asText(),
                ds.toString().replace(resource("folder").toString(), "ROOT"));
        List<Object> item = ds.get(0);
        assertInstanceOf(Tensor.class, item.get(0));
        assertEquals(0, item.get(1));
        assertInstanceOf(Image.class, new ImageFolder(resource("folder")).get(4).get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(5));
        int i = 0;
        JsonNode batches = golden().get("ImageFolder_batches");
        for (Batch b : new DataLoader<>(ds, new DataLoader.Options().batchSize(2))) {
            JsonNode g = batches.get(i++);
            assertTensor(g.get("images"), b.get(0), "batch " + i);
            long[] targets = new long[g.get("targets").size()];
            for (int k = 0; k < targets.length; k++) {
                targets[k] = g.get("targets").get(k).asLong();
            }
            assertArrayEquals(targets, b.get(1).toLongArray());
        }
        assertEquals(batches.size(), i);
    }

    /** A dataset that records which threads decoded its items. */
    private static final class Recording extends ImageFolder {
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Recording(Path root) {
            super(root, ImageFolderTest.transform(), null);
        }

        @Override
        public List<Object> get(long index) {
            threads.add(Thread.currentThread().getName());
            return super.get(index);
        }
    }

    @Test
    void workersDecodeInParallelAndGiveTheSameBatches(@TempDir Path root) {
        // 24 images, 3 classes, of different sizes
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 8; k++) {
                int w = 7 + k + c;
                int h = 9 + 2 * k;
                byte[] p = new byte[w * h * 3];
                for (int j = 0; j < p.length; j++) {
                    p[j] = (byte) (j * 31 + k * 7 + c * 101);
                }
                new Image(Image.Mode.RGB, w, h, p).save(root.resolve("class" + c).resolve(k + ".png"));
            }
        }
        List<float[]> serial = new ArrayList<>();
        List<long[]> serialTargets = new ArrayList<>();
        for (Batch b : new DataLoader<>(new ImageFolder(root, transform()), new DataLoader.Options().batchSize(5))) {
            serial.add(b.get(0).toFloatArray());
            serialTargets.add(b.get(1).toLongArray());
        }
        Recording ds = new Recording(root);
        int n = 0;
        for (Batch b : new DataLoader<>(ds, new DataLoader.Options().batchSize(5).numWorkers(3))) {
            assertArrayEquals(serial.get(n), b.get(0).toFloatArray(), "batch " + n);
            assertArrayEquals(serialTargets.get(n), b.get(1).toLongArray(), "targets " + n);
            n++;
        }
        assertEquals(5, n);
        assertEquals(5, serial.size());
        // the pool starts a thread per task until it has 3, and prefetches 6 batches: all 3 workers decode
        assertEquals(3, ds.threads.size(), ds.threads.toString());
        assertTrue(ds.threads.stream().allMatch(t -> t.startsWith("DataLoader worker ")), ds.threads.toString());
    }
}
