package dev.jtorch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs contenders in alternating rounds: a warm-up round each, then {@link #ROUNDS} rounds in which every contender
 * runs once, in rotating order, so that drift of the machine (frequency, other load) falls on all of them alike.
 */
final class Rounds {

    static final int ROUNDS = Integer.getInteger("jtorch.bench.rounds", 5);

    /** One contender: runs {@code n} repetitions and returns one figure per repetition (or per round). */
    interface Contender {
        double[] run(int n);
    }

    private Rounds() {
    }

    /** Every contender's figures of all rounds (warm-up excluded), in the contenders' order. */
    static Map<String, double[]> alternate(Map<String, Contender> contenders, int n) {
        List<String> names = new ArrayList<>(contenders.keySet());
        Map<String, List<double[]>> rounds = new LinkedHashMap<>();
        for (String c : names) {
            contenders.get(c).run(Math.max(1, n / 3)); // warm-up: JIT, allocator, oneDNN primitives
            rounds.put(c, new ArrayList<>());
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < names.size(); k++) {
                String c = names.get((r + k) % names.size());
                rounds.get(c).add(contenders.get(c).run(n));
            }
        }
        Map<String, double[]> all = new LinkedHashMap<>();
        rounds.forEach((c, list) -> all.put(c, list.stream().flatMapToDouble(Arrays::stream).toArray()));
        return all;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
