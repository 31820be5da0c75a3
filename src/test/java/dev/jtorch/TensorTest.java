package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Nested
    class Factories {
        @Test
        void defaultDtypesFollowPyTorch() {
            assertEquals(DType.FLOAT32, Torch.randn(2).dtype());
            assertEquals(DType.FLOAT32, Torch.rand(2).dtype());
            assertEquals(DType.FLOAT32, Torch.zeros(2).dtype());
            assertEquals(DType.FLOAT32, Torch.ones(2).dtype());
            assertEquals(DType.INT64, Torch.arange(5).dtype());
            assertEquals(DType.FLOAT32, Torch.arange(5.0).dtype());
            assertEquals(DType.INT64, Torch.full(new long[] {2}, 7).dtype());
            assertEquals(DType.FLOAT32, Torch.full(new long[] {2}, 7.0).dtype());
            assertEquals(DType.INT64, Torch.randperm(4).dtype());
            assertEquals(DType.INT64, Torch.randint(0, 3, 4).dtype());
            assertEquals(DType.FLOAT64, Torch.zeros(new long[] {2}, DType.FLOAT64).dtype());
        }

        @Test
        void valuesOfDeterministicFactories() {
            assertArrayEquals(new long[] {0, 1, 2, 3, 4}, Torch.arange(5).toLongArray());
            assertArrayEquals(new long[] {2, 5, 8}, Torch.arange(2, 10, 3).toLongArray());
            assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f}, Torch.arange(0.0, 2.0, 0.5).toFloatArray());
            assertArrayEquals(new float[] {0f, 0f, 0f}, Torch.zeros(3).toFloatArray());
            assertArrayEquals(new float[] {1f, 1f}, Torch.ones(2).toFloatArray());
            assertArrayEquals(new long[] {7, 7, 7, 7}, Torch.full(new long[] {2, 2}, 7).toLongArray());
            assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f}, Torch.linspace(0, 1, 5).toFloatArray());
            assertArrayEquals(new float[] {1, 0, 0, 1}, Torch.eye(2).toFloatArray());
            assertEquals("torch.Size([2, 3])", Torch.empty(2, 3).shape().toString());
        }

        @Test
        void randpermIsAPermutationAndRandintStaysInRange() {
            long[] p = Torch.randperm(50).toLongArray();
            long[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(Torch.arange(50).toLongArray(), sorted);
            for (long v : Torch.randint(3, 7, 1000).toLongArray()) {
                assertTrue(v >= 3 && v < 7, "randint value " + v);
            }
            for (float v : Torch.rand(1000).toFloatArray()) {
                assertTrue(v >= 0f && v < 1f, "rand value " + v);
            }
        }

        @Test
        void negativeSizesAreRejectedWithPyTorchsWords() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.randn(-1, 3));
            assertEquals("Trying to create tensor with negative dimension -1: [-1, 3]", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Torch.zeros(2, -5));
            assertThrows(IllegalArgumentException.class, () -> Torch.randperm(-1));
        }

        @Test
        void nullArgumentsAreRejectedWithTheirName() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> Torch.randn((long[]) null));
            assertEquals("size", e.getMessage());
            assertThrows(NullPointerException.class, () -> Torch.ones(2).add((Tensor) null));
            assertThrows(NullPointerException.class, () -> Torch.ones(2).mul((Number) null));
            assertThrows(NullPointerException.class, () -> Torch.ones(2).to((DType) null));
        }
    }

    @Nested
    class JavaArrays {
        @Test
        void roundTripsKeepValuesAndTakeTheArraysType() {
            Tensor f = Torch.tensor(1.5f, -2f, 3.25f);
            assertEquals(DType.FLOAT32, f.dtype());
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, f.toFloatArray());

            Tensor d = Torch.tensor(new double[][] {{1, 2, 3}, {4, 5, 6}});
            assertEquals(DType.FLOAT32, d.dtype(), "Python floats make float32");
            assertEquals(DType.FLOAT64, Torch.tensor(new double[] {0.1}, DType.FLOAT64).dtype());
            assertEquals(0.1, Torch.tensor(new double[] {0.1}, DType.FLOAT64).item(), "float64 keeps the double");
            assertEquals("torch.Size([2, 3])", d.shape().toString());
            assertArrayEquals(new double[] {4, 5, 6}, d.toDoubleArray2d()[1]);

            Tensor l = Torch.tensor(new long[][] {{1, 2}, {3, 4}});
            assertEquals(DType.INT64, l.dtype());
            assertArrayEquals(new long[] {1, 2, 3, 4}, l.toLongArray());

            Tensor i = Torch.tensor(7, 8, 9);
            assertEquals(DType.INT64, i.dtype(), "Python ints make int64");
            assertArrayEquals(new int[] {7, 8, 9}, i.toIntArray());
            assertEquals(DType.INT32, Torch.tensor(new int[] {7}, DType.INT32).dtype());

            Tensor b = Torch.tensor(true, false, true);
            assertEquals(DType.BOOL, b.dtype());
            assertArrayEquals(new boolean[] {true, false, true}, b.toBooleanArray());

            Tensor f32 = Torch.tensor(new double[][] {{0.1, 0.2}}, DType.FLOAT32);
            assertEquals(DType.FLOAT32, f32.dtype());
            assertArrayEquals(new float[] {0.1f, 0.2f}, f32.toFloatArray());

            assertEquals(0, Torch.tensor(new float[0]).numel());
        }

        @Test
        void raggedRowsAreRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Torch.tensor(new double[][] {{1, 2}, {3}}));
            assertTrue(e.getMessage().contains("expected sequence of length 2 at dim 1 (got 1)"), e.getMessage());
        }
    }

    @Nested
    class Arithmetic {
        @Test
        void tensorsAndNumbersCombineAsInPython() {
            Tensor a = Torch.tensor(1f, 2f, 3f);
            Tensor b = Torch.tensor(4f, 5f, 6f);
            assertArrayEquals(new float[] {5, 7, 9}, a.add(b).toFloatArray());
            assertArrayEquals(new float[] {-3, -3, -3}, a.sub(b).toFloatArray());
            assertArrayEquals(new float[] {4, 10, 18}, a.mul(b).toFloatArray());
            assertArrayEquals(new float[] {0.25f, 0.4f, 0.5f}, a.div(b).toFloatArray());
            assertArrayEquals(new float[] {3, 4, 5}, a.add(2).toFloatArray());
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, a.mul(0.5).toFloatArray());
            assertArrayEquals(new float[] {9, 8, 7}, a.rsub(10).toFloatArray());
            assertArrayEquals(new float[] {1, 4, 9}, a.pow(2).toFloatArray());
            assertArrayEquals(new float[] {-1, -2, -3}, a.neg().toFloatArray());
            assertArrayEquals(new float[] {9, 12, 15}, a.add(b, 2).toFloatArray());
        }

        @Test
        void typePromotionMatchesPython() {
            Tensor l = Torch.tensor(1L, 2L, 3L);
            assertEquals(DType.INT64, l.mul(2).dtype(), "long * int stays long");
            assertEquals(DType.FLOAT32, l.mul(0.5).dtype(), "long * float becomes the default float");
            assertEquals(DType.FLOAT32, l.div(2).dtype(), "true division");
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, l.div(2).toFloatArray());
            assertEquals(DType.FLOAT32, Torch.ones(2).mul(Torch.tensor(2L, 3L)).dtype());
        }

        @Test
        void matmulAndBroadcasting() {
            Tensor x = Torch.tensor(new float[][] {{1, 2}, {3, 4}});
            Tensor w = Torch.tensor(new float[][] {{5}, {6}});
            assertArrayEquals(new float[] {17, 39}, x.matmul(w).toFloatArray());
            assertArrayEquals(new float[] {17, 39}, Torch.matmul(x, w).toFloatArray());
            Tensor bias = Torch.tensor(10f);
            assertArrayEquals(new float[] {27, 49}, x.matmul(w).add(bias).toFloatArray());
            assertEquals("torch.Size([2, 1])", x.matmul(w).shape().toString());
            assertArrayEquals(new float[] {1, 3, 2, 4}, x.t().contiguous().toFloatArray());
        }

        @Test
        void inPlaceOperationsChangeTheTensorAndReturnIt() {
            Tensor a = Torch.ones(3);
            assertTrue(a.add_(1) == a);
            a.mul_(3).sub_(Torch.ones(3)).div_(5);
            assertArrayEquals(new float[] {1, 1, 1}, a.toFloatArray());
            a.fill_(4);
            assertArrayEquals(new float[] {4, 4, 4}, a.toFloatArray());
            a.copy_(Torch.tensor(1f, 2f, 3f));
            assertArrayEquals(new float[] {1, 2, 3}, a.toFloatArray());
            a.zero_();
            assertArrayEquals(new float[] {0, 0, 0}, a.toFloatArray());
        }

        @Test
        void elementwiseFunctions() {
            Tensor x = Torch.tensor(-1f, 0f, 2f);
            assertArrayEquals(new float[] {0, 0, 2}, x.relu().toFloatArray());
            float[] s = x.sigmoid().toFloatArray();
            for (int i = 0; i < 3; i++) {
                double v = new double[] {-1, 0, 2}[i];
                assertEquals(1 / (1 + Math.exp(-v)), s[i], 1e-7);
            }
            assertArrayEquals(new float[] {1, 0, 2}, x.abs().toFloatArray());
            assertEquals(Math.tanh(2), x.tanh().toFloatArray()[2], 1e-7);
            assertArrayEquals(new float[] {-1, 0, 1}, x.clamp(null, 1).toFloatArray());
            assertArrayEquals(new float[] {2f}, Torch.tensor(4f).sqrt().view(1).toFloatArray());
        }

        @Test
        void softmaxAndLogSoftmaxAlongADimension() {
            Tensor x = Torch.tensor(new float[][] {{1, 2, 3}, {1, 1, 1}});
            float[] p = x.softmax(1).toFloatArray();
            double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
            assertEquals(Math.exp(3) / z, p[2], 1e-7);
            assertEquals(1.0 / 3, p[4], 1e-7);
            assertEquals(Math.log(Math.exp(1) / z), x.logSoftmax(1).toFloatArray()[0], 1e-6);
            assertArrayEquals(x.softmax(1).toFloatArray(), Torch.softmax(x, 1).toFloatArray());
        }
    }

    @Nested
    class Comparisons {
        @Test
        void giveBoolTensors() {
            Tensor x = Torch.tensor(0.2f, 0.5f, 0.9f);
            assertArrayEquals(new boolean[] {false, false, true}, x.gt(0.5).toBooleanArray());
            assertArrayEquals(new boolean[] {false, true, true}, x.ge(0.5).toBooleanArray());
            assertArrayEquals(new boolean[] {true, false, false}, x.lt(0.5).toBooleanArray());
            assertArrayEquals(new boolean[] {true, true, false}, x.le(0.5).toBooleanArray());
            assertArrayEquals(new boolean[] {false, true, false}, x.eq(0.5).toBooleanArray());
            assertArrayEquals(new boolean[] {true, false, true}, x.ne(0.5).toBooleanArray());
            assertEquals(DType.BOOL, x.gt(0.5).dtype());
            Tensor a = Torch.tensor(1L, 0L, 1L);
            Tensor b = Torch.tensor(1L, 1L, 1L);
            assertArrayEquals(new boolean[] {true, false, true}, a.eq(b).toBooleanArray());
            assertEquals(2, a.eq(b).sum().itemLong());
            assertArrayEquals(new boolean[] {false, true, false}, a.eq(b).logicalNot().toBooleanArray());
            assertTrue(a.equal(Torch.tensor(1L, 0L, 1L)));
            assertFalse(a.equal(b));
            assertTrue(Torch.tensor(1f, 2f).allclose(Torch.tensor(1f, 2.000001f)));
        }
    }

    @Nested
    class ShapesAndIndexing {
        @Test
        void reshaping() {
            Tensor x = Torch.arange(6);
            assertEquals("torch.Size([2, 3])", x.view(2, 3).shape().toString());
            assertEquals("torch.Size([3, 2])", x.reshape(-1, 2).shape().toString());
            assertEquals("torch.Size([1, 6])", x.unsqueeze(0).shape().toString());
            assertEquals("torch.Size([6])", x.view(1, 6, 1).squeeze().shape().toString());
            assertEquals("torch.Size([6, 1])", x.view(1, 6, 1).squeeze(0).shape().toString());
            assertEquals("torch.Size([6])", x.view(2, 3).flatten().shape().toString());
            assertEquals("torch.Size([2, 12])", Torch.zeros(2, 3, 4).flatten(1, 2).shape().toString());
            assertEquals("torch.Size([4, 2, 3])", Torch.zeros(2, 3, 4).permute(2, 0, 1).shape().toString());
            assertEquals("torch.Size([3, 2])", x.view(2, 3).transpose(0, 1).shape().toString());
            Tensor m = Torch.zeros(800, 2);
            assertEquals(800, m.size(0));
            assertEquals(2, m.size(-1));
            assertEquals(2, m.dim());
            assertEquals(1600, m.numel());
            assertEquals(800, m.shape().get(0));
        }

        @Test
        void slicingLikePython() {
            Tensor x = Torch.arange(20).view(10, 2);
            assertEquals("torch.Size([8, 2])", x.index(":8").shape().toString());
            assertEquals("torch.Size([2, 2])", x.index("8:").shape().toString());
            assertArrayEquals(new long[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, x.index(":, 0").toLongArray());
            assertArrayEquals(new long[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18},
                    x.index(Slice.all(), 0).toLongArray());
            assertArrayEquals(new long[] {16, 17, 18, 19}, x.index(Slice.from(-2)).toLongArray());
            assertArrayEquals(new long[] {0, 1, 4, 5}, x.index(Slice.of(0, 4, 2)).toLongArray());
            assertArrayEquals(new long[] {1, 5}, x.index("0:4:2, 1").toLongArray());
            assertArrayEquals(new long[] {19}, x.index("..., 1").index("-1:").toLongArray());
            assertArrayEquals(new long[] {6, 7}, x.index(3).toLongArray());
            assertArrayEquals(new long[] {6, 7}, x.select(0, 3).toLongArray());
            assertArrayEquals(new long[] {4, 5, 6, 7}, x.narrow(0, 2, 2).toLongArray());
        }

        @Test
        void indexTensorsAndMasks() {
            Tensor x = Torch.arange(10).mul(10);
            Tensor idx = Torch.tensor(3L, 0L, 9L);
            assertArrayEquals(new long[] {30, 0, 90}, x.index(idx).toLongArray());
            assertArrayEquals(new long[] {30, 0, 90}, x.indexSelect(0, idx).toLongArray());
            assertArrayEquals(new long[] {70, 80, 90}, x.index(x.gt(60)).toLongArray());
            Tensor y = Torch.zeros(4);
            y.indexPut_(new Object[] {Torch.tensor(1L, 3L)}, 5.0);
            assertArrayEquals(new float[] {0, 5, 0, 5}, y.toFloatArray());
            y.indexPut_(":2", Torch.tensor(7f, 8f));
            assertArrayEquals(new float[] {7, 8, 0, 5}, y.toFloatArray());
        }

        @Test
        void badIndicesAreClearErrors() {
            Tensor x = Torch.arange(4);
            assertThrows(IllegalArgumentException.class, () -> x.index("a:b"));
            assertThrows(IllegalArgumentException.class, () -> x.index(1.5));
            assertThrows(IllegalArgumentException.class, () -> Slice.of(0, 4, 0));
            TorchException e = assertThrows(TorchException.class, () -> x.index(7));
            assertEquals("index 7 is out of bounds for dimension 0 with size 4", e.getMessage());
        }
    }

    @Nested
    class Reductions {
        @Test
        void sumMeanStdMaxArgmax() {
            Tensor x = Torch.tensor(new float[][] {{1, 5, 3}, {4, 2, 6}});
            assertEquals(21.0, x.sum().item());
            assertArrayEquals(new float[] {9, 12}, x.sum(1).toFloatArray());
            assertEquals(3.5, x.mean().item(), 1e-7);
            assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, x.mean(0).toFloatArray());
            assertEquals(1.8708287, x.std().item(), 1e-6, "sample standard deviation, as PyTorch");
            assertArrayEquals(new float[] {2, 2}, x.std(1).toFloatArray(), 1e-6f);
            assertEquals(6.0, x.max().item());
            assertEquals(1.0, x.min().item());
            assertEquals(5, x.argmax().itemLong());
            assertArrayEquals(new long[] {1, 2}, x.argmax(1).toLongArray());
            assertArrayEquals(new long[] {1, 2}, Torch.argmax(x, 1).view(2, 1).toLongArray());
        }

        @Test
        void maxAlongADimensionGivesValuesAndIndices() {
            Tensor outputs = Torch.tensor(new float[][] {{0.1f, 0.9f}, {0.8f, 0.2f}, {0.3f, 0.7f}});
            ValuesIndices r = Torch.max(outputs, 1);
            assertArrayEquals(new float[] {0.9f, 0.8f, 0.7f}, r.values().toFloatArray());
            assertArrayEquals(new long[] {1, 0, 1}, r.indices().toLongArray());
            assertEquals(DType.INT64, r.indices().dtype());
            ValuesIndices k = outputs.max(1, true);
            assertEquals("torch.Size([3, 1])", k.values().shape().toString());
            assertArrayEquals(new long[] {0, 1, 0}, outputs.min(1).indices().toLongArray());
        }

        @Test
        void itemNeedsExactlyOneElement() {
            assertEquals(2.5, Torch.tensor(2.5f).item());
            assertEquals(3L, Torch.tensor(3L).itemLong());
            assertTrue(Torch.tensor(true).itemBool());
            TorchException e = assertThrows(TorchException.class, () -> Torch.ones(2).item());
            assertEquals("a Tensor with 2 elements cannot be converted to Scalar", e.getMessage());
        }
    }

    @Nested
    class DtypesAndDevices {
        @Test
        void conversions() {
            Tensor x = Torch.tensor(1.7f, -0.2f);
            assertEquals(DType.INT64, x.toLong().dtype());
            assertArrayEquals(new long[] {1, 0}, x.toLong().toLongArray(), "truncates toward zero");
            assertEquals(DType.FLOAT64, x.to(DType.FLOAT64).dtype());
            assertEquals(DType.FLOAT64, x.toDouble().dtype());
            assertEquals(DType.FLOAT16, x.toHalf().dtype());
            assertEquals(DType.INT32, x.toInt().dtype());
            assertEquals(DType.BOOL, x.toBool().dtype());
            assertEquals(DType.FLOAT32, x.toLong().toFloat().dtype());
            assertEquals("torch.float32", DType.FLOAT32.toString());
            assertEquals("torch.int64", Torch.int64.toString());
        }

        @Test
        void cpuDevice() {
            Tensor x = Torch.ones(2);
            assertEquals(Device.CPU, x.device());
            assertEquals("cpu", x.device().toString());
            assertEquals("cpu", x.device().type());
            assertFalse(x.isCuda());
            assertArrayEquals(new float[] {1, 1}, x.to(Device.CPU).toFloatArray());
            assertArrayEquals(new float[] {1, 1}, x.cpu().toFloatArray());
            assertEquals(DType.FLOAT64, x.to(Device.CPU, DType.FLOAT64).dtype());
        }

        @Test
        void deviceStringsAndTheUsualPattern() {
            assertEquals("cuda:1", Torch.device("cuda:1").toString());
            assertEquals("cuda", Torch.device("cuda").toString());
            assertEquals(Device.CPU, Torch.device("cpu"));
            assertEquals(Device.cuda(0), Device.of("cuda:0"));
            assertTrue(Device.cuda(0).isCuda());
            assertThrows(IllegalArgumentException.class, () -> Torch.device("tpu"));
            assertThrows(IllegalArgumentException.class, () -> Torch.device("cuda:x"));
            assertThrows(IllegalArgumentException.class, () -> Device.cuda(-1));
            Device device = Torch.device(Torch.cudaIsAvailable() ? "cuda" : "cpu");
            assertEquals(Torch.cudaIsAvailable() ? "cuda" : "cpu", device.type());
            if (!Torch.cudaIsAvailable()) {
                assertEquals(0, Torch.cudaDeviceCount());
            }
        }

        @Test
        void threads() {
            int before = Torch.getNumThreads();
            try {
                Torch.setNumThreads(1);
                assertEquals(1, Torch.getNumThreads());
            } finally {
                Torch.setNumThreads(before);
            }
            assertEquals(before, Torch.getNumThreads());
            assertThrows(IllegalArgumentException.class, () -> Torch.setNumThreads(0));
        }
    }

    @Nested
    class Autograd {
        @Test
        void backwardFillsGradients() {
            Tensor x = Torch.tensor(1f, 2f, 3f).requiresGrad_();
            assertTrue(x.requiresGrad());
            assertTrue(x.isLeaf());
            assertNull(x.grad(), "no gradient before backward, as Python's None");
            Tensor y = x.pow(2).sum();
            assertFalse(y.isLeaf());
            assertEquals("SumBackward0", y.gradFnName());
            y.backward();
            assertArrayEquals(new float[] {2, 4, 6}, x.grad().toFloatArray());
            x.mul(3).sum().backward();
            assertArrayEquals(new float[] {5, 7, 9}, x.grad().toFloatArray(), "gradients accumulate");
        }

        @Test
        void backwardWithAGradientArgument() {
            Tensor x = Torch.tensor(1f, 2f).requiresGrad_();
            x.mul(2).backward(Torch.tensor(1f, 10f));
            assertArrayEquals(new float[] {2, 20}, x.grad().toFloatArray());
        }

        @Test
        void detachCloneAndData() {
            Tensor x = Torch.ones(2).requiresGrad_();
            Tensor y = x.mul(2);
            assertFalse(y.detach().requiresGrad());
            assertFalse(y.data().requiresGrad());
            Tensor c = y.detach().clone();
            c.add_(1);
            assertArrayEquals(new float[] {2, 2}, y.detach().toFloatArray(), "clone does not share memory");
            Tensor d = y.detach();
            d.add_(1);
            assertArrayEquals(new float[] {3, 3}, y.detach().toFloatArray(), "detach shares memory");
        }

        @Test
        void noGradSwitchesAutogradOffAndRestoresIt() {
            Tensor w = Torch.ones(2).requiresGrad_();
            assertTrue(Torch.isGradEnabled());
            try (var g = Torch.noGrad()) {
                assertFalse(Torch.isGradEnabled());
                assertFalse(w.mul(2).requiresGrad());
                try (var e = Torch.enableGrad()) {
                    assertTrue(w.mul(2).requiresGrad());
                }
                assertFalse(Torch.isGradEnabled(), "inner block restores the outer mode");
            }
            assertTrue(Torch.isGradEnabled());
            assertTrue(w.mul(2).requiresGrad());
            try (var g = Torch.setGradEnabled(false)) {
                assertFalse(Torch.isGradEnabled());
            }
            assertTrue(Torch.isGradEnabled());
        }
    }

    @Nested
    class Tutorial {
        /** The data lines of seed 000, against Python's values for seed 42. */
        @Test
        void seed000DataGenerationMatchesPython() {
            JsonNode g = Golden.load("tensor_core.json").get("seed000_data");
            Torch.manualSeed(42);
            int numSamples = 1000;
            int numFeatures = 10;
            Tensor X = Torch.randn(numSamples, numFeatures);
            Tensor trueWeights = Torch.randn(numFeatures, 1);
            Tensor trueBias = Torch.randn(1);
            Tensor logits = X.matmul(trueWeights).add(trueBias).add(Torch.randn(numSamples, 1).mul(0.5));
            Tensor y = logits.sigmoid().gt(0.5).toLong().squeeze();
            int trainSize = (int) (numSamples * 0.8);
            Tensor xTrain = X.index(Slice.to(trainSize));
            Tensor xVal = X.index(Slice.from(trainSize));

            // libtorch 2.10's OpenBLAS and Python 1.13 may sum the 10 products of the matmul in another order:
            // the last float32 bit may differ, the labels and printed digits do not.
            assertArrayEquals(Golden.doubles(node(g, "logits_first5")), logits.index(":5").toDoubleArray(), 2e-6);
            assertEquals(g.get("y_sum").asLong(), y.sum().itemLong());
            assertEquals(g.get("y_str").asText(), y.toString());
            assertEquals(g.get("X_train_shape").asText(), xTrain.shape().toString());
            assertArrayEquals(Golden.doubles(node(g, "X_val_col0_first3")), xVal.index(":3, 0").toDoubleArray());
            assertEquals(g.get("logits_mean").asDouble(), logits.mean().item(), 1e-6);
            assertEquals(g.get("logits_std").asDouble(), logits.std().item(), 1e-6);
        }

        private JsonNode node(JsonNode g, String field) {
            return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().set("values", g.get(field));
        }
    }

    @Test
    void catAndStack() {
        Tensor a = Torch.tensor(new float[][] {{1, 2}});
        Tensor b = Torch.tensor(new float[][] {{3, 4}});
        assertEquals("torch.Size([2, 2])", Torch.cat(List.of(a, b)).shape().toString());
        assertEquals("torch.Size([1, 4])", Torch.cat(List.of(a, b), 1).shape().toString());
        assertEquals("torch.Size([2, 1, 2])", Torch.stack(List.of(a, b)).shape().toString());
        assertArrayEquals(new float[] {1, 4}, Torch.where(Torch.tensor(true, false), Torch.tensor(1f, 2f),
                Torch.tensor(3f, 4f)).toFloatArray());
        // Python: print(torch.cat([torch.tensor([[1., 2.]]), torch.tensor([[3., 4.]])]))
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", Torch.cat(List.of(a, b)).toString());
    }
}
