package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ssplab.model.Overhead;
import io.ssplab.source.LineFormat;

class RunOptionsTest {
    private static final PrintStream OUT = System.out;

    @Test
    void oneStopRuleMeasuredBatchesOrADuration() {
        assertThat(RunLimits.NONE.measuredBatches()).isNull();
        assertThat(RunLimits.NONE.duration()).isNull();
        RunLimits ten = RunLimits.batches(10);
        assertThat(ten.measuredBatches()).isEqualTo(10);
        assertThat(ten.duration()).isNull();
        RunLimits capped = ten.withDuration(Duration.ofMinutes(2));
        assertThat(capped.measuredBatches()).isEqualTo(10);
        assertThat(capped.duration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void quietOptionsHaveNoUiNoFilesAndTheDefaults() {
        RunOptions o = RunOptions.quiet(SourceEndpoint.EMBEDDED, RunLimits.batches(4), OUT);
        assertThat(o.source().embedded()).isTrue();
        assertThat(o.limits().measuredBatches()).isEqualTo(4);
        assertThat(o.uiPort()).isEqualTo(-1);
        assertThat(o.metricsOut()).isNull();
        assertThat(o.sparkConf()).isEmpty();
        assertThat(o.out()).isSameAs(OUT);
        assertThat(o.reliability()).isEqualTo(ReliabilityOptions.DEFAULT);
        assertThat(o.overhead()).as("this machine's calibration or the default, looked up by the run").isNull();
    }

    @Test
    void missingPartsGetTheirDefaults() {
        RunOptions o = new RunOptions(SourceEndpoint.EMBEDDED, null, RunOptions.DEFAULT_UI_PORT, null, null, OUT, null, null);
        assertThat(o.limits()).isEqualTo(RunLimits.NONE);
        assertThat(o.sparkConf()).isEmpty();
        assertThat(o.reliability()).isEqualTo(ReliabilityOptions.DEFAULT);
        assertThat(o.reliability().format()).isEqualTo(LineFormat.CLASSIC);
        assertThat(new ReliabilityOptions(null, null, false).format()).isEqualTo(LineFormat.CLASSIC);
    }

    @Test
    void eachWitherChangesItsOwnPartOnly() {
        RunOptions base = RunOptions.quiet(SourceEndpoint.EMBEDDED, RunLimits.batches(4), OUT);
        SourceEndpoint external = SourceEndpoint.parse("127.0.0.1:9999");
        Overhead overhead = Overhead.given(300, io.ssplab.model.Workload.of(io.ssplab.model.HandComputed.PHASE2));
        ReliabilityOptions stamped = new ReliabilityOptions(LineFormat.STAMPED, Path.of("ckpt"), true);
        RunOptions all = base.withSource(external).withMetricsOut(Path.of("runs/p2.jsonl")).withUiPort(4041).withOverhead(overhead)
                .withSparkConf(Map.of("spark.cores.max", "8")).withReliability(stamped);
        assertThat(all).isEqualTo(new RunOptions(external, RunLimits.batches(4), 4041, Path.of("runs/p2.jsonl"),
                Map.of("spark.cores.max", "8"), OUT, stamped, overhead));
        assertThat(base.withUiPort(4041)).isEqualTo(new RunOptions(SourceEndpoint.EMBEDDED, RunLimits.batches(4), 4041, null, Map.of(), OUT,
                ReliabilityOptions.DEFAULT, null));
        assertThat(base.withSparkConf(null).sparkConf()).isEmpty();
    }
}
