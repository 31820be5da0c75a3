package dev.jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.internal.ThreadGenerator;
import dev.jtorch.testing.Golden;
import dev.jtorch.vision.datasets.ImageFolder;
import dev.jtorch.vision.transforms.Compose;
import dev.jtorch.vision.transforms.RandomHorizontalFlip;
import dev.jtorch.vision.transforms.RandomResizedCrop;
import dev.jtorch.vision.transforms.ToTensor;
import dev.jtorch.vision.transforms.VisionGolden;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Random transforms in DataLoader workers draw what PyTorch 1.13's worker processes draw: worker i seeded
 * {@code base_seed + i}, batch k on worker k % n (golden/data_workers.json, from gen_data_workers_golden.py).
 */
class DataLoaderWorkersGoldenTest {
    private static final JsonNode G = Golden.load("data_workers.json");

    /** One case of the golden file, run as the generator runs it; returns the batches' values and randn after. */
    private static void check(JsonNode c) {
        int numWorkers = c.get("num_workers").asInt();
        String what = "seed " + c.get("seed").asLong() + " num_workers " + numWorkers + " generator "
                + c.get("generator_seed");
        Torch.manualSeed(c.get("seed").asLong());
        var tf = new Compose(new RandomResizedCrop(c.get("size").asInt()), new RandomHorizontalFlip(), new ToTensor());
        ImageFolder ds = new ImageFolder(VisionGolden.resource("folder"), tf);
        var options = new DataLoader.Options().batchSize(c.get("batch_size").asLong()).shuffle(true)
                .numWorkers(numWorkers);
        if ("reseed".equals(c.get("worker_init_fn").asText(null))) {
            options.workerInitFn(DataLoaderWorkersGoldenTest::reseed);
        }
        if (!c.get("generator_seed").isNull()) {
            options.generator(new Generator().manualSeed(c.get("generator_seed").asLong()));
        }
        DataLoader<List<Object>> loader = new DataLoader<>(ds, options);
        JsonNode expected = c.get("batches");
        int k = 0;
        for (int epoch = 0; epoch < c.get("epochs").asInt(); epoch++) {
            for (Batch b : loader) {
                JsonNode e = expected.get(k);
                VisionGolden.assertTensor(e, b.get(0), what + " batch " + k);
                long[] labels = new long[e.get("labels").size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = e.get("labels").get(i).asLong();
                }
                assertArrayEquals(labels, b.get(1).toLongArray(), what + " labels " + k);
                k++;
            }
        }
        assertEquals(expected.size(), k, what + ": batches");
        float[] after = Torch.randn(3).toFloatArray();
        JsonNode ea = c.get("randn_after");
        for (int i = 0; i < 3; i++) {
            assertEquals((float) ea.get(i).asDouble(), after[i], what + ": randn after the loops [" + i + "]");
        }
    }

    /** The generator's worker_init_fn: reseeds from getWorkerInfo() (whose seed is Torch.initialSeed() there). */
    static void reseed(int workerId) {
        WorkerInfo info = Data.getWorkerInfo();
        assertEquals(workerId, info.id());
        assertEquals(Torch.initialSeed(), info.seed());
        assertEquals(Thread.currentThread().getName(), "DataLoader worker " + workerId);
        Torch.manualSeed((info.seed() * 3 + workerId) & Long.MAX_VALUE); // (seed * 3 + id) % 2**63, as in Python
    }

    @Test
    void producesPyTorchBatchesWithAndWithoutWorkers() {
        assertEquals(7, G.get("cases").size());
        for (JsonNode c : G.get("cases")) {
            check(c);
        }
    }

    @Test
    void producesTheSameBatchesInEveryRun() {
        JsonNode c = G.get("cases").get(2); // three workers on two cores: timing varies, the batches must not
        for (int run = 0; run < 3; run++) {
            check(c);
        }
    }

    @Test
    void workerInfoIsNullOffWorkersAndAFailingInitFnReachesTheLoop() {
        assertNull(Data.getWorkerInfo());
        ImageFolder ds = new ImageFolder(VisionGolden.resource("folder"), new ToTensor());
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        DataLoader<List<Object>> loader = new DataLoader<>(ds, new DataLoader.Options().numWorkers(2)
                .workerInitFn(id -> seen.add(Data.getWorkerInfo().toString())));
        Torch.manualSeed(0);
        long expectedBase = Generator.drawSeed(null);
        Torch.manualSeed(0);
        for (Batch b : loader) {
            assertEquals(1, b.get(0).size(0));
        }
        assertEquals(2, seen.size());
        assertTrue(seen.contains("WorkerInfo(id=0, num_workers=2, seed=" + expectedBase + ", dataset=" + ds + ")"),
                seen.toString());
        assertTrue(seen.contains("WorkerInfo(id=1, num_workers=2, seed=" + (expectedBase + 1) + ", dataset=" + ds
                + ")"), seen.toString());
        DataLoader<List<Object>> failing = new DataLoader<>(ds, new DataLoader.Options().numWorkers(2)
                .workerInitFn(id -> {
                    if (id == 1) {
                        throw new IllegalStateException("init failed in " + id);
                    }
                }));
        var it = failing.iterator();
        assertEquals(1, it.next().get(0).size(0)); // batch 0: worker 0
        IllegalStateException e = assertThrows(IllegalStateException.class, it::next); // batch 1: worker 1
        assertEquals("init failed in 1", e.getMessage());
        assertFalse(it.hasNext(), "the workers ended");
    }

    @Test
    void workerThreadsHaveTheirOwnDefaultGenerator() throws Exception {
        Torch.manualSeed(3);
        float[] main = Torch.rand(4).toFloatArray();
        // a thread with its own generator seeded 3 draws what the main thread drew after manual_seed(3), and leaves
        // the global generator alone
        Torch.manualSeed(3);
        float[] own = CompletableFuture.supplyAsync(() -> {
            ThreadGenerator.set(new Generator().manualSeed(3));
            try {
                float[] r = Torch.rand(4).toFloatArray();
                Torch.manualSeed(99); // seeds this thread's generator only
                return r;
            } finally {
                ThreadGenerator.set(null);
            }
        }).get();
        assertArrayEquals(main, own, "the thread's own generator");
        assertArrayEquals(main, Torch.rand(4).toFloatArray(), "the global generator was untouched by the thread");
    }

    @Test
    void dropoutOnAWorkerThreadUsesItsGenerator() throws Exception {
        Torch.manualSeed(11);
        Tensor x = Torch.ones(1000);
        float[] main = dev.jtorch.nn.functional.F.dropout(x, 0.3).toFloatArray();
        float[] worker = CompletableFuture.supplyAsync(() -> {
            ThreadGenerator.set(new Generator().manualSeed(11));
            try {
                return dev.jtorch.nn.functional.F.dropout(x, 0.3).toFloatArray();
            } finally {
                ThreadGenerator.set(null);
            }
        }).get();
        assertArrayEquals(main, worker, "ATen's CPU dropout on the worker's generator: the same mask for the same seed");
        List<Float> kept = new ArrayList<>();
        for (float v : worker) {
            if (v != 0f) {
                kept.add(v);
            }
        }
        assertNotEquals(0, kept.size());
        assertEquals(1f / 0.7f, kept.get(0), 0f);
    }
}
