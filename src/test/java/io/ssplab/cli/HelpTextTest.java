package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of every command comes from the message bundles, in both languages: the English bundle says
 * word for word what the annotations say (their spans are built from the constants of Limits and
 * Options, so the English help keeps quoting the ranges the commands check), the Vietnamese one says it
 * in Vietnamese with the same numbers, decimal commas, and no English sentence left.
 */
class HelpTextTest {
    /** Every command, as typed: "" is bin/ssp itself. */
    static final List<String> COMMANDS = List.of("", "demo", "run", "source", "check", "report", "plan", "calibrate", "sweep", "cluster",
            "cluster start", "cluster status", "cluster stop", "help");

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
    /** A decimal with a point that is not part of something typed: "0.01", but not "5.5ms", "127.0.0.1" or "0.5ms,8ms". */
    static final Pattern DECIMAL_POINT = Pattern.compile("(?<![\\w.,])\\d+\\.\\d+(?![\\w.,])");

    @AfterEach
    void english() {
        Lang.use(Lang.EN);
    }

    private static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The command at {@code path} of a command line with the annotations' texts, or localized into {@code lang}. */
    static CommandLine command(String path, Lang lang) {
        CommandLine cl = Main.commandLine(discard(), discard());
        if (lang != null) Main.localize(cl, lang);
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) cl = cl.getSubcommands().get(name);
        return cl;
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
    @Test
    void theEnglishHelpIsWordForWordTheAnnotationsOne() {
        for (String path : COMMANDS) {
            Map<String, String> annotations = texts(command(path, null));
            Map<String, String> english = texts(command(path, Lang.EN));
            annotations.forEach((name, text) -> {
                if (!text.isEmpty()) assertThat(lines(english.get(name))).as("bin/ssp %s --help, %s, from the English bundle", path, name).isEqualTo(lines(text));
            });
            boolean keyOnly = annotations.entrySet().stream().anyMatch(e -> e.getValue().isEmpty() && !e.getKey().equals("description") && !e.getKey().equals("footer"));
            if (!keyOnly) {
                assertThat(usage(command(path, Lang.EN))).as("bin/ssp %s --help, from the English bundle", path).isEqualTo(usage(command(path, null)));
            }
        }
        // and that is what bin/ssp prints
        assertThat(help("run")).isEqualTo(usage(command("run", Lang.EN)));
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
            CommandSpec spec = command(path, null).getCommandSpec();
            String prefix = spec.qualifiedName(".") + ".usage.";
            for (ResourceBundle b : List.of(en, vi)) {
                if (!b.containsKey(prefix + "description") && !b.containsKey(prefix + "description.0")) missing.add(b.getLocale() + " " + prefix + "description");
                if (spec.usageMessage().footer().length > 0 && !b.containsKey(prefix + "footer")) missing.add(b.getLocale() + " " + prefix + "footer");
            }
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                String key = keyOf(spec, a, en);
                if (!en.containsKey(key)) missing.add("en " + key);
                if (!vi.containsKey(key)) missing.add("vi " + key);
            }
        }
        assertThat(missing).as("help texts without their key").isEmpty();
    }

    /** The numbers of each text — ranges, defaults, examples — are the constants the annotations are built from, in Vietnamese too. */
    @Test
    void theVietnameseHelpQuotesTheSameNumbersAsTheConstants() {
        Map<String, String> differ = new TreeMap<>();
        for (String path : COMMANDS) {
            Map<String, String> constants = texts(command(path, null));
            Map<String, String> english = texts(command(path, Lang.EN));
            Map<String, String> vi = texts(command(path, Lang.VI));
            for (Map.Entry<String, String> e : constants.entrySet()) {
                // an option with only a descriptionKey: the English bundle's numbers are the reference
                List<String> expected = numbers(e.getValue().isEmpty() ? english.get(e.getKey()) : e.getValue());
                List<String> got = numbers(vi.get(e.getKey()));
                if (!expected.equals(got)) differ.put(("ssp " + path).strip() + " " + e.getKey(), "constants " + expected + " ≠ vi " + got + ": " + vi.get(e.getKey()));
            }
        }
        assertThat(differ).as("Vietnamese help texts whose numbers are not the annotations' (the constants')").isEmpty();
        // the comparison reads a decimal comma as a point, and a range's two ends apart
        assertThat(numbers("(0,01–100000), e.g. 5.5ms; phase2, p95, local[4]")).containsExactly("0.01", "100000", "5.5", "4");
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
        for (String path : COMMANDS) {
            String vi = help(path, "--lang", "vi");
            String en = help(path);
            assertThat(vi).as("bin/ssp %s --help --lang vi", path).startsWith("Cách dùng: ssp").isNotEqualTo(en)
                    .contains("Hiện trợ giúp này rồi thoát.").contains("LC_MESSAGES");
            assertThat(en).as("bin/ssp %s --help", path).startsWith("Usage: ssp").contains("LC_MESSAGES");
            Matcher point = DECIMAL_POINT.matcher(vi);
            assertThat(point.find()).as("a decimal point in bin/ssp %s --help --lang vi: %s", path, point.find(0) ? point.group() : "").isFalse();
            assertThat(vi).as(path).doesNotContain("Default:").doesNotContain("Examples:").doesNotContain("Commands:");
        }
        assertThat(help("", "--lang", "vi")).contains("Các lệnh:").contains("Bắt đầu với: bin/ssp demo");
        // the ranges with a decimal: a comma in Vietnamese, a point in English (help lines wrap: read as one line)
        assertThat(flat(help("run", "--lang", "vi"))).contains("(0,01–100000)");
        assertThat(flat(help("run"))).contains("(0.01– 100000)");
        assertThat(flat(help("plan", "--lang", "vi"))).contains("(0,01–1)").contains("Mặc định: 0,9.");
        assertThat(flat(help("plan"))).contains("(0.01–1)").contains("Default: 0.9.");
        // what is typed keeps its point: a duration to pass
        assertThat(flat(help("run", "--lang", "vi"))).contains("5.5ms");
    }

    /** The help as one line: wrapped lines joined, indentation gone. */
    private static String flat(String help) {
        return help.replaceAll("\\s+", " ");
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
