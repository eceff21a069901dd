package io.ssplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The two message bundles say the same things: the same keys, the same arguments in each sentence,
 * every pattern formats, no whitespace lost or added by the file format. And the language an
 * environment asks for.
 */
class MessagesTest {
    /** A java.util.Formatter specifier: %[index$][flags][width][.precision]conversion (dates, %t…, are not used by the lab). */
    private static final Pattern SPECIFIER = Pattern.compile("%(\\d+\\$|<)?([-#+ 0,(]*)(\\d+)?(\\.\\d+)?([a-zA-Z%])");
    /**
     * Values padded on purpose with trailing spaces, and the value each must line up with: "before" and
     * "now   " head two aligned lines of the comparison of two predictions.
     */
    private static final Map<String, String> PADDED_TO = Map.of(); // none: labels are aligned in code, never by spaces in the bundles
    /**
     * picocli's help texts (cli.Main sets the bundle on the command line): picocli renders them with its own
     * conventions (%n, ${DEFAULT-VALUE}…) and Messages never formats them, so they are compared by their
     * ${…} variables instead of formatted.
     */
    private static final Pattern PICOCLI_KEY = Pattern.compile("(ssp|usage|mixinStandardHelpOptions)\\..*");
    private static final Pattern PICOCLI_VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    static boolean picocli(String key) {
        return PICOCLI_KEY.matcher(key).matches();
    }

    /** The ${…} variables of a picocli text, sorted. */
    private static List<String> variables(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PICOCLI_VARIABLE.matcher(text);
        while (m.find()) found.add(m.group());
        found.sort(null);
        return found;
    }

    /** A bundle as the file says it: the loaded properties, and each key's raw line. */
    private record Bundle(Lang lang, Properties values, Map<String, String> rawLines, List<String> duplicates) {
    }

    private static Bundle load(Lang lang) throws IOException {
        String name = Messages.BUNDLE + "_" + lang.code() + ".properties";
        Properties values = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            byte[] bytes = in.readAllBytes();
            // UTF-8, not ISO-8859-1: decoding must not have needed replacement characters.
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(name + " is valid UTF-8").doesNotContain("\uFFFD");
            try (Reader r = new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
                values.load(r);
            }
            Map<String, String> raw = new LinkedHashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("!")) continue;
                assertThat(line).as("%s: a continuation line ('\\' at the end) hides the next line's leading spaces", name).doesNotEndWith("\\");
                int eq = line.indexOf('=');
                assertThat(eq).as("%s: a key=value line: %s", name, line).isPositive();
                String key = line.substring(0, eq).strip();
                if (raw.put(key, line) != null) duplicates.add(key);
            }
            assertThat(raw.keySet()).as("%s: every key=value line is read as that key", name).isEqualTo(values.stringPropertyNames());
            return new Bundle(lang, values, raw, duplicates);
        }
    }

    /** One argument a pattern uses: its index (1-based) and conversion; %% and %n use none (index 0). */
    private record Use(int index, char conversion) implements Comparable<Use> {
        @Override
        public int compareTo(Use o) {
            return index != o.index ? Integer.compare(index, o.index) : Character.compare(conversion, o.conversion);
        }

        @Override
        public String toString() {
            return index == 0 ? "%" + conversion : "%" + index + "$" + conversion;
        }
    }

    /** The specifiers of a pattern, each with the argument it takes (ordinary ones numbered in order, as Formatter does). */
    static List<Use> uses(String pattern) {
        List<Use> uses = new ArrayList<>();
        Matcher m = SPECIFIER.matcher(pattern);
        int ordinary = 0;
        int last = 0;
        while (m.find()) {
            char conversion = m.group(5).charAt(0);
            if (conversion == '%' || conversion == 'n') {
                uses.add(new Use(0, conversion));
                continue;
            }
            String index = m.group(1);
            int i = index == null ? ++ordinary : index.equals("<") ? last : Integer.parseInt(index.substring(0, index.length() - 1));
            last = i;
            uses.add(new Use(i, conversion));
        }
        return uses;
    }

    /** The multiset of a pattern's uses, sorted: equal for two patterns that take the same arguments the same way. */
    private static List<Use> multiset(String pattern) {
        List<Use> u = new ArrayList<>(uses(pattern));
        u.sort(null);
        return u;
    }

    /** Sample arguments by conversion: 'd' → 1, 's' → "x", 'f' → 1.5. */
    private static Object[] sampleArgs(String key, String pattern) {
        Map<Integer, Character> byIndex = new TreeMap<>();
        for (Use u : uses(pattern)) {
            if (u.index() == 0) continue;
            Character before = byIndex.get(u.index());
            char c = Character.toLowerCase(u.conversion());
            // one argument used twice must be usable both ways: a number prints with %s too, a text not with %d
            if (before == null || before == 's') byIndex.put(u.index(), c);
            else assertThat(c == 's' || c == before).as("%s: argument %d used as %%%s and %%%s", key, u.index(), before, c).isTrue();
        }
        int n = byIndex.isEmpty() ? 0 : ((TreeMap<Integer, Character>) byIndex).lastKey();
        Object[] args = new Object[n];
        for (int i = 1; i <= n; i++) {
            Character c = byIndex.get(i);
            args[i - 1] = c == null ? "unused" : switch (c) {
                case 'd', 'x', 'o' -> 1;
                case 'f', 'e', 'g', 'a' -> 1.5;
                case 'c' -> 'x';
                case 'b' -> true;
                default -> "x";
            };
        }
        return args;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    @Test
    void bothBundlesHaveExactlyTheSameKeysEachOnce() throws IOException {
        Bundle en = load(Lang.EN);
        Bundle vi = load(Lang.VI);
        assertThat(en.values()).as("English messages").isNotEmpty();
        assertThat(en.duplicates()).as("keys written twice in messages_en.properties (the last one silently wins)").isEmpty();
        assertThat(vi.duplicates()).as("keys written twice in messages_vi.properties").isEmpty();
        Set<String> enKeys = new TreeSet<>(en.values().stringPropertyNames());
        Set<String> viKeys = new TreeSet<>(vi.values().stringPropertyNames());
        assertThat(difference(enKeys, viKeys)).as("keys missing in Vietnamese").isEmpty();
        assertThat(difference(viKeys, enKeys)).as("keys missing in English").isEmpty();

        // The lab reads them as resource bundles: the same keys and values arrive that way.
        for (Bundle b : List.of(en, vi)) {
            ResourceBundle bundle = Messages.bundle(b.lang());
            Set<String> bundleKeys = new TreeSet<>(bundle.keySet());
            assertThat(difference(bundleKeys, enKeys)).as("%s bundle's keys not in the file", b.lang()).isEmpty();
            assertThat(difference(enKeys, bundleKeys)).as("%s file's keys not in the bundle", b.lang()).isEmpty();
            for (String key : enKeys) assertThat(bundle.getString(key)).as("%s %s", b.lang(), key).isEqualTo(b.values().getProperty(key));
        }
        // A bare messages.properties on the classpath belongs to another library (Hadoop's client runtime has one):
        // it must not be the parent of ours, lending its keys to Messages.has and to a lookup our files miss.
        try (InputStream foreign = MessagesTest.class.getClassLoader().getResourceAsStream(Messages.BUNDLE + ".properties")) {
            if (foreign != null) {
                Properties other = new Properties();
                other.load(new InputStreamReader(foreign, StandardCharsets.UTF_8));
                for (String key : other.stringPropertyNames()) {
                    if (enKeys.contains(key)) continue;
                    assertThat(Messages.has(key)).as("another library's key %s", key).isFalse();
                    assertThatThrownBy(() -> Messages.in(Lang.VI, key)).as("another library's key %s", key).isInstanceOf(IllegalStateException.class);
                }
            }
        }
        // and the bundles really are different languages
        assertThat(Messages.in(Lang.VI, "unit.word")).isNotEqualTo(Messages.in(Lang.EN, "unit.word"));
    }

    @Test
    void eachKeyTakesTheSameArgumentsInBothLanguages() throws IOException {
        Bundle en = load(Lang.EN);
        Bundle vi = load(Lang.VI);
        Map<String, String> mismatches = new TreeMap<>();
        for (String key : en.values().stringPropertyNames()) {
            String viPattern = vi.values().getProperty(key);
            if (viPattern == null) continue; // the key test says so
            if (picocli(key)) {
                List<String> enVariables = variables(en.values().getProperty(key));
                if (!enVariables.equals(variables(viPattern))) mismatches.put(key, "en " + enVariables + " ≠ vi " + variables(viPattern));
                continue;
            }
            List<Use> a = multiset(en.values().getProperty(key));
            List<Use> b = multiset(viPattern);
            if (!a.equals(b)) mismatches.put(key, "en " + a + " ≠ vi " + b);
        }
        assertThat(mismatches).as("placeholders that differ between the languages").isEmpty();
    }

    @Test
    void theSpecifierParserReadsPositionalOrdinaryAndArgumentFreeSpecifiers() {
        assertThat(uses("%1$s and %2$d, %s %d%%%n %.2f %<s %3$,d"))
                .containsExactly(new Use(1, 's'), new Use(2, 'd'), new Use(1, 's'), new Use(2, 'd'), new Use(0, '%'), new Use(0, 'n'),
                        new Use(3, 'f'), new Use(3, 's'), new Use(3, 'd'));
        // a sentence that swaps the order of its arguments takes the same ones
        assertThat(multiset("%2$s of %1$d")).isEqualTo(multiset("%1$d: %2$s"));
        assertThat(multiset("%s of %d")).isNotEqualTo(multiset("%d of %s"));
    }

    @Test
    void everyPatternFormatsWithSampleArgumentsInItsLanguage() throws IOException {
        Map<String, String> failures = new TreeMap<>();
        for (Lang lang : Lang.values()) {
            Bundle b = load(lang);
            for (String key : b.values().stringPropertyNames()) {
                if (picocli(key)) continue; // picocli's, never formatted by Messages
                String pattern = b.values().getProperty(key);
                Object[] args = sampleArgs(key, pattern);
                try {
                    String direct = String.format(lang.locale(), pattern, args);
                    String viaMessages = Messages.in(lang, key, args);
                    if (args.length > 0 && !direct.equals(viaMessages)) failures.put(lang + " " + key, "Messages.in gives '" + viaMessages + "'");
                } catch (RuntimeException e) {
                    failures.put(lang + " " + key, e.toString());
                }
            }
        }
        assertThat(failures).as("patterns that do not format").isEmpty();
        // A number argument is written in the language's locale.
        assertThat(String.format(Lang.VI.locale(), "%.2f", 1.5)).isEqualTo("1,50");
        assertThat(String.format(Lang.EN.locale(), "%.2f", 1.5)).isEqualTo("1.50");
    }

    @Test
    void leadingSpacesAreWrittenEscapedAndTrailingOnesOnlyPad() throws IOException {
        for (Lang lang : Lang.values()) {
            Bundle b = load(lang);
            for (String key : b.values().stringPropertyNames()) {
                String value = b.values().getProperty(key);
                String raw = b.rawLines().get(key);
                String afterEquals = raw.substring(raw.indexOf('=') + 1);
                // "key= value" loads as "value": a space after '=' is either lost on purpose or a mistake; the files write neither.
                assertThat(afterEquals).as("%s %s: whitespace right after '=' is dropped by Properties; write '\\ ' for a leading space", lang, key)
                        .doesNotStartWith(" ").doesNotStartWith("\t");
                // A value that starts with a space is one whose line has "=\ ", and the other way round.
                assertThat(value.startsWith(" ")).as("%s %s: loaded value starts with a space ⇔ the line has '=\\ '", lang, key)
                        .isEqualTo(afterEquals.startsWith("\\ "));
                assertThat(value).as("%s %s", lang, key).doesNotStartWith("\t").doesNotContain("\r").doesNotEndWith("\t").doesNotEndWith("\n");
                if (PADDED_TO.containsKey(key)) {
                    String other = b.values().getProperty(PADDED_TO.get(key));
                    assertThat(value.length()).as("%s %s is padded to the width of %s ('%s')", lang, key, PADDED_TO.get(key), other)
                            .isEqualTo(other.length());
                    assertThat(value.strip()).isNotEmpty();
                } else {
                    assertThat(value).as("%s %s: trailing whitespace (invisible, and lost by editors that trim lines)", lang, key).doesNotEndWith(" ");
                }
            }
        }
    }

    @Test
    void messagesFormatInTheAskedLanguageAndCountNouns() {
        assertThat(Messages.in(Lang.EN, "unit.word")).isEqualTo("word");
        assertThat(Messages.count(Lang.EN, 1, "noun.wave")).isEqualTo("1 wave");
        assertThat(Messages.count(Lang.EN, 2, "noun.wave")).isEqualTo("2 waves");
        assertThat(Messages.count(Lang.EN, 1161, "noun.line")).isEqualTo("1,161 lines");
        assertThat(Messages.count(Lang.VI, 1161, "noun.line")).startsWith("1.161 ");
        // Vietnamese has no plural
        assertThat(Messages.noun(Lang.VI, 1, "noun.wave")).isEqualTo(Messages.noun(Lang.VI, 2, "noun.wave"));
        assertThat(Messages.has("unit.word")).isTrue();
        assertThat(Messages.has("no.such.key")).isFalse();
        assertThatThrownBy(() -> Messages.in(Lang.VI, "no.such.key")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no.such.key").hasMessageContaining("messages_vi.properties");
    }

    // ---- Lang.fromEnvironment

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) env.put(keyValues[i], keyValues[i + 1]);
        return env;
    }

    @Test
    void sspLangWinsOverTheLocale() {
        assertThat(Lang.fromEnvironment(env("SSP_LANG", "vi", "LANG", "en_US.UTF-8", "LC_ALL", "C"))).isEqualTo(Lang.VI);
        assertThat(Lang.fromEnvironment(env("SSP_LANG", "en", "LANG", "vi_VN.UTF-8", "LC_ALL", "vi_VN.UTF-8"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env("SSP_LANG", "VI"))).isEqualTo(Lang.VI);
        // set but blank: as if unset
        assertThat(Lang.fromEnvironment(env("SSP_LANG", " ", "LANG", "vi_VN.UTF-8"))).isEqualTo(Lang.VI);
    }

    @Test
    void aVietnameseLocaleMeansVietnamese() {
        assertThat(Lang.fromEnvironment(env("LANG", "vi_VN.UTF-8"))).isEqualTo(Lang.VI);
        assertThat(Lang.fromEnvironment(env("LANG", "vi"))).isEqualTo(Lang.VI);
        assertThat(Lang.fromEnvironment(env("LC_MESSAGES", "vi_VN.UTF-8", "LANG", "en_US.UTF-8"))).isEqualTo(Lang.VI);
        assertThat(Lang.fromEnvironment(env("LANG", "en_US.UTF-8"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env())).isEqualTo(Lang.EN);
    }

    @Test
    void lcAllBeatsLang() {
        assertThat(Lang.fromEnvironment(env("LC_ALL", "en_US.UTF-8", "LANG", "vi_VN.UTF-8"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env("LC_ALL", "vi_VN.UTF-8", "LANG", "en_US.UTF-8"))).isEqualTo(Lang.VI);
        assertThat(Lang.fromEnvironment(env("LC_ALL", "C", "LANG", "vi_VN.UTF-8"))).isEqualTo(Lang.EN);
        // an empty LC_ALL is not set
        assertThat(Lang.fromEnvironment(env("LC_ALL", "", "LANG", "vi_VN.UTF-8"))).isEqualTo(Lang.VI);
    }

    @Test
    void cPosixAndOtherLanguagesMeanEnglish() {
        assertThat(Lang.fromEnvironment(env("LANG", "C"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env("LANG", "POSIX"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env("LANG", "C.UTF-8"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromEnvironment(env("LANG", "fr_FR.UTF-8"))).isEqualTo(Lang.EN);
    }

    @Test
    void anSspLangTheLabDoesNotSpeakIsRefused() {
        assertThatThrownBy(() -> Lang.fromEnvironment(env("SSP_LANG", "fr", "LANG", "vi_VN.UTF-8")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("SSP_LANG=fr is not a language of the lab: set it to vi or en (or unset it to follow your locale)");
    }

    @Test
    void parseAndCodes() {
        assertThat(Lang.parse("vi_VN.UTF-8")).isEqualTo(Lang.VI);
        assertThat(Lang.parse(" EN ")).isEqualTo(Lang.EN);
        assertThat(Lang.parse("fr")).isNull();
        assertThat(Lang.parse(null)).isNull();
        assertThat(Lang.VI.code()).isEqualTo("vi");
        assertThat(Lang.EN.code()).isEqualTo("en");
        assertThat(Lang.VI.locale().getLanguage()).isEqualTo("vi");
    }

    @Test
    void theCurrentLanguageIsProcessWideAndEnglishUnderTest() throws Exception {
        // surefire sets SSP_LANG=en; the default is English too
        assertThat(Lang.current()).isEqualTo(Lang.EN);
        try {
            Lang.use(Lang.VI);
            // Spark calls listeners on its own threads: they must speak the command's language
            String[] seen = new String[1];
            Thread t = new Thread(() -> seen[0] = Messages.get("unit.word"));
            t.start();
            t.join();
            assertThat(seen[0]).isEqualTo(Messages.in(Lang.VI, "unit.word"));
            Lang.use(null);
            assertThat(Lang.current()).isEqualTo(Lang.EN);
        } finally {
            Lang.use(Lang.EN);
        }
    }
}
