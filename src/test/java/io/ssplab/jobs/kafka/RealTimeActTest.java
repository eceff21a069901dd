package io.ssplab.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ssplab.kafka.TestBroker;
import io.ssplab.run.StopSignal;

/**
 * The real-time act on a real broker: the same stateless query with a micro-batch trigger and in real-time
 * mode, both measured, printed side by side. Only the structure and the ordering are asserted, with a wide
 * margin: real-time mode's median is below micro-batch's (milliseconds against a batch duration).
 */
class RealTimeActTest {
    @RegisterExtension
    static TestBroker broker = new TestBroker();

    @Test
    void realTimeModeRunsAndItsMedianLatencyIsBelowMicroBatchs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // the shortest measurement --duration accepts (5 s, 500 lines per mode): the medians differ by two orders of magnitude
        Duration measure = Duration.ofMillis((long) RealTimeAct.MEASURE.min());
        List<RealTimeAct.Row> rows = RealTimeAct.run(broker.bootstrap(), measure, 100, out, new StopSignal());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(rows).extracting(RealTimeAct.Row::mode).containsExactly(RealTimeAct.Mode.MICRO_BATCH, RealTimeAct.Mode.REAL_TIME);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.refusal()).as("Spark 4.2 runs this query in both modes").isNull();
            assertThat(r.records()).as("records measured").isPositive();
            assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p95Ms());
            assertThat(r.p95Ms()).isLessThanOrEqualTo(r.maxMs());
        });
        RealTimeAct.Row microBatch = rows.get(0);
        RealTimeAct.Row realTime = rows.get(1);
        assertThat(realTime.p50Ms()).as(printed).isLessThan(microBatch.p50Ms());
        assertThat(printed).contains("end-to-end latency", "micro-batch", "real-time", "p50", "p95", "max",
                "real-time mode in Spark 4.2: stateless queries only");
        assertThat(printed.lines().filter(l -> l.matches("(micro-batch|real-time)\\s+[\\d,]+\\s+[\\d,]+ ms\\s+[\\d,]+ ms\\s+[\\d,]+ ms")))
                .as(printed).hasSize(2);
    }
}
