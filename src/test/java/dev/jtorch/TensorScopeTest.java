package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TensorScopeTest {

    @AfterEach
    void noScopeLeftOpen() {
        assertNull(TensorScope.current(), "a test left a scope open on this thread");
    }

    @Test
    void closingAScopeReleasesTheTensorsCreatedInIt() {
        Tensor outside = Torch.ones(3);
        Tensor inside;
        Tensor derived;
        try (TensorScope scope = new TensorScope("step")) {
            inside = Torch.randn(3);
            derived = inside.add(outside);
            assertFalse(inside.isReleased());
            assertSame(scope, TensorScope.current());
        }
        assertTrue(inside.isReleased());
        assertTrue(derived.isReleased());
        assertFalse(outside.isReleased(), "tensors made outside the scope are not the scope's");
        assertArrayEquals(new float[] {1, 1, 1}, outside.toFloatArray());
    }

    @Test
    void usingAReleasedTensorThrowsAndNamesTheScope() {
        Tensor t;
        try (TensorScope scope = new TensorScope("batch 7")) {
            t = Torch.randn(2, 2);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.add(1));
        assertEquals("This tensor was released when TensorScope 'batch 7' closed; call keep() on it inside the "
                + "scope to use it afterwards", e.getMessage());
        assertThrows(IllegalStateException.class, t::item);
        assertThrows(IllegalStateException.class, t::shape);
        assertThrows(IllegalStateException.class, t::toFloatArray);
        assertThrows(IllegalStateException.class, () -> Torch.ones(2, 2).matmul(t));
        assertThrows(IllegalStateException.class, () -> Torch.cat(List.of(t, t)));
        assertThrows(IllegalStateException.class, t::backward);
        assertThrows(IllegalStateException.class, t::nativeTensor);
        assertEquals("tensor(<released>)", t.toString());
    }

    @Test
    void closeReleasesOneTensorExplicitly() {
        Tensor t = Torch.ones(2);
        t.close();
        t.close();
        assertTrue(t.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.mul(2));
        assertTrue(e.getMessage().contains("released by close()"), e.getMessage());
        try (TensorScope scope = new TensorScope()) {
            Tensor u = Torch.ones(2);
            u.close();
            assertTrue(u.isReleased());
        }
    }

    @Test
    void keepTakesATensorOutOfEveryScope() {
        Tensor kept;
        try (TensorScope outer = new TensorScope("outer")) {
            try (TensorScope inner = new TensorScope("inner")) {
                kept = Torch.full(new long[] {2}, 4.0).keep();
            }
            assertFalse(kept.isReleased(), "kept past the inner scope");
        }
        assertFalse(kept.isReleased(), "and past the outer one: the garbage collector frees it");
        assertArrayEquals(new float[] {4, 4}, kept.toFloatArray());
        kept.close();
        assertTrue(kept.isReleased());
    }

    @Test
    void maxAlongADimensionOwnsItsResults() throws Exception {
        ValuesIndices unscoped = Torch.randn(4, 5).max(1);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(4, unscoped.values().toFloatArray().length, "the tuple's tensors outlive the tuple");
        ValuesIndices kept;
        try (TensorScope scope = new TensorScope("max")) {
            ValuesIndices r = Torch.arange(6.0).view(2, 3).max(1);
            kept = new ValuesIndices(r.values().keep(), r.indices().keep());
            ValuesIndices released = Torch.arange(6.0).view(2, 3).max(1);
            unscoped = released;
        }
        assertArrayEquals(new float[] {2, 5}, kept.values().toFloatArray());
        assertArrayEquals(new long[] {2, 2}, kept.indices().toLongArray());
        ValuesIndices gone = unscoped;
        assertThrows(IllegalStateException.class, () -> gone.values().item());
    }

    @Test
    void keepOutsideAnyEnclosingScopeHandsTheTensorToTheGarbageCollector() {
        Tensor kept;
        try (TensorScope scope = new TensorScope()) {
            kept = Torch.arange(3).keep();
        }
        assertFalse(kept.isReleased());
        assertArrayEquals(new long[] {0, 1, 2}, kept.toLongArray());
        Tensor unscoped;
        try (TensorScope outer = new TensorScope()) {
            try (TensorScope inner = new TensorScope()) {
                unscoped = Torch.arange(2).keep();
            }
        }
        assertArrayEquals(new long[] {0, 1}, unscoped.toLongArray());
    }

    @Test
    void closingAnOuterScopeClosesInnerScopesLeftOpen() {
        TensorScope outer = new TensorScope("outer");
        TensorScope inner = new TensorScope("inner");
        Tensor t = Torch.ones(1);
        outer.close();
        assertTrue(inner.isClosed());
        assertTrue(t.isReleased());
        inner.close();
    }

    @Test
    void scopesAreConfinedToTheirThread() throws Exception {
        TensorScope scope = new TensorScope("main");
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Tensor> fromOtherThread = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                assertNull(TensorScope.current(), "another thread does not see this thread's scope");
                fromOtherThread.set(Torch.ones(2));
                scope.close();
            } catch (Throwable t) {
                error.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
        assertTrue(error.get().getMessage().contains("cannot close it on thread"), error.get().getMessage());
        scope.close();
        assertFalse(fromOtherThread.get().isReleased(), "the other thread's tensor was not in this scope");
    }

    @Test
    void keepingATensorFromAnotherThreadIsRefused() throws Exception {
        try (TensorScope scope = new TensorScope("main")) {
            Tensor t = Torch.ones(2);
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    t.keep();
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            other.start();
            other.join();
            assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
            assertArrayEquals(new float[] {1, 1}, t.toFloatArray(), "other threads may still read it");
        }
    }

    @Test
    void ownersCanTakeTensorsOutOfAnyScope() {
        Tensor parameter;
        try (TensorScope scope = new TensorScope()) {
            parameter = Torch.randn(3).keep();
        }
        assertFalse(parameter.isReleased());
        assertEquals(3, parameter.numel());
    }

    @Nested
    class ScopedIteration {
        /** A producer of tensors, as a DataLoader is. */
        private Iterable<Tensor> batches(int n) {
            return TensorScope.scoped(() -> new Iterator<Tensor>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Tensor next() {
                    return Torch.full(new long[] {2}, i++);
                }
            }, "batch");
        }

        @Test
        void eachElementAndWhatTheBodyMakesIsReleasedWhenTheLoopMovesOn() {
            List<Tensor> seen = new ArrayList<>();
            List<Tensor> made = new ArrayList<>();
            long total = 0;
            for (Tensor batch : batches(4)) {
                Tensor doubled = batch.mul(2);
                total += doubled.sum().itemLong();
                if (!seen.isEmpty()) {
                    assertTrue(seen.get(seen.size() - 1).isReleased(), "previous batch released");
                    assertTrue(made.get(made.size() - 1).isReleased(), "previous body's tensors released");
                }
                seen.add(batch);
                made.add(doubled);
                assertEquals("batch " + (seen.size() - 1), TensorScope.current().name());
            }
            assertEquals(2 * 2 * (0 + 1 + 2 + 3), total);
            assertTrue(seen.get(3).isReleased(), "the last batch is released when the loop ends");
            assertNull(TensorScope.current());
        }

        @Test
        void keptTensorsSurviveTheLoop() {
            List<Tensor> kept = new ArrayList<>();
            List<Tensor> notKept = new ArrayList<>();
            try (TensorScope epoch = new TensorScope("epoch")) {
                for (Tensor batch : batches(3)) {
                    kept.add(batch.sum().keep());
                    notKept.add(batch.sum());
                }
                assertEquals(3, kept.size());
                assertEquals(4L, kept.get(2).itemLong());
                assertTrue(notKept.get(0).isReleased());
            }
            assertFalse(kept.get(0).isReleased());
            assertEquals(0L, kept.get(0).itemLong());
        }

        @Test
        void peekingWithHasNextDoesNotReleaseTheCurrentElement() {
            Iterator<Tensor> it = batches(3).iterator();
            Tensor first = it.next();
            assertTrue(it.hasNext());
            assertTrue(it.hasNext());
            assertFalse(first.isReleased(), "hasNext has no side effect while elements remain");
            Tensor second = it.next();
            assertTrue(first.isReleased(), "taking the next element releases the previous one");
            it.next();
            assertTrue(second.isReleased());
            assertFalse(it.hasNext());
            assertNull(TensorScope.current(), "the end of the iteration closes the last scope");
        }

        @Test
        void keepAfterBreakingOutOfALoopStillEscapesTheEnclosingScope() {
            Tensor r;
            try (TensorScope a = new TensorScope("A")) {
                for (Tensor batch : batches(3)) {
                    break;
                }
                r = Torch.ones(2).mul(3).keep();
            }
            assertArrayEquals(new float[] {3, 3}, r.toFloatArray());
        }

        @Test
        void aThreadThatOpensNoFurtherScopeStillLeavesAnAbandonedLoop() throws Exception {
            breakOutEarly();
            for (int i = 0; i < 50 && TensorScope.current() != null; i++) {
                System.gc();
                Thread.sleep(20);
                Torch.ones(1);
            }
            assertNull(TensorScope.current(), "creating tensors dissolves the abandoned scope");
        }

        @Test
        void breakingOutOfALoopLeavesLaterTensorsAlone() {
            Tensor last = null;
            try (TensorScope epoch = new TensorScope("epoch")) {
                for (Tensor batch : batches(5)) {
                    last = batch;
                    if (batch.sum().itemLong() == 2) {
                        break;
                    }
                }
                Tensor afterBreak = Torch.ones(2);
                for (Tensor batch : batches(2)) {
                    assertFalse(afterBreak.isReleased(), "a second loop does not release tensors made before it");
                    batch.add(afterBreak);
                }
                assertFalse(afterBreak.isReleased());
                assertArrayEquals(new float[] {1, 1}, afterBreak.toFloatArray());
                assertFalse(last.isReleased(), "the abandoned batch lives until its enclosing scope closes");
            }
            assertTrue(last.isReleased());
        }

        @Test
        void anAbandonedLoopAtTopLevelIsHandedToTheGarbageCollectorWithoutReleasingAnything() throws Exception {
            Tensor afterBreak = breakOutEarly();
            assertFalse(afterBreak.isReleased());
            for (int i = 0; i < 50 && TensorScope.current() != null; i++) {
                System.gc();
                Thread.sleep(20);
                new TensorScope("probe").close();
            }
            System.gc();
            assertNull(TensorScope.current(), "the abandoned scope left the stack");
            assertFalse(afterBreak.isReleased(), "nothing still in use was released");
            assertArrayEquals(new float[] {1, 1}, afterBreak.toFloatArray());
        }

        private Tensor breakOutEarly() {
            for (Tensor batch : batches(5)) {
                if (batch.sum().itemLong() >= 0) {
                    break;
                }
            }
            return Torch.ones(2);
        }

        @Test
        void nestedLoopsEachReleaseTheirOwnElements() {
            List<Tensor> outerBatches = new ArrayList<>();
            int inner = 0;
            for (Tensor a : batches(3)) {
                outerBatches.add(a);
                for (Tensor b : batches(2)) {
                    assertFalse(a.isReleased(), "the outer batch lives through the inner loop");
                    a.add(b);
                    inner++;
                    if (inner % 2 == 1) {
                        break;
                    }
                }
                assertFalse(a.isReleased());
            }
            assertEquals(5, inner);
            for (Tensor a : outerBatches) {
                assertTrue(a.isReleased());
            }
        }

        @Test
        void anExceptionInTheBodyIsCleanedUpByTheEnclosingScope() {
            Tensor[] inLoop = new Tensor[1];
            try (TensorScope epoch = new TensorScope("epoch")) {
                assertThrows(IllegalArgumentException.class, () -> {
                    for (Tensor batch : batches(3)) {
                        inLoop[0] = batch;
                        throw new IllegalArgumentException("boom");
                    }
                });
                assertFalse(inLoop[0].isReleased());
            }
            assertTrue(inLoop[0].isReleased());
        }

        @Test
        void explicitIteratorsCanBeClosed() {
            TensorScope.ScopedIterator<Tensor> it =
                    (TensorScope.ScopedIterator<Tensor>) batches(3).iterator();
            Tensor first = it.next();
            assertFalse(first.isReleased());
            it.close();
            assertTrue(first.isReleased());
        }
    }

    @Test
    void optionalHandleOfAKeptTensorIsCachedAndReleasedWithIt() {
        Tensor kept = Torch.ones(3).keep();
        var o = kept.nativeOptional();
        assertSame(o, kept.nativeOptional());
        assertTrue(o.has_value());
        assertEquals(3, o.get().numel());
        kept.close();
        assertTrue(o.isNull(), "closing the tensor releases its cached optional");
        assertThrows(IllegalStateException.class, kept::nativeOptional);
    }

    @Test
    void optionalHandleOfAScopedTensorBelongsToTheScope() {
        var o = new AtomicReference<org.bytedeco.pytorch.TensorOptional>();
        try (TensorScope s = new TensorScope()) {
            Tensor t = Torch.ones(2);
            o.set(t.nativeOptional());
            assertFalse(o.get() == t.nativeOptional(), "not cached while scoped");
        }
        assertTrue(o.get().isNull(), "released with the scope");
    }

    @Test
    void adoptingAKeptTensorDropsItsCachedOptional() {
        Tensor kept = Torch.ones(2).keep();
        var o = kept.nativeOptional();
        try (TensorScope s = new TensorScope()) {
            s.adopt(kept);
            assertTrue(o.isNull());
            assertFalse(kept.nativeOptional().isNull());
        }
        assertTrue(kept.isReleased());
    }
}
