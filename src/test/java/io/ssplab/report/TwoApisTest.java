package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.Api;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.CostUnit;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.StructuredWarmup;
import io.ssplab.metrics.Summarizer;

/**
 * The two APIs on the same knobs ({@code bin/ssp compare}'s page), from synthetic runs of its default setting
 * (local[2], P=2, 10 ms/line, BI = trigger 3 s, 140 lines/s): a DStream job whose PT is 4.4 s, and a query whose
 * batches follow D' = o + a·rows with o = 1.1 s, a = 5 ms, settling at D* = o / (1 − a·r) ≈ 3.67 s. No Spark.
 */
class TwoApisTest {
    static final long T0 = 1_767_603_600_000L;

    static Knobs knobs(String job, Api api, double costMs) {
        return new Knobs(job, "local[2]", Duration.ofSeconds(3), 2, Duration.ofNanos(Math.round(costMs * 1e6)), CostUnit.LINE, 140, 3,
                Knobs.DEFAULT_BLOCK_INTERVAL, api, Duration.ZERO);
    }

    static RecordedRun dstream(double costMs) {
        List<BatchMetrics> b = SyntheticRuns.simulate("dstream", 10, 3000, 4400, 100, 420, 7);
        RunSummary s = Summarizer.summarize(knobs("dstream", Api.DSTREAM, costMs), b);
        return new RecordedRun("dstream", Path.of("dstream.jsonl"), b, s, true, List.of());
    }

    /** A query's micro-batches: each starts at the later of its trigger slot and the end of the one before, and takes in what arrived since. */
    static List<BatchMetrics> settling(double oMs, double aMs, int n) {
        List<BatchMetrics> out = new ArrayList<>();
        long start = T0;
        double previous = 3000;
        for (int i = 0; i < n; i++) {
            double interval = Math.max(3000, previous);
            long rows = i == 0 ? 0 : Math.round(140 * interval / 1000);
            long d = Math.round(oMs + aMs * rows);
            long late = i == 0 ? 0 : Math.max(0, (long) (previous - 3000));
            Map<String, Long> parts = Map.of("addBatch", d - 400, "walCommit", 200L, "queryPlanning", 50L, "commitOffsets", 150L,
                    "latestOffset", 0L, "getBatch", 0L, "triggerExecution", d);
            out.add(new BatchMetrics("structured", start, 3000, rows, rows * 1000.0 / interval, d, late, late + d, 0, Api.STRUCTURED, (long) i,
                    parts, rows * 1000.0 / interval, rows * 1000.0 / d, 0, null, null, null, null, null, null));
            start += (long) interval;
            previous = d;
        }
        return out;
    }

    static RecordedRun query() {
        Knobs k = knobs("structured", Api.STRUCTURED, 10);
        List<BatchMetrics> b = settling(1100, 5, 12);
        // What the run recorded: the model with the default o (0.5 s: on time, 2.6 s); the batches measure o = 1.1 s.
        var predicted = new io.ssplab.core.StructuredSummary.Predicted(Verdict.STABLE, 2600.0, 420.0, 0.7, 5, 500, 0, null, "default");
        RunSummary s = StructuredSummarizer.summarize(k, b, StructuredWarmup.batches(b, k.linesPerBatch()), predicted);
        return new RecordedRun("structured", Path.of("structured.jsonl"), b, s, true, List.of());
    }

    @Test
    void theRunsAreFoundOnlyOnTheSameKnobs() {
        assertThat(TwoApis.find(List.of(dstream(10), query()))).isPresent();
        assertThat(TwoApis.find(List.of(query(), dstream(10))).get().dstream().job()).isEqualTo("dstream");
        assertThat(TwoApis.find(List.of(dstream(8), query()))).as("another cost").isEmpty();
        assertThat(TwoApis.find(List.of(dstream(10)))).isEmpty();
    }

    @Test
    void theArithmeticExplainsTheDifference() {
        TwoApis apis = TwoApis.find(List.of(dstream(10), query())).orElseThrow();
        assertThat(apis.dstream().summary().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(apis.query().summary().verdict()).isEqualTo(Verdict.FALLING_BEHIND);
        assertThat(apis.differenceShown()).isTrue();
        assertThat(apis.dstreamSlots()).isEqualTo(1);
        assertThat(apis.dstreamWaves()).isEqualTo(2);
        assertThat(apis.queryWaves()).isEqualTo(1);
        assertThat(apis.dstreamPerLineMs()).isEqualTo(10.0);
        assertThat(apis.queryModel().perLineMs()).isEqualTo(5.0);
        assertThat(apis.queryModel().loadFactor()).isEqualTo(0.7, org.assertj.core.api.Assertions.within(1e-9));

        String en = String.join("\n", apis.lines(Lang.EN));
        assertThat(en).contains("Same knobs for both: local[2], P=2, 10 ms/line, BI = trigger 3 s, 140 lines/s", "420 lines per interval",
                "the receiver holds 1 of the 2 task slots", "take 2 waves", "a = 10 ms × 2 / 2 = 10 ms",
                "no receiver", "take 1 wave,", "a = 10 ms × 1 / 2 = 5 ms per line", "a·r = 5 ms × 140 lines/s = 0.70",
                "(measured by this run)", "1 − a·r", "/ 0.30 =", "PT − BI ≈", "FALLING_BEHIND", "UNSTABLE",
                "1.40 s of task time on the DStream job (its 1 free slot) and 0.70 s on the query (its 2 slots)");
        String vi = String.join("\n", apis.lines(Lang.VI));
        assertThat(vi).contains("receiver giữ 1 trong 2 task slot", "a·r = 5 ms × 140 dòng/s = 0,70", "/ 0,30 =", "1,40 s");
        assertThat(apis.headline(Lang.EN)).startsWith("DStream: UNSTABLE, scheduling delay +").contains("Structured Streaming: FALLING_BEHIND");
    }

    @Test
    void thePageComparesTheTwoInsteadOfABeforeAfterPair(@TempDir Path dir) throws IOException {
        List<RecordedRun> runs = List.of(dstream(10), query());
        Path page = ReportWriter.write(runs, List.of(), dir, "index.html", "bin/ssp report DIR");
        assertThat(dir.resolve("charts/apis-dstream-structured.png")).isNotEmptyFile();
        assertThat(dir.resolve("charts/apis-dstream-structured-vi.png")).isNotEmptyFile();
        assertThat(dir.resolve("charts/dstream-processing-time.png")).as("the DStream run keeps its charts").isNotEmptyFile();
        assertThat(dir.resolve("charts/structured-batch-duration-vi.png")).isNotEmptyFile();
        String html = Files.readString(page);
        assertThat(html).contains("id=\"apis\"", "DStreams and Structured Streaming on the same knobs", "DStreams và Structured Streaming trên cùng các tham số",
                "charts/apis-dstream-structured-vi.png", "story held", "a·r = 5 ms × 140 dòng/s = 0,70");
        assertThat(html).doesNotContain("id=\"before-after\"");
    }
}
