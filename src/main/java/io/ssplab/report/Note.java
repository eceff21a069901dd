package io.ssplab.report;

import java.util.Arrays;
import java.util.List;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Something the reader of a report should know — a skipped line, an unknown knob, an input that could
 * not be used — as a message of the bundles, rendered in whichever language reads it: the page in
 * each of its languages, the console in the command's.
 *
 * @param key  the message
 * @param args its arguments; a {@code Note} among them is rendered in the same language
 */
public record Note(String key, List<Object> args) {
    public Note {
        args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args)); // an argument may be null (a message-less exception)
    }

    public static Note of(String key, Object... args) {
        return new Note(key, Arrays.asList(args));
    }

    /** A text that exists only as it is (e.g. a problem line from the metrics reader), introduced as a skipped line. */
    static Note skippedLine(String line) {
        return of("report.note.skippedLine", line);
    }

    /** The note in {@code lang}. */
    public String in(Lang lang) {
        Object[] rendered = args.stream().map(a -> a instanceof Note n ? n.in(lang) : a).toArray();
        return Messages.in(lang, key, rendered);
    }

    /** The note in the current language: what the console prints. */
    public String text() {
        return in(Lang.current());
    }

    public String en() {
        return in(Lang.EN);
    }

    public String vi() {
        return in(Lang.VI);
    }

    @Override
    public String toString() {
        return en();
    }
}
