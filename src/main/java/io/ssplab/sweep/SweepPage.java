package io.ssplab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.ssplab.core.Format;
import io.ssplab.model.BatchArithmetic;

/**
 * The sweep's HTML page, Sparklens-style "model estimate vs real": the stability map, the model's
 * error over the grid, every cell's predicted and measured PT, and the worst cells with the likely
 * reason each missed. Self-contained: one file, the PNG beside it, no network.
 */
public final class SweepPage {
    /** The accuracy the planner aims at: median |predicted − measured| / measured over a sweep. */
    public static final double TARGET_MEDIAN_ERROR_PERCENT = 10;
    static final int WORST_CELLS = 5;

    private SweepPage() {
    }

    public static void write(SweepResult sweep, Path html, String pngName) throws IOException {
        Files.writeString(html, render(sweep, pngName), StandardCharsets.UTF_8);
    }

    static String render(SweepResult sweep, String pngName) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sweep: model estimate vs real</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f2f2f2}td.l{text-align:left}")
                .append(".ok{background:#e3f4e6}.warn{background:#fff4cc}.bad{background:#fbdada}img{max-width:100%;border:1px solid #ddd}")
                .append(".headline{font-size:1.25em}code{background:#f4f4f4;padding:1px 4px}</style></head><body>\n");
        h.append("<h1>Sweep: model estimate vs real</h1>\n");
        double median = sweep.medianAbsErrorPercent();
        h.append("<p class=\"headline\">Median |predicted − measured| / measured PT: <b>")
                .append(Double.isNaN(median) ? "n/a" : fmt("%.1f%%", median))
                .append("</b> over ").append(sweep.measuredCells().size()).append(" measured cells (target ≤ ")
                .append(fmt("%.0f%%", TARGET_MEDIAN_ERROR_PERCENT)).append(Double.isNaN(median) ? "" : median <= TARGET_MEDIAN_ERROR_PERCENT ? ": met" : ": missed")
                .append("). Verdict predicted right in <b>").append(sweep.verdictAgreements()).append(" of ").append(sweep.cells().size())
                .append("</b> cells.</p>\n");
        h.append("<p>").append(sweep.cells().size()).append(" of ").append(sweep.grid().size()).append(" cells run")
                .append(sweep.stopReason() == null ? "" : " (stopped early: " + esc(sweep.stopReason()) + ")")
                .append(", ").append(sweep.batchesPerCell()).append(" batches each, in ").append(SweepRunner.clock(sweep.wallSeconds()))
                .append(", started ").append(esc(sweep.startedAt())).append(". Every cell: the phases' word count, cost per word, BI ")
                .append(SweepRunner.seconds(sweep.base().batchIntervalMs())).append(", ").append(Format.plain(sweep.base().linesPerSecond()))
                .append(" lines/s × ").append(sweep.base().wordsPerLine()).append(" words, one receiver, one shared embedded source. ")
                .append("Overhead: ").append(esc(sweep.overheadSource())).append(".</p>\n");
        h.append("<p><img src=\"").append(esc(pngName)).append("\" alt=\"stability map: measured PT/BI per cell with the predicted boundary\"></p>\n");
        h.append("<p>The model, before each run: <code>PT = overhead + waves × records per partition × cost</code>, ")
                .append("<code>waves = ⌈P / (cores − 1 receiver)⌉</code>, the overhead growing with the batch's task waves ")
                .append("(<code>⌈blocks / slots⌉ + 2 × ⌈P / slots⌉</code>), stable when <code>PT / BI &lt; 1</code>. ")
                .append("Measured PT is the median after warm-up. Error = (predicted − measured) / measured: above 0 the model over-predicts. ")
                .append("See <code>docs/planner.md</code>.</p>\n");

        h.append("<h2>Worst cells and why</h2>\n<table><tr><th>cell</th><th>predicted PT</th><th>measured PT</th><th>error</th><th class=\"l\">likely reason</th></tr>\n");
        for (CellResult r : sweep.worst(WORST_CELLS)) {
            h.append("<tr><td class=\"l\">").append(esc(r.cell().label())).append("</td><td>").append(SweepRunner.seconds(r.predictedMs()))
                    .append("</td><td>").append(SweepRunner.seconds(r.measuredMs())).append("</td><td class=\"").append(errorClass(r)).append("\">")
                    .append(fmt("%+.1f%%", r.errorPercent())).append("</td><td class=\"l\">").append(esc(String.join("; ", r.reasons())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Every cell</h2>\n<table><tr><th>cores</th><th>P</th><th>cost</th><th>free slots</th><th>waves</th><th>tasks (waves)</th>")
                .append("<th>predicted PT</th><th>measured PT</th><th>error</th><th>pred. PT/BI</th><th>meas. PT/BI</th>")
                .append("<th>predicted</th><th>measured</th><th>run time</th></tr>\n");
        for (CellResult r : sweep.cells()) {
            BatchArithmetic a = r.prediction().arithmetic();
            h.append("<tr><td>").append(r.cell().master()).append("</td><td>").append(r.cell().partitions()).append("</td><td>")
                    .append(Format.plain(r.cell().costMs())).append(" ms</td><td>").append(a.freeSlots()).append("</td><td>")
                    .append(a.waves()).append(a.partialLastWave() ? " (last " + a.lastWaveTasks() + ")" : "").append("</td><td>")
                    .append(r.prediction().workload().tasksPerBatch()).append(" (").append(r.prediction().workload().taskWavesPerBatch())
                    .append(")</td><td>").append(SweepRunner.seconds(r.predictedMs()))
                    .append("</td><td>").append(SweepRunner.seconds(r.measuredMs())).append("</td><td class=\"").append(errorClass(r)).append("\">")
                    .append(r.measured() ? fmt("%+.1f%%", r.errorPercent()) : "n/a").append("</td><td>").append(fmt("%.2f", r.prediction().ratio()))
                    .append("</td><td>").append(fmt("%.2f", r.summary().processingToIntervalRatio())).append("</td><td>")
                    .append(r.prediction().stable() ? "STABLE" : "UNSTABLE").append("</td><td class=\"").append(r.verdictAgrees() ? "ok" : "bad")
                    .append("\">").append(r.summary().verdict()).append("</td><td>").append(SweepRunner.clock(r.wallSeconds())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Files: <code>sweep.json</code> (all numbers), <code>cells/&lt;cell&gt;.jsonl</code> (every batch), ")
                .append("<code>cells/&lt;cell&gt;.log</code> (each run's live table).</p>\n</body></html>\n");
        return h.toString();
    }

    private static String errorClass(CellResult r) {
        if (!r.measured()) return "warn";
        double e = r.absErrorPercent();
        return e <= TARGET_MEDIAN_ERROR_PERCENT ? "ok" : e <= 2 * TARGET_MEDIAN_ERROR_PERCENT ? "warn" : "bad";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
