package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.Json;
import io.ssplab.core.Verdict;
import io.ssplab.jobs.KeySkew;
import io.ssplab.run.RunResult;

/**
 * The lab's skew job as shipped (8 ms per word after the shuffle by key: its hot key's task ≈ 2.4 s of a 2 s
 * interval, UNSTABLE), its event log one lz4-compressed file (rolling off); {@code bin/ssp analyze} on the
 * file gives the listener's verdict, and the fit finds 8 ms per record.
 */
class AnalyzeUnstableRunTest extends IsolatedCli {
    @Test
    void analyzeOfAnLz4LogGivesTheListenersVerdictAndTheFitFindsTheKnownCost() throws Exception {
        Path logs = Files.createDirectories(home.resolve("spark-events"));
        RunResult lab = LabRuns.run(new KeySkew(), KeySkew.KNOBS, 4, logs,
                Map.of("spark.eventLog.rolling.enabled", "false", "spark.eventLog.compress", "true", "spark.eventLog.compression.codec", "lz4"));
        assertThat(lab.summary().verdict()).as("the lab's own listener").isEqualTo(Verdict.UNSTABLE);
        Path file;
        try (var list = Files.list(logs)) {
            file = list.filter(p -> p.getFileName().toString().endsWith(".lz4")).findFirst().orElseThrow();
        }

        int code = ssp("analyze", file.toString(), "--out", home.resolve("out").toString());
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("verdict: UNSTABLE ");

        out.reset();
        assertThat(ssp("plan", "--from", file.toString(), "--json")).as(err()).isZero();
        JsonNode plan = Json.MAPPER.readTree(out());
        double c = plan.get("fit").get("perRecordMs").asDouble();
        assertThat(c).as("fitted per-record cost (known 8 ms): %s", plan.get("fit")).isBetween(8 * 0.85, 8 * 1.15);

        out.reset();
        assertThat(ssp("plan", "--from", file.toString())).as(err()).isZero();
        assertThat(out()).contains("c = ").contains(" ± ").contains("fewest cores");
    }
}
