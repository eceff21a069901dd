package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of every command comes from the message bundles alone, in both languages: the annotations
 * carry names, labels and defaults but no words, so every command, option and parameter must find its
 * text in messages_en and messages_vi (picocli would show an empty one, silently). The ranges the texts
 * quote are never typed into the bundles: {@code ${sys:ssp.range.NAME}} is filled in from the constant
 * registered in {@link HelpRanges}, spelled in the reader's language ("0.01–100,000" / "0,01–100.000",
 * "100 ms–10 min"). The Vietnamese help says the English one's numbers, with decimal commas, and no
 * English sentence left.
 */
class HelpTextTest {
    /** Every command, as typed: "" is bin/ssp itself. */
    static final List<String> COMMANDS = List.of("", "demo", "run", "source", "check", "report", "analyze", "plan", "calibrate", "sweep", "compare",
            "watch", "cluster", "cluster start", "cluster status", "cluster stop", "kafka", "kafka start", "kafka status", "kafka stop",
            "kafka exactly-once", "kafka real-time", "help");

    /**
     * Lines the Vietnamese help may share with the English one: what is typed, not read — an example
     * command without a comment ("  bin/ssp sweep") — and blank lines. Everything else is translated;
     * option names, parameter labels (DURATION, LINES_PER_S, embedded|HOST:PORT) and the synopsis are
     * names, never compared.
     */
    static final List<Pattern> SAME_IN_BOTH = List.of(Pattern.compile("\\s*"), Pattern.compile("\\s*bin/ssp [^#]*"));

    /**
     * English words that never belong in a Vietnamese sentence of the help. The English terms the
     * Vietnamese help keeps on purpose (docs/glossary.md: batch, batch interval, processing time,
     * scheduling delay, partition, receiver, task slot, core, master, worker, executor, driver, source,
     * checkpoint, write-ahead log, backpressure, overhead, warm-up, planner, pipeline, cluster, secret,
     * Spark UI, JSON Lines, REST submission server, STABLE/UNSTABLE, ALIVE…) contain none of them.
     */
    static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "of", "with", "for", "to", "is", "are", "from", "this", "that", "when",
            "each", "every", "per", "or", "not", "only", "until", "instead", "its", "it", "Default", "Examples", "Exit", "Show", "Print",
            "Usage", "Commands", "Start", "Stop", "Run", "Runs", "Writes", "Reads", "Needs", "Where", "Check", "Then", "See", "Guide",
            "Attach", "Options");

    /** A number as the help writes it: "1024", "0.01" / "0,01", "127.0.0.1", "2,4,8"; not the digit of a name (phase2, p95). */
    static final Pattern NUMBER = Pattern.compile("(?<![\\w.,])\\d+(?:[.,]\\d+)*");
    /**
     * A decimal with a point that is not part of something typed: "0.01", but not "5.5ms", "127.0.0.1" or
     * "0.5ms,8ms" — nor a Vietnamese thousands group, "1.024" (the lab never prints three decimals).
     */
    static final Pattern DECIMAL_POINT = Pattern.compile("(?<![\\w.,])(?!\\d{1,3}(?:\\.\\d{3})+(?![\\w.,]))\\d+\\.\\d+(?![\\w.,])");
    /** A range a bundle names: ${sys:ssp.range.NAME}. */
    static final Pattern RANGE_VARIABLE = Pattern.compile("\\$\\{sys:" + Pattern.quote(HelpRanges.PROPERTY_PREFIX) + "([^}]+)}");
    /** A range typed as numbers ("(1–1024)", "100ms–10m"), which a help text must take from the constants instead. */
    static final Pattern TYPED_RANGE = Pattern.compile("\\d[\\d.,]*\\s?\\p{L}*–\\s?\\d");
    /** Numeric options that have no range: any value is a valid one. */
    static final Set<String> NUMERIC_WITHOUT_RANGE = Set.of("--seed");

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * The command line localized into {@code lang}, as bin/ssp builds it ({@link Main#localize}), built once per language
     * for the tests that read its model (the ones that run bin/ssp build their own, {@link #help}): building it is most of
     * the time of a call, and the tests below read each command's texts a few hundred times. picocli reads a text's
     * ranges ({@code ${sys:ssp.range.NAME}}) when the text is read, from the system properties the last language published
     * set: so each use publishes its language's first, and a caller reads the texts before asking for the other language.
     */
    private static final Map<Lang, CommandLine> LOCALIZED = new java.util.EnumMap<>(Lang.class);

    private static synchronized CommandLine localized(Lang lang) {
        CommandLine cl = LOCALIZED.computeIfAbsent(lang, l -> Main.localize(Main.commandLine(discard(), discard()), l));
        HelpRanges.publish(lang);
        return cl;
    }

    /**
     * The command at {@code path} of a command line localized into {@code lang}. Read its texts before
     * localizing another: the ranges are system properties, the last language published fills them in.
     */
    static CommandLine command(String path, Lang lang) {
        CommandLine cl = localized(lang);
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) cl = cl.getSubcommands().get(name);
        return cl;
    }

    /** Every command of a command line localized into {@code lang}, by path ("" the root, "cluster start"), depth first. */
    static Map<String, CommandLine> everyCommand(Lang lang) {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect(localized(lang), "", all);
        return all;
    }

    private static void collect(CommandLine cl, String path, Map<String, CommandLine> all) {
        all.put(path, cl);
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values()))
            collect(sub, (path.isEmpty() ? "" : path + " ") + sub.getCommandName(), all);
    }

    /** Options and positional parameters of a command, as its help lists them. */
    static List<ArgSpec> args(CommandSpec spec) {
        List<ArgSpec> args = new ArrayList<>(spec.positionalParameters());
        args.addAll(spec.options());
        return args;
    }

    /** How an argument is named in a failure: "--rate", "JOB". */
    static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    /** Every text of a command: its description, footer, each option's and parameter's description — named, in the order of the help. */
    static Map<String, String> texts(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("description", String.join("\n", spec.usageMessage().description()));
        t.put("footer", String.join("\n", spec.usageMessage().footer()));
        for (PositionalParamSpec p : spec.positionalParameters()) t.put(p.paramLabel(), String.join("\n", p.description()));
        for (OptionSpec o : spec.options()) t.put(o.longestName(), String.join("\n", o.description()));
        return t;
    }

    private static String usage(CommandLine cl) {
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static List<String> lines(String text) {
        return List.of(text.replace("%n", "\n").split("\n", -1));
    }

    /** The numbers of a text, a decimal comma read as a point (so "0,01" and "0.01" are the same number). */
    static List<String> numbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) found.add(m.group().replace(',', '.'));
        return found;
    }

    static String help(String path, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        args.addAll(List.of(more));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertThat(code).as("bin/ssp %s; stderr %s", args, err).isEqualTo(ExitCodes.OK);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Where an annotation still has its text, the English bundle says it word for word. An option written
     * with only a descriptionKey (the level-2 options; all of them once the annotations lose their
     * literals) has the bundle as its one text: nothing to compare.
     */
    /** Picocli formats every text as a format string: a bare "95%" printed "[picocli WARN] Could not format" with each help. */
    @Test
    void everyHelpRendersWithoutAPicocliWarning() {
        PrintStream before = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (Lang lang : Lang.values())
                for (CommandLine c : everyCommand(lang).values()) usage(c);
        } finally {
            System.setErr(before);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("write a percent sign in a help text as %%").doesNotContain("picocli WARN");
    }

    @Test
    void theCommandsListedHereAreEveryCommand() {
        assertThat(everyCommand(Lang.EN).keySet()).as("COMMANDS: every command of bin/ssp, so the help tests run each").containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    /**
     * The annotations carry no text, and picocli shows an empty one when a key is missing: every command,
     * option and parameter has a text in both languages, with every variable filled in.
     */
    @Test
    void everyCommandOptionAndParameterHasATextInBothLanguages() {
        List<String> empty = new ArrayList<>();
        for (Lang lang : List.of(Lang.EN, Lang.VI)) {
            for (Map.Entry<String, CommandLine> c : everyCommand(lang).entrySet()) {
                CommandSpec spec = c.getValue().getCommandSpec();
                String where = lang.code() + " bin/ssp " + c.getKey();
                String description = String.join("\n", spec.usageMessage().description());
                if (description.isBlank()) empty.add(where + ": no description");
                else if (unfilled(description)) empty.add(where + ": description " + description);
                String footer = String.join("\n", spec.usageMessage().footer());
                if (unfilled(footer)) empty.add(where + ": footer " + footer);
                for (ArgSpec a : args(spec)) {
                    String text = String.join("\n", a.description());
                    if (text.isBlank()) empty.add(where + " " + name(a) + ": no description");
                    else if (unfilled(text)) empty.add(where + " " + name(a) + ": " + text);
                }
            }
        }
        assertThat(empty).as("help texts missing or with a variable left unfilled (a key missing from a bundle, a range not in HelpRanges)").isEmpty();
        // and both languages have the same footers: an example list is not lost in one of them
        for (String path : COMMANDS) {
            boolean en = command(path, Lang.EN).getCommandSpec().usageMessage().footer().length > 0;
            boolean vi = command(path, Lang.VI).getCommandSpec().usageMessage().footer().length > 0;
            assertThat(vi).as("bin/ssp %s: a footer in Vietnamese as in English", path).isEqualTo(en);
        }
    }

    /** A variable picocli did not fill in: "${…}" left as is, or "null" for a system property that is not set. */
    private static boolean unfilled(String text) {
        return text.contains("${") || Pattern.compile("\\bnull\\b").matcher(text).find();
    }

    /** The key picocli reads for an option or a parameter: qualified by the command first, as picocli looks it up. */
    private static String keyOf(CommandSpec spec, ArgSpec arg, ResourceBundle bundle) {
        String key = arg.descriptionKey() != null && !arg.descriptionKey().isEmpty() ? arg.descriptionKey()
                : arg instanceof OptionSpec o ? o.longestName().replaceFirst("^-+", "") : null;
        assertThat(key).as("%s %s: a positional parameter needs a descriptionKey", spec.qualifiedName(), arg.paramLabel()).isNotNull();
        String qualified = spec.qualifiedName(".") + "." + key;
        return bundle.containsKey(qualified) ? qualified : key;
    }

    @Test
    void everyTextHasItsKeyInBothBundles() {
        ResourceBundle en = Messages.bundle(Lang.EN);
        ResourceBundle vi = Messages.bundle(Lang.VI);
        List<String> missing = new ArrayList<>();
        for (String path : COMMANDS) {
            CommandSpec spec = command(path, Lang.EN).getCommandSpec();
            String prefix = spec.qualifiedName(".") + ".usage.";
            for (ResourceBundle b : List.of(en, vi)) {
                if (!b.containsKey(prefix + "description") && !b.containsKey(prefix + "description.0")) missing.add(b.getLocale() + " " + prefix + "description");
                if (b.containsKey(prefix + "footer") != en.containsKey(prefix + "footer")) missing.add(b.getLocale() + " " + prefix + "footer");
            }
            for (ArgSpec a : args(spec)) {
                String key = keyOf(spec, a, en);
                if (!en.containsKey(key)) missing.add("en " + key);
                if (!vi.containsKey(key)) missing.add("vi " + key);
            }
        }
        assertThat(missing).as("help texts without their key").isEmpty();
    }

    /** The numbers of each text — ranges, defaults, examples — are the English one's, in Vietnamese too. */
    @Test
    void theVietnameseHelpQuotesTheSameNumbersAsTheEnglishOne() {
        Map<String, String> differ = new TreeMap<>();
        for (String path : COMMANDS) {
            Map<String, String> en = texts(command(path, Lang.EN));
            Map<String, String> vi = texts(command(path, Lang.VI));
            for (Map.Entry<String, String> e : en.entrySet()) {
                List<String> expected = numbers(e.getValue());
                List<String> got = numbers(vi.get(e.getKey()));
                if (!expected.equals(got)) differ.put(("ssp " + path).strip() + " " + e.getKey(), "en " + expected + " ≠ vi " + got + ": " + vi.get(e.getKey()));
            }
        }
        assertThat(differ).as("Vietnamese help texts whose numbers are not the English ones").isEmpty();
        // the comparison reads a decimal comma as a point, and a range's two ends apart
        assertThat(numbers("(0,01–100000), e.g. 5.5ms; phase2, p95, local[4]")).containsExactly("0.01", "100000", "5.5", "4");
        // a thousands separator is the other language's decimal mark: both read the same
        assertThat(numbers("(1–1,024)")).isEqualTo(numbers("(1–1.024)"));
    }

    /**
     * Every range a help text quotes is a constant's, registered in {@link HelpRanges}: the rendered help
     * of each option with a range shows that range's span, computed here from the constant, in both
     * languages; the range is the option's own (its name, or a name the text says: local[N]); both
     * languages quote the same ranges; every registered range is quoted; every numeric option quotes one.
     */
    @Test
    void everyRangeInTheHelpIsAConstantsSpanInBothLanguages() {
        ResourceBundle en = Messages.bundle(Lang.EN);
        ResourceBundle vi = Messages.bundle(Lang.VI);
        List<String> wrong = new ArrayList<>();
        Set<String> quoted = new TreeSet<>();
        for (Lang lang : List.of(Lang.EN, Lang.VI)) {
            for (Map.Entry<String, CommandLine> c : everyCommand(lang).entrySet()) {
                CommandSpec spec = c.getValue().getCommandSpec();
                String usage = flat(c.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF));
                for (ArgSpec a : args(spec)) {
                    String where = lang.code() + " bin/ssp " + c.getKey() + " " + name(a);
                    String key = keyOf(spec, a, en);
                    if (!en.containsKey(key) || !vi.containsKey(key)) continue; // everyTextHasItsKeyInBothBundles says so
                    List<String> names = rangeNames(en.getString(key));
                    if (!names.equals(rangeNames(vi.getString(key)))) wrong.add(where + ": en quotes " + names + ", vi " + rangeNames(vi.getString(key)));
                    if (names.isEmpty() && numeric(a) && !NUMERIC_WITHOUT_RANGE.contains(name(a))) wrong.add(where + ": a numeric option that quotes no range");
                    String text = flat(String.join(" ", a.description()));
                    for (String n : names) {
                        quoted.add(n);
                        Range range = HelpRanges.RANGES.get(n);
                        if (range == null) {
                            wrong.add(where + ": ${sys:" + HelpRanges.property(n) + "} is not in HelpRanges.RANGES");
                            continue;
                        }
                        if (!range.what().equals(name(a)) && !text.contains(range.what())) wrong.add(where + ": quotes the range of " + range.what());
                        String span = range.span(lang);
                        if (!text.contains(span)) wrong.add(where + ": " + text + " does not quote " + span);
                        if (!usage.contains(span)) wrong.add(where + ": the rendered help does not quote " + span);
                    }
                }
            }
        }
        assertThat(wrong).as("help texts and the ranges of HelpRanges").isEmpty();
        assertThat(quoted).as("every range of HelpRanges is quoted by a help text").containsExactlyInAnyOrderElementsOf(HelpRanges.RANGES.keySet());
        // what the spans look like, from the constants: grouped numbers and durations in each language
        assertThat(Limits.RATE.span(Lang.EN)).isEqualTo("0.01–100,000");
        assertThat(Limits.RATE.span(Lang.VI)).isEqualTo("0,01–100.000");
        assertThat(Limits.BATCH_INTERVAL.span(Lang.EN)).isEqualTo("100 ms–10 min");
        assertThat(Limits.BATCH_INTERVAL.span(Lang.VI)).isEqualTo("100 ms–10 min");
        assertThat(Options.WORKER_MEMORY.span(Lang.VI)).isEqualTo("1g–1024g");
    }

    /** No help text types a range: each is a ${sys:ssp.range.NAME} of the constants (the other variables are picocli's). */
    @Test
    void noRangeIsTypedIntoTheBundles() {
        Map<String, String> typed = new TreeMap<>();
        for (Lang lang : List.of(Lang.EN, Lang.VI)) {
            ResourceBundle b = Messages.bundle(lang);
            for (String key : b.keySet()) {
                if (!key.startsWith("ssp.")) continue;
                Matcher m = TYPED_RANGE.matcher(RANGE_VARIABLE.matcher(b.getString(key)).replaceAll(""));
                if (m.find()) typed.put(lang.code() + " " + key, m.group());
            }
        }
        assertThat(typed).as("ranges typed into the help texts: write ${sys:%sNAME} and register NAME in HelpRanges", HelpRanges.PROPERTY_PREFIX).isEmpty();
        assertThat(TYPED_RANGE.matcher("(1–1024)").find()).isTrue();
        assertThat(TYPED_RANGE.matcher("(100ms–10m)").find()).isTrue();
    }

    /** The range names a text quotes, sorted. */
    static List<String> rangeNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = RANGE_VARIABLE.matcher(text);
        while (m.find()) names.add(m.group(1));
        names.sort(null);
        return names;
    }

    /** An option whose values are numbers or durations (or lists of them). */
    static boolean numeric(ArgSpec a) {
        Class<?> t = a.typeInfo().isCollection() ? a.typeInfo().getAuxiliaryTypes()[0] : a.type();
        return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == double.class || t == Double.class
                || t == Duration.class;
    }

    @Test
    void everyVietnameseLineDiffersFromTheEnglishOneUnlessItIsTyped() {
        Map<String, String> english = new TreeMap<>();
        for (String path : COMMANDS) {
            Map<String, String> en = texts(command(path, Lang.EN));
            Map<String, String> vi = texts(command(path, Lang.VI));
            for (Map.Entry<String, String> e : vi.entrySet()) {
                List<String> enLines = lines(en.get(e.getKey()));
                for (String line : lines(e.getValue())) {
                    if (!enLines.contains(line) || SAME_IN_BOTH.stream().anyMatch(p -> p.matcher(line).matches())) continue;
                    english.put(("ssp " + path).strip() + " " + e.getKey(), line);
                }
            }
        }
        assertThat(english).as("lines the Vietnamese help still says in English").isEmpty();
    }

    /** The Vietnamese prose, without what is typed or named: commands, options, paths, quoted words. */
    private static String prose(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : lines(text)) {
            int comment = line.indexOf("# ");
            if (line.strip().startsWith("bin/ssp")) line = comment >= 0 ? line.substring(comment) : "";
            for (String token : line.replaceAll("'[^']*'", " ").split("\\s+")) {
                // "Default:" and "(this" are words; "--source", "spark.cores.max", "bin/ssp", "write-ahead", "${DEFAULT-VALUE}" are names
                String bare = token.replaceAll("^[(\"]+|[.,:;)\"]+$", "");
                if (!bare.matches(".*[-/.:$<>{}\\[\\]_=#|].*")) kept.append(bare).append(' ');
            }
            kept.append('\n');
        }
        return kept.toString();
    }

    @Test
    void theVietnameseHelpHasNoEnglishWordLeft() {
        Map<String, List<String>> found = new TreeMap<>();
        Pattern word = Pattern.compile("\\p{L}+");
        for (String path : COMMANDS) {
            for (Map.Entry<String, String> e : texts(command(path, Lang.VI)).entrySet()) {
                Matcher m = word.matcher(prose(e.getValue()));
                while (m.find()) {
                    if (ENGLISH_WORDS.contains(m.group()))
                        found.computeIfAbsent(("ssp " + path).strip() + " " + e.getKey(), k -> new ArrayList<>()).add(m.group());
                }
            }
        }
        assertThat(found).as("English words in the Vietnamese help").isEmpty();
        // the filter sees English when there is some
        assertThat(prose("Stop after this long, e.g. 60s (1s–24h). Default: run until Ctrl-C.")).contains("Stop", "Default");
    }

    @Test
    void theVietnameseHelpOfEveryCommandIsVietnameseWithDecimalCommas() {
        Map<String, String> english = new LinkedHashMap<>();
        Map<String, String> vietnamese = new LinkedHashMap<>();
        for (String path : COMMANDS) {
            String vi = help(path, "--lang", "vi");
            String en = help(path);
            vietnamese.put(path, vi);
            english.put(path, en);
            assertThat(vi).as("bin/ssp %s --help --lang vi", path).startsWith("Cách dùng: ssp").isNotEqualTo(en)
                    .contains("Hiện trợ giúp này rồi thoát.").contains("LC_MESSAGES");
            assertThat(en).as("bin/ssp %s --help", path).startsWith("Usage: ssp").contains("LC_MESSAGES");
            Matcher point = DECIMAL_POINT.matcher(vi);
            assertThat(point.find()).as("a decimal point in bin/ssp %s --help --lang vi: %s", path, point.find(0) ? point.group() : "").isFalse();
            assertThat(vi).as(path).doesNotContain("Default:").doesNotContain("Examples:").doesNotContain("Commands:");
        }
        // (each help as the loop above had bin/ssp print it)
        assertThat(vietnamese.get("")).contains("Các lệnh:").contains("Bắt đầu với: bin/ssp demo");
        // the ranges, from the constants: a decimal comma and a thousands point in Vietnamese, the other way round
        // in English (help lines wrap: read as one line)
        assertThat(flat(vietnamese.get("run"))).contains("(0,01–100.000)").contains("(1–1.024)").contains("(100 ms–10 min)");
        assertThat(flat(english.get("run"))).contains("(0.01–100,000)").contains("(1–1,024)").contains("(100 ms–10 min)");
        assertThat(flat(vietnamese.get("plan"))).contains("(0,01–1)").contains("Mặc định: 0,9.");
        assertThat(flat(english.get("plan"))).contains("(0.01–1)").contains("Default: 0.9.");
        // what is typed keeps its point: a duration to pass
        assertThat(flat(vietnamese.get("run"))).contains("5.5ms");
    }

    /**
     * The help as one line: wrapped lines joined, indentation gone, a range's no-break spaces read as
     * spaces, and a line wrapped after a range's dash ("(1–" / "1,024)") joined again.
     */
    static String flat(String help) {
        return help.replace(HelpRanges.NO_BREAK_SPACE, ' ').replaceAll("\\s+", " ").replace("– ", "–");
    }

    @Test
    void theHelpCommandAndTheVersionSpeakTheLanguageToo() {
        assertThat(help("help", "--lang", "vi")).contains("Lệnh (và lệnh con) cần xem trợ giúp.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), discard(), "help", "cluster", "start", "--lang", "vi")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Cách dùng: ssp cluster start").contains("Số JVM worker (1–16)");
        out.reset();
        assertThat(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), discard(), "--version", "--lang", "vi")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ssp ").contains("Spark ").doesNotContain("development build");
    }
}
