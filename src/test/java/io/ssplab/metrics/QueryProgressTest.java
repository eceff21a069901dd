package io.ssplab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A progress event as Spark writes it in an event log: its fields only, the query-wide totals summed from the sources. */
class QueryProgressTest {

    @Test
    void anEventLogsProgressCarriesItsRowsInItsSources() throws Exception {
        // recorded from Spark 4.2.0's event log of a rate-source query (PlainQueryApp, 20 rows/s, trigger 2 s): no
        // top-level numInputRows, inputRowsPerSecond or processedRowsPerSecond (they are methods of StreamingQueryProgress)
        String json = Files.readString(Path.of("src/test/resources/structured/event-log-progress.json"));
        assertThat(io.ssplab.core.Json.MAPPER.readTree(json).has("numInputRows")).isFalse();
        QueryProgress p = QueryProgress.fromJson(json);
        assertThat(p.batchId()).isEqualTo(1);
        assertThat(p.numInputRows()).isEqualTo(40);
        assertThat(p.inputRowsPerSecond()).isCloseTo(19.417, within(0.001));
        assertThat(p.processedRowsPerSecond()).isCloseTo(38.425, within(0.001));
        assertThat(p.triggerExecutionMs()).isEqualTo(1041);
    }

    @Test
    void theListenersJsonIsReadAsItIs() {
        String json = "{\"batchId\":3,\"timestamp\":\"2026-11-30T07:22:04.719Z\",\"batchDuration\":900,\"numInputRows\":7,"
                + "\"inputRowsPerSecond\":3.5,\"processedRowsPerSecond\":7.0,\"durationMs\":{\"triggerExecution\":900},"
                + "\"sources\":[{\"numInputRows\":99,\"inputRowsPerSecond\":1.0,\"processedRowsPerSecond\":1.0}]}";
        QueryProgress p = QueryProgress.fromJson(json);
        assertThat(p.numInputRows()).as("the query's own total wins over the sources'").isEqualTo(7);
        assertThat(p.inputRowsPerSecond()).isEqualTo(3.5);
    }
}
