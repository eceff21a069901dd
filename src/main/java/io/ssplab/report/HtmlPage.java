package io.ssplab.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ssplab.page.Bilingual;
import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.jobs.Story;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.report.ChartData.Metric;
import io.ssplab.report.ChartData.Percentiles;

/**
 * The report page: one HTML file that needs no network (inline style and script, charts as PNG files
 * beside it), in English and Vietnamese with a language switch: every text comes from the bundles,
 * rendered once per language with that language's numbers ({@link Bilingual}), and every chart is
 * shown in the language it was drawn in. Top to bottom: the story at a glance (comparison table,
 * before/after pair), then one section per run with its explanation, numbers and charts.
 */
public final class HtmlPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private HtmlPage() {
    }

    /**
     * @param runs       the runs, in the order to show them
     * @param pair       the before/after pair, if the runs have one
     * @param apis       a DStream run and a query on the same knobs, compared ({@code bin/ssp compare}), if the runs have them
     * @param problems   inputs that could not be used
     * @param chartsDir  where the PNGs are, relative to the page ("charts")
     * @param regenerate the command that re-creates this page
     * @param generated  when the page is written
     */
    public record Content(List<RecordedRun> runs, Optional<BeforeAfter> pair, Optional<TwoApis> apis, List<Note> problems, String chartsDir,
                          String regenerate, Instant generated) {
        /** A page without the two APIs compared. */
        public Content(List<RecordedRun> runs, Optional<BeforeAfter> pair, List<Note> problems, String chartsDir, String regenerate, Instant generated) {
            this(runs, pair, Optional.empty(), problems, chartsDir, regenerate, generated);
        }
    }

    public static String render(Content c) {
        StringBuilder h = new StringBuilder(64_000);
        String jobs = c.runs().stream().map(RecordedRun::job).distinct().collect(Collectors.joining(", "));
        h.append("<!DOCTYPE html>\n").append(Bilingual.htmlStart(l -> Messages.in(l, "report.page.title", jobs)))
                .append("<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(Messages.in(Lang.EN, "report.page.title", jobs))).append("</title>\n<style>\n")
                .append(Bilingual.CSS).append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, c);
        glance(h, c);
        c.apis().ifPresent(a -> apis(h, a, c.chartsDir()));
        c.pair().ifPresent(p -> beforeAfter(h, p, c.chartsDir()));
        for (RecordedRun run : c.runs()) run(h, run, c.chartsDir());
        problems(h, c.problems());
        h.append("<footer>").append(Bilingual.html(l -> Bilingual.html(l, "report.page.footer", Bilingual.code(c.regenerate()),
                ChartRenderer.WIDTH + "×" + ChartRenderer.HEIGHT, Bilingual.code(c.chartsDir() + "/"))))
                .append("</footer>\n");
        h.append("<script>\n").append(Bilingual.SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Content c) {
        h.append("<header>\n").append(Bilingual.nav()).append("<h1>").append(msg("report.page.heading")).append("</h1>\n");
        long firstBatch = c.runs().stream().mapToLong(r -> r.batches().get(0).batchTimeMs()).min().orElse(0);
        h.append("<p class=\"meta\">").append(msg("report.page.meta", WHEN.format(Instant.ofEpochMilli(firstBatch)), WHEN.format(c.generated())))
                .append("</p>\n</header>\n");
    }

    /** The comparison table and, for the demo's three acts, whether the story held. */
    private static void glance(StringBuilder h, Content c) {
        h.append("<section id=\"glance\">\n<h2>").append(msg("report.glance")).append("</h2>\n");
        story(h, c.runs());
        h.append("<table id=\"comparison\">\n<thead><tr>");
        for (String col : List.of("job", "master", "partitions", "cost", "bi", "batches", "medianPt", "predictedPt", "p95Pt", "ratio", "sdTrend",
                "finalSd", "maxQueued", "verdict")) h.append(th("report.col." + col));
        h.append("</tr></thead>\n<tbody>\n");
        for (RecordedRun r : c.runs()) {
            RunSummary s = r.summary();
            h.append("<tr><td><a href=\"#run-").append(esc(r.name())).append("\">").append(esc(r.job())).append("</a></td>")
                    .append(td(l -> r.knobsRecorded() ? s.knobs().master() : "?"))
                    .append(td(l -> r.knobsRecorded() ? Format.integer(l, s.knobs().partitions()) : "?"))
                    .append(td(r::costLabel))
                    .append(td(l -> Format.seconds(l, s.batchIntervalMs())))
                    .append(td(l -> s.warmupBatches() > 0
                            ? Messages.in(l, "report.cell.batches", Format.integer(l, s.batches()), Format.integer(l, s.warmupBatches()))
                            : Format.integer(l, s.batches())))
                    .append(td(l -> Format.seconds(l, s.medianProcessingTimeMs())))
                    .append(td(l -> s.predictedProcessingTimeMs() == null || s.modelErrorPercent() == null ? "—"
                            : Messages.in(l, "report.cell.predicted", Format.seconds(l, s.predictedProcessingTimeMs()), Format.signed(l, s.modelErrorPercent(), 0))))
                    .append(td(l -> Format.seconds(l, s.p95ProcessingTimeMs())))
                    .append("<td class=\"").append(s.processingToIntervalRatio() > 1 ? "over" : "").append("\">")
                    .append(text(l -> Format.fixed(l, s.processingToIntervalRatio(), 2))).append("</td>")
                    .append(td(l -> Messages.in(l, "report.cell.sdTrend", Format.signed(l, s.schedulingDelaySlopeMsPerBatch(), 0))))
                    .append(td(l -> Format.seconds(l, s.finalSchedulingDelayMs())))
                    .append(td(l -> Format.integer(l, s.maxQueuedBatches())))
                    .append("<td>").append(badge(s.verdict())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"hint\">").append(msg("report.glance.hint")).append("</p>\n</section>\n");
    }

    /** "The story held" — only when the demo's three acts are all in the report. */
    private static void story(StringBuilder h, List<RecordedRun> runs) {
        List<RunSummary> acts = new ArrayList<>();
        for (String phase : Story.ACTS) runs.stream().filter(r -> r.job().equals(phase)).findFirst().ifPresent(r -> acts.add(r.summary()));
        if (acts.size() != Story.ACTS.size()) return;
        if (Story.failures(acts, Lang.EN).isEmpty()) {
            h.append("<p class=\"story held\">").append(msg("report.story.held")).append("</p>\n");
            return;
        }
        h.append("<p class=\"story failed\">")
                .append(text(l -> Messages.in(l, "report.story.failed", String.join("; ", Story.failures(acts, l))))).append("</p>\n");
    }

    /** The two APIs on the same knobs: both verdicts, the slide side by side, and the arithmetic that explains the difference. */
    private static void apis(StringBuilder h, TwoApis a, String chartsDir) {
        h.append("<section id=\"apis\">\n<h2>").append(msg("cmp.heading")).append("</h2>\n<p class=\"story ")
                .append(a.differenceShown() ? "held" : "failed").append("\">").append(text(a::headline)).append("</p>\n");
        figure(h, l -> chartsDir + "/" + a.fileName(l), l -> Messages.in(l, "report.apis.alt", a.dstream().job(), a.query().job()),
                l -> Messages.in(l, "report.apis.caption"), "wide");
        for (Lang l : Bilingual.LANGS) {
            h.append("<div class=\"arithmetic ").append(l.code()).append("\" lang=\"").append(l.code()).append("\">\n");
            for (String line : a.lines(l)) h.append("<p>").append(esc(line)).append("</p>\n");
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void beforeAfter(StringBuilder h, BeforeAfter p, String chartsDir) {
        RunSummary b = p.before().summary();
        RunSummary a = p.after().summary();
        h.append("<section id=\"before-after\">\n<h2>").append(msg("report.beforeAfter")).append("</h2>\n");
        if (p.before().structured() && p.after().structured()) {
            figure(h, l -> chartsDir + "/" + p.fileName(l), l -> Messages.in(l, "report.beforeAfter.alt", p.before().job(), p.after().job()),
                    l -> Messages.in(l, "report.beforeAfter.caption.query",
                            p.before().job(), Format.seconds(l, b.medianProcessingTimeMs()), Format.seconds(l, b.batchIntervalMs()),
                            Format.fixed(l, b.processingToIntervalRatio(), 2), growth(l, b), b.verdict(),
                            p.after().job(), Format.seconds(l, a.medianProcessingTimeMs()), Format.fixed(l, a.processingToIntervalRatio(), 2),
                            growth(l, a), a.verdict()), "wide");
            h.append("</section>\n");
            return;
        }
        figure(h, l -> chartsDir + "/" + p.fileName(l), l -> Messages.in(l, "report.beforeAfter.alt", p.before().job(), p.after().job()),
                l -> Messages.in(l, "report.beforeAfter.caption",
                        p.before().job(), Format.seconds(l, b.medianProcessingTimeMs()), Format.seconds(l, b.batchIntervalMs()),
                        Format.fixed(l, b.processingToIntervalRatio(), 2), Format.signed(l, b.schedulingDelaySlopeMsPerBatch(), 0), b.verdict(),
                        p.after().job(), Format.seconds(l, a.medianProcessingTimeMs()), Format.fixed(l, a.processingToIntervalRatio(), 2),
                        Format.signed(l, a.schedulingDelaySlopeMsPerBatch(), 0), a.verdict()), "wide");
        h.append("</section>\n");
    }

    /** g, a query's growth of rows per batch: "+24.6%"; "–" when not known. */
    private static String growth(Lang l, RunSummary s) {
        return s.structured() == null ? "–" : Format.signed(l, s.structured().rowsGrowthPerBatch() * 100, 1) + "%";
    }

    private static void run(StringBuilder h, RecordedRun run, String chartsDir) {
        RunSummary s = run.summary();
        Explanation why = Explanation.of(run);
        h.append("<section class=\"run\" id=\"run-").append(esc(run.name())).append("\">\n<h2>").append(esc(run.job())).append(' ')
                .append(badge(s.verdict())).append("</h2>\n<p class=\"knobs\">").append(text(run::knobsLabel)).append(" · ")
                .append(text(l -> Messages.count(l, s.batches(), "noun.batch")
                        + (s.warmupBatches() > 0 ? Messages.in(l, "report.run.warmup", Format.integer(l, s.warmupBatches())) : "")))
                .append(" · <code>").append(esc(run.metricsFile().getFileName().toString())).append("</code></p>\n");
        for (Lang l : Bilingual.LANGS) {
            h.append("<p class=\"explain ").append(l.code()).append("\" lang=\"").append(l.code()).append("\">").append(esc(why.in(l))).append("</p>\n");
        }
        stats(h, run);
        h.append("<div class=\"charts\">\n");
        if (run.structured()) {
            for (QueryChart chart : QueryChart.values()) {
                figure(h, l -> chartsDir + "/" + chart.fileName(run.name(), l), l -> Messages.in(l, "report.chart.alt", run.job(), chart.label),
                        chart::caption, "");
            }
        } else for (RunChart chart : RunChart.values()) {
            figure(h, l -> chartsDir + "/" + chart.fileName(run.name(), l), l -> Messages.in(l, "report.chart.alt", run.job(), chart.what(l)),
                    chart::caption, "");
        }
        if (!run.structured() && LagChart.applies(run)) {
            figure(h, l -> chartsDir + "/" + LagChart.fileName(run.name(), l),
                    l -> Messages.in(l, "report.chart.alt", run.job(), LagChart.what(l)), LagChart::caption, "");
        }
        if (TaskDurationChart.applies(run)) {
            figure(h, l -> chartsDir + "/" + TaskDurationChart.fileName(run.name(), l),
                    l -> Messages.in(l, "report.chart.alt", run.job(), TaskDurationChart.what(l)), TaskDurationChart::caption, "");
        }
        h.append("</div>\n");
        if (!run.notes().isEmpty()) {
            h.append("<div class=\"notes\"><strong>").append(msg("report.notes")).append("</strong><ul>\n");
            for (Note n : run.notes()) h.append("<li>").append(text(n::in)).append("</li>\n");
            h.append("</ul></div>\n");
        }
        h.append("</section>\n");
    }

    /** Median, p95 and maximum of each per-batch quantity, all batches included. */
    private static void stats(StringBuilder h, RecordedRun run) {
        h.append("<table class=\"stats\">\n<thead><tr>").append(th("report.stats.all")).append(th("report.stats.median"))
                .append(th("report.stats.p95")).append(th("report.stats.max")).append("</tr></thead>\n<tbody>\n");
        if (run.structured()) {
            // A query's own quantities, named as its charts name them.
            List<BatchMetrics> b = run.batches();
            statsRow(h, l -> Messages.in(l, "chart.axis.metric", "Batch Duration", Messages.in(l, "chart.unit.seconds")), QueryCharts.batchDuration(b).y());
            statsRow(h, l -> Messages.in(l, "report.stats.lateness"), Metric.SCHEDULING_DELAY.of(b));
            statsRow(h, l -> Messages.in(l, "chart.axis.metric", "Input Rate", Messages.in(l, "chart.unit.rowsPerSecond")), QueryCharts.inputRate(b).y());
            statsRow(h, l -> Messages.in(l, "chart.axis.metric", "Process Rate", Messages.in(l, "chart.unit.rowsPerSecond")), QueryCharts.processRate(b).y());
            statsRow(h, l -> Messages.in(l, "chart.axis.metric", "Input Rows", Messages.in(l, "chart.query.rows")), QueryCharts.inputRows(b).y());
            h.append("</tbody>\n</table>\n");
            return;
        }
        for (Metric m : List.of(Metric.PROCESSING_TIME, Metric.SCHEDULING_DELAY, Metric.TOTAL_DELAY, Metric.INPUT_RATE)) {
            Percentiles p = Percentiles.of(m.of(run.batches()));
            h.append("<tr><th scope=\"row\">").append(text(m::axisTitle)).append("</th>")
                    .append(td(l -> number(l, p.median()))).append(td(l -> number(l, p.p95()))).append(td(l -> number(l, p.max()))).append("</tr>\n");
        }
        Percentiles records = Percentiles.of(run.batches().stream().mapToDouble(b -> b.records()).toArray());
        h.append("<tr><th scope=\"row\">").append(msg("report.stats.records")).append("</th>")
                .append(td(l -> number(l, records.median()))).append(td(l -> number(l, records.p95()))).append(td(l -> number(l, records.max())))
                .append("</tr>\n</tbody>\n</table>\n");
    }

    private static void statsRow(StringBuilder h, Function<Lang, String> name, double[] values) {
        Percentiles p = Percentiles.of(values);
        h.append("<tr><th scope=\"row\">").append(text(name)).append("</th>")
                .append(td(l -> number(l, p.median()))).append(td(l -> number(l, p.p95()))).append(td(l -> number(l, p.max()))).append("</tr>\n");
    }

    private static void problems(StringBuilder h, List<Note> problems) {
        if (problems.isEmpty()) return;
        h.append("<section id=\"skipped\">\n<h2>").append(msg("report.skipped")).append("</h2>\n<ul>\n");
        for (Note n : problems) h.append("<li>").append(text(n::in)).append("</li>\n");
        h.append("</ul>\n</section>\n");
    }

    /**
     * A chart, once per language: a {@code <figure class="en">} with the English PNG and caption, one
     * {@code class="vi"} with the Vietnamese ones; the page's switch shows one of them.
     */
    private static void figure(StringBuilder h, Function<Lang, String> src, Function<Lang, String> alt, Function<Lang, String> caption,
                               String cssClass) {
        for (Lang l : Bilingual.LANGS) {
            String file = src.apply(l);
            h.append("<figure class=\"").append(l.code()).append(cssClass.isEmpty() ? "" : " " + cssClass).append("\" lang=\"").append(l.code())
                    .append("\"><a href=\"").append(esc(file)).append("\">")
                    .append("<img src=\"").append(esc(file)).append("\" alt=\"").append(esc(alt.apply(l))).append("\" width=\"")
                    .append(ChartRenderer.WIDTH).append("\" height=\"").append(ChartRenderer.HEIGHT).append("\"></a>")
                    .append("<figcaption>").append(esc(caption.apply(l))).append("</figcaption></figure>\n");
        }
    }

    /** A whole number as such ("12", "1,161"), anything else with two decimals, in {@code lang}. */
    private static String number(Lang lang, double v) {
        if (Double.isNaN(v)) return "–";
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Format.integer(lang, (long) v) : Format.fixed(lang, v, 2);
    }

    private static String badge(Verdict v) {
        return "<span class=\"verdict " + v.name().toLowerCase(Locale.ROOT) + "\">" + v + "</span>";
    }

    /** The same words in both languages, always in two spans; the page shows one at a time. */
    static String both(String en, String vi) {
        return Bilingual.spans(l -> l == Lang.VI ? vi : en);
    }

    /** A message in each language (once when they are the same). */
    private static String msg(String key, Object... args) {
        return Bilingual.msg(key, args);
    }

    private static String text(Function<Lang, String> text) {
        return Bilingual.text(text);
    }

    private static String th(String key) {
        return "<th>" + msg(key) + "</th>";
    }

    private static String td(Function<Lang, String> text) {
        return "<td>" + text(text) + "</td>";
    }

    static String esc(String s) {
        return Bilingual.esc(s);
    }

    static final String CSS = """
            :root { --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --blue: #1f77b4; --red: #d62728; --green: #2c9c4a; }
            body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1400px; padding: 0 24px 48px; }
            header { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
            h1 { font-size: 28px; margin: 20px 0 4px; }
            h2 { font-size: 22px; margin: 32px 0 8px; }
            .meta, .hint, .knobs, footer { color: var(--muted); font-size: 14px; }
            table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: #f5f5f7; }
            td.over { color: var(--red); font-weight: 600; }
            #comparison td { white-space: nowrap; }
            .verdict { display: inline-block; padding: 1px 8px; border-radius: 4px; font-size: 14px; font-weight: 600; color: #fff; vertical-align: middle; }
            .verdict.stable { background: var(--green); } .verdict.unstable { background: var(--red); } .verdict.inconclusive { background: var(--muted); }
            .story { font-weight: 600; } .story.held { color: var(--green); } .story.failed { color: var(--red); }
            .explain, .arithmetic { max-width: 75em; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            @media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
            figure { margin: 0; }
            figure img { width: 100%; height: auto; border: 1px solid var(--line); }
            figure.wide img { max-width: 1400px; }
            figcaption { color: var(--muted); font-size: 14px; }
            .notes { background: #fff8e1; border-left: 4px solid #f0b400; padding: 6px 12px; margin-top: 12px; font-size: 14px; }
            .notes ul, #skipped ul { margin: 4px 0; }
            code { font-family: "DejaVu Sans Mono", monospace; font-size: 90%; }
            footer { border-top: 1px solid var(--line); margin-top: 40px; padding-top: 8px; }
            """;
}
