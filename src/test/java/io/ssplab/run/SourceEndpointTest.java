package io.ssplab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SourceEndpointTest {

    @Test
    void parsesEmbeddedAndHostPort() {
        assertThat(SourceEndpoint.parse("embedded").embedded()).isTrue();
        SourceEndpoint e = SourceEndpoint.parse("127.0.0.1:9999");
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(9999);
        assertThat(SourceEndpoint.parse("[::1]:9999").host()).isEqualTo("::1");
        assertThat(e).hasToString("127.0.0.1:9999");
    }

    @Test
    void summaryFileSitsBesideTheMetrics() {
        assertThat(RunOptions.summaryPathFor(Path.of("runs/p2.jsonl"))).isEqualTo(Path.of("runs/p2.summary.json"));
        assertThat(RunOptions.summaryPathFor(Path.of("p2.json"))).isEqualTo(Path.of("p2.summary.json"));
        assertThat(RunOptions.summaryPathFor(Path.of("p2"))).isEqualTo(Path.of("p2.summary.json"));
    }
}
