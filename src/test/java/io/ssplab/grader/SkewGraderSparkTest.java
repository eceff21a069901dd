package io.ssplab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ssplab.exercises.SaltingStates;
import io.ssplab.metrics.CostStageSummary;
import io.ssplab.run.StopSignal;

/**
 * The skew lesson on real Spark (local mode, embedded sources, no UI), one run pair — the check of the
 * exercise filled with the solution's code: first the unsalted job, then the salted one, on the same
 * skewed stream. The unsalted job's cost stage has one task far longer than the median (the model: 4.1×;
 * asserted ≥ 2), the salted one's tasks are even (the model: 1.0×; asserted ≤ 1.5), PT drops under BI,
 * and every word of every batch is counted exactly as its lines hold it — for both jobs, so their counts
 * agree. Wide margins: a busy machine stretches every task alike, the ratios stay. About a minute.
 */
class SkewGraderSparkTest {
    @Test
    void saltingSpreadsTheHotKeyAndKeepsEveryCountExact() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        SkewGrader.Graded g = SkewGrader.grade(SaltingStates.fixSkew(3), 4, out, new StopSignal());
        g.report().print(out);
        String text = buffer.toString(StandardCharsets.UTF_8);
        SkewEvidence e = g.evidence();
        assertThat(e).as(text).isNotNull();

        CostStageSummary before = e.tasksBefore();
        CostStageSummary after = e.tasksAfter();
        assertThat(before.skew()).as("unsalted: longest over median task%n%s", text).isGreaterThanOrEqualTo(2.0);
        assertThat(after.skew()).as("salted: longest over median task%n%s", text).isLessThanOrEqualTo(1.5);
        // the hot key's task read ≈ 305 words, a salted task ≈ 120 (a batch holds about 840)
        assertThat(before.maxRecords()).as(text).isGreaterThan(after.maxRecords());
        assertThat(e.medianPtAfter()).as(text).isLessThan(e.medianPtBefore());

        // every word of every batch: counted = its lines' count, for both jobs on the same stream
        assertThat(e.firstMismatch(true)).as(text).isNull();
        assertThat(e.firstMismatch(false)).as(text).isNull();
        assertThat(e.batchesCompared(true)).isEqualTo(e.after().size()).isPositive();
        assertThat(e.batchesCompared(false)).as("the unsalted job's counts were compared too").isPositive();
        assertThat(e.wordsCountedAfter()).isEqualTo(e.wordsExpectedAfter()).isPositive();

        assertThat(g.report().outcome()).as(text).isEqualTo(Outcome.PASS);
        assertThat(text).contains("PASS — you spread the hot key").contains("task max/med");
    }
}
