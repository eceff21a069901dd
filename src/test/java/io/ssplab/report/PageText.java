package io.ssplab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssplab.core.Lang;

/**
 * Reads a bilingual page (report, sweep) as its readers do: the text of each language's elements
 * (class "en" or "vi"), and the text both languages share. For tests of what each language shows.
 */
public final class PageText {
    /** A decimal written with a point, "2.61", not a Vietnamese thousands group ("1.161"). */
    public static final Pattern POINT_DECIMAL = Pattern.compile("\\d\\.\\d{1,2}(?!\\d)");
    /** A decimal written with a comma, "2,61", not an English thousands group ("1,161"). */
    public static final Pattern COMMA_DECIMAL = Pattern.compile("\\d,\\d{1,2}(?!\\d)");

    /**
     * English words that no Vietnamese sentence of the lab contains. The terms the glossary keeps in
     * English (batch, job, task, slot, partition, receiver, source, warm-up, overhead, the Spark UI's
     * Processing Time, Scheduling Delay, Total Delay, Input Rate, the labels STABLE / UNSTABLE…) are not
     * in it; nor is the name of the metrics files' format, JSON Lines.
     */
    public static final Set<String> ENGLISH_ONLY = Set.of("the", "and", "of", "is", "are", "was", "were", "with", "per", "than", "from",
            "into", "each", "every", "after", "before", "which", "that", "this", "its", "for", "by", "at", "or", "been", "has", "have", "had",
            "not", "cannot", "could", "median", "mean", "records", "lines", "words", "waves", "trend", "verdict", "predicted", "measured",
            "cost", "notes", "skipped", "empty", "page", "made", "recorded", "bins", "batches", "seconds", "since", "first", "left", "right",
            "shares", "scale", "how", "waited", "rising", "growing", "keeps", "received", "held", "story", "did", "should", "but", "above",
            "below", "slower", "longer", "unknown", "cells", "cell", "error", "reason", "likely", "worst", "why", "stopped", "early", "free",
            "slots", "tasks", "elapsed", "line", "ready", "slides", "charts", "files", "numbers", "nominal", "busy", "machine");

    private static final Pattern ELEMENT = Pattern.compile(
            "<(span|p|figure)\\s+class=\"(?:[^\"]*\\s)?(en|vi)(?:\\s[^\"]*)?\"\\s+lang=\"(en|vi)\">(.*?)</\\1>", Pattern.DOTALL);

    private PageText() {
    }

    /** The inner HTML of every element shown only in {@code lang}, in page order. */
    public static List<String> elements(String html, Lang lang) {
        List<String> found = new ArrayList<>();
        Matcher m = ELEMENT.matcher(body(html));
        while (m.find()) if (m.group(2).equals(lang.code())) found.add(m.group(4));
        return found;
    }

    /** What {@code lang}'s reader sees of those elements: their text, tags removed, entities decoded. */
    public static String text(String html, Lang lang) {
        return String.join("\n", elements(html, lang).stream().map(PageText::plain).toList());
    }

    /** The body's text outside every language's elements (and outside the script): what both languages show. */
    public static String shared(String html) {
        return plain(ELEMENT.matcher(body(html)).replaceAll(" "));
    }

    /** The English-only words in {@code lang}'s text, code and file names aside. */
    public static Set<String> englishWords(String html, Lang lang) {
        Set<String> found = new TreeSet<>();
        for (String element : elements(html, lang)) {
            String withoutCode = element.replaceAll("(?s)<code>.*?</code>", " ").replace("JSON Lines", " ");
            for (String word : plain(withoutCode).toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                if (ENGLISH_ONLY.contains(word)) found.add(word);
        }
        return found;
    }

    private static String body(String html) {
        int start = html.indexOf("<body>");
        String body = start < 0 ? html : html.substring(start);
        return body.replaceAll("(?s)<script>.*?</script>", " ");
    }

    private static String plain(String html) {
        return html.replaceAll("(?s)<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
