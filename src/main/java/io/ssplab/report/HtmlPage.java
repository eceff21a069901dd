package io.ssplab.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.jobs.Story;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.report.ChartData.Metric;
import io.ssplab.report.ChartData.Percentiles;

/**
 * The report page: one HTML file that needs no network (inline style and script, charts as PNG files
 * beside it), in English and Vietnamese with a language switch. Top to bottom: the story at a glance
 * (comparison table, before/after pair), then one section per run with its explanation, numbers and
 * charts.
 */
public final class HtmlPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private HtmlPage() {
    }

    /**
     * @param runs       the runs, in the order to show them
     * @param pair       the before/after pair, if the runs have one
     * @param problems   inputs that could not be used
     * @param chartsDir  where the PNGs are, relative to the page ("charts")
     * @param regenerate the command that re-creates this page
     * @param generated  when the page is written
     */
    public record Content(List<RecordedRun> runs, Optional<BeforeAfter> pair, List<Note> problems, String chartsDir,
                          String regenerate, Instant generated) {
    }

    public static String render(Content c) {
        StringBuilder h = new StringBuilder(32_000);
        String jobs = c.runs().stream().map(RecordedRun::job).distinct().collect(Collectors.joining(", "));
        h.append("<!DOCTYPE html>\n<html lang=\"en\" data-lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Spark Streaming report — ").append(esc(jobs)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, c);
        glance(h, c);
        c.pair().ifPresent(p -> beforeAfter(h, p, c.chartsDir()));
        for (RecordedRun run : c.runs()) run(h, run, c.chartsDir());
        problems(h, c.problems());
        h.append("<footer>").append(both("Re-create this page from the recorded files: ", "Tạo lại trang này từ các file đã ghi: "))
                .append("<code>").append(esc(c.regenerate())).append("</code>. ")
                .append(both("Charts are PNG files (1600×900) in ", "Biểu đồ là các file PNG (1600×900) trong thư mục "))
                .append("<code>").append(esc(c.chartsDir())).append("/</code>")
                .append(both(", ready for slides.", ", dùng được ngay cho slide.")).append("</footer>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Content c) {
        h.append("<header>\n<nav class=\"lang\" aria-label=\"Language / Ngôn ngữ\">")
                .append("<button type=\"button\" data-set-lang=\"en\" lang=\"en\">English</button>")
                .append("<button type=\"button\" data-set-lang=\"vi\" lang=\"vi\">Tiếng Việt</button></nav>\n")
                .append("<h1>").append(both("Spark Streaming run report", "Báo cáo lần chạy Spark Streaming")).append("</h1>\n");
        long firstBatch = c.runs().stream().mapToLong(r -> r.batches().get(0).batchTimeMs()).min().orElse(0);
        h.append("<p class=\"meta\">").append(both("Recorded ", "Ghi lúc ")).append(esc(WHEN.format(Instant.ofEpochMilli(firstBatch))))
                .append(" · ").append(both("page made ", "trang tạo lúc ")).append(esc(WHEN.format(c.generated())))
                .append(" · ").append(both("BI = batch interval, PT = processing time, SD = scheduling delay.",
                        "BI = batch interval (khoảng thời gian mỗi batch), PT = processing time (thời gian xử lý), SD = scheduling delay (độ trễ lập lịch)."))
                .append("</p>\n</header>\n");
    }

    /** The comparison table and, for the demo's three acts, whether the story held. */
    private static void glance(StringBuilder h, Content c) {
        h.append("<section id=\"glance\">\n<h2>").append(both("At a glance", "Tóm tắt")).append("</h2>\n");
        story(h, c.runs());
        h.append("<table id=\"comparison\">\n<thead><tr>")
                .append(th("job", "job")).append(th("master", "master")).append(th("P", "P")).append(th("cost", "chi phí"))
                .append(th("BI", "BI")).append(th("batches", "số batch")).append(th("median PT", "PT trung vị"))
                .append(th("predicted PT", "PT dự đoán")).append(th("p95 PT", "PT p95")).append(th("PT/BI", "PT/BI")).append(th("SD trend", "xu hướng SD"))
                .append(th("final SD", "SD cuối")).append(th("max queued", "hàng đợi tối đa")).append(th("verdict", "kết luận"))
                .append("</tr></thead>\n<tbody>\n");
        for (RecordedRun r : c.runs()) {
            RunSummary s = r.summary();
            h.append("<tr><td><a href=\"#run-").append(esc(r.name())).append("\">").append(esc(r.job())).append("</a></td>")
                    .append(td(r.knobsRecorded() ? s.knobs().master() : "?")).append(td(r.knobsRecorded() ? String.valueOf(s.knobs().partitions()) : "?"))
                    .append("<td>").append(bothIfDiffer(r.costLabel(false), r.costLabel(true))).append("</td>").append(td(Format.seconds(Lang.EN, s.batchIntervalMs())))
                    .append(td(s.batches() + (s.warmupBatches() > 0 ? " (" + s.warmupBatches() + " warm-up)" : "")))
                    .append(td(Format.seconds(Lang.EN, s.medianProcessingTimeMs())))
                    .append(td(s.predictedProcessingTimeMs() == null || s.modelErrorPercent() == null ? "—"
                            : String.format(Locale.ROOT, "%s (%+.0f%%)", Format.seconds(Lang.EN, s.predictedProcessingTimeMs()), s.modelErrorPercent())))
                    .append(td(Format.seconds(Lang.EN, s.p95ProcessingTimeMs())))
                    .append("<td class=\"").append(s.processingToIntervalRatio() > 1 ? "over" : "").append("\">")
                    .append(String.format(Locale.ROOT, "%.2f", s.processingToIntervalRatio())).append("</td>")
                    .append(td(String.format(Locale.ROOT, "%+.0f ms/batch", s.schedulingDelaySlopeMsPerBatch())))
                    .append(td(Format.seconds(Lang.EN, s.finalSchedulingDelayMs()))).append(td(String.valueOf(s.maxQueuedBatches())))
                    .append("<td>").append(badge(s.verdict())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"hint\">")
                .append(both("PT/BI above 1: a batch takes longer than the interval, so every batch starts later than the one before and the scheduling delay climbs without bound. The numbers leave the warm-up batches out.",
                        "PT/BI lớn hơn 1: mỗi batch mất nhiều thời gian hơn khoảng interval, nên batch sau bắt đầu muộn hơn batch trước và scheduling delay tăng không giới hạn. Các số không tính các batch warm-up."))
                .append("</p>\n</section>\n");
    }

    /** "The story held" — only when the demo's three acts are all in the report. */
    private static void story(StringBuilder h, List<RecordedRun> runs) {
        List<RunSummary> acts = new ArrayList<>();
        for (String phase : Story.ACTS) runs.stream().filter(r -> r.job().equals(phase)).findFirst().ifPresent(r -> acts.add(r.summary()));
        if (acts.size() != Story.ACTS.size()) return;
        if (Story.failures(acts, Lang.EN).isEmpty()) {
            h.append("<p class=\"story held\">").append(both("The story held: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE.",
                    "Câu chuyện diễn ra đúng như dự kiến: phase1 STABLE, phase2 UNSTABLE, phase3 STABLE.")).append("</p>\n");
            return;
        }
        h.append("<p class=\"story failed\">").append(both("The story did not hold: ", "Câu chuyện không diễn ra như dự kiến: "));
        List<String> en = new ArrayList<>();
        List<String> vi = new ArrayList<>();
        for (RunSummary s : acts) {
            Verdict expected = Story.EXPECTED.get(s.job());
            if (s.verdict() == expected) continue;
            en.add(s.job() + " should be " + expected + " but was " + s.verdict());
            vi.add(s.job() + " lẽ ra " + expected + " nhưng lại " + s.verdict());
        }
        h.append(both(String.join("; ", en) + ".", String.join("; ", vi) + ".")).append("</p>\n");
    }

    private static void beforeAfter(StringBuilder h, BeforeAfter p, String chartsDir) {
        RunSummary b = p.before().summary();
        RunSummary a = p.after().summary();
        h.append("<section id=\"before-after\">\n<h2>").append(both("Before / after", "Trước / sau")).append("</h2>\n");
        figure(h, chartsDir + "/" + p.fileName(),
                "Before: " + p.before().job() + ", after: " + p.after().job() + " — processing time and scheduling delay",
                both(String.format(Locale.ROOT, "Left, “Before” (%s): median PT %s against BI %s (PT/BI %.2f), scheduling delay %+.0f ms per batch — %s. "
                                        + "Right, “After” (%s): median PT %s (PT/BI %.2f), scheduling delay %+.0f ms per batch — %s. Each row shares one y scale.",
                                p.before().job(), Format.seconds(Lang.EN, b.medianProcessingTimeMs()), Format.seconds(Lang.EN, b.batchIntervalMs()),
                                b.processingToIntervalRatio(), b.schedulingDelaySlopeMsPerBatch(), b.verdict(),
                                p.after().job(), Format.seconds(Lang.EN, a.medianProcessingTimeMs()), a.processingToIntervalRatio(),
                                a.schedulingDelaySlopeMsPerBatch(), a.verdict()),
                        String.format(Locale.ROOT, "Bên trái, “Trước” (%s): PT trung vị %s so với BI %s (PT/BI %.2f), scheduling delay %+.0f ms mỗi batch — %s. "
                                        + "Bên phải, “Sau” (%s): PT trung vị %s (PT/BI %.2f), scheduling delay %+.0f ms mỗi batch — %s. Mỗi hàng dùng chung một thang trục y.",
                                p.before().job(), Format.seconds(Lang.EN, b.medianProcessingTimeMs()), Format.seconds(Lang.EN, b.batchIntervalMs()),
                                b.processingToIntervalRatio(), b.schedulingDelaySlopeMsPerBatch(), b.verdict(),
                                p.after().job(), Format.seconds(Lang.EN, a.medianProcessingTimeMs()), a.processingToIntervalRatio(),
                                a.schedulingDelaySlopeMsPerBatch(), a.verdict())), "wide");
        h.append("</section>\n");
    }

    private static void run(StringBuilder h, RecordedRun run, String chartsDir) {
        RunSummary s = run.summary();
        Explanation why = Explanation.of(run);
        h.append("<section class=\"run\" id=\"run-").append(esc(run.name())).append("\">\n<h2>").append(esc(run.job())).append(' ')
                .append(badge(s.verdict())).append("</h2>\n<p class=\"knobs\">").append(bothIfDiffer(run.knobsLabel(false), run.knobsLabel(true))).append(" · ")
                .append(both(s.batches() + " batches", s.batches() + " batch"))
                .append(s.warmupBatches() > 0 ? both(" (" + s.warmupBatches() + " warm-up)", " (" + s.warmupBatches() + " warm-up)") : "")
                .append(" · <code>").append(esc(run.metricsFile().getFileName().toString())).append("</code></p>\n")
                .append("<p class=\"explain en\" lang=\"en\">").append(esc(why.english())).append("</p>\n")
                .append("<p class=\"explain vi\" lang=\"vi\">").append(esc(why.vietnamese())).append("</p>\n");
        stats(h, run);
        h.append("<div class=\"charts\">\n");
        for (RunChart chart : RunChart.values()) {
            figure(h, chartsDir + "/" + chart.fileName(run.name()), run.job() + " — " + chart.metric.label + (chart.histogram ? " histogram" : ""),
                    both(chart.captionEn, chart.captionVi), "");
        }
        if (TaskDurationChart.applies(run)) {
            figure(h, chartsDir + "/" + TaskDurationChart.fileName(run.name(), Lang.EN), run.job() + " — " + TaskDurationChart.what(Lang.EN),
                    both(TaskDurationChart.caption(Lang.EN), TaskDurationChart.caption(Lang.VI)), "");
        }
        h.append("</div>\n");
        if (!run.notes().isEmpty()) {
            h.append("<div class=\"notes\"><strong>").append(both("Notes", "Ghi chú")).append("</strong><ul>\n");
            for (Note n : run.notes()) h.append("<li>").append(both(n.en(), n.vi())).append("</li>\n");
            h.append("</ul></div>\n");
        }
        h.append("</section>\n");
    }

    /** Median, p95 and maximum of each per-batch quantity, all batches included. */
    private static void stats(StringBuilder h, RecordedRun run) {
        h.append("<table class=\"stats\">\n<thead><tr>").append(th("all batches", "mọi batch")).append(th("median", "trung vị"))
                .append(th("p95", "p95")).append(th("max", "lớn nhất")).append("</tr></thead>\n<tbody>\n");
        for (Metric m : List.of(Metric.PROCESSING_TIME, Metric.SCHEDULING_DELAY, Metric.TOTAL_DELAY, Metric.INPUT_RATE)) {
            Percentiles p = Percentiles.of(m.of(run.batches()));
            h.append("<tr><th scope=\"row\">").append(esc(m.axisTitle())).append("</th>")
                    .append(td(number(p.median()))).append(td(number(p.p95()))).append(td(number(p.max()))).append("</tr>\n");
        }
        Percentiles records = Percentiles.of(run.batches().stream().mapToDouble(b -> b.records()).toArray());
        h.append("<tr><th scope=\"row\">").append(both("Records per batch", "Bản ghi mỗi batch")).append("</th>")
                .append(td(number(records.median()))).append(td(number(records.p95()))).append(td(number(records.max()))).append("</tr>\n")
                .append("</tbody>\n</table>\n");
    }

    private static void problems(StringBuilder h, List<Note> problems) {
        if (problems.isEmpty()) return;
        h.append("<section id=\"skipped\">\n<h2>").append(both("Inputs not used", "Đầu vào không dùng được")).append("</h2>\n<ul>\n");
        for (Note n : problems) h.append("<li>").append(both(n.en(), n.vi())).append("</li>\n");
        h.append("</ul>\n</section>\n");
    }

    private static void figure(StringBuilder h, String src, String alt, String caption, String cssClass) {
        h.append("<figure").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"").append("><a href=\"").append(esc(src)).append("\">")
                .append("<img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append("\" width=\"")
                .append(ChartRenderer.WIDTH).append("\" height=\"").append(ChartRenderer.HEIGHT).append("\"></a>")
                .append("<figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "–";
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String badge(Verdict v) {
        return "<span class=\"verdict " + v.name().toLowerCase(Locale.ROOT) + "\">" + v + "</span>";
    }

    /** The same words in both languages; the page shows one at a time. */
    static String both(String en, String vi) {
        return "<span class=\"en\" lang=\"en\">" + esc(en) + "</span><span class=\"vi\" lang=\"vi\">" + esc(vi) + "</span>";
    }

    private static String th(String en, String vi) {
        return "<th>" + bothIfDiffer(en, vi) + "</th>";
    }

    private static String bothIfDiffer(String en, String vi) {
        return en.equals(vi) ? esc(en) : both(en, vi);
    }

    private static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static final String CSS = """
            :root { --fg: #1d1d1f; --muted: #5f6368; --line: #dadce0; --blue: #1f77b4; --red: #d62728; --green: #2c9c4a; }
            html[data-lang="en"] .vi, html[data-lang="vi"] .en { display: none; }
            body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1400px; padding: 0 24px 48px; }
            header { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
            h1 { font-size: 28px; margin: 20px 0 4px; }
            h2 { font-size: 22px; margin: 32px 0 8px; }
            .meta, .hint, .knobs, footer { color: var(--muted); font-size: 14px; }
            nav.lang { float: right; margin-top: 20px; }
            nav.lang button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
            html[data-lang="en"] nav.lang [data-set-lang="en"], html[data-lang="vi"] nav.lang [data-set-lang="vi"] { background: var(--blue); color: #fff; border-color: var(--blue); }
            table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
            th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: #f5f5f7; }
            td.over { color: var(--red); font-weight: 600; }
            .verdict { display: inline-block; padding: 1px 8px; border-radius: 4px; font-size: 14px; font-weight: 600; color: #fff; vertical-align: middle; }
            .verdict.stable { background: var(--green); } .verdict.unstable { background: var(--red); } .verdict.inconclusive { background: var(--muted); }
            .story { font-weight: 600; } .story.held { color: var(--green); } .story.failed { color: var(--red); }
            .explain { max-width: 75em; }
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

    /** The language switch: remembers the choice; #vi or #en in the address picks one; else the browser's language. */
    static final String SCRIPT = """
            (function () {
              var root = document.documentElement;
              function use(lang) {
                root.setAttribute('data-lang', lang);
                root.lang = lang;
                try { localStorage.setItem('ssp-report-lang', lang); } catch (e) {}
              }
              var saved = null;
              try { saved = localStorage.getItem('ssp-report-lang'); } catch (e) {}
              var hash = location.hash.replace('#', '');
              var browser = (navigator.language || '').toLowerCase().indexOf('vi') === 0 ? 'vi' : 'en';
              use(hash === 'vi' || hash === 'en' ? hash : (saved || browser));
              document.addEventListener('click', function (event) {
                var button = event.target.closest('[data-set-lang]');
                if (button) use(button.getAttribute('data-set-lang'));
              });
            })();
            """;
}
