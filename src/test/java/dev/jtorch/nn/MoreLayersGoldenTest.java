package dev.jtorch.nn;

import static dev.jtorch.nn.NnGolden.TOL;
import static dev.jtorch.nn.NnGolden.assertNamed;
import static dev.jtorch.nn.NnGolden.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.Warnings;
import dev.jtorch.nn.functional.InterpolateMode;
import dev.jtorch.nn.functional.Padding;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every case of golden/nn_more.json (written by src/test/python/gen_nn_more_golden.py from PyTorch 1.13), rebuilt
 * in Java with the same seed: Conv3d, ConvTranspose2d, GroupNorm, InstanceNorm2d, Upsample, PixelShuffle,
 * PixelUnshuffle, Dropout2d, SiLU, Mish, Softplus, PReLU, ELU, Hardswish, CosineSimilarity and the losses
 * CosineEmbeddingLoss, MarginRankingLoss, TripletMarginLoss, CTCLoss, PoissonNLLLoss, GaussianNLLLoss. Reprs and
 * initial state dicts exactly, the inputs drawn next exactly (construction consumed the generator as PyTorch does),
 * outputs and gradients within {@link NnGolden#TOL}; PyTorch's error messages (ValueError as
 * {@link IllegalArgumentException}, RuntimeError as {@link TorchException}, NotImplementedError as
 * {@link UnsupportedOperationException}) and warnings.
 */
class MoreLayersGoldenTest {
    static final JsonNode ROOT = Golden.load("nn_more.json");

    /** The Java twin of each one-input module case. */
    static final Map<String, Supplier<Module>> MODULES = new LinkedHashMap<>();

    /** A multi-input case: how to build the module and how to call it on the case's inputs. */
    record Call(Supplier<Module> build, BiFunction<Module, List<Tensor>, Tensor> invoke) {}

    /** The Java twin of each multi-input case. */
    static final Map<String, Call> CALLS = new LinkedHashMap<>();

    /** The Java twin of each error case. */
    static final Map<String, Executable> ERRORS = new LinkedHashMap<>();

    /** The Java twin of each warning case. */
    static final Map<String, Runnable> WARNS = new LinkedHashMap<>();

    private static Tensor x4() {
        Torch.manualSeed(0);
        return Torch.randn(2, 2, 4, 4);
    }

    static {
        MODULES.put("conv3d", () -> new Conv3d(2, 3, 2));
        MODULES.put("conv3d_options", () -> new Conv3d(4, 4, new long[] {3, 2, 1},
                new Conv3d.Options().stride(2, 1, 1).padding(1).dilation(1, 2, 1).groups(2).bias(false)));
        MODULES.put("conv3d_same_circular", () -> new Conv3d(1, 2, 3,
                new Conv3d.Options().padding(Padding.SAME).paddingMode(ConvNd.PaddingMode.CIRCULAR)));
        MODULES.put("conv3d_unbatched", () -> new Conv3d(2, 2, 2, new Conv3d.Options().padding(0, 1, 0)));
        MODULES.put("conv_transpose2d", () -> new ConvTranspose2d(3, 2, 3));
        MODULES.put("conv_transpose2d_options", () -> new ConvTranspose2d(4, 6, 3,
                new ConvTranspose2d.Options().stride(2).padding(1).outputPadding(1).groups(2).bias(false).dilation(2)));
        MODULES.put("conv_transpose2d_tuples", () -> new ConvTranspose2d(2, 3, new long[] {3, 2},
                new ConvTranspose2d.Options().stride(2, 3).padding(1, 0).outputPadding(0, 2)));
        MODULES.put("conv_transpose2d_unbatched", () -> new ConvTranspose2d(2, 2, 2,
                new ConvTranspose2d.Options().stride(2)));
        MODULES.put("group_norm", () -> new GroupNorm(2, 4));
        MODULES.put("group_norm_options", () -> new GroupNorm(3, 6, new GroupNorm.Options().eps(0.001).affine(false)));
        MODULES.put("group_norm_2d_input", () -> new GroupNorm(1, 3));
        MODULES.put("instance_norm2d", () -> new InstanceNorm2d(3));
        MODULES.put("instance_norm2d_affine_tracking", () -> new InstanceNorm2d(2,
                new InstanceNorm2d.Options().affine(true).trackRunningStats(true)));
        MODULES.put("instance_norm2d_momentum_eps", () -> new InstanceNorm2d(2,
                new InstanceNorm2d.Options().eps(0.001).momentum(0.3).affine(true)));
        MODULES.put("instance_norm2d_unbatched_tracking", () -> new InstanceNorm2d(3,
                new InstanceNorm2d.Options().trackRunningStats(true)));
        MODULES.put("upsample_nearest_scale", () -> new Upsample(new Upsample.Options().scaleFactor(2)));
        MODULES.put("upsample_nearest_size", () -> new Upsample(new Upsample.Options().size(new long[] {3, 5})));
        MODULES.put("upsample_nearest_fractional", () -> new Upsample(new Upsample.Options().scaleFactor(1.5)));
        MODULES.put("upsample_nearest_1d", () -> new Upsample(new Upsample.Options().size(5)));
        MODULES.put("upsample_bilinear", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.BILINEAR)));
        MODULES.put("upsample_bilinear_align", () -> new Upsample(new Upsample.Options().size(new long[] {4, 5})
                .mode(InterpolateMode.BILINEAR).alignCorners(true)));
        MODULES.put("upsample_bicubic", () -> new Upsample(new Upsample.Options().scaleFactor(new double[] {1.5, 2})
                .mode(InterpolateMode.BICUBIC)));
        MODULES.put("upsample_bicubic_align", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.BICUBIC).alignCorners(true)));
        MODULES.put("upsample_bilinear_recompute", () -> new Upsample(new Upsample.Options().scaleFactor(1.7)
                .mode(InterpolateMode.BILINEAR).recomputeScaleFactor(true)));
        MODULES.put("upsample_linear_1d", () -> new Upsample(new Upsample.Options().scaleFactor(2.5)
                .mode(InterpolateMode.LINEAR)));
        MODULES.put("upsample_trilinear", () -> new Upsample(new Upsample.Options().size(new long[] {2, 3, 4})
                .mode(InterpolateMode.TRILINEAR).alignCorners(true)));
        MODULES.put("upsample_nearest_3d", () -> new Upsample(new Upsample.Options()
                .scaleFactor(new double[] {1, 2, 1.5})));
        MODULES.put("upsample_area_scale", () -> new Upsample(new Upsample.Options().scaleFactor(0.5)
                .mode(InterpolateMode.AREA)));
        MODULES.put("upsample_area_size", () -> new Upsample(new Upsample.Options().size(new long[] {3, 2})
                .mode(InterpolateMode.AREA)));
        MODULES.put("pixel_shuffle", () -> new PixelShuffle(2));
        MODULES.put("pixel_unshuffle", () -> new PixelUnshuffle(2));
        MODULES.put("dropout2d", Dropout2d::new);
        MODULES.put("dropout2d_p", () -> new Dropout2d(0.3));
        MODULES.put("silu", SiLU::new);
        MODULES.put("mish", Mish::new);
        MODULES.put("softplus", Softplus::new);
        MODULES.put("softplus_options", () -> new Softplus(2, 1.5));
        MODULES.put("softplus_float_options", () -> new Softplus(0.5, 10.0));
        MODULES.put("prelu", PReLU::new);
        MODULES.put("prelu_channels", () -> new PReLU(3, 0.1));
        MODULES.put("elu", ELU::new);
        MODULES.put("elu_alpha", () -> new ELU(0.5));
        MODULES.put("hardswish", Hardswish::new);

        CALLS.put("conv_transpose2d_output_size", new Call(() -> new ConvTranspose2d(2, 3, 3,
                new ConvTranspose2d.Options().stride(2).padding(1)),
                (m, x) -> ((ConvTranspose2d) m).forward(x.get(0), new long[] {6, 6})));
        CALLS.put("conv_transpose2d_output_size_full", new Call(() -> new ConvTranspose2d(2, 2, 3,
                new ConvTranspose2d.Options().stride(3)),
                (m, x) -> ((ConvTranspose2d) m).forward(x.get(0), new long[] {2, 2, 8, 7})));
        CALLS.put("cosine_similarity", new Call(CosineSimilarity::new,
                (m, x) -> ((CosineSimilarity) m).forward(x.get(0), x.get(1))));
        CALLS.put("cosine_similarity_dim0_eps", new Call(() -> new CosineSimilarity(0, 0.5),
                (m, x) -> ((CosineSimilarity) m).forward(x.get(0), x.get(1))));
        BiFunction<Module, List<Tensor>, Tensor> cosineEmbedding =
                (m, x) -> ((CosineEmbeddingLoss) m).forward(x.get(0), x.get(1), x.get(2));
        CALLS.put("cosine_embedding", new Call(CosineEmbeddingLoss::new, cosineEmbedding));
        CALLS.put("cosine_embedding_margin_sum", new Call(() -> new CosineEmbeddingLoss(
                new CosineEmbeddingLoss.Options().margin(0.2).reduction(Reduction.SUM)), cosineEmbedding));
        CALLS.put("cosine_embedding_none", new Call(() -> new CosineEmbeddingLoss(
                new CosineEmbeddingLoss.Options().margin(-0.5).reduction(Reduction.NONE)), cosineEmbedding));
        BiFunction<Module, List<Tensor>, Tensor> marginRanking =
                (m, x) -> ((MarginRankingLoss) m).forward(x.get(0), x.get(1), x.get(2));
        CALLS.put("margin_ranking", new Call(MarginRankingLoss::new, marginRanking));
        CALLS.put("margin_ranking_margin_none", new Call(() -> new MarginRankingLoss(
                new MarginRankingLoss.Options().margin(0.5).reduction(Reduction.NONE)), marginRanking));
        BiFunction<Module, List<Tensor>, Tensor> triplet =
                (m, x) -> ((TripletMarginLoss) m).forward(x.get(0), x.get(1), x.get(2));
        CALLS.put("triplet", new Call(TripletMarginLoss::new, triplet));
        CALLS.put("triplet_options", new Call(() -> new TripletMarginLoss(new TripletMarginLoss.Options()
                .margin(2.0).p(1.0).eps(1e-4).swap(true).reduction(Reduction.SUM)), triplet));
        CALLS.put("triplet_none", new Call(() -> new TripletMarginLoss(new TripletMarginLoss.Options()
                .margin(0.5).p(3.0).reduction(Reduction.NONE)), triplet));
        BiFunction<Module, List<Tensor>, Tensor> ctc =
                (m, x) -> ((CTCLoss) m).forward(x.get(0), x.get(1), x.get(2), x.get(3));
        BiFunction<Module, List<Tensor>, Tensor> ctcArrays = (m, x) -> ((CTCLoss) m).forward(x.get(0), x.get(1),
                x.get(2).toLongArray(), x.get(3).toLongArray());
        CALLS.put("ctc", new Call(CTCLoss::new, ctc));
        CALLS.put("ctc_blank_sum", new Call(() -> new CTCLoss(new CTCLoss.Options().blank(3)
                .reduction(Reduction.SUM)), ctcArrays));
        CALLS.put("ctc_none_concatenated", new Call(() -> new CTCLoss(new CTCLoss.Options()
                .reduction(Reduction.NONE)), ctc));
        CALLS.put("ctc_infinite", new Call(() -> new CTCLoss(new CTCLoss.Options().reduction(Reduction.SUM)), ctc));
        CALLS.put("ctc_zero_infinity", new Call(() -> new CTCLoss(new CTCLoss.Options().reduction(Reduction.SUM)
                .zeroInfinity(true)), ctcArrays));
        BiFunction<Module, List<Tensor>, Tensor> two = (m, x) -> ((Loss) m).forward(x.get(0), x.get(1));
        CALLS.put("poisson_nll", new Call(PoissonNLLLoss::new, two));
        CALLS.put("poisson_nll_options", new Call(() -> new PoissonNLLLoss(new PoissonNLLLoss.Options()
                .logInput(false).full(true).eps(1e-4).reduction(Reduction.SUM)), two));
        CALLS.put("poisson_nll_none_full", new Call(() -> new PoissonNLLLoss(new PoissonNLLLoss.Options()
                .full(true).reduction(Reduction.NONE)), two));
        BiFunction<Module, List<Tensor>, Tensor> gaussian =
                (m, x) -> ((GaussianNLLLoss) m).forward(x.get(0), x.get(1), x.get(2));
        CALLS.put("gaussian_nll", new Call(GaussianNLLLoss::new, gaussian));
        CALLS.put("gaussian_nll_full_sum", new Call(() -> new GaussianNLLLoss(new GaussianNLLLoss.Options()
                .full(true).eps(0.1).reduction(Reduction.SUM)), gaussian));
        CALLS.put("gaussian_nll_homoscedastic", new Call(() -> new GaussianNLLLoss(new GaussianNLLLoss.Options()
                .reduction(Reduction.NONE)), gaussian));
        CALLS.put("gaussian_nll_last_dim_one", new Call(GaussianNLLLoss::new, gaussian));

        ERRORS.put("conv3d_groups", () -> new Conv3d(3, 4, 3, new Conv3d.Options().groups(2)));
        ERRORS.put("conv3d_same_strided", () -> new Conv3d(2, 2, 3,
                new Conv3d.Options().stride(2).padding(Padding.SAME)));
        ERRORS.put("conv3d_dim", () -> new Conv3d(2, 4, 3).forward(Torch.randn(2, 3)));
        ERRORS.put("conv3d_channels", () -> new Conv3d(2, 4, 3).forward(Torch.randn(1, 3, 4, 4, 4)));
        ERRORS.put("conv_transpose2d_padding_mode", () -> new ConvTranspose2d(2, 2, 3,
                new ConvTranspose2d.Options().paddingMode(ConvNd.PaddingMode.REFLECT)));
        ERRORS.put("conv_transpose2d_groups", () -> new ConvTranspose2d(3, 4, 3,
                new ConvTranspose2d.Options().groups(2)));
        ERRORS.put("conv_transpose2d_output_size_range", () -> new ConvTranspose2d(2, 2, 3,
                new ConvTranspose2d.Options().stride(2)).forward(x4(), new long[] {20, 20}));
        ERRORS.put("conv_transpose2d_output_size_length",
                () -> new ConvTranspose2d(2, 2, 3).forward(x4(), new long[] {1, 2, 3}));
        ERRORS.put("conv_transpose2d_output_padding", () -> new ConvTranspose2d(2, 2, 3,
                new ConvTranspose2d.Options().outputPadding(1)).forward(x4()));
        ERRORS.put("conv_transpose2d_channels", () -> new ConvTranspose2d(3, 2, 3).forward(x4()));
        ERRORS.put("group_norm_divisible", () -> new GroupNorm(3, 4));
        ERRORS.put("group_norm_batch", () -> new GroupNorm(2, 2).forward(Torch.randn(1, 2)));
        ERRORS.put("group_norm_channels", () -> new GroupNorm(2, 4).forward(Torch.randn(2, 6, 3)));
        ERRORS.put("instance_norm_dim", () -> new InstanceNorm2d(3).forward(Torch.randn(2, 3)));
        ERRORS.put("instance_norm_spatial", () -> new InstanceNorm2d(3).forward(Torch.randn(2, 3, 1, 1)));
        ERRORS.put("upsample_both",
                () -> new Upsample(new Upsample.Options().size(2).scaleFactor(2)).forward(x4()));
        ERRORS.put("upsample_neither", () -> new Upsample(new Upsample.Options()).forward(x4()));
        ERRORS.put("upsample_align_nearest",
                () -> new Upsample(new Upsample.Options().scaleFactor(2).alignCorners(true)).forward(x4()));
        ERRORS.put("upsample_size_length",
                () -> new Upsample(new Upsample.Options().size(new long[] {2, 3, 4})).forward(x4()));
        ERRORS.put("upsample_scale_length",
                () -> new Upsample(new Upsample.Options().scaleFactor(new double[] {2, 3, 4})).forward(x4()));
        ERRORS.put("upsample_recompute_size",
                () -> new Upsample(new Upsample.Options().size(3).recomputeScaleFactor(true)).forward(x4()));
        ERRORS.put("upsample_bilinear_3d", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.BILINEAR)).forward(Torch.randn(1, 2, 3)));
        ERRORS.put("upsample_align_area", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.AREA).alignCorners(false)).forward(x4()));
        ERRORS.put("upsample_trilinear_4d", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.TRILINEAR)).forward(x4()));
        ERRORS.put("upsample_linear_2d", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.LINEAR)).forward(Torch.randn(2, 3)));
        ERRORS.put("upsample_bicubic_3d", () -> new Upsample(new Upsample.Options().scaleFactor(2)
                .mode(InterpolateMode.BICUBIC)).forward(Torch.randn(1, 2, 3)));
        ERRORS.put("pixel_shuffle_channels", () -> new PixelShuffle(2).forward(Torch.randn(1, 3, 2, 2)));
        ERRORS.put("pixel_unshuffle_width", () -> new PixelUnshuffle(2).forward(Torch.randn(1, 1, 4, 3)));
        ERRORS.put("dropout2d_p", () -> new Dropout2d(1.5));
        ERRORS.put("prelu_channels", () -> new PReLU(3).forward(Torch.randn(2, 4)));
        ERRORS.put("cosine_similarity_shapes",
                () -> new CosineSimilarity().forward(Torch.randn(2, 3), Torch.randn(2, 4)));
        ERRORS.put("margin_ranking_dims",
                () -> new MarginRankingLoss().forward(Torch.randn(3), Torch.randn(3), Torch.randn(3, 1)));
        ERRORS.put("cosine_embedding_target",
                () -> new CosineEmbeddingLoss().forward(Torch.randn(2, 3), Torch.randn(2, 3), Torch.ones(2, 1)));
        ERRORS.put("triplet_dims",
                () -> new TripletMarginLoss().forward(Torch.randn(2, 3), Torch.randn(2, 3), Torch.randn(3)));
        ERRORS.put("ctc_input_lengths", () -> new CTCLoss().forward(Torch.randn(5, 2, 4).logSoftmax(2),
                Torch.randint(1, 4, 2, 3), Torch.tensor(new long[] {5, 5, 5}), Torch.tensor(new long[] {2, 2})));
        ERRORS.put("gaussian_var_size",
                () -> new GaussianNLLLoss().forward(Torch.randn(4, 3), Torch.randn(4, 3), Torch.rand(2)));
        ERRORS.put("gaussian_var_negative",
                () -> new GaussianNLLLoss().forward(Torch.randn(4, 3), Torch.randn(4, 3), Torch.ones(4, 3).neg()));

        WARNS.put("dropout2d_3d", () -> new Dropout2d().forward(Torch.randn(2, 3, 4)));
        WARNS.put("dropout2d_2d", () -> new Dropout2d().forward(Torch.randn(2, 3)));
        WARNS.put("dropout2d_4d", () -> new Dropout2d().forward(Torch.randn(2, 3, 4, 4)));
        WARNS.put("dropout2d_eval_3d", () -> new Dropout2d().eval().forward(Torch.randn(2, 3, 4)));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : array) {
            out.add(c.get("name").asText());
        }
        return out;
    }

    private static List<String> fields(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyGoldenCaseHasAJavaTwinAndViceVersa() {
        assertEquals(names(ROOT.get("modules")), new ArrayList<>(MODULES.keySet()));
        assertEquals(names(ROOT.get("calls")), new ArrayList<>(CALLS.keySet()));
        assertEquals(fields(ROOT.get("errors")), new ArrayList<>(ERRORS.keySet()));
        assertEquals(fields(ROOT.get("warnings")), new ArrayList<>(WARNS.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> producesPyTorchValuesForEveryModule() {
        return NnGolden.moduleTests(ROOT.get("modules"), MODULES);
    }

    /** Draws a call's input as the generator does, or rebuilds a constant one from the golden file. */
    private static Tensor input(JsonNode spec, JsonNode golden) {
        String kind = spec.get(0).asText();
        return switch (kind) {
            case "randn", "randint" -> NnGolden.draw(spec);
            case "rand" -> Torch.rand(NnGolden.longs(spec.get(1)));
            case "sign" -> Torch.randint(0, 2, NnGolden.longs(spec.get(1))).toFloat().mul(2).sub(1);
            case "randint_float" -> Torch.randint(spec.get(1).asLong(), spec.get(2).asLong(),
                    NnGolden.longs(spec.get(3))).toFloat();
            case "log_softmax" -> Torch.randn(NnGolden.longs(spec.get(1))).logSoftmax(spec.get(2).asLong());
            case "long" -> Golden.tensor(golden);
            default -> throw new IllegalArgumentException("unknown input spec " + spec);
        };
    }

    @TestFactory
    Stream<DynamicTest> producesPyTorchValuesForEveryCall() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : ROOT.get("calls")) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + ": " + c.get("python").asText(), () -> checkCall(c)));
        }
        return tests.stream();
    }

    private static void checkCall(JsonNode c) {
        String name = c.get("name").asText();
        Call call = CALLS.get(name);
        assertNotNull(call, "no Java twin for " + name);
        try (TensorScope s = new TensorScope(name)) {
            Torch.manualSeed(c.get("seed").asLong());
            Module m = call.build().get();
            assertEquals(c.get("repr").asText(), m.toString(), name + ": repr");
            assertNamed(c.get("state"), m.stateDict(), 0.0, name + ": initial state");
            List<Integer> gradIdx = new ArrayList<>();
            c.get("grad_inputs").forEach(i -> gradIdx.add(i.asInt()));
            List<Tensor> ins = new ArrayList<>();
            for (int i = 0; i < c.get("input_specs").size(); i++) {
                Tensor x = input(c.get("input_specs").get(i), c.get("inputs").get(i));
                assertTensor(c.get("inputs").get(i), x, 0.0, name + ": input " + i);
                ins.add(x.clone().requiresGrad_(gradIdx.contains(i)));
            }
            Tensor out = call.invoke().apply(m, ins);
            out.sum().backward();
            assertTensor(c.get("output"), out, TOL, name + ": output");
            for (int k = 0; k < gradIdx.size(); k++) {
                assertTensor(c.get("input_grads").get(k), ins.get(gradIdx.get(k)).grad(), TOL,
                        name + ": gradient of input " + gradIdx.get(k));
            }
            assertNamed(c.get("grads"), NnGolden.grads(m), TOL, name + ": parameter gradients");
        }
    }

    private static Class<? extends Throwable> javaType(String pythonType) {
        return switch (pythonType) {
            case "ValueError" -> IllegalArgumentException.class;
            case "RuntimeError" -> TorchException.class;
            case "NotImplementedError" -> UnsupportedOperationException.class;
            default -> throw new IllegalArgumentException("unmapped Python exception " + pythonType);
        };
    }

    @TestFactory
    Stream<DynamicTest> raisesPyTorchsMessages() {
        List<DynamicTest> tests = new ArrayList<>();
        ROOT.get("errors").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey() + ": " + c.get("python").asText(), () -> {
                try (TensorScope s = new TensorScope(e.getKey())) {
                    Throwable ex = assertThrows(javaType(c.get("type").asText()), ERRORS.get(e.getKey()));
                    assertEquals(c.get("message").asText(), ex.getMessage());
                }
            }));
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> warnsAsPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        ROOT.get("warnings").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey() + ": " + c.get("python").asText(), () -> {
                try (TensorScope s = new TensorScope(e.getKey())) {
                    List<String> want = new ArrayList<>();
                    c.get("messages").forEach(m -> want.add(m.asText()));
                    List<String> got = new ArrayList<>();
                    for (Warnings.Warning w : Warnings.capture(WARNS.get(e.getKey()))) {
                        assertEquals("UserWarning", w.category());
                        got.add(w.message());
                    }
                    assertEquals(want, got);
                }
            }));
        });
        return tests.stream();
    }

    @Test
    void dropout2dWarnsOncePerCallSite() {
        try (TensorScope s = new TensorScope()) {
            Dropout2d d = new Dropout2d();
            Tensor x = Torch.randn(2, 3, 4);
            List<Warnings.Warning> seen = Warnings.capture(() -> {
                for (int i = 0; i < 3; i++) {
                    d.forward(x);
                }
            });
            assertEquals(1, seen.size());
        }
    }

    /** A case's input tensors as the golden file holds them. */
    private static List<Tensor> goldenInputs(JsonNode c) {
        List<Tensor> out = new ArrayList<>();
        c.get("inputs").forEach(i -> out.add(Golden.tensor(i)));
        return out;
    }

    @Test
    void functionalFormsGiveTheModulesValuesWithoutAutograd() {
        try (TensorScope s = new TensorScope(); var g = Torch.noGrad()) {
            // cosine similarity's libtorch kernel (used without autograd), also where eps clamps a norm
            for (String name : List.of("cosine_similarity", "cosine_similarity_dim0_eps")) {
                JsonNode c = Golden.find(ROOT.get("calls"), name);
                List<Tensor> x = goldenInputs(c);
                Tensor out = name.equals("cosine_similarity") ? dev.jtorch.nn.functional.F.cosineSimilarity(x.get(0),
                        x.get(1)) : dev.jtorch.nn.functional.F.cosineSimilarity(x.get(0), x.get(1), 0, 0.5);
                assertTensor(c.get("output"), out, TOL, name + " without autograd");
            }
            JsonNode up = Golden.find(ROOT.get("modules"), "upsample_nearest_scale");
            assertTensor(up.get("train").get("output"), dev.jtorch.nn.functional.F.interpolate(
                    Golden.tensor(up.get("input")), 2.0, InterpolateMode.NEAREST), TOL,
                    "F.interpolate(scale_factor=2)");
            JsonNode size = Golden.find(ROOT.get("modules"), "upsample_nearest_size");
            assertTensor(size.get("train").get("output"), dev.jtorch.nn.functional.F.interpolate(
                    Golden.tensor(size.get("input")), new long[] {3, 5}, InterpolateMode.NEAREST), TOL,
                    "F.interpolate(size=(3, 5))");
            JsonNode triplet = Golden.find(ROOT.get("calls"), "triplet");
            List<Tensor> t = goldenInputs(triplet);
            assertTensor(triplet.get("output"), dev.jtorch.nn.functional.F.tripletMarginLoss(t.get(0), t.get(1),
                    t.get(2)), TOL, "F.triplet_margin_loss defaults");
            JsonNode poisson = Golden.find(ROOT.get("calls"), "poisson_nll");
            List<Tensor> p = goldenInputs(poisson);
            assertTensor(poisson.get("output"), dev.jtorch.nn.functional.F.poissonNllLoss(p.get(0), p.get(1)), TOL,
                    "F.poisson_nll_loss defaults");
            JsonNode inorm = Golden.find(ROOT.get("modules"), "instance_norm2d");
            assertTensor(inorm.get("train").get("output"), dev.jtorch.nn.functional.F.instanceNorm(
                    Golden.tensor(inorm.get("input"))), TOL, "F.instance_norm defaults");
            JsonNode sp = Golden.find(ROOT.get("modules"), "softplus");
            assertTensor(sp.get("train").get("output"), dev.jtorch.nn.functional.F.softplus(
                    Golden.tensor(sp.get("input"))), TOL, "F.softplus defaults");
            JsonNode elu = Golden.find(ROOT.get("modules"), "elu");
            assertTensor(elu.get("train").get("output"), dev.jtorch.nn.functional.F.elu(
                    Golden.tensor(elu.get("input"))), TOL, "F.elu defaults");
        }
    }

    @Test
    void groupNormWithZeroGroupsRaisesPythonsZeroDivision() {
        var e = assertThrows(ArithmeticException.class, () -> new GroupNorm(0, 4));
        assertEquals("integer division or modulo by zero", e.getMessage());
    }

    @Test
    void constructorArgumentsAreKeptAndMultiInputModulesRefuseOneInput() {
        try (TensorScope s = new TensorScope()) {
            ConvTranspose2d up = new ConvTranspose2d(4, 6, 3, new ConvTranspose2d.Options().outputPadding(1, 0));
            assertEquals(true, up.transposed());
            assertEquals(List.of(1L, 0L), List.of(up.outputPadding()[0], up.outputPadding()[1]));
            assertEquals(List.of(4L, 6L, 3L, 3L), List.of(up.weight.shape().get(0), up.weight.shape().get(1),
                    up.weight.shape().get(2), up.weight.shape().get(3)));
            assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(2, 2, 3,
                    new ConvTranspose2d.Options().padding(Padding.SAME)));
            assertThrows(UnsupportedOperationException.class,
                    () -> new CosineSimilarity().forward(Torch.randn(2, 3)));
            assertThrows(UnsupportedOperationException.class,
                    () -> new TripletMarginLoss().forward(Torch.randn(2, 3), Torch.randn(2, 3)));
            assertThrows(UnsupportedOperationException.class,
                    () -> new CTCLoss().forward(Torch.randn(2, 3), Torch.randn(2, 3)));
            assertEquals(2.0, new Softplus(2, 1.5).beta());
            assertEquals(0.1, new PReLU(3, 0.1).init());
            assertEquals(InterpolateMode.BICUBIC, new Upsample(new Upsample.Options().mode(InterpolateMode.BICUBIC))
                    .mode());
        }
    }
}
