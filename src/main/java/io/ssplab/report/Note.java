package io.ssplab.report;

/**
 * Something the reader of a report should know, in both of the page's languages: a skipped line, an
 * unknown knob, an input that could not be used. The console prints the English one.
 */
public record Note(String en, String vi) {
    /** A message that exists only in English (e.g. one from the metrics reader), introduced in Vietnamese. */
    static Note untranslated(String en, String viIntro) {
        return new Note(en, viIntro + ": " + en);
    }
}
