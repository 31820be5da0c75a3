package dev.jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nn pieces torchvision's models need: {@link ReLU6}, {@code ReLU(inplace=True)}, {@link Sequential#set} and
 * {@code registerModule} over a same-named field. Expected values as Python 1.13 prints them.
 */
class VisionBuildingBlocksTest {
    @Test
    void relu6ValuesGradientsAndRepr() {
        try (TensorScope s = new TensorScope("test")) {
            // nn.ReLU6()(x) for x = [-1, 0, 3, 6, 7]; x.grad after y.sum().backward()
            Tensor x = Torch.tensor(-1f, 0f, 3f, 6f, 7f).requiresGrad_(true);
            Tensor y = new ReLU6().forward(x);
            assertArrayEquals(new float[] {0, 0, 3, 6, 6}, y.toFloatArray());
            y.sum().backward();
            assertArrayEquals(new float[] {0, 0, 1, 0, 0}, x.grad().toFloatArray());
            assertEquals("ReLU6()", new ReLU6().toString());
            assertEquals("ReLU6(inplace=True)", new ReLU6(true).toString());
        }
    }

    @Test
    void inplaceActivationsOverwriteTheirInputAndRefuseLeavesThatRequireGrad() {
        try (TensorScope s = new TensorScope("test")) {
            Tensor a = Torch.tensor(-1f, 0f, 3f, 6f, 7f);
            assertSame(a, new ReLU6(true).forward(a));
            assertArrayEquals(new float[] {0, 0, 3, 6, 6}, a.toFloatArray());
            Tensor b = Torch.tensor(-1f, 2f);
            assertSame(b, new ReLU(true).forward(b));
            assertArrayEquals(new float[] {0, 2}, b.toFloatArray());
            Tensor c = Torch.tensor(-1f, 2f);
            Tensor out = new ReLU().forward(c);
            assertArrayEquals(new float[] {-1, 2}, c.toFloatArray()); // not in place: input untouched
            assertArrayEquals(new float[] {0, 2}, out.toFloatArray());
            // ReLU gradient: [0, 0, 1, 1, 1] for [-1, 0, 3, 6, 7] (0 at 0, as threshold_backward)
            Tensor x = Torch.tensor(-1f, 0f, 3f, 6f, 7f).requiresGrad_(true);
            new ReLU().forward(x).sum().backward();
            assertArrayEquals(new float[] {0, 0, 1, 1, 1}, x.grad().toFloatArray());
            // in place on a non-leaf keeps autograd working: relu_(x * 2) has gradient 2 where positive
            Tensor z = Torch.tensor(-1f, 3f).requiresGrad_(true);
            new ReLU(true).forward(z.mul(2)).sum().backward();
            assertArrayEquals(new float[] {0, 2}, z.grad().toFloatArray());
            for (Module m : List.of(new ReLU(true), new ReLU6(true))) {
                Tensor leaf = Torch.ones(2).requiresGrad_(true);
                TorchException e = assertThrows(TorchException.class, () -> m.forward(leaf));
                assertEquals("a leaf Variable that requires grad is being used in an in-place operation.",
                        e.getMessage());
            }
            assertEquals("ReLU()", new ReLU().toString());
            assertEquals("ReLU(inplace=True)", new ReLU(true).toString());
        }
    }

    @Test
    void sequentialSetReplacesInPlaceLikeSetItem() {
        try (TensorScope s = new TensorScope("test")) {
            Sequential seq = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 5));
            seq.parameters();
            Linear head = new Linear(4, 2);
            seq.set(-1, head);
            assertSame(head, seq.get(2));
            assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(seq.stateDict().keySet()));
            assertEquals(2, seq.stateDict().get("2.weight").size(0));
            assertEquals("Sequential(\n  (0): Linear(in_features=3, out_features=4, bias=True)\n  (1): ReLU()\n"
                    + "  (2): Linear(in_features=4, out_features=2, bias=True)\n)", seq.toString());
            assertEquals(2, seq.forward(Torch.randn(1, 3)).size(1));
            assertEquals(3, seq.size());
            assertThrows(IndexOutOfBoundsException.class, () -> seq.set(3, new ReLU()));
        }
    }

    static final class Holder extends Module {
        Linear head = new Linear(2, 3);
        final Linear fixed = new Linear(2, 2);
    }

    @Test
    void registerModuleUnderAFieldsNameSetsTheFieldOrRefusesWhatItCannotHold() {
        Holder h = new Holder();
        h.parameters();
        Linear replacement = new Linear(2, 5);
        h.registerModule("head", replacement);
        assertSame(replacement, h.head);
        assertEquals(List.of("head.weight", "head.bias", "fixed.weight", "fixed.bias"),
                new ArrayList<>(h.stateDict().keySet()));
        assertEquals(5, h.stateDict().get("head.weight").size(0));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> h.registerModule("head", new ReLU()));
        assertEquals("cannot assign 'ReLU' as child module 'head' (Holder.head is a Linear)", wrongType.getMessage());
        IllegalArgumentException fin = assertThrows(IllegalArgumentException.class,
                () -> h.registerModule("fixed", new Linear(2, 2)));
        assertEquals("cannot assign 'Linear' as child module 'fixed' (Holder.fixed is final)", fin.getMessage());
        // registering the object a field already holds is a no-op for the field
        h.registerModule("fixed", h.fixed);
        assertEquals(4, h.parameters().size());
        // a new name that is no field is added after the fields, as before
        h.registerModule("extra", new Linear(1, 1));
        assertEquals(List.of("head", "fixed", "extra"), new ArrayList<>(h.namedChildren().keySet()));
    }
}
