package dev.jtorch.prep;

import static dev.jtorch.prep.GoldenArrays.assertClose;
import static dev.jtorch.prep.GoldenArrays.doubles;
import static dev.jtorch.prep.GoldenArrays.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jtorch.testing.Golden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomStateTest {
    private static final JsonNode GOLDEN = Golden.load("prep.json");

    private static long[] toLong(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }

    @Test
    void producesNumpyStreamsForEverySeed() {
        for (JsonNode c : GOLDEN.get("random_state")) {
            long seed = c.get("seed").asLong();
            String at = "seed " + seed + " ";
            RandomState rs = new RandomState(seed);
            assertArrayEquals(doubles(c.get("random_sample")), rs.randomSample(10), at + "random_sample");
            assertArrayEquals(longs(c.get("randint_10")), rs.randint(0, 10, 20), at + "randint(10)");
            assertArrayEquals(longs(c.get("randint_range")), rs.randint(-5, 1000, 10), at + "randint(-5, 1000)");
            assertArrayEquals(longs(c.get("randint_big")), rs.randint(0, 1L << 40, 5), at + "randint(0, 2**40)");
            assertArrayEquals(longs(c.get("randint_full32")), rs.randint(0, 1L << 32, 3), at + "randint(0, 2**32)");
            long[] scalars = new long[5];
            for (int i = 0; i < 5; i++) {
                scalars[i] = rs.randint(7);
            }
            assertArrayEquals(longs(c.get("randint_scalar")), scalars, at + "randint(7)");
            assertArrayEquals(longs(c.get("randint_one")), rs.randint(3, 4, 3), at + "randint(3, 4)");
            assertClose(doubles(c.get("standard_normal")), rs.standardNormal(11), at + "standard_normal");
            assertClose(doubles(c.get("normal")), rs.normal(3.0, 2.0, 5), at + "normal");
            assertArrayEquals(doubles(c.get("uniform")), rs.uniform(-2.0, 5.0, 5), at + "uniform");
            double[][] r = rs.rand(2, 3);
            assertArrayEquals(doubles(c.get("rand_2x3")), new double[] {r[0][0], r[0][1], r[0][2], r[1][0], r[1][1],
                r[1][2]}, at + "rand(2, 3)");
            assertArrayEquals(longs(c.get("permutation")), toLong(rs.permutation(15)), at + "permutation");
            double[] arr = new double[10];
            for (int i = 0; i < 10; i++) {
                arr[i] = i * 1.5;
            }
            rs.shuffle(arr);
            assertArrayEquals(doubles(c.get("shuffle")), arr, at + "shuffle");
            assertArrayEquals(longs(c.get("choice")), toLong(rs.choice(20, 5, false)), at + "choice");
            assertArrayEquals(longs(c.get("choice_replace")), toLong(rs.choice(7, 6, true)), at + "choice replace");
            assertArrayEquals(longs(c.get("choice_array")), toLong(rs.choice(new int[] {10, 20, 30, 40}, 3, false)),
                    at + "choice of an array");
            assertArrayEquals(Arrays.copyOf(longs(c.get("permutation_big")), 20),
                    Arrays.copyOf(toLong(rs.permutation(300)), 20), at + "permutation(300)");
            RandomState.State state = rs.getState();
            assertEquals(c.get("state_pos").asInt(), state.pos(), at + "pos");
            assertEquals(c.get("state_has_gauss").asInt() == 1, state.hasGauss(), at + "has_gauss");
            assertClose(GoldenArrays.num(c.get("state_gauss")), state.cachedGaussian(), at + "gauss");
            assertArrayEquals(longs(c.get("state_key_head")), Arrays.copyOf(state.key(), 8), at + "key");
            assertArrayEquals(doubles(c.get("next_after")), rs.randomSample(3), at + "after");
        }
    }

    @Test
    void longGaussianStreamStaysInStepAndIsBitExactAlmostEverywhere() {
        JsonNode c = GOLDEN.get("random_state_long");
        RandomState rs = new RandomState(c.get("seed").asLong());
        double[] expected = doubles(c.get("standard_normal"));
        double[] actual = rs.standardNormal(expected.length);
        assertClose(expected, actual, "standard_normal");
        int exact = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == actual[i]) {
                exact++;
            }
        }
        // Only a logarithm rounded differently from glibc's (about one in two thousand) can differ.
        assertTrue(exact >= expected.length - 10, exact + " of " + expected.length + " bit-exact");
        RandomState.State s = rs.getState();
        assertArrayEquals(longs(c.get("state_key")), s.key());
        assertEquals(c.get("state_pos").asInt(), s.pos());
        assertEquals(c.get("state_has_gauss").asInt() == 1, s.hasGauss());
        assertClose(GoldenArrays.num(c.get("state_gauss")), s.cachedGaussian(), "cached gaussian");
    }

    @Test
    void stateRoundTripsAndSeedResets() {
        RandomState a = new RandomState(5);
        a.standardNormal();
        RandomState.State s = a.getState();
        assertTrue(s.hasGauss());
        double next = a.standardNormal();
        double after = a.randomSample();
        RandomState b = new RandomState(99);
        b.setState(s);
        assertEquals(next, b.standardNormal());
        assertEquals(after, b.randomSample());
        assertEquals(a.getState(), b.getState());
        a.seed(5);
        assertEquals(new RandomState(5).getState(), a.getState());
        assertNotEquals(new RandomState(6).getState(), a.getState());
    }

    @Test
    void shufflesListsAndObjectArraysLikeArrays() {
        int[] ints = {0, 1, 2, 3, 4, 5, 6, 7};
        new RandomState(3).shuffle(ints);
        List<Integer> list = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        new RandomState(3).shuffle(list);
        Integer[] boxed = {0, 1, 2, 3, 4, 5, 6, 7};
        new RandomState(3).shuffle(boxed);
        assertArrayEquals(ints, list.stream().mapToInt(Integer::intValue).toArray());
        assertArrayEquals(ints, Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    }

    @Test
    void rejectsBadArgumentsWithNumpyMessages() {
        JsonNode e = GOLDEN.get("errors");
        assertEquals(e.get("random_state_seed").asText(),
                assertThrows(IllegalArgumentException.class, () -> new RandomState(-1)).getMessage());
        assertEquals(e.get("random_state_seed").asText(),
                assertThrows(IllegalArgumentException.class, () -> new RandomState(1L << 32)).getMessage());
        RandomState rs = new RandomState(0);
        assertEquals(e.get("randint_low_high").asText(),
                assertThrows(IllegalArgumentException.class, () -> rs.randint(5, 5)).getMessage());
        assertEquals(e.get("choice_too_many").asText(),
                assertThrows(IllegalArgumentException.class, () -> rs.choice(3, 5, false)).getMessage());
        assertEquals("high <= 0", assertThrows(IllegalArgumentException.class, () -> rs.randint(0)).getMessage());
        assertEquals("scale < 0",
                assertThrows(IllegalArgumentException.class, () -> rs.normal(0, -1)).getMessage());
        assertEquals("Range exceeds valid bounds",
                assertThrows(IllegalArgumentException.class, () -> rs.uniform(0, Double.POSITIVE_INFINITY))
                        .getMessage());
        assertEquals("negative dimensions are not allowed",
                assertThrows(IllegalArgumentException.class, () -> rs.randomSample(-1)).getMessage());
    }
}
