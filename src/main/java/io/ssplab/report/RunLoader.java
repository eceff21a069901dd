package io.ssplab.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JacksonException;

import io.ssplab.core.BatchMetrics;
import io.ssplab.metrics.JsonLines;
import io.ssplab.core.Json;
import io.ssplab.core.Knobs;
import io.ssplab.core.RunSummary;
import io.ssplab.metrics.Summarizer;
import io.ssplab.run.RunOptions;

/**
 * Finds and reads recorded runs: run directories ({@code bin/ssp demo}'s: {@code <job>.jsonl} beside
 * {@code summary.json}) and single metrics files ({@code run --metrics-out FILE.jsonl} beside
 * {@code FILE.summary.json}).
 *
 * <p>Real files are imperfect — a run stopped by Ctrl-C, a last line cut short by a kill, an empty
 * file, batches with no records — so nothing here throws for bad content: what cannot be used becomes
 * one problem line, what can be used is used, with a note.
 */
public final class RunLoader {
    /** Skipped-line notes listed one by one before they are summed up. */
    static final int NOTES_LISTED = 3;

    private RunLoader() {
    }

    /**
     * @param runs     every usable run, in the order given (a directory's files by name)
     * @param problems one line per input that could not be used at all
     */
    public record Loaded(List<RecordedRun> runs, List<Note> problems) {
    }

    public static Loaded load(List<Path> paths) {
        List<Note> problems = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) files.addAll(metricsFiles(path, problems));
        List<RecordedRun> runs = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Path file : files) {
            RecordedRun run = loadFile(file, problems);
            if (run == null) continue;
            // Charts are named after the run: two phase2.jsonl from different directories must not overwrite each other.
            String name = run.name();
            for (int n = 2; !names.add(name); n++) name = run.name() + "-" + n;
            runs.add(name.equals(run.name()) ? run
                    : new RecordedRun(name, run.metricsFile(), run.batches(), run.summary(), run.knobsRecorded(), run.notes()));
        }
        return new Loaded(runs, problems);
    }

    /** The .jsonl files a path stands for; a problem line when it stands for none. */
    static List<Path> metricsFiles(Path path, List<Note> problems) {
        if (!Files.exists(path)) {
            problems.add(Note.of("report.note.noSuchPath", path));
            return List.of();
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            List<Path> found;
            try (Stream<Path> list = Files.list(path)) {
                found = list.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            } catch (IOException e) {
                problems.add(Note.of("report.note.cannotList", path, String.valueOf(e.getMessage())));
                return List.of();
            }
            if (found.isEmpty()) problems.add(Note.of("report.note.noJsonl", path));
            return found.stream().map(RunLoader::normalize).toList();
        }
        // A summary given instead of its metrics: take the metrics it belongs to.
        if (name.equals("summary.json")) return metricsFiles(path.toAbsolutePath().getParent(), problems);
        if (name.endsWith(".summary.json")) {
            Path jsonl = path.resolveSibling(name.substring(0, name.length() - ".summary.json".length()) + ".jsonl");
            if (Files.isRegularFile(jsonl)) return List.of(normalize(jsonl));
            problems.add(Note.of("report.note.summaryWithoutMetrics", path, jsonl.getFileName()));
            return List.of();
        }
        return List.of(normalize(path));
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** One metrics file as a run, or null (and a problem line) when it holds no usable batch. */
    static RecordedRun loadFile(Path file, List<Note> problems) {
        JsonLines.ReadResult read;
        try {
            read = JsonLines.read(file);
        } catch (CharacterCodingException e) {
            problems.add(Note.of("report.note.notText", file));
            return null;
        } catch (IOException e) {
            problems.add(Note.of("report.note.unreadable", file, String.valueOf(e.getMessage())));
            return null;
        }
        if (read.batches().isEmpty()) {
            problems.add(read.problems().isEmpty() ? Note.of("report.note.empty", file)
                    : Note.of("report.note.noBatch", file, read.problems().size()));
            return null;
        }
        List<Note> notes = new ArrayList<>(summed(read.problems()));
        List<BatchMetrics> batches = new ArrayList<>(read.batches());
        batches.sort(Comparator.comparingLong(BatchMetrics::batchTimeMs));
        String job = batches.get(0).job();
        long otherJobs = batches.stream().filter(b -> !job.equals(b.job())).count();
        if (otherJobs > 0) notes.add(Note.of("report.note.otherJobs", otherJobs, job));
        long empty = batches.stream().filter(b -> b.records() == 0).count();
        if (empty == batches.size()) notes.add(Note.of("report.note.noRecords"));
        else if (empty > 0) notes.add(Note.of("report.note.someEmpty", empty));

        RunSummary recorded = recordedSummary(file, job, notes);
        RunSummary summary;
        if (recorded == null) {
            String summaryName = RunOptions.summaryPathFor(file).getFileName().toString();
            notes.add(Note.of("report.note.noSummary", summaryName));
            Knobs known = Knobs.onlyInterval(job, batches.get(0).batchIntervalMs());
            summary = batches.get(0).api() == io.ssplab.core.Api.STRUCTURED
                    ? io.ssplab.metrics.StructuredSummarizer.summarize(known.withApi(io.ssplab.core.Api.STRUCTURED), batches)
                    : Summarizer.summarize(known, batches);
        } else if (recorded.structured() != null) {
            // A Structured Streaming run: its own verdict rules (FALLING_BEHIND…), on the batches it judged.
            int warmup = recorded.batches() == batches.size() ? recorded.warmupBatches()
                    : io.ssplab.metrics.StructuredWarmup.batches(batches, Summarizer.nominalLines(recorded.knobs()));
            summary = io.ssplab.metrics.StructuredSummarizer.summarize(recorded.knobs(), batches, warmup, recorded.structured().predicted())
                    .withAccounting(recorded.accounting());
        } else {
            // The run's own warm-up when the file holds the batches it was counted on: the page shows the console's numbers.
            int warmup = recorded.batches() == batches.size() ? recorded.warmupBatches()
                    : io.ssplab.metrics.Warmup.batches(batches, Summarizer.nominalLines(recorded.knobs()));
            summary = Summarizer.summarize(recorded.knobs(), batches, warmup, recorded.predictedProcessingTimeMs(), recorded.overheadSource())
                    .withAccounting(recorded.accounting());
        }
        boolean recordedKnobs = recorded != null;
        return new RecordedRun(baseName(file), file, List.copyOf(batches), summary, recordedKnobs, List.copyOf(notes));
    }

    /**
     * The summary the run was recorded with: FILE.summary.json ({@code run --metrics-out}), else the
     * directory's summary.json entry for this job ({@code demo}); null when neither has usable knobs.
     */
    static RunSummary recordedSummary(Path file, String job, List<Note> notes) {
        Path own = RunOptions.summaryPathFor(file);
        if (Files.isRegularFile(own)) {
            try {
                RunSummary s = Json.MAPPER.readValue(own.toFile(), RunSummary.class);
                if (usable(s)) return s;
                notes.add(Note.of("report.note.summaryUnreadable", own.getFileName(), Note.of("report.note.summaryIncomplete")));
            } catch (IOException | IllegalArgumentException e) {
                notes.add(Note.of("report.note.summaryUnreadable", own.getFileName(), oneLine(e)));
            }
        }
        Path shared = file.toAbsolutePath().resolveSibling("summary.json");
        if (Files.isRegularFile(shared)) {
            try {
                Map<String, RunSummary> byJob = new HashMap<>();
                for (RunSummary s : Json.MAPPER.readValue(shared.toFile(), RunSummary[].class)) byJob.putIfAbsent(s.job(), s);
                RunSummary s = byJob.get(job);
                if (usable(s)) return s;
                if (s != null) notes.add(Note.of("report.note.summaryUnreadable", "summary.json", Note.of("report.note.summaryIncomplete")));
            } catch (IOException | IllegalArgumentException e) {
                notes.add(Note.of("report.note.summaryUnreadable", "summary.json", oneLine(e)));
            }
        }
        return null;
    }

    /** Whether a recorded summary has the knobs a chart needs (else the note says which: report.note.summaryIncomplete). */
    private static boolean usable(RunSummary s) {
        return s != null && s.knobs() != null && s.job() != null && s.knobs().complete() && s.batchIntervalMs() > 0 && s.knobs().costMs() >= 0;
    }

    private static String oneLine(Exception e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** How {@link JsonLines#read} words a line it skipped: "phase1.jsonl:13: not a batch object — skipped". */
    private static final java.util.regex.Pattern SKIPPED =
            java.util.regex.Pattern.compile("(.+):(\\d+): (last line is cut short or not a batch object|not a batch object) — skipped");

    /** The first few skipped-line notes, then how many more. */
    static List<Note> summed(List<String> skipped) {
        List<Note> notes = new ArrayList<>();
        for (String line : skipped.subList(0, Math.min(NOTES_LISTED, skipped.size()))) notes.add(skippedNote(line));
        int more = skipped.size() - NOTES_LISTED;
        if (more > 0) notes.add(Note.of("report.note.moreSkipped", more));
        return notes;
    }

    /**
     * A line the metrics reader skipped, in the page's languages: its known wordings become messages
     * of their own, anything else is shown as the reader wrote it.
     */
    static Note skippedNote(String problem) {
        java.util.regex.Matcher m = SKIPPED.matcher(problem);
        if (!m.matches()) return Note.skippedLine(problem);
        return Note.of(m.group(3).startsWith("last") ? "report.note.lastLineCut" : "report.note.notBatch", m.group(1), Integer.parseInt(m.group(2)));
    }

    /** phase2.jsonl → phase2; other names keep everything before their last dot. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        // It becomes part of file names and URLs in the page: keep it plain.
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
