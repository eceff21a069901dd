package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.kafka.KafkaRateLimitQuery;
import io.ssplab.jobs.kafka.KafkaRateLimitQuery.Variant;
import io.ssplab.kafka.TestBroker;

/**
 * Kafka lesson 2 on Structured Streaming, on a real broker: an overloaded query (a·r = 1.12) without a limit takes
 * all that is there, so its batches grow; with {@code maxOffsetsPerTrigger} = 150 of the 420 lines per trigger,
 * every batch is bounded at the limit while the lag grows by ≈ 270 per batch.
 *
 * <p>Margins: the assertions read the batches, not the clock — a batch never holds more rows than the limit;
 * the lag after the last batch exceeds the first batch's by more than one trigger's lines (≈ 270 × the batches
 * between them would be the design); the unlimited query's last batch holds more than one trigger's production
 * (420 rows; its batches grow ×1.12 per batch and faster on a loaded machine) and more than its first full one.
 * A verdict, when the run measured enough batches for one, is UNSTABLE for both (by the lag, by the growth).
 */
class KafkaRateLimitQueryLessonTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    /** Each run stops after this many batches past its warm-up (≈ 20 s for the limited run, ≈ 40 s for the growing one; 4: a verdict needs 4)… */
    static final int MEASURED = 4;
    /** … or after this long: a machine at load 30 took more than 25 s for a cold JVM's first micro-batch. */
    static final Duration CAP = Duration.ofSeconds(120);

    static RunResult run(Variant variant, ByteArrayOutputStream console) throws Exception {
        SourceEndpoint source = SourceEndpoint.parse("kafka://" + broker.bootstrap() + "/" + broker.topic(variant.job()));
        RunOptions options = RunOptions.quiet(source, new RunLimits(MEASURED, CAP), new PrintStream(console, true, StandardCharsets.UTF_8))
                .withKafkaPartitions(KafkaRateLimitQuery.TOPIC_PARTITIONS);
        return StructuredRunner.run(new KafkaRateLimitQuery(variant), variant.knobs(), options, new StopSignal());
    }

    @Test
    void aLimitBoundsEachBatchWhileTheLagGrowsAndWithoutOneTheBatchesGrow() throws Exception {
        ByteArrayOutputStream limitedOut = new ByteArrayOutputStream();
        RunResult limited = run(Variant.RATE_LIMIT, limitedOut);
        String out = limitedOut.toString(StandardCharsets.UTF_8);
        System.out.println(out); // the table and summary, in target/surefire-reports/…-output.txt: the docs' numbers
        assertThat(out).contains("maxOffsetsPerTrigger = 150");
        List<BatchMetrics> withRows = limited.batches().stream().filter(b -> b.records() > 0).toList();
        assertThat(withRows).as(out).hasSizeGreaterThanOrEqualTo(3);
        assertThat(limited.batches()).as(out).allSatisfy(b -> assertThat(b.records()).isLessThanOrEqualTo(KafkaRateLimitQuery.MAX_OFFSETS_PER_TRIGGER));
        // Spark reports offsetsBehindLatest with a limit: the lag, growing batch after batch
        List<BatchMetrics> withLag = limited.batches().stream().filter(BatchMetrics::hasLag).toList();
        assertThat(withLag).as(out).hasSizeGreaterThanOrEqualTo(3);
        long perTrigger = Math.round(Variant.RATE_LIMIT.knobs().linesPerBatch());
        assertThat(withLag.get(withLag.size() - 1).lagRecords()).as(out).isGreaterThan(withLag.get(0).lagRecords() + perTrigger);
        if (limited.summary().verdict() != Verdict.INCONCLUSIVE) assertThat(limited.summary().verdict()).as(out).isEqualTo(Verdict.UNSTABLE);

        ByteArrayOutputStream unlimitedOut = new ByteArrayOutputStream();
        RunResult unlimited = run(Variant.NO_LIMIT, unlimitedOut);
        String uout = unlimitedOut.toString(StandardCharsets.UTF_8);
        System.out.println(uout);
        List<BatchMetrics> rows = unlimited.batches().stream().filter(b -> b.records() > 0).toList();
        assertThat(rows).as(uout).hasSizeGreaterThanOrEqualTo(3);
        BatchMetrics last = rows.get(rows.size() - 1);
        assertThat(last.records()).as(uout).isGreaterThan(perTrigger);
        BatchMetrics firstFull = rows.stream().filter(b -> b.records() >= perTrigger / 2).findFirst().orElseThrow();
        assertThat(last.records()).as(uout).isGreaterThan(firstFull.records());
        if (unlimited.summary().verdict() != Verdict.INCONCLUSIVE) assertThat(unlimited.summary().verdict()).as(uout).isEqualTo(Verdict.UNSTABLE);
    }
}
