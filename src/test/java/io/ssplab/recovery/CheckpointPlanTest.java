package io.ssplab.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.cli.Main;
import io.ssplab.core.BadInputException;
import io.ssplab.core.Knobs;
import io.ssplab.jobs.Phase1Baseline;
import io.ssplab.run.ReliabilityOptions;
import io.ssplab.run.RunOptions;
import io.ssplab.run.SourceEndpoint;
import io.ssplab.source.LineFormat;

/** Every refusal happens before Spark starts; a matching checkpoint is resumed with the run counted. */
class CheckpointPlanTest {
    private static final Knobs PHASE1 = new Phase1Baseline().defaults();
    private static final SourceEndpoint EXTERNAL = new SourceEndpoint("127.0.0.1", 9);

    private static RunOptions options(SourceEndpoint source, Path checkpoint, boolean wal) {
        return new RunOptions(source, 4, null, -1, null, Map.of(), System.out,
                new ReliabilityOptions(LineFormat.STAMPED, checkpoint, wal));
    }

    @Test
    void noCheckpointNoPlan() {
        assertThat(CheckpointPlan.prepare(PHASE1, options(EXTERNAL, null, false))).isNull();
    }

    @Test
    void theWriteAheadLogNeedsACheckpoint() {
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1, options(EXTERNAL, null, true)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--wal needs --checkpoint DIR");
    }

    @Test
    void aCheckpointNeedsASourceThatOutlivesTheDriver(@TempDir Path dir) {
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1, options(SourceEndpoint.EMBEDDED, dir.resolve("c"), true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--source 127.0.0.1:9999");
    }

    @Test
    void aDirectoryNotWrittenByUsIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1, options(EXTERNAL, dir, true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("was not written by 'bin/ssp run'");
        Path file = dir.resolve("notes.txt");
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1, options(EXTERNAL, file, true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a file");
    }

    @Test
    void theSameJobResumesAndAnotherJobOrKnobIsRefused(@TempDir Path dir) {
        Path c = dir.resolve("ckpt");
        CheckpointPlan first = CheckpointPlan.prepare(PHASE1, options(EXTERNAL, c, true));
        assertThat(first.run()).isEqualTo(1);
        assertThat(first.wal()).isTrue();
        assertThat(CheckpointPlan.prepare(PHASE1, options(EXTERNAL, c, true)).run()).isEqualTo(2);

        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1.withJob("phase2").withCost(java.time.Duration.ofMillis(5)),
                options(EXTERNAL, c, true)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("was written by another job or other knobs: job phase1 (checkpoint) ≠ phase2 (now), cost (ms) 0.0 (checkpoint) ≠ 5.0 (now)");
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1.withPartitions(8), options(EXTERNAL, c, false)))
                .hasMessageContaining("partitions 4 (checkpoint) ≠ 8 (now)").hasMessageContaining("write-ahead log --wal (checkpoint) ≠ no --wal (now)");
        assertThatThrownBy(() -> CheckpointPlan.prepare(PHASE1, options(new SourceEndpoint("127.0.0.1", 10), c, true)))
                .hasMessageContaining("source 127.0.0.1:9 (checkpoint) ≠ 127.0.0.1:10 (now)");
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
