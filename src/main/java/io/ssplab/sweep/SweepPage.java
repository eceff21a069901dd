package io.ssplab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Overhead;
import io.ssplab.page.Bilingual;

/**
 * The sweep's HTML page, Sparklens-style "model estimate vs real": the stability map, the model's
 * error over the grid, every cell's predicted and measured PT, and the worst cells with the likely
 * reason each missed. Self-contained: one file, the PNGs beside it, no network. In English and
 * Vietnamese with a language switch, like the report page: every text from the bundles with its
 * language's numbers, and the stability map drawn in each language ({@link StabilityMap}).
 */
public final class SweepPage {
    /** The accuracy the planner aims at: median |predicted − measured| / measured over a sweep ({@link ModelFidelity}). */
    static final double TARGET_MEDIAN_ERROR_PERCENT = ModelFidelity.TARGET_MEDIAN_PERCENT;
    static final int WORST_CELLS = 5;

    private SweepPage() {
    }

    /** @param pngName the English stability map beside the page; the other languages' are named by {@link Bilingual#file} */
    public static void write(SweepResult sweep, Path html, String pngName) throws IOException {
        Files.writeString(html, render(sweep, pngName), StandardCharsets.UTF_8);
    }

    /** The three figures ({@link ModelFidelity#rows}) as a table per language: the same rows the console prints. */
    static String fidelityTable(ModelFidelity fidelity) {
        StringBuilder h = new StringBuilder();
        for (Lang l : Bilingual.LANGS) {
            // a figure per language: the element the page's language switch (and its tests) know
            h.append("<figure class=\"").append(l.code()).append("\" lang=\"").append(l.code()).append("\"><table><caption>")
                    .append(esc(Messages.in(l, "fidelity.title"))).append("</caption>\n");
            for (String[] row : fidelity.rows(l)) {
                h.append("<tr><td class=\"l\">").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td><td class=\"l\">")
                        .append(esc(row[2])).append("</td><td class=\"l\">").append(esc(row[3])).append("</td></tr>\n");
            }
            h.append("</table></figure>\n");
        }
        return h.toString();
    }

    /** @param pngName the stability map beside the page; null for a random sweep (no grid to map) */
    static String render(SweepResult sweep, String pngName) {
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n").append(Bilingual.htmlStart(l -> Messages.in(l, "sweep.page.title")))
                .append("<head><meta charset=\"utf-8\"><title>").append(esc(Messages.in(Lang.EN, "sweep.page.title"))).append("</title>\n<style>")
                .append(Bilingual.CSS)
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f2f2f2}td.l{text-align:left}")
                .append(".ok{background:#e3f4e6}.warn{background:#fff4cc}.bad{background:#fbdada}img{max-width:100%;border:1px solid #ddd}")
                .append(".headline{font-size:1.25em}code{background:#f4f4f4;padding:1px 4px}nav.lang{margin-top:0}</style></head><body>\n");
        h.append(Bilingual.nav()).append("<h1>").append(Bilingual.msg("sweep.page.title")).append("</h1>\n");
        double median = sweep.medianAbsErrorPercent();
        h.append("<p class=\"headline\">").append(Bilingual.html(l -> Bilingual.html(l, "sweep.page.headline",
                bold(Double.isNaN(median) ? Messages.in(l, "sweep.notMeasured") : Format.fixed(l, median, 1) + "%"),
                Format.integer(l, sweep.measuredCells().size()), Format.fixed(l, TARGET_MEDIAN_ERROR_PERCENT, 0) + "%",
                Double.isNaN(median) ? "" : Messages.in(l, median <= TARGET_MEDIAN_ERROR_PERCENT ? "sweep.page.met" : "sweep.page.missed"),
                bold(Messages.in(l, "sweep.page.xOfY", sweep.verdictAgreements(), sweep.cells().size()))))).append("</p>\n");
        if (sweep.grid().random())
            h.append("<p>").append(Bilingual.text(l -> Messages.in(l, "fidelity.page.run", sweep.cells().size(), sweep.grid().size(),
                    sweep.stopReason() == null ? "" : Messages.in(l, "sweep.page.stopped", sweep.stopReason()),
                    Messages.count(l, sweep.batchesPerCell(), "noun.batch"), SweepRunner.clock(sweep.wallSeconds()), sweep.startedAt(),
                    Overhead.describeToken(sweep.overheadSource(), l)))).append("</p>\n");
        else h.append("<p>").append(Bilingual.text(l -> Messages.in(l, "sweep.page.run", sweep.cells().size(), sweep.grid().size(),
                sweep.stopReason() == null ? "" : Messages.in(l, "sweep.page.stopped", sweep.stopReason()),
                Messages.count(l, sweep.batchesPerCell(), "noun.batch"), SweepRunner.clock(sweep.wallSeconds()), sweep.startedAt(),
                SweepRunner.seconds(l, sweep.base().batchIntervalMs()), Format.plain(l, sweep.base().linesPerSecond()),
                Messages.count(l, sweep.base().wordsPerLine(), "noun.word"), Overhead.describeToken(sweep.overheadSource(), l)))).append("</p>\n");
        h.append(fidelityTable(sweep.fidelity()));
        for (Lang l : Bilingual.LANGS) {
            if (pngName == null) break; // a random sweep has no grid to map
            h.append("<p class=\"").append(l.code()).append("\" lang=\"").append(l.code()).append("\"><img src=\"").append(esc(Bilingual.file(pngName, l)))
                    .append("\" alt=\"").append(esc(Messages.in(l, "sweep.page.mapAlt"))).append("\"></p>\n");
        }
        h.append("<p>").append(Bilingual.html(l -> Bilingual.html(l, "sweep.page.model", Bilingual.code(Messages.in(l, "sweep.page.formula.pt")),
                Bilingual.code(Messages.in(l, "sweep.page.formula.waves")), Bilingual.code("⌈blocks / slots⌉ + 2 × ⌈P / slots⌉"),
                Bilingual.code("PT / BI < 1"), Bilingual.code(Messages.in(l, "sweep.page.docs"))))).append("</p>\n");

        h.append("<h2>").append(Bilingual.msg("sweep.page.worst")).append("</h2>\n<table><tr>")
                .append(th("cell", true)).append(th("predictedPt", false)).append(th("measuredPt", false)).append(th("error", false))
                .append(th("reason", true)).append("</tr>\n");
        for (CellResult r : sweep.worst(WORST_CELLS)) {
            h.append("<tr>").append(td(l -> r.cell().label(l), "l")).append(td(l -> SweepRunner.seconds(l, r.predictedMs()), ""))
                    .append(td(l -> SweepRunner.seconds(l, r.measuredMs()), "")).append(td(l -> error(l, r), errorClass(r)))
                    .append(td(l -> String.join("; ", r.reasons(l)), "l")).append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>").append(Bilingual.msg("sweep.page.every")).append("</h2>\n<table><tr>");
        for (String col : List.of("cores", "partitions", "cost", "freeSlots", "waves", "tasks", "predictedPt", "measuredPt", "error", "predictedRatio",
                "measuredRatio", "predicted", "measured", "runTime")) h.append(th(col, false));
        h.append("</tr>\n");
        for (CellResult r : sweep.cells()) {
            BatchArithmetic a = r.prediction().arithmetic();
            h.append("<tr>").append(td(l -> r.cell().master(), "")).append(td(l -> Format.integer(l, r.cell().partitions()), ""))
                    .append(td(l -> Format.plain(l, r.cell().costMs()) + " ms", "")).append(td(l -> Format.integer(l, a.freeSlots()), ""))
                    .append(td(l -> Format.integer(l, a.waves()) + (a.partialLastWave() ? Messages.in(l, "sweep.page.lastWave", a.lastWaveTasks()) : ""), ""))
                    .append(td(l -> Format.integer(l, r.prediction().workload().tasksPerBatch()) + " ("
                            + Format.integer(l, r.prediction().workload().taskWavesPerBatch()) + ")", ""))
                    .append(td(l -> SweepRunner.seconds(l, r.predictedMs()), "")).append(td(l -> SweepRunner.seconds(l, r.measuredMs()), ""))
                    .append(td(l -> error(l, r), errorClass(r))).append(td(l -> Format.fixed(l, r.prediction().ratio(), 2), ""))
                    .append(td(l -> Format.fixed(l, r.summary().processingToIntervalRatio(), 2), ""))
                    .append(td(l -> r.prediction().stable() ? "STABLE" : "UNSTABLE", ""))
                    .append(td(l -> r.summary().verdict().name(), r.verdictAgrees() ? "ok" : "bad"))
                    .append(td(l -> SweepRunner.clock(r.wallSeconds()), "")).append("</tr>\n");
        }
        h.append("</table>\n<p>").append(Bilingual.html(l -> Bilingual.html(l, "sweep.page.files", Bilingual.code("sweep.json"),
                Bilingual.code("cells/<cell>.jsonl"), Bilingual.code("cells/<cell>.log")))).append("</p>\n");
        h.append("<script>\n").append(Bilingual.SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** "+12.5%" ("+12,5%" in Vietnamese), or "n/a" when the cell was not measured. */
    private static String error(Lang l, CellResult r) {
        return r.measured() ? Format.signed(l, r.errorPercent(), 1) + "%" : Messages.in(l, "sweep.notMeasured");
    }

    private static Bilingual.Html bold(String text) {
        return Bilingual.raw("<b>" + esc(text) + "</b>");
    }

    private static String th(String column, boolean left) {
        return "<th" + (left ? " class=\"l\"" : "") + ">" + Bilingual.msg("sweep.col." + column) + "</th>";
    }

    private static String td(Function<Lang, String> text, String cssClass) {
        return "<td" + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"") + ">" + Bilingual.text(text) + "</td>";
    }

    private static String errorClass(CellResult r) {
        if (!r.measured()) return "warn";
        double e = r.absErrorPercent();
        return e <= TARGET_MEDIAN_ERROR_PERCENT ? "ok" : e <= 2 * TARGET_MEDIAN_ERROR_PERCENT ? "warn" : "bad";
    }

    static String esc(String s) {
        return Bilingual.esc(s);
    }
}
