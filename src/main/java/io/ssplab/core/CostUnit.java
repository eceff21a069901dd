package io.ssplab.core;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a per-record cost is paid for: each word (the phases) or each line (the exercises). "word" or "line" in files and options. */
public enum CostUnit {
    /** After the split: a line of 3 words costs 3 × cost. The demo phases, as in the original. */
    WORD,
    /** Before the split, as {@code repartition(P).map(slow)}: the exercises. */
    LINE;

    /** "word" or "line": in JSON, on the command line and in the language-free parts of messages. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The unit in the current language, for sentences: "word" / "từ". */
    public String inWords() {
        return Messages.get("unit." + label());
    }

    /** "word", "WORD" → WORD; null for anything else (an unreadable summary field). */
    @JsonCreator
    public static CostUnit parse(String value) {
        if (value == null) return null;
        for (CostUnit u : values()) if (u.label().equalsIgnoreCase(value.strip())) return u;
        return null;
    }
}
