package io.ssplab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every sentence a person reads, in {@link Lang#current()}: looked up by key in the standard resource
 * bundles {@code messages_en.properties} and {@code messages_vi.properties} (UTF-8) and filled with
 * {@link String#format} in the language's locale, so {@code %.2f} prints "2.61" in English and "2,61"
 * in Vietnamese. Patterns use positional arguments ({@code %1$s}) where the languages order them
 * differently; {@code MessagesTest} keeps both bundles' keys and placeholders equal.
 */
public final class Messages {
    /** The bundles' base name, on the classpath root. */
    public static final String BUNDLE = "messages";
    /**
     * Properties files of exactly the asked language: no fallback to the JVM's locale, and no root
     * bundle — a bare {@code messages.properties} on the classpath is another library's (Hadoop's client
     * runtime ships one), and must not become the parent of ours.
     */
    private static final ResourceBundle.Control EXACT = new ResourceBundle.Control() {
        @Override
        public List<String> getFormats(String baseName) {
            return FORMAT_PROPERTIES;
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale locale) {
            return null;
        }

        @Override
        public List<Locale> getCandidateLocales(String baseName, Locale locale) {
            List<Locale> candidates = new ArrayList<>(super.getCandidateLocales(baseName, locale));
            candidates.remove(Locale.ROOT);
            return candidates;
        }
    };

    private Messages() {
    }

    /** The message {@code key} in the current language, formatted with {@code args}. */
    public static String get(String key, Object... args) {
        return in(Lang.current(), key, args);
    }

    /** The message {@code key} in {@code lang}: for pages that carry both languages. */
    public static String in(Lang lang, String key, Object... args) {
        // Always formatted: a pattern with placeholders called without its arguments fails loudly instead of printing "%1$s".
        return String.format(lang.locale(), pattern(lang, key), args);
    }

    /** The raw pattern of {@code key} in {@code lang}. */
    public static String pattern(Lang lang, String key) {
        try {
            return bundle(lang).getString(key);
        } catch (MissingResourceException missing) {
            throw new IllegalStateException("no message '" + key + "' in " + BUNDLE + "_" + lang.code() + ".properties", missing);
        }
    }

    public static ResourceBundle bundle(Lang lang) {
        return ResourceBundle.getBundle(BUNDLE, lang == Lang.EN ? Locale.ENGLISH : lang.locale(), Messages.class.getClassLoader(), EXACT);
    }

    /**
     * A count with its noun in the current language: {@code count(2, "noun.wave")} → "2 waves"
     * (keys {@code noun.wave.one} and {@code noun.wave.other}; Vietnamese has no plural, both are the same).
     */
    public static String count(long n, String noun) {
        return count(Lang.current(), n, noun);
    }

    public static String count(Lang lang, long n, String noun) {
        return Format.integer(lang, n) + " " + noun(lang, n, noun);
    }

    /** The noun alone, singular or plural for {@code n}: "wave" or "waves". */
    public static String noun(Lang lang, long n, String noun) {
        return pattern(lang, noun + (n == 1 ? ".one" : ".other"));
    }

    /** Whether {@code key} exists (in English, which has every key). */
    public static boolean has(String key) {
        return bundle(Lang.EN).containsKey(key);
    }
}
