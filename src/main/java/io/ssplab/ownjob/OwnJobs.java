package io.ssplab.ownjob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.ssplab.core.Api;
import io.ssplab.core.BadInputException;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Json;
import io.ssplab.core.Master;
import io.ssplab.core.Messages;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.JsonLines;

/** The ways in for a job of one's own: its event log, or the JSON Lines the lab or its listener wrote. */
public final class OwnJobs {
    private OwnJobs() {
    }

    /** A job read from its event log, and where the log was. */
    public record FromLog(ForeignRun run, String appId, Path where) {
    }

    /**
     * @param app        an application id in a log folder, or null for the newest
     * @param intervalMs BI or trigger, or null to read it off the batches
     * @param query      a query name, or null for the app's DStream batches, else its busiest query
     */
    public static FromLog eventLog(Path path, String app, Long intervalMs, String query) {
        EventLogFiles.Located located = EventLogFiles.locate(path, app);
        AppLog log = AppLog.read(located);
        return new FromLog(ForeignRun.of(log, intervalMs, query), log.appId, located.where());
    }

    /** Whether a path holds the lab's JSON Lines (a .jsonl file, or a folder with one) rather than an event log. */
    public static boolean isJsonLines(Path path) {
        if (Files.isRegularFile(path)) return path.getFileName().toString().endsWith(".jsonl");
        if (!Files.isDirectory(path)) return false;
        try (Stream<Path> s = Files.list(path)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".jsonl"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A job from JSON Lines: the file, or the folder's newest .jsonl. Its cost-stage fields give one task per
     * batch (the longest, with the most records a task read: the busiest task, as near as the file tells); its
     * shape comes from the options, else from the summary beside it (FILE.summary.json, as the lab writes it).
     */
    public static ForeignRun jsonLines(Path path, Integer cores, Integer partitions, Integer receivers) {
        Path file = path;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                file = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).max(Comparator.comparingLong(OwnJobs::modified))
                        .orElseThrow(() -> new BadInputException(Messages.get("analyze.bad.emptyDir", path)));
            } catch (IOException e) {
                throw new BadInputException(Messages.get("analyze.bad.unreadable", path, String.valueOf(e.getMessage())));
            }
        }
        List<BatchMetrics> batches;
        try {
            batches = new ArrayList<>(JsonLines.read(file).batches());
        } catch (IOException e) {
            throw new BadInputException(Messages.get("analyze.bad.unreadable", file, String.valueOf(e.getMessage())));
        }
        if (batches.isEmpty()) throw new BadInputException(Messages.get("analyze.bad.empty", file));
        batches.sort(Comparator.comparingLong(BatchMetrics::batchTimeMs));
        RunSummary recorded = summaryBeside(file);
        int c = cores != null ? cores : recorded != null && recorded.knobs().master() != null
                ? Master.parse(recorded.knobs().master(), Master.DEFAULT_CLUSTER_CORES).cores() : 0;
        int p = partitions != null ? partitions : recorded != null ? recorded.knobs().partitions() : 0;
        boolean query = batches.get(0).api() == Api.STRUCTURED;
        int r = receivers != null ? receivers : query ? 0 : 1;
        List<ForeignRun.TaskSample> tasks = new ArrayList<>();
        for (BatchMetrics b : batches) {
            if (b.costStageTaskMaxMs() != null && b.costStageMaxRecordsPerTask() != null)
                tasks.add(new ForeignRun.TaskSample(b.batchTimeMs(), b.costStageTaskMaxMs(), b.costStageMaxRecordsPerTask()));
        }
        BatchMetrics first = batches.get(0);
        return new ForeignRun(first.job(), query ? Api.STRUCTURED : Api.DSTREAM, first.batchIntervalMs(), List.copyOf(batches), List.copyOf(tasks),
                c, r, p, List.of("analyze.limit.jsonl"));
    }

    private static RunSummary summaryBeside(Path file) {
        String name = file.getFileName().toString();
        Path summary = file.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + ".summary.json");
        if (!Files.isRegularFile(summary)) return null;
        try {
            return Json.MAPPER.readValue(summary.toFile(), RunSummary.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
