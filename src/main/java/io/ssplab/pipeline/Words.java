package io.ssplab.pipeline;

import java.util.regex.Pattern;

/** How a line becomes words: split on runs of white space; a blank line has no words. */
public final class Words {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String[] NONE = new String[0];

    private Words() {
    }

    public static String[] split(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? NONE : WHITESPACE.split(trimmed);
    }
}
