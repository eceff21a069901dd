package io.ssplab.ownjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Knobs;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Stats;
import io.ssplab.metrics.QueryProgress;
import io.ssplab.metrics.QueryProgressListener;
import io.ssplab.metrics.StructuredSummarizer;
import io.ssplab.metrics.Summarizer;

/**
 * A streaming job that is not the lab's, as its event log (or the lab's JSON Lines) shows it: its batches in
 * the lab's fields, and the cost stage's tasks of each batch, the data {@link CostFit} fits.
 *
 * <h2>Design: a DStream batch from the job events of a log</h2>
 * Spark never logs the streaming listener's events, so a DStream batch is rebuilt from the Spark jobs its
 * output operations ran: each carries the local property {@value AppLog#BATCH_TIME} = the batch time.
 * <pre>
 *   batchTimeMs        the property's value
 *   batchIntervalMs    the smallest gap between two batch times (every batch time is in the log, so it is BI),
 *                      or --interval
 *   processingTimeMs   last job end − first job start (Spark's own PT starts when the batch's job set starts,
 *                      a few ms earlier: the driver's work before the first action is not in a log)
 *   schedulingDelayMs  first job start − batch time
 *   queuedBatches      batches cut (batch time ≤ this batch's end) whose first job had not started then
 *   records            NOT the receiver's count (that is in the streaming events only): the records the batch's
 *                      cost stage read (its tasks' input and shuffle records), e.g. words after a flatMap;
 *                      0 for a batch whose cost stage read no counted records
 *   costStage*         the stage named ssp-cost, else the stage (by its name, Spark's call site) whose tasks
 *                      ran longest in total over the whole run ({@link #costName}); io.ssplab.metrics.CostStageListener
 *                      picks it live, batch by batch
 * </pre>
 * A Structured Streaming micro-batch is its query progress event, read as the lab's listener reads it
 * ({@link QueryProgressListener#toMetrics}); its jobs carry the query id and batch id, which ties its tasks to it.
 *
 * @param job             the app's name (a query: app / query)
 * @param api             DSTREAM or STRUCTURED
 * @param batchIntervalMs BI, or the trigger
 * @param batches         the completed batches, oldest first
 * @param tasks           every successful task of each batch's cost stage
 * @param cores           task slots the app had (0: unknown)
 * @param receivers       DStream receivers (each holds a slot)
 * @param partitions      the cost stage's median task count (0: unknown)
 * @param limits          what the source could not tell, as message keys (rendered in the reader's language)
 */
public record ForeignRun(String job, Api api, long batchIntervalMs, List<BatchMetrics> batches, List<TaskSample> tasks, int cores,
                         int receivers, int partitions, List<String> limits) {

    /** One task of a cost stage: its batch, its run time and the records it read. */
    public record TaskSample(long batchTimeMs, long runMs, long records) {
    }

    /** Whether it is a Structured Streaming query. */
    public boolean structured() {
        return api == Api.STRUCTURED;
    }

    /** The knobs a summary of it can know: its name and BI (the rest is the app's own business). */
    public Knobs knobs() {
        Knobs k = Knobs.onlyInterval(job, batchIntervalMs);
        return structured() ? k.withApi(Api.STRUCTURED) : k;
    }

    /** The lab's summary and verdict, by the lab's own rules for its API. */
    public RunSummary summary() {
        return structured() ? StructuredSummarizer.summarize(knobs(), batches) : Summarizer.summarize(knobs(), batches);
    }

    /** What could not be recovered, one sentence each, in {@code lang}. */
    public List<String> limits(Lang lang) {
        return limits.stream().map(k -> Messages.in(lang, k)).toList();
    }

    /**
     * The job of an event log: its DStream batches when it has any, else its busiest query (or {@code query}).
     *
     * @param intervalMs BI or trigger given by the user, or null to read it off the batches
     */
    public static ForeignRun of(AppLog log, Long intervalMs, String query) {
        Map<String, List<AppLog.Job>> jobs = log.batchJobs();
        boolean dstream = jobs.keySet().stream().anyMatch(k -> k.startsWith("t:"));
        if (dstream && query == null) return dstream(log, intervalMs);
        if (log.progress.isEmpty()) throw new BadInputException(Messages.get("analyze.bad.notStreaming", log.appId, log.appName));
        String name = query;
        if (name == null) {
            name = log.progress.entrySet().stream().max(java.util.Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
        } else if (!log.progress.containsKey(name)) {
            throw new BadInputException(Messages.get("analyze.bad.noSuchQuery", query, String.join(", ", log.progress.keySet())));
        }
        return structured(log, name, intervalMs);
    }

    private static ForeignRun dstream(AppLog log, Long intervalMs) {
        record Span(long time, long start, long end) {
        }
        List<Span> spans = new ArrayList<>();
        for (Map.Entry<String, List<AppLog.Job>> e : log.batchJobs().entrySet()) {
            if (!e.getKey().startsWith("t:")) continue;
            // A job not finished when the log ends, or one that failed: most often a batch the app's stop interrupted (a
            // stop with batches queued fails each of them, and the streaming listener still reports them as completed).
            // Either way its time and records are not a batch's. (A job without its end has not succeeded.)
            if (e.getValue().stream().anyMatch(j -> !j.succeeded)) continue;
            long start = e.getValue().stream().mapToLong(j -> j.submitted).min().orElseThrow();
            long end = e.getValue().stream().mapToLong(j -> j.completed).max().orElseThrow();
            spans.add(new Span(Long.parseLong(e.getKey().substring(2)), start, end));
        }
        if (spans.isEmpty()) throw new BadInputException(Messages.get("analyze.bad.noBatches", log.appId));
        spans.sort(java.util.Comparator.comparingLong(Span::time));
        long bi = intervalMs != null ? intervalMs : smallestGap(spans.stream().mapToLong(Span::time).toArray());
        if (bi <= 0) throw new BadInputException(Messages.get("analyze.bad.intervalUnknown", spans.size()));
        Map<String, Map<Integer, List<long[]>>> stages = log.batchStages();
        String costName = costName(log, stages, "t:");
        List<BatchMetrics> batches = new ArrayList<>();
        List<TaskSample> tasks = new ArrayList<>();
        List<Integer> taskCounts = new ArrayList<>();
        for (Span s : spans) {
            int queued = 0;
            for (Span other : spans) if (other.time() > s.time() && other.time() <= s.end() && other.start() > s.end()) queued++;
            Cost cost = costStage(log, stages.get("t:" + s.time()), costName);
            long records = cost == null ? 0 : cost.records();
            long pt = s.end() - s.start();
            long sd = Math.max(0, s.start() - s.time());
            BatchMetrics m = new BatchMetrics(log.appName, s.time(), bi, records, records * 1000.0 / bi, pt, sd, sd + pt, queued);
            if (cost != null) {
                m = m.withCostStage(cost.maxMs(), cost.medianMs(), cost.maxRecords());
                for (long[] t : cost.tasks()) tasks.add(new TaskSample(s.time(), t[0], t[1]));
                taskCounts.add(cost.tasks().size());
            }
            batches.add(m);
        }
        List<String> limits = List.of("analyze.limit.dstreamRecords", "analyze.limit.dstreamPt", "analyze.limit.dstreamWarmup");
        return new ForeignRun(log.appName, Api.DSTREAM, bi, List.copyOf(batches), List.copyOf(tasks), log.cores(), log.receivers,
                medianCount(taskCounts), limits);
    }

    private static ForeignRun structured(AppLog log, String name, Long intervalMs) {
        List<QueryProgress> ps = new ArrayList<>();
        for (String json : log.progress.get(name)) ps.add(QueryProgress.fromJson(json));
        ps.sort(java.util.Comparator.comparingLong(QueryProgress::batchId));
        Long trigger = intervalMs != null ? intervalMs : inferTrigger(ps);
        if (trigger == null || trigger <= 0) throw new BadInputException(Messages.get("analyze.bad.triggerUnknown", name));
        String job = log.appName.equals(name) ? name : log.appName + "/" + name;
        String queryId = log.queryIdOfName.get(name);
        Map<String, Map<Integer, List<long[]>>> stages = log.batchStages();
        String costName = costName(log, stages, "q:" + queryId + ":");
        List<BatchMetrics> batches = new ArrayList<>();
        List<TaskSample> tasks = new ArrayList<>();
        List<Integer> taskCounts = new ArrayList<>();
        QueryProgress previous = null;
        for (QueryProgress p : ps) {
            BatchMetrics m = QueryProgressListener.toMetrics(job, trigger, previous, p);
            previous = p;
            Cost cost = costStage(log, stages.get("q:" + queryId + ":" + p.batchId()), costName);
            if (cost != null) {
                m = m.withCostStage(cost.maxMs(), cost.medianMs(), cost.maxRecords());
                for (long[] t : cost.tasks()) tasks.add(new TaskSample(m.batchTimeMs(), t[0], t[1]));
                taskCounts.add(cost.tasks().size());
            }
            batches.add(m);
        }
        return new ForeignRun(job, Api.STRUCTURED, trigger, List.copyOf(batches), List.copyOf(tasks), log.cores(), 0,
                medianCount(taskCounts), List.of("analyze.limit.structured"));
    }

    /** The cost stage of a batch: its tasks, the longest and median, the most records one read, all records. */
    record Cost(List<long[]> tasks, long maxMs, long medianMs, long maxRecords, long records) {
    }

    /**
     * The name of the stage that costs the most over the whole run (Spark names a stage by its call site, the
     * same in every batch): one small batch on a busy machine can spend longer in a stage that does no
     * per-record work (reading a receiver's blocks, whose records Spark does not count) than in the one that
     * does. Chosen batch by batch, that batch's records would read 0; chosen over the run, they do not.
     * Null when the batches have no stages.
     */
    static String costName(AppLog log, Map<String, Map<Integer, List<long[]>>> stages, String prefix) {
        Map<String, Long> totalByName = new java.util.HashMap<>();
        for (Map.Entry<String, Map<Integer, List<long[]>>> batch : stages.entrySet()) {
            if (!batch.getKey().startsWith(prefix)) continue;
            for (Map.Entry<Integer, List<long[]>> stage : batch.getValue().entrySet())
                totalByName.merge(log.stageName.getOrDefault(stage.getKey(), ""), stage.getValue().stream().mapToLong(t -> t[0]).sum(), Long::sum);
        }
        return totalByName.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The batch's stage named ssp-cost, else its longest stage of the run's cost name ({@link #costName}), else its longest. */
    private static Cost costStage(AppLog log, Map<Integer, List<long[]>> stages, String costName) {
        if (stages == null || stages.isEmpty()) return null;
        Integer chosen = null;
        long chosenTotal = -1;
        boolean chosenNamed = false;
        boolean chosenCostName = false;
        for (Map.Entry<Integer, List<long[]>> e : stages.entrySet()) {
            boolean named = log.stageNamedCost.getOrDefault(e.getKey(), false);
            boolean ofCostName = costName != null && costName.equals(log.stageName.get(e.getKey()));
            long total = e.getValue().stream().mapToLong(t -> t[0]).sum();
            boolean better = chosen == null || named && !chosenNamed
                    || named == chosenNamed && (ofCostName && !chosenCostName || ofCostName == chosenCostName && total > chosenTotal);
            if (better) {
                chosen = e.getKey();
                chosenTotal = total;
                chosenNamed = named;
                chosenCostName = ofCostName;
            }
        }
        List<long[]> t = stages.get(chosen);
        double[] ms = t.stream().mapToDouble(x -> x[0]).toArray();
        return new Cost(t, t.stream().mapToLong(x -> x[0]).max().orElse(0), Math.round(Stats.median(ms)),
                t.stream().mapToLong(x -> x[1]).max().orElse(0), t.stream().mapToLong(x -> x[1]).sum());
    }

    private static int medianCount(List<Integer> counts) {
        return counts.isEmpty() ? 0 : (int) Math.round(Stats.median(counts.stream().mapToDouble(Integer::doubleValue).toArray()));
    }

    /** BI: every batch time of a DStream app is in its log, so the smallest gap between two is BI; 0 with one batch. */
    static long smallestGap(long[] times) {
        long gap = 0;
        for (int i = 1; i < times.length; i++) {
            long d = times[i] - times[i - 1];
            if (d > 0 && (gap == 0 || d < gap)) gap = d;
        }
        return gap;
    }

    /** Trigger starts are rounded to this before their common divisor is taken: a start is a few ms late. */
    static final long TRIGGER_GRAIN_MS = 50;

    /**
     * The ProcessingTime trigger T, read off the batches that waited for it: Spark starts such a batch on
     * the epoch-aligned grid k·T (io.ssplab.metrics.QueryProgressListener), so T divides their starts and the
     * gaps between them; their greatest common divisor is T once a few are known. Null with fewer than two
     * such batches (a query behind from its start never waits: pass --interval).
     */
    static Long inferTrigger(List<QueryProgress> ps) {
        List<Long> onGrid = new ArrayList<>();
        for (int i = 1; i < ps.size(); i++) {
            QueryProgress before = ps.get(i - 1);
            QueryProgress p = ps.get(i);
            if (p.timestampMs() - before.endMs() >= QueryProgressListener.FOLLOWED_AT_ONCE_MS) onGrid.add(round(p.timestampMs()));
        }
        if (onGrid.size() < 2) return null;
        long g = 0;
        for (int i = 0; i < onGrid.size(); i++) {
            g = gcd(g, onGrid.get(i));
            if (i > 0) g = gcd(g, Math.abs(onGrid.get(i) - onGrid.get(i - 1)));
        }
        return g > 0 ? g : null;
    }

    private static long round(long ms) {
        return Math.round(ms / (double) TRIGGER_GRAIN_MS) * TRIGGER_GRAIN_MS;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** For messages: "2 s". */
    static Duration ms(long v) {
        return Duration.ofMillis(v);
    }
}
