package dev.jtorch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs contenders in alternating rounds: a warm-up each, then rounds in which every contender runs once, in a new
 * random order each round, so that drift of the machine (frequency, other load) falls on all of them alike.
 */
final class Rounds {

    static final int ROUNDS = Integer.getInteger("jtorch.bench.rounds", 5);
    /** Seconds of warm-up per contender for the step benchmarks (a smoke run's half second in quick mode). */
    static final double WARM_UP_SECONDS = Benchmarks.QUICK ? 0.5 : 3;

    /** One contender: runs {@code n} repetitions and returns one figure per repetition (or per round). */
    interface Contender {
        double[] run(int n);
    }

    private Rounds() {
    }

    /** Every contender's figures of all rounds (warm-up excluded), in the contenders' order; see below. */
    static Map<String, double[]> alternate(Map<String, Contender> contenders, int n) {
        return alternate(contenders, n, ROUNDS, 0);
    }

    /**
     * Warms each contender up with repetitions of {@code max(1, n / 3)} until {@code warmUpSeconds} have passed (at
     * least once: JIT compilation of the Java contenders' deeper call paths takes thousands of calls, the allocator
     * and oneDNN their first few), then runs {@code rounds} rounds of {@code n} in which every contender runs once,
     * in a new seeded random order each round. Returns every contender's figures of all rounds, in the contenders' order.
     */
    static Map<String, double[]> alternate(Map<String, Contender> contenders, int n, int rounds,
            double warmUpSeconds) {
        List<String> names = new ArrayList<>(contenders.keySet());
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (String c : names) {
            long end = System.nanoTime() + (long) (warmUpSeconds * 1e9);
            do {
                contenders.get(c).run(Math.max(1, n / 3));
            } while (System.nanoTime() < end);
            results.put(c, new ArrayList<>());
        }
        // A new order every round (seeded, so runs are repeatable): a fixed rotation would always run a contender
        // right after the same other one (say, just after an external process has cooled the caches), a bias that
        // does not average out.
        java.util.Random order = new java.util.Random(8);
        List<String> shuffled = new ArrayList<>(names);
        for (int r = 0; r < rounds; r++) {
            java.util.Collections.shuffle(shuffled, order);
            for (String c : shuffled) {
                results.get(c).add(contenders.get(c).run(n));
            }
        }
        Map<String, double[]> all = new LinkedHashMap<>();
        results.forEach((c, list) -> all.put(c, list.stream().flatMapToDouble(Arrays::stream).toArray()));
        return all;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
