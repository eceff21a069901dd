package io.ssplab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.page.Bilingual;

/**
 * The page of {@code sweep --api structured}: the structured model's error on the settled batch duration and
 * its verdicts, every query cell in a table, in English and Vietnamese with a language switch (no map: a
 * query's regimes are three, not a PT/BI heat).
 */
public final class QuerySweepPage {
    private QuerySweepPage() {
    }

    public static void write(QuerySweepResult sweep, Path html) throws IOException {
        Files.writeString(html, render(sweep), StandardCharsets.UTF_8);
    }

    static String render(QuerySweepResult sweep) {
        StringBuilder h = new StringBuilder(16_000);
        h.append("<!DOCTYPE html>\n").append(Bilingual.htmlStart(l -> Messages.in(l, "ssweep.page.title")))
                .append("<head><meta charset=\"utf-8\"><title>").append(Bilingual.esc(Messages.in(Lang.EN, "ssweep.page.title"))).append("</title>\n<style>")
                .append(Bilingual.CSS)
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f2f2f2}td.l{text-align:left}")
                .append(".headline{font-size:1.25em}nav.lang{margin-top:0}</style></head><body>\n");
        h.append(Bilingual.nav()).append("<h1>").append(Bilingual.msg("ssweep.page.title")).append("</h1>\n");
        h.append("<p class=\"headline\">").append(Bilingual.text(sweep::verdictLine)).append("</p>\n");
        h.append("<p>").append(Bilingual.text(l -> Messages.in(l, "ssweep.page.model"))).append("</p>\n");
        h.append(SweepPage.fidelityTable(sweep.fidelity()));
        for (Lang l : Bilingual.LANGS) {
            List<String[]> rows = sweep.rows(l);
            h.append("<table class=\"").append(l.code()).append("\" lang=\"").append(l.code()).append("\">\n");
            for (int r = 0; r < rows.size(); r++) {
                h.append("<tr>");
                for (int c = 0; c < rows.get(r).length; c++) {
                    String tag = r == 0 ? "th" : "td";
                    h.append('<').append(tag).append(QuerySweepResult.RIGHT[c] ? "" : " class=\"l\"").append('>')
                            .append(Bilingual.esc(rows.get(r)[c])).append("</").append(tag).append('>');
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<script>\n").append(Bilingual.SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }
}
