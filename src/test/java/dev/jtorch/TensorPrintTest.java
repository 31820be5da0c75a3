package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code Tensor.toString()} against Python's {@code str(tensor)} (golden/tensor_core.json). */
class TensorPrintTest {
    private static final JsonNode GOLDEN = Golden.load("tensor_core.json");

    static Stream<Arguments> printingCases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : GOLDEN.get("printing")) {
            out.add(Arguments.of(c.get("name").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printingCases")
    void printsLikePyTorch(String name, JsonNode c) {
        Tensor t = Golden.tensor(c);
        assertEquals(c.get("str").asText(), t.toString(), name);
    }

    @Test
    void printsRequiresGradAndGradFnSuffixes() {
        JsonNode s = GOLDEN.get("autograd_strings");
        Tensor leaf = Torch.ones(2).requiresGrad_();
        assertEquals(s.get("requires_grad").asText(), leaf.toString());
        assertEquals(s.get("grad_fn_mul").asText(), leaf.mul(2).toString());
        assertEquals(s.get("grad_fn_add").asText(), leaf.add(1).toString());
        assertEquals(s.get("grad_fn_sum").asText(), leaf.mul(3).sum().toString());
    }

    @Test
    void shapePrintsAsTorchSize() {
        assertEquals(GOLDEN.get("size_str").asText(), Torch.zeros(800, 2).shape().toString());
        assertEquals("torch.Size([])", Torch.scalarTensor(1.0).shape().toString());
    }

    @Test
    void largeTensorsPrintTheirCornersAsPyTorchDoes() {
        // Expected texts: Python 1.13's str() of the same tensors.
        assertEquals("tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
                + "         1.9990e+03],\n"
                + "        [2.0000e+03, 2.0010e+03, 2.0020e+03,  ..., 3.9970e+03, 3.9980e+03,\n"
                + "         3.9990e+03],\n"
                + "        [4.0000e+03, 4.0010e+03, 4.0020e+03,  ..., 5.9970e+03, 5.9980e+03,\n"
                + "         5.9990e+03],\n"
                + "        ...,\n"
                + "        [3.9940e+06, 3.9940e+06, 3.9940e+06,  ..., 3.9960e+06, 3.9960e+06,\n"
                + "         3.9960e+06],\n"
                + "        [3.9960e+06, 3.9960e+06, 3.9960e+06,  ..., 3.9980e+06, 3.9980e+06,\n"
                + "         3.9980e+06],\n"
                + "        [3.9980e+06, 3.9980e+06, 3.9980e+06,  ..., 4.0000e+06, 4.0000e+06,\n"
                + "         4.0000e+06]])", Torch.arange(4000000.0).view(2000, 2000).toString());
        assertEquals("tensor([[ True, False, False,  ..., False, False, False],\n"
                + "        [False, False, False,  ..., False, False,  True],\n"
                + "        [False, False, False,  ..., False, False, False],\n"
                + "        ...,\n"
                + "        [False, False,  True,  ..., False,  True, False],\n"
                + "        [False, False, False,  ..., False, False, False],\n"
                + "        [False,  True, False,  ...,  True, False, False]])",
                Torch.arange(3000000).view(1000, 3000).remainder(7).eq(0).toString());
    }
}
