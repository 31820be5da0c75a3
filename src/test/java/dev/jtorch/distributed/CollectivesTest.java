package dev.jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The collectives of {@link Dist}, run by three real processes over gloo. */
class CollectivesTest {
    @Test
    void threeRanksReduceBroadcastGatherAndScatter() {
        Ranks.Job job = Ranks.run(3, "collectives");
        assertEquals(0, job.exitCode(), job.toString());
        String expected = String.join("\n",
                "OK allReduce SUM [6.0, 60.0]",
                "OK allReduce AVG 2.0",
                "OK allReduce MAX MIN PRODUCT 2 -2 24",
                "OK broadcast from 1 [0.0, 1.0, 2.0, 3.0]",
                "OK allGather tensor([2, 4])",
                "OK reduceScatter 300.0",
                "OK async allReduce 6.0",
                "OK barrier",
                "OK allGatherObject [zero, [1, r1], [2, r2]]",
                "OK broadcastObjectList [{lr=0.001}, 42]") + "\n";
        assertEquals(expected, job.out(), job.toString());
        assertTrue(job.err().contains("[Gloo] Rank 0 is connected to 2 peer ranks"),
                "gloo's report goes to standard error: " + job.err());
    }
}
