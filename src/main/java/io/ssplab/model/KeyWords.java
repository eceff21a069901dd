package io.ssplab.model;

import io.ssplab.core.Format;
import io.ssplab.core.KeyDistribution;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/** The words' distribution in words, for the arithmetic, the run's banner and {@code bin/ssp source}. */
public final class KeyWords {
    private KeyWords() {
    }

    /** A share with one decimal: 0.302 → "30.2%" ("30,2%" in Vietnamese). */
    public static String percent1(Lang lang, double share) {
        return Format.fixed(lang, share * 100, 1) + "%";
    }

    /** "Zipf 1.2 over 50 words" / "uniform over 50 words". */
    public static String distribution(KeyDistribution keys, Lang lang) {
        return keys.uniform() ? Messages.in(lang, "keys.uniform", Messages.count(lang, keys.vocabulary(), "noun.word"))
                : Messages.in(lang, "keys.zipf", Format.plain(lang, keys.exponent()), Messages.count(lang, keys.vocabulary(), "noun.word"));
    }

    /** "word0 is 30.2% of the words". */
    public static String hot(KeyDistribution keys, Lang lang) {
        return Messages.in(lang, "keys.hot", KeyDistribution.word(0), percent1(lang, keys.hotShare()));
    }

    /**
     * The line printed at start: "keys: Zipf 1.2 over 50 words — word0 is 30.2% of the words, the top 5 61.4%
     * (uniform: 2.0% each)".
     */
    public static String line(KeyDistribution keys, Lang lang) {
        if (keys.uniform()) return Messages.in(lang, "keys.line.uniform", distribution(keys, lang), percent1(lang, keys.hotShare()));
        return Messages.in(lang, "keys.line", distribution(keys, lang), hot(keys, lang), percent1(lang, keys.topShare(5)),
                percent1(lang, 1.0 / keys.vocabulary()));
    }
}
