package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.ExitCodes;
import io.ssplab.metrics.JsonLines;

/** bin/ssp sweep: refusals before Spark starts, and one small real sweep whose verdicts match the predictions. */
class SweepCommandTest extends IsolatedCli {

    private int sweep(String... args) {
        return ssp("sweep", args);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--cores 1,2",
            "--cores 2,2",
            "--cores two",
            "--partitions 0,4",
            "--partitions 4,,8",
            "--cost 5ms,-1ms",
            "--cost 5,10",
            "--cost fast",
            "--batches 2",
            "--batches 101",
            "--cores 2,100",
            "--partitions 2000",
            "--cost 2s",
            "--out",
            "--batch-interval 0",
            "--rate 0",
            "--api quantum",
            "--api structured --skew 1.2",
            "--api structured --cost-kind cpu",
            "--api structured --cost-kind wait",
            "--api structured --cores 1",
            "--api structured --batches 2",
            "--api structured --cost 2s",
            "--random 0",
            "--random 101",
            "--random three",
            "--random 3 --cores 2,4",
            "--random 3 --rate 100",
            "--random 3 --batch-interval 3s",
            "--random 3 --api structured",
            "--seed 7"})
    void refusesBadListsBeforeSparkStarts(String args) {
        assertThat(sweep(args.split(" "))).as(args).isEqualTo(ExitCodes.USAGE);
        assertThat(err().strip()).as(args).isNotEmpty().doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(err().strip().lines()).as(args).hasSize(1);
        assertThat(out()).as(args).isEmpty();
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).isTrue();
        assertThat(home.resolve("runs")).doesNotExist();
    }

    /**
     * Two cells with wide margins (100 lines/s × 2 s × 3 words = 600 words, 5 ms of wait per word): local[2] P=7 waits
     * 600 × 5 ms = 3.0 s per 2 s batch on its one free slot (ρ > 1.5, UNSTABLE, whatever the overhead: a wait is never paid
     * faster than asked); local[8] P=7 waits 86 words × 5 ms = 0.43 s on its 7 free slots and stays below ρ ≈ 0.5 with the
     * lab's default overhead. Two cells, not four: each cell is a Spark start and its batches, and the unstable one's
     * batches last its 3 s of waits; the verdicts, the error, the figures and the breakdown show on two as on four
     * (the per-cell arithmetic is SweepReportTest's and ModelFidelityTest's). 3 measured batches: the fewest a verdict is given on.
     * {@code --cores 8,2 --no-warm-up}: no uncounted warm-up run (a Spark start, its warm-up and 3 full batches, ~15 s);
     * the first cell takes its place. That run keeps a cold JVM's slow first batches (class loading, JIT) out of the
     * first cell; with the cores listed 8 first, the first cell is the stable local[8] one, with ρ ≈ 0.4 of room for
     * them (and a run's own warm-up rule leaves out the batches that drain a slow start's backlog).
     */
    @Test
    void aSmallRealSweepMatchesItsPredictions() throws Exception {
        Path dir = home.resolve("sweep");
        int code = sweep("--cores", "8,2", "--partitions", "7", "--cost", "5ms", "--batches", "3",
                "--batch-interval", "2s", "--rate", "100", "--breakdown", "--no-warm-up", "--out", dir.toString());
        String console = out();
        assertThat(code).as(console + err()).isZero();
        assertThat(console).contains("[1/2]").contains("ETA").contains("model error: median |predicted − measured| / measured");
        // every sweep ends with the three figures; --breakdown adds each cell's split, from Spark's own metrics
        assertThat(console).contains("model fidelity").contains("verdict right where measured ρ is outside 0.9–1.1");
        assertThat(console.lines().filter(l -> l.contains("PT − cost time") && l.contains("driver-side"))).hasSize(2);

        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(dir.resolve("sweep.json").toFile());
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("cells")).hasSize(2);
        for (JsonNode cell : json.get("cells")) {
            String name = cell.get("master").asText() + " P=" + cell.get("partitions").asText() + " " + cell.get("costMs").asText() + " ms";
            boolean unstable = cell.get("cores").asInt() == 2;
            assertThat(cell.get("predictedStable").asBoolean()).as(name).isEqualTo(!unstable);
            assertThat(cell.get("measuredVerdict").asText()).as(name + ": " + cell).isEqualTo(unstable ? "UNSTABLE" : "STABLE");
            assertThat(cell.get("verdictAgrees").asBoolean()).as(name).isTrue();
        }
        assertThat(json.get("medianAbsErrorPercent").isNumber()).isTrue();
        assertThat(json.get("fidelity").get("cellsScored").asInt()).isEqualTo(2);
        // the margins are wide: every cell is far from ρ 1, so every verdict is judged and right
        assertThat(json.get("fidelity").get("verdictsRightOutsideEdge").asInt()).isEqualTo(json.get("fidelity").get("cellsOutsideEdge").asInt());
        for (JsonNode cell : json.get("cells")) {
            JsonNode split = cell.get("breakdown");
            assertThat(split).as(cell.toString()).isNotNull();
            // three stages per batch (blocks, the cost, the top words), the cost stage's run time holding its waits
            assertThat(split.get("stages")).hasSize(3);
            assertThat(split.get("processingMs").asDouble()).isPositive();
        }
        assertThat(Files.readString(dir.resolve("cells/c2-p7-5ms.log"))).contains("where a batch's time goes");
        assertThat(Files.size(dir.resolve("stability-map.png"))).isPositive();
        assertThat(Files.readString(dir.resolve("index.html"))).contains("model estimate vs real").contains("Worst cells and why");
        // every run's own summary carries the prediction and its error
        assertThat(Files.readString(dir.resolve("cells/c8-p7-5ms.log"))).contains("model: predicted PT").contains("top 5 words");
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).isTrue();
    }

    /**
     * {@code --api structured}, one query cell on wide margins (trigger 4 s, 100 lines/s, no warm-up query: the
     * lab's default o, 0.5 s): local[2], P=2, no cost: a micro-batch lasts o alone, STABLE while o stays under the
     * 4 s trigger (0.5–1.2 s measured on an idle machine; 3.0–4.4 s in a test JVM at lowered priority beside the
     * quiet lane, so the class now runs in the lane: io.ssplab.AloneLaneTest). Verdicts only; one cell, because the
     * suite must stay short and the per-cell arithmetic is QuerySweepTest's.
     */
    @Test
    void aSmallRealQuerySweepMatchesItsPredictions() throws Exception {
        Path dir = home.resolve("query-sweep");
        int code = sweep("--api", "structured", "--cores", "2", "--partitions", "2", "--cost", "0ms", "--batches", "4",
                "--batch-interval", "4s", "--rate", "100", "--no-warm-up", "--out", dir.toString());
        String console = out();
        assertThat(code).as(console + err()).isZero();
        assertThat(console).contains("[1/1]").contains("model error on the settled batch duration").contains("verdict predicted right in");

        JsonNode json = io.ssplab.core.Json.MAPPER.readTree(dir.resolve("sweep.json").toFile());
        assertThat(json.get("api").asText()).isEqualTo("structured");
        assertThat(json.get("cells")).hasSize(1);
        for (JsonNode cell : json.get("cells")) {
            assertThat(cell.get("predictedVerdict").asText()).as(cell.toString()).isEqualTo("STABLE");
            assertThat(cell.get("measuredVerdict").asText()).as(cell.toString()).isEqualTo("STABLE");
        }
        assertThat(json.get("verdictAgreements").asInt()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Sweep of queries");
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).isTrue();
    }
}
