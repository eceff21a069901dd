package io.ssplab.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.cli.Main;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.run.SourceEndpoint;

/** Every refusal happens before Spark starts; a matching checkpoint is resumed with the run counted. */
class CheckpointPlanTest {
    private static final Knobs PHASE1 = new Phase1Baseline().defaults();
    private static final SourceEndpoint EXTERNAL = new SourceEndpoint("127.0.0.1", 9);

    /** As the runner calls it: the source as given, whether it is embedded, the checkpoint directory and --wal. */
    private static CheckpointPlan prepare(Knobs knobs, SourceEndpoint source, Path checkpoint, boolean wal) {
        return CheckpointPlan.prepare(knobs, source.toString(), source.embedded(), checkpoint, wal);
    }

    @Test
    void noCheckpointNoPlan() {
        assertThat(prepare(PHASE1, EXTERNAL, null, false)).isNull();
    }

    @Test
    void theWriteAheadLogNeedsACheckpoint() {
        assertThatThrownBy(() -> prepare(PHASE1, EXTERNAL, null, true))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--wal needs --checkpoint DIR");
    }

    @Test
    void aCheckpointNeedsASourceThatOutlivesTheDriver(@TempDir Path dir) {
        assertThatThrownBy(() -> prepare(PHASE1, SourceEndpoint.EMBEDDED, dir.resolve("c"), true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--source 127.0.0.1:9999");
    }

    @Test
    void aDirectoryNotWrittenByUsIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> prepare(PHASE1, EXTERNAL, dir, true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("was not written by 'bin/ssp run'");
        Path file = dir.resolve("notes.txt");
        assertThatThrownBy(() -> prepare(PHASE1, EXTERNAL, file, true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a file");
    }

    @Test
    void theSameJobResumesAndAnotherJobOrKnobIsRefused(@TempDir Path dir) {
        Path c = dir.resolve("ckpt");
        CheckpointPlan first = prepare(PHASE1, EXTERNAL, c, true);
        assertThat(first.run()).isEqualTo(1);
        assertThat(first.wal()).isTrue();
        assertThat(prepare(PHASE1, EXTERNAL, c, true).run()).isEqualTo(2);

        assertThatThrownBy(() -> prepare(PHASE1.withJob("phase2").withCost(java.time.Duration.ofMillis(5)), EXTERNAL, c, true))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("was written by another job or other knobs: job phase1 (checkpoint) ≠ phase2 (now), cost 0 ms (checkpoint) ≠ 5 ms (now)");
        assertThatThrownBy(() -> prepare(PHASE1.withPartitions(8), EXTERNAL, c, false))
                .hasMessageContaining("partitions 4 (checkpoint) ≠ 8 (now)").hasMessageContaining("write-ahead log --wal (checkpoint) ≠ no --wal (now)");
        assertThatThrownBy(() -> prepare(PHASE1, new SourceEndpoint("127.0.0.1", 10), c, true))
                .hasMessageContaining("source 127.0.0.1:9 (checkpoint) ≠ 127.0.0.1:10 (now)");
        // in the reader's language, values written as people write them
        io.ssplab.core.Lang.use(io.ssplab.core.Lang.VI);
        try {
            assertThatThrownBy(() -> prepare(PHASE1.withBatchInterval(java.time.Duration.ofMillis(2500)).withRate(70.5), EXTERNAL, c, true))
                    .hasMessageContaining("batch interval 2 s (checkpoint) ≠ 2,5 s (bây giờ)")
                    .hasMessageContaining("tốc độ (dòng/s) 140 (checkpoint) ≠ 70,5 (bây giờ)");
            assertThatThrownBy(() -> prepare(PHASE1, EXTERNAL, c, false)).hasMessageContaining("write-ahead log --wal (checkpoint) ≠ không có --wal (bây giờ)");
        } finally {
            io.ssplab.core.Lang.use(io.ssplab.core.Lang.EN);
        }
    }

    @Test
    void theManifestIsFlatLikeASummaryAndAnOlderOneStillResumes(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("ckpt");
        prepare(PHASE1, EXTERNAL, c, true);
        JsonNode manifest = Json.MAPPER.readTree(c.resolve(CheckpointPlan.MANIFEST).toFile());
        assertThat(manifest.get("job").asText()).isEqualTo("phase1");
        assertThat(manifest.get("master").asText()).isEqualTo("local[4]");
        assertThat(manifest.get("batchIntervalMs").asLong()).isEqualTo(2000);
        assertThat(manifest.get("partitions").asInt()).isEqualTo(4);
        assertThat(manifest.get("costMs").asDouble()).isZero();
        assertThat(manifest.get("costUnit").asText()).isEqualTo("word");
        assertThat(manifest.get("source").asText()).isEqualTo("127.0.0.1:9");
        assertThat(manifest.get("wal").asBoolean()).isTrue();
        assertThat(manifest.get("runs").asInt()).isEqualTo(1);
        assertThat(manifest.has("knobs")).isFalse();

        // A manifest written before the knobs carried rate, words per line and block interval.
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve(CheckpointPlan.MANIFEST), "{\"job\":\"phase1\",\"master\":\"local[4]\",\"batchIntervalMs\":2000,"
                + "\"partitions\":4,\"costMs\":0.0,\"costUnit\":\"word\",\"source\":\"127.0.0.1:9\",\"wal\":false,\"runs\":3}");
        CheckpointPlan resumed = prepare(PHASE1, EXTERNAL, old, false);
        assertThat(resumed.run()).isEqualTo(4);
        assertThat(resumed.wal()).isFalse();
    }

    @Test
    void theCommandLineRefusesBadCombinationsWithExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(o, e, "run", "phase1", "--no-ui", "--wal")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--wal needs --checkpoint DIR");
        err.reset();
        assertThat(Main.run(o, e, "run", "phase1", "--no-ui", "--format", "stamped", "--source", "127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format sets the embedded source's line format");
        err.reset();
        assertThat(Main.run(o, e, "run", "phase1", "--no-ui", "--format", "fancy")).isEqualTo(2);
    }
}
