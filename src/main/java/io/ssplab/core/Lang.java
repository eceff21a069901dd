package io.ssplab.core;

import java.util.Locale;
import java.util.Map;

/**
 * The language people read: every message ({@link Messages}) and every number ({@link Format}) is
 * rendered in it. Machine files (JSON Lines, summary.json, {@code --json}) never depend on it.
 *
 * <p>Chosen once per command: {@code --lang vi|en}, else the {@value #ENV} environment variable,
 * else the user's locale ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}: one starting with
 * {@code vi} means Vietnamese), else English. It is a process-wide setting, not a thread's: Spark
 * calls our listeners on its own threads, and they must speak the same language as the command.
 */
public enum Lang {
    EN(Locale.ENGLISH),
    VI(Locale.forLanguageTag("vi-VN"));

    /** Environment variable that sets the language once for every command. */
    public static final String ENV = "SSP_LANG";

    private static volatile Lang current = EN;

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** "en" or "vi", as typed after {@code --lang}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lang current() {
        return current;
    }

    public static void use(Lang lang) {
        current = lang == null ? EN : lang;
    }

    /** "vi", "VI", "vi_VN.UTF-8" → VI; "en…" → EN; anything else → null. */
    public static Lang parse(String value) {
        if (value == null) return null;
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("vi")) return VI;
        if (v.startsWith("en")) return EN;
        return null;
    }

    /**
     * The language an environment asks for: {@value #ENV} first (it must name a language we have),
     * then the first locale variable that is set. "C" or "POSIX" or any other language means English.
     *
     * @throws BadInputException when {@value #ENV} is set to something else than vi or en
     */
    public static Lang fromEnvironment(Map<String, String> env) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            Lang l = parse(explicit);
            if (l == null) throw new BadInputException(Messages.get("bad.langEnv", ENV, explicit));
            return l;
        }
        for (String variable : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) return parse(value) == VI ? VI : EN;
        }
        return EN;
    }
}
