package io.ssplab.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Columns;
import io.ssplab.core.Format;
import io.ssplab.core.Json;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.Stats;

/**
 * A batch's time split into what the planner names, from {@link BatchBreakdownListener}'s records:
 * <pre>
 *   PT (first job start → last job end) = the stages' time (their submission → completion, overlaps counted once)
 *                                        + the driver's time between and around them (job submission, result handling)
 *   a stage's wall = to its first task (the driver launching it) + its tasks on the slots + after its last task
 *   a task         = scheduler delay + deserialisation + run (the cost waits are paid here) + result
 *                    (shuffle write and fetch wait are parts of run)
 * </pre>
 * The planner's overhead is what a batch spends beyond its cost waits; the breakdown shows where:
 * {@link Summary#sparkTimeMs} = PT − cost time = driver-side time + the other stages' walls + what the cost
 * stage takes beyond its waits.
 */
public final class BatchBreakdown {
    private BatchBreakdown() {
    }

    /**
     * One batch as the listener saw it.
     *
     * @param batchTimeMs     the batch's time
     * @param firstJobStartMs when its first job started
     * @param lastJobEndMs    when its last job ended
     * @param jobs            its jobs
     * @param stages          its completed stages
     */
    public record Batch(long batchTimeMs, long firstJobStartMs, long lastJobEndMs, int jobs, List<Stage> stages) {
        public long processingMs() {
            return lastJobEndMs - firstJobStartMs;
        }

        /** Time covered by at least one stage, from submission to completion. */
        public long stagesMs() {
            List<long[]> spans = new ArrayList<>();
            for (Stage s : stages) spans.add(new long[] {s.submittedMs(), s.completedMs()});
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            long covered = 0;
            long end = Long.MIN_VALUE;
            for (long[] span : spans) {
                long from = Math.max(span[0], end);
                if (span[1] > from) covered += span[1] - from;
                end = Math.max(end, span[1]);
            }
            return covered;
        }
    }

    /**
     * One stage of a batch, its tasks' parts summed over the tasks (ms).
     *
     * @param firstLaunchMs when its first task launched
     * @param lastFinishMs  when its last task finished
     */
    public record Stage(int stageId, String name, int tasks, long submittedMs, long completedMs, long firstLaunchMs, long lastFinishMs,
                        double schedulerDelayMs, double deserializeMs, double runMs, double shuffleWriteMs, double fetchWaitMs,
                        double resultMs) {
        public long wallMs() {
            return completedMs - submittedMs;
        }
    }

    /** The batches in a listener's file, in batch order. */
    public static List<Batch> read(Path file) throws IOException {
        List<Batch> batches = new ArrayList<>();
        if (!Files.isRegularFile(file)) return batches;
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) batches.add(Json.MAPPER.readValue(line, Batch.class));
        return batches;
    }

    /**
     * One stage of the batch, as the median over the batches.
     *
     * @param name           the stage's name (Spark's call site: "repartition at WordCountPipeline.java:45")
     * @param perTask        median over the batches of each part's mean per task: scheduler delay, deserialisation, run,
     *                       shuffle write, fetch wait, result
     */
    public record StageSummary(String name, double tasks, double wallMs, double toFirstTaskMs, double afterLastTaskMs, double[] perTask,
                               double runTotalMs) {
    }

    /**
     * The median batch.
     *
     * @param batches        batches behind the medians
     * @param processingMs   PT as Spark's jobs span it
     * @param stagesMs       time covered by stages
     * @param driverMs       PT − stages: the driver's time between and around the stages
     * @param costTimeMs     the planner's cost time for this setting (0 at zero cost)
     * @param costStage      the stage whose tasks ran longest in total: where the cost is paid
     * @param costStageBeyondWaitsMs the cost stage's wall − the cost time: Spark's time inside it
     * @param otherStagesMs  the other stages' walls, summed
     * @param stages         every stage, in the order it runs
     */
    public record Summary(int batches, double processingMs, double stagesMs, double driverMs, double costTimeMs, String costStage,
                          double costStageBeyondWaitsMs, double otherStagesMs, List<StageSummary> stages) {
        /** PT − cost time: what the planner calls the overhead, as measured. */
        public double sparkTimeMs() {
            return processingMs - costTimeMs;
        }

        /** The one line a sweep cell prints: the measured overhead and its three parts, beside the model's. */
        public String line(Lang lang, double modelOverheadMs) {
            return Messages.in(lang, "fidelity.breakdown.line", Format.seconds(lang, sparkTimeMs()), Format.seconds(lang, driverMs),
                    Format.seconds(lang, otherStagesMs), Format.seconds(lang, costStageBeyondWaitsMs), Format.seconds(lang, modelOverheadMs),
                    Messages.count(lang, batches, "noun.batch"));
        }

        /** The full split: a title, the PT line and one row per stage. */
        public List<String> lines(Lang lang) {
            List<String> out = new ArrayList<>();
            out.add(Messages.in(lang, "fidelity.breakdown.title", Messages.count(lang, batches, "noun.batch")));
            out.add(Messages.in(lang, "fidelity.breakdown.pt", Format.seconds(lang, processingMs), Format.seconds(lang, stagesMs),
                    Format.seconds(lang, driverMs), Format.seconds(lang, costTimeMs), Format.seconds(lang, sparkTimeMs())));
            List<String[]> rows = new ArrayList<>();
            rows.add(Messages.in(lang, "fidelity.breakdown.header").split("\\|"));
            for (StageSummary s : stages) {
                String[] row = new String[11];
                row[0] = s.name() + (s.name().equals(costStage) ? " *" : "");
                row[1] = Format.plain(lang, s.tasks());
                row[2] = ms(lang, s.wallMs());
                row[3] = ms(lang, s.toFirstTaskMs());
                row[4] = ms(lang, s.afterLastTaskMs());
                for (int i = 0; i < 6; i++) row[5 + i] = ms(lang, s.perTask()[i]);
                rows.add(row);
            }
            out.addAll(Columns.table("  ", new boolean[] {false, true, true, true, true, true, true, true, true, true, true}, rows));
            out.add(Messages.in(lang, "fidelity.breakdown.costStage"));
            return out;
        }

        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("batches", batches);
            f.put("processingMs", processingMs);
            f.put("stagesMs", stagesMs);
            f.put("driverMs", driverMs);
            f.put("costTimeMs", costTimeMs);
            f.put("sparkTimeMs", sparkTimeMs());
            f.put("costStage", costStage);
            f.put("costStageBeyondWaitsMs", costStageBeyondWaitsMs);
            f.put("otherStagesMs", otherStagesMs);
            List<Map<String, Object>> st = new ArrayList<>();
            for (StageSummary s : stages) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("tasks", s.tasks());
                m.put("wallMs", s.wallMs());
                m.put("toFirstTaskMs", s.toFirstTaskMs());
                m.put("afterLastTaskMs", s.afterLastTaskMs());
                String[] parts = {"schedulerDelayMs", "deserializeMs", "runMs", "shuffleWriteMs", "fetchWaitMs", "resultMs"};
                Map<String, Object> per = new LinkedHashMap<>();
                for (int i = 0; i < parts.length; i++) per.put(parts[i], s.perTask()[i]);
                m.put("perTask", per);
                st.add(m);
            }
            f.put("stages", st);
            return f;
        }
    }

    private static String ms(Lang lang, double ms) {
        return Format.fixed(lang, ms, ms < 10 ? 1 : 0) + " ms";
    }

    /**
     * The median batch of {@code batches} (those with stages); null when none.
     *
     * @param costTimeMs the planner's cost time of the setting (its arithmetic, no overhead)
     */
    public static Summary summarize(Collection<Batch> batches, double costTimeMs) {
        List<Batch> with = batches.stream().filter(b -> !b.stages().isEmpty() && b.processingMs() >= 0).toList();
        if (with.isEmpty()) return null;
        // stages by name, in the order they first run; a batch's stages of the same name (a print's second job) are summed
        Map<String, List<double[]>> byName = new LinkedHashMap<>();
        double[] pt = new double[with.size()];
        double[] covered = new double[with.size()];
        for (int i = 0; i < with.size(); i++) {
            Batch b = with.get(i);
            pt[i] = b.processingMs();
            covered[i] = b.stagesMs();
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (Stage s : b.stages().stream().sorted((x, y) -> Integer.compare(x.stageId(), y.stageId())).toList()) {
                double[] v = sums.computeIfAbsent(s.name(), n -> new double[11]);
                v[0] += s.tasks();
                v[1] += s.wallMs();
                v[2] += Math.max(0, s.firstLaunchMs() - s.submittedMs());
                v[3] += Math.max(0, s.completedMs() - s.lastFinishMs());
                v[4] += s.schedulerDelayMs();
                v[5] += s.deserializeMs();
                v[6] += s.runMs();
                v[7] += s.shuffleWriteMs();
                v[8] += s.fetchWaitMs();
                v[9] += s.resultMs();
                v[10] += s.runMs();
            }
            sums.forEach((n, v) -> byName.computeIfAbsent(n, x -> new ArrayList<>()).add(v));
        }
        List<StageSummary> stages = new ArrayList<>();
        String costStage = null;
        double costRun = -1;
        for (Map.Entry<String, List<double[]>> e : byName.entrySet()) {
            List<double[]> v = e.getValue();
            double[] per = new double[6];
            for (int i = 0; i < 6; i++) {
                int k = i;
                per[i] = Stats.median(v.stream().mapToDouble(x -> x[0] > 0 ? x[4 + k] / x[0] : 0).toArray());
            }
            StageSummary s = new StageSummary(e.getKey(), median(v, 0), median(v, 1), median(v, 2), median(v, 3), per, median(v, 10));
            stages.add(s);
            if (s.runTotalMs() > costRun) {
                costRun = s.runTotalMs();
                costStage = s.name();
            }
        }
        double costWall = 0;
        double others = 0;
        for (StageSummary s : stages) {
            if (s.name().equals(costStage)) costWall = s.wallMs();
            else others += s.wallMs();
        }
        double medianPt = Stats.median(pt);
        double medianCovered = Stats.median(covered);
        return new Summary(with.size(), medianPt, medianCovered, medianPt - medianCovered, costTimeMs, costStage, costWall - costTimeMs, others,
                stages);
    }

    private static double median(List<double[]> values, int i) {
        return Stats.median(values.stream().mapToDouble(v -> v[i]).toArray());
    }
}
