package io.ssplab.grader;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Stats;
import io.ssplab.metrics.CostStageSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.metrics.Warmup;

/**
 * What the skew check measured: the unsalted job ("before") and the student's salted job ("after") on the
 * same skewed stream (the embedded source, same seed), each with its batches — their cost stage's task
 * metrics included — and each batch's word counts beside a direct count of its lines ({@link CountsTap}).
 * The criteria are pure functions of this.
 *
 * @param knobs          the exercise's knobs (the "before" run used the same, unsalted)
 * @param before         every completed batch of the unsalted run, warm-up included
 * @param beforeDirect   its batches' words, counted from their lines: batch time → word → count
 * @param beforeCounted  its batches' word counts as the job produced them
 * @param after          every completed batch of the salted run
 * @param afterDirect    its batches' words, from their lines
 * @param afterCounted   its batches' word counts as the student's job produced them
 * @param wantedBatches  batches the check wanted to measure after warm-up in the salted run
 * @param stopReason     why the salted run stopped
 */
public record SkewEvidence(Knobs knobs, List<BatchMetrics> before, Map<Long, Map<String, Long>> beforeDirect,
                           Map<Long, Map<String, Long>> beforeCounted, List<BatchMetrics> after, Map<Long, Map<String, Long>> afterDirect,
                           Map<Long, Map<String, Long>> afterCounted, int wantedBatches, String stopReason) {

    public SkewEvidence {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public List<BatchMetrics> measuredBefore() {
        return measured(before);
    }

    public List<BatchMetrics> measuredAfter() {
        return measured(after);
    }

    private List<BatchMetrics> measured(List<BatchMetrics> batches) {
        return batches.subList(Warmup.batches(batches, Summarizer.nominalLines(knobs)), batches.size());
    }

    public int warmupAfter() {
        return after.size() - measuredAfter().size();
    }

    /** The unsalted run's cost stage over its measured batches; null without task metrics. */
    public CostStageSummary tasksBefore() {
        return CostStageSummary.of(measuredBefore());
    }

    public CostStageSummary tasksAfter() {
        return CostStageSummary.of(measuredAfter());
    }

    public double medianPtBefore() {
        return Stats.median(measuredBefore().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
    }

    public double medianPtAfter() {
        return Stats.median(measuredAfter().stream().mapToDouble(BatchMetrics::processingTimeMs).toArray());
    }

    /** Measured batches of the salted run whose PT exceeded BI. */
    public int afterOverBudget() {
        return (int) measuredAfter().stream().filter(BatchMetrics::overBudget).count();
    }

    /** Measured batches of the salted run that started later than {@code shareOfBi} × BI after being cut. */
    public int afterDelayedOver(double shareOfBi) {
        return (int) measuredAfter().stream().filter(b -> b.schedulingDelayMs() > shareOfBi * b.batchIntervalMs()).count();
    }

    /**
     * A batch whose word counts differ from its lines', with the first word that differs; null when every
     * completed batch's counts are exact.
     *
     * @param salted the student's run (else the unsalted one)
     */
    public Mismatch firstMismatch(boolean salted) {
        List<BatchMetrics> batches = salted ? after : before;
        Map<Long, Map<String, Long>> direct = salted ? afterDirect : beforeDirect;
        Map<Long, Map<String, Long>> counted = salted ? afterCounted : beforeCounted;
        for (BatchMetrics b : batches) {
            Map<String, Long> d = direct.getOrDefault(b.batchTimeMs(), Map.of());
            Map<String, Long> c = counted.getOrDefault(b.batchTimeMs(), Map.of());
            if (d.equals(c)) continue;
            java.util.Set<String> words = new java.util.TreeSet<>(d.keySet());
            words.addAll(c.keySet());
            for (String w : words) {
                long dn = d.getOrDefault(w, 0L);
                long cn = c.getOrDefault(w, 0L);
                if (dn != cn) return new Mismatch(b.batchTimeMs(), w, cn, dn);
            }
        }
        return null;
    }

    /** A word whose count in a batch is not the number of times it is in the batch's lines. */
    public record Mismatch(long batchTimeMs, String word, long counted, long inLines) {
    }

    /** Batches of a run whose counts were compared (each completed batch should have both). */
    public int batchesCompared(boolean salted) {
        List<BatchMetrics> batches = salted ? after : before;
        Map<Long, Map<String, Long>> counted = salted ? afterCounted : beforeCounted;
        return (int) batches.stream().filter(b -> counted.containsKey(b.batchTimeMs())).count();
    }

    /** The words the salted job counted over its completed batches. */
    public long wordsCountedAfter() {
        return after.stream().mapToLong(b -> afterCounted.getOrDefault(b.batchTimeMs(), Map.of()).values().stream()
                .filter(Objects::nonNull).mapToLong(Long::longValue).sum()).sum();
    }

    /** Lines the salted run received in its completed batches × words per line: what the counts must add up to. */
    public long wordsExpectedAfter() {
        return after.stream().filter(b -> afterCounted.containsKey(b.batchTimeMs())).mapToLong(BatchMetrics::records).sum() * knobs.wordsPerLine();
    }

    public long linesAfter() {
        return after.stream().filter(b -> afterCounted.containsKey(b.batchTimeMs())).mapToLong(BatchMetrics::records).sum();
    }
}
