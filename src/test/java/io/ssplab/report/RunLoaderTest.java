package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;

class RunLoaderTest {
    @TempDir
    Path tmp;

    private static List<String> english(List<Note> notes) {
        return notes.stream().map(Note::en).toList();
    }

    @Test
    void aDemoDirectoryGivesEveryPhaseWithItsRecordedKnobs() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 12);
        RunLoader.Loaded loaded = RunLoader.load(List.of(dir));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.runs()).extracting(RecordedRun::name).containsExactly("phase1", "phase2", "phase3");
        RecordedRun p3 = loaded.runs().get(2);
        assertThat(p3.knobsRecorded()).isTrue();
        assertThat(p3.summary().knobs().master()).isEqualTo("local[8]");
        assertThat(p3.summary().knobs().partitions()).isEqualTo(8);
        assertThat(p3.summary().knobs().costMs()).isEqualTo(5.4);
        assertThat(p3.notes()).isEmpty();
        assertThat(loaded.runs()).extracting(r -> r.summary().verdict()).containsExactly(Verdict.STABLE, Verdict.UNSTABLE, Verdict.STABLE);
        assertThat(p3.knobsLabel()).isEqualTo("local[8], P=8, 5.4 ms/word, BI 2 s");
        assertThat(loaded.runs().get(0).costLabel()).isEqualTo("no cost");
    }

    @Test
    void theNumbersAreRecomputedFromTheBatchesSoTheyMatchTheCharts() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 12);
        RunSummary recorded = io.ssplab.core.Json.MAPPER.readValue(dir.resolve("summary.json").toFile(), RunSummary[].class)[1];
        RecordedRun p2 = RunLoader.load(List.of(dir.resolve("phase2.jsonl"))).runs().get(0);
        assertThat(p2.summary()).isEqualTo(recorded);
    }

    @Test
    void aKafkaRunsPageJudgesTheLagAsTheRunDid() throws IOException {
        // A Kafka run under a rate limit: every batch on time (PT ≈ 0.7 × BI), but the lag grows by 56 records a batch.
        List<BatchMetrics> batches = new ArrayList<>();
        List<BatchMetrics> timed = SyntheticRuns.phase3(10);
        for (int i = 0; i < timed.size(); i++) batches.add(timed.get(i).withLag(56L * i, 28L * i));
        Knobs knobs = SyntheticRuns.knobs("phase3", "local[8]", 8, 5.4, "word", 2000);
        // What the run printed and wrote: the summarizer on the batches, with the run's warm-up.
        RunSummary atRun = Summarizer.summarize(knobs, batches, Warmup.batches(batches, Summarizer.nominalLines(knobs)), null, null);
        assertThat(atRun.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(atRun.reason()).startsWith("consumer lag grows by 56 records per batch");
        Path file = tmp.resolve("kafka.jsonl");
        SyntheticRuns.writeJsonl(file, batches);
        io.ssplab.core.Json.write(tmp.resolve("kafka.summary.json"), atRun);
        // bin/ssp report on the file: the same verdict, lag and reason.
        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.summary()).isEqualTo(atRun);
        // Without the summary file the knobs are unknown, and the lag still decides.
        Files.delete(tmp.resolve("kafka.summary.json"));
        RunSummary bare = RunLoader.load(List.of(file)).runs().get(0).summary();
        assertThat(bare.knobs().master()).isNull();
        assertThat(bare.lag().grows()).isTrue();
        assertThat(bare.verdict()).isEqualTo(Verdict.UNSTABLE);
    }

    @Test
    void aFileUsesTheSummaryBesideIt() throws IOException {
        List<BatchMetrics> batches = SyntheticRuns.phase2(8);
        Path file = tmp.resolve("p2.jsonl");
        SyntheticRuns.writeJsonl(file, batches);
        io.ssplab.core.Json.write(tmp.resolve("p2.summary.json"), SyntheticRuns.summary("phase2", "local[4]", 4, 6, batches));
        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.name()).isEqualTo("p2");
        assertThat(run.knobsRecorded()).isTrue();
        assertThat(run.summary().knobs().costMs()).isEqualTo(6.0);
    }

    @Test
    void withoutASummaryTheKnobsAreUnknownAndSaidSo() throws IOException {
        Path file = tmp.resolve("lonely.jsonl");
        SyntheticRuns.writeJsonl(file, SyntheticRuns.phase2(8));
        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.knobsRecorded()).isFalse();
        assertThat(run.summary().knobs().master()).isNull();
        assertThat(run.summary().batchIntervalMs()).isEqualTo(2000);
        assertThat(run.summary().verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(english(run.notes())).anyMatch(n -> n.contains("no summary file") && n.contains("lonely.summary.json"));
        assertThat(run.notes()).allMatch(n -> !n.vi().isBlank());
        assertThat(run.knobsLabel()).isEqualTo("BI 2 s (master, P and cost not recorded)");
        assertThat(run.costLabel()).isEqualTo("?");
    }

    @Test
    void aRunCutShortByCtrlCWithATruncatedLastLineKeepsItsWholeLines() throws IOException {
        Path file = tmp.resolve("phase2.jsonl");
        SyntheticRuns.writeJsonl(file, SyntheticRuns.phase2(5));
        SyntheticRuns.append(file, "{\"job\":\"phase2\",\"batchTimeMs\":17676036");
        RunLoader.Loaded loaded = RunLoader.load(List.of(file));
        assertThat(loaded.problems()).isEmpty();
        RecordedRun run = loaded.runs().get(0);
        assertThat(run.batches()).hasSize(5);
        assertThat(english(run.notes())).anyMatch(n -> n.contains("phase2.jsonl:6") && n.contains("cut short"));
    }

    @Test
    void anEmptyFileIsOneProblemAndNoRun() throws IOException {
        Path file = Files.createFile(tmp.resolve("phase1.jsonl"));
        RunLoader.Loaded loaded = RunLoader.load(List.of(file));
        assertThat(loaded.runs()).isEmpty();
        assertThat(english(loaded.problems())).singleElement().asString().contains("phase1.jsonl").contains("empty");
    }

    @Test
    void aFileWithNoBatchObjectIsOneProblem() throws IOException {
        Path file = tmp.resolve("notes.jsonl");
        Files.writeString(file, "hello\n{\"some\":\"json\"}\n");
        RunLoader.Loaded loaded = RunLoader.load(List.of(file));
        assertThat(loaded.runs()).isEmpty();
        assertThat(english(loaded.problems())).singleElement().asString().contains("no batch object").contains("2 line(s)");
    }

    @Test
    void aBinaryFileIsOneProblem() throws IOException {
        Path file = tmp.resolve("image.jsonl");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        RunLoader.Loaded loaded = RunLoader.load(List.of(file));
        assertThat(loaded.runs()).isEmpty();
        assertThat(english(loaded.problems())).singleElement().asString().contains("not a text file");
    }

    @Test
    void aDirectoryWithoutMetricsAndAMissingPathAreProblems() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        RunLoader.Loaded loaded = RunLoader.load(List.of(empty, tmp.resolve("nope")));
        assertThat(loaded.runs()).isEmpty();
        assertThat(english(loaded.problems())).hasSize(2)
                .anyMatch(p -> p.contains("no .jsonl metrics file"))
                .anyMatch(p -> p.contains("nope") && p.contains("no such file"));
    }

    @Test
    void unusableFilesInADirectoryDoNotStopTheUsableOnes() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Files.writeString(dir.resolve("phase3.jsonl"), ""); // e.g. Ctrl-C before phase3's first batch
        RunLoader.Loaded loaded = RunLoader.load(List.of(dir));
        assertThat(loaded.runs()).extracting(RecordedRun::job).containsExactly("phase1", "phase2");
        assertThat(english(loaded.problems())).singleElement().asString().contains("phase3.jsonl");
    }

    @Test
    void zeroRecordBatchesAreChartedWithANote() throws IOException {
        List<BatchMetrics> batches = new ArrayList<>(SyntheticRuns.phase1(6));
        BatchMetrics b = batches.get(0);
        batches.set(0, new BatchMetrics(b.job(), b.batchTimeMs(), b.batchIntervalMs(), 0, 0, b.processingTimeMs(),
                b.schedulingDelayMs(), b.totalDelayMs(), 0));
        Path file = tmp.resolve("p1.jsonl");
        SyntheticRuns.writeJsonl(file, batches);
        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.batches()).hasSize(6);
        assertThat(english(run.notes())).anyMatch(n -> n.startsWith("1 batch(es) had 0 records"));

        List<BatchMetrics> silent = SyntheticRuns.simulate("phase1", 5, 2000, 200, 0, 0, 1);
        SyntheticRuns.writeJsonl(file, silent);
        assertThat(english(RunLoader.load(List.of(file)).runs().get(0).notes())).anyMatch(n -> n.contains("every batch had 0 records"));
    }

    @Test
    void batchesAreChartedInTimeOrder() throws IOException {
        List<BatchMetrics> batches = new ArrayList<>(SyntheticRuns.phase2(6));
        Collections.reverse(batches);
        Path file = tmp.resolve("p2.jsonl");
        SyntheticRuns.writeJsonl(file, batches);
        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.batches()).isSortedAccordingTo((a, b) -> Long.compare(a.batchTimeMs(), b.batchTimeMs()));
    }

    @Test
    void aSummaryGivenInsteadOfItsMetricsStandsForThem() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        assertThat(RunLoader.load(List.of(dir.resolve("summary.json"))).runs()).hasSize(3);

        Path file = tmp.resolve("p2.jsonl");
        List<BatchMetrics> batches = SyntheticRuns.phase2(6);
        SyntheticRuns.writeJsonl(file, batches);
        io.ssplab.core.Json.write(tmp.resolve("p2.summary.json"), SyntheticRuns.summary("phase2", "local[4]", 4, 5.4, batches));
        assertThat(RunLoader.load(List.of(tmp.resolve("p2.summary.json"))).runs()).extracting(RecordedRun::name).containsExactly("p2");

        Files.writeString(tmp.resolve("orphan.summary.json"), "{}");
        assertThat(english(RunLoader.load(List.of(tmp.resolve("orphan.summary.json"))).problems()))
                .singleElement().asString().contains("orphan.jsonl is not beside it");
    }

    @Test
    void theRunsPredictionComesBackWithItsKnobsAndReachesThePage() throws IOException {
        Path file = tmp.resolve("p2.jsonl");
        List<BatchMetrics> batches = SyntheticRuns.phase2(8);
        SyntheticRuns.writeJsonl(file, batches);
        RunSummary recorded = Summarizer.summarize(SyntheticRuns.knobs("phase2", "local[4]", 4, 5.6, "word", 2000), batches, 2602.0, "measured:phase1");
        io.ssplab.core.Json.write(tmp.resolve("p2.summary.json"), recorded);

        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.summary().predictedProcessingTimeMs()).isEqualTo(2602.0);
        assertThat(run.summary().modelErrorPercent()).isEqualTo(recorded.modelErrorPercent());
        assertThat(run.summary().overheadSource()).isEqualTo("measured:phase1");
        assertThat(Explanation.of(run).english()).contains("the planner's model predicted a PT of 2.60 s for these knobs (overhead: measured by phase1 in this run)");
        assertThat(Explanation.of(run).vietnamese()).contains("mô hình của planner dự đoán PT là 2,60 s");
    }

    @Test
    void theRecordedWarmUpIsKeptWhenTheFileHoldsTheBatchesItWasCountedOn() throws IOException {
        Path file = tmp.resolve("p3.jsonl");
        List<BatchMetrics> batches = SyntheticRuns.phase3(10);
        SyntheticRuns.writeJsonl(file, batches);
        Knobs knobs = SyntheticRuns.knobs("phase3", "local[8]", 8, 5.6, "word", 2000);
        int byTheRule = Warmup.batches(batches, Summarizer.nominalLines(knobs));
        int console = byTheRule + 2; // e.g. the live run saw a backlog the file's rounding hides: the console's count wins
        RunSummary recorded = Summarizer.summarize(knobs, batches, console, null, null);
        io.ssplab.core.Json.write(tmp.resolve("p3.summary.json"), recorded);

        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.summary().warmupBatches()).isEqualTo(console);
        assertThat(run.summary().measuredBatches()).isEqualTo(10 - console);
        assertThat(run.summary()).isEqualTo(recorded);
    }

    @Test
    void aFileWithOtherBatchesThanItsSummaryGetsTheWarmUpRule() throws IOException {
        Path file = tmp.resolve("p3.jsonl");
        List<BatchMetrics> batches = SyntheticRuns.phase3(10);
        SyntheticRuns.writeJsonl(file, batches);
        Knobs knobs = SyntheticRuns.knobs("phase3", "local[8]", 8, 5.6, "word", 2000);
        int byTheRule = Warmup.batches(batches, Summarizer.nominalLines(knobs));
        // the summary was written for the first 8 batches only (the file was appended to since)
        io.ssplab.core.Json.write(tmp.resolve("p3.summary.json"), Summarizer.summarize(knobs, batches.subList(0, 8), byTheRule + 3, null, null));

        RecordedRun run = RunLoader.load(List.of(file)).runs().get(0);
        assertThat(run.batches()).hasSize(10);
        assertThat(run.summary().batches()).isEqualTo(10);
        assertThat(run.summary().warmupBatches()).isEqualTo(byTheRule).isNotEqualTo(byTheRule + 3);
        assertThat(run.summary()).isEqualTo(Summarizer.summarize(knobs, batches));
    }

    @Test
    void aCorruptSummaryIsANoteAndTheKnobsAreUnknown() throws IOException {
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 6);
        Files.writeString(dir.resolve("summary.json"), "[{\"job\":\"phase1\",");
        RecordedRun run = RunLoader.load(List.of(dir.resolve("phase1.jsonl"))).runs().get(0);
        assertThat(run.knobsRecorded()).isFalse();
        assertThat(english(run.notes())).anyMatch(n -> n.startsWith("summary.json could not be read"));
    }

    @Test
    void theSameFileGivenTwiceIsChartedOnceAndSameNamesFromTwoDirectoriesStayApart() throws IOException {
        Path a = SyntheticRuns.demoDir(tmp.resolve("a"), 6);
        Path b = SyntheticRuns.demoDir(tmp.resolve("b"), 6);
        RunLoader.Loaded loaded = RunLoader.load(List.of(a, a.resolve("phase1.jsonl"), b.resolve("phase1.jsonl")));
        assertThat(loaded.runs()).extracting(RecordedRun::name).containsExactly("phase1", "phase2", "phase3", "phase1-2");
    }

    @Test
    void baseNamesArePlainForFileNamesAndLinks() {
        assertThat(RunLoader.baseName(Path.of("phase2.jsonl"))).isEqualTo("phase2");
        assertThat(RunLoader.baseName(Path.of("my run #1.jsonl"))).isEqualTo("my_run__1");
        assertThat(RunLoader.baseName(Path.of("noext"))).isEqualTo("noext");
    }

    @Test
    void longListsOfSkippedLinesAreSummedUp() {
        List<Note> notes = RunLoader.summed(List.of("a", "b", "c", "d", "e"));
        assertThat(english(notes)).containsExactly("a", "b", "c", "… and 2 more line(s) skipped");
    }
}
