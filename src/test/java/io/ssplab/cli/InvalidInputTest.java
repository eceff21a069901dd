package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;
import io.ssplab.source.SocketSource;
import io.ssplab.source.SourceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Bad input, generated: every option of every command (read from picocli's model of {@code bin/ssp},
 * so an option added tomorrow is covered tomorrow) gets malformed, empty, out-of-range, huge and
 * wrongly-unitted values, plus unknown options, missing values, mistyped commands and the hand-written
 * cases a model cannot know (a listen address of another machine, a path under a regular file, a port
 * that is taken).
 *
 * <p>Each invocation runs in-process through {@link Main#run} and must end the way the lab promises for
 * bad input: exit code 2, exactly one line on standard error, no stack trace, nothing on standard output
 * (nothing started: no source listening, no Spark UI, no table), no SparkContext and no file left behind.
 */
class InvalidInputTest {
    /** Per invocation, generous: a refusal takes milliseconds; this only keeps a product bug (a run that starts) from hanging the build. */
    static final Duration PER_CASE = Duration.ofSeconds(20);
    /** What the whole set may take: a few hundred refusals, most in milliseconds, a few waiting on a closed port or a DNS answer. */
    static final Duration ALL_CASES = Duration.ofSeconds(180);
    /** The cases the generator must reach at least; fewer means the model walk lost commands or options. */
    static final int AT_LEAST = 200;

    /** A range as the English help quotes it: "1–1,024", "0.01–100,000", "100 ms–10 min" (a no-break space before a unit: cli.HelpRanges). */
    private static final Pattern SPAN = Pattern.compile(
            "(-?\\d[\\d.,]*(?:[ \u00A0]?(?:ns|us|µs|ms|s|min|m|h))?)–(\\d[\\d.,]*(?:[ \u00A0]?(?:ns|us|µs|ms|s|min|m|h))?)");
    private static final Set<String> NUMERIC_WITHOUT_RANGE = Set.of("--seed");

    private static Fixture fixture;
    private static long totalNanos;
    private static int ran;
    private static String previousHome;

    /** One invalid command line, named by what is wrong with it. */
    record Case(String why, Map<String, String> env, List<String> args) {
        @Override
        public String toString() {
            String line = args.stream().map(a -> a.isEmpty() ? "''" : a.contains(" ") ? "'" + a + "'" : a).collect(Collectors.joining(" "));
            String prefix = env.isEmpty() ? "" : env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ").collect(Collectors.joining());
            return prefix + "ssp " + line + "  [" + why + "]";
        }
    }

    record Outcome(int code, String out, String err) {
    }

    /** Temporary files and a running source the cases point at; one set for the whole class. */
    static final class Fixture implements AutoCloseable {
        final Path dir;
        final Path home;
        final Path regularFile;
        final Path emptyDir;
        final SocketSource source;
        final int closedPort;

        Fixture() throws IOException {
            dir = Files.createTempDirectory("ssp-invalid-input");
            home = Files.createDirectories(dir.resolve("home"));
            regularFile = Files.writeString(dir.resolve("a-file.txt"), "not a directory\n");
            emptyDir = Files.createDirectories(dir.resolve("empty"));
            source = SocketSource.start(new SourceConfig("127.0.0.1", 0, 10, 3, 50, 42, Duration.ZERO), line -> { });
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
        }

        String liveSource() {
            return "127.0.0.1:" + source.port();
        }

        @Override
        public void close() throws IOException {
            source.close();
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static synchronized Fixture fixture() {
        if (fixture == null) {
            try {
                fixture = new Fixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fixture;
    }

    @BeforeAll
    static void ownHome() {
        previousHome = System.getProperty("ssp.home");
        System.setProperty("ssp.home", fixture().home.toString());
    }

    @AfterAll
    static void theWholeSetWasQuickAndLeftNothing() throws IOException {
        try {
            assertThat(Duration.ofNanos(totalNanos)).as("%d refusals took %.1f s", ran, totalNanos / 1e9).isLessThan(ALL_CASES);
            try (Stream<Path> left = Files.list(fixture().home)) {
                assertThat(left).as("a refused command leaves nothing in ssp.home").isEmpty();
            }
        } finally {
            if (previousHome == null) System.clearProperty("ssp.home");
            else System.setProperty("ssp.home", previousHome);
            Lang.use(Lang.EN);
            fixture.close();
            fixture = null;
        }
    }

    // ---------------------------------------------------------------- the assertions

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneLineWithExitCode2BeforeAnythingStarts(Case c) {
        assertRefused(c);
    }

    /** A sample of the same refusals with --lang vi: one line too, and in Vietnamese (no English sentence left in it). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vietnamese")
    void isRefusedInVietnameseToo(Case c) {
        String err = assertRefused(c);
        for (String english : List.of("pass e.g", "must be", "is not", "unknown", "needs a value", "is empty", "give a", "use e.g", "takes no value",
                "choose one of", "does not exist"))
            assertThat(err).as("Vietnamese refusal of %s", c).doesNotContain(english);
    }

    static Stream<Case> vietnamese() {
        Set<String> sample = Set.of("unknown option", "stray argument", "mistyped command", "missing value", "not a number", "empty",
                "above the range", "negative", "no unit", "not one of the choices", "a flag takes no value", "unknown host",
                "not an address of this machine", "cannot be created", "under a regular file", "a file, not a directory", "huge");
        Set<String> special = special().stream().map(Case::why).collect(Collectors.toSet());
        return cases().filter(c -> (sample.contains(c.why()) || special.contains(c.why())) && !ENGLISH_ONLY.contains(c.why())
                && !c.args().contains("--lang") && c.env().isEmpty()).map(c -> {
            List<String> args = new ArrayList<>(List.of("--lang", "vi"));
            args.addAll(c.args());
            return new Case(c.why(), c.env(), args);
        });
    }

    /**
     * Refusals written outside the command line, in English only: a sweep list with a value twice
     * (sweep.SweepGrid) and a spark:// master that does not answer (cluster.ClusterDriver).
     */
    static final Set<String> ENGLISH_ONLY = Set.of("a value twice", "no Spark master listening");

    /** Runs the case and checks the promise for bad input; returns the one line on stderr. */
    private static String assertRefused(Case c) {
        long t0 = System.nanoTime();
        Outcome o = assertTimeoutPreemptively(PER_CASE, () -> ssp(c.env(), c.args()), () -> "still running after " + PER_CASE + ": " + c);
        totalNanos += System.nanoTime() - t0;
        ran++;
        System.out.println(c + "\n    → " + o.code() + " " + o.err().strip() + (o.out().isEmpty() ? "" : "\n    stdout: " + o.out().strip()));
        String all = "exit " + o.code() + "\n--- stdout:\n" + o.out() + "--- stderr:\n" + o.err();
        assertThat(o.code()).as("exit code of %s%n%s", c, all).isEqualTo(ExitCodes.USAGE);
        String err = o.err().endsWith("\n") ? o.err().substring(0, o.err().length() - 1) : o.err();
        assertThat(err).as("stderr of %s", c).isNotBlank().doesNotContain("\n").doesNotContain("\r");
        for (String trace : List.of("Exception", "\tat ", "Caused by"))
            assertThat(o.out() + o.err()).as("no stack trace: %s%n%s", c, all).doesNotContain(trace);
        assertThat(o.out()).as("nothing started (no source listening, no Spark UI, no table): %s%n%s", c, all).isEmpty();
        assertThat(SparkContext$.MODULE$.getActive().isEmpty()).as("no SparkContext after %s", c).isTrue();
        assertThat(err).as("a refusal names what to fix: %s", c).matches("(?s).*\\S.{10,}");
        return err;
    }

    /** Every numeric option says its range in its help: the range the generated cases then step outside of. */
    @Test
    void everyNumericOptionNamesItsRangeInItsHelp() {
        List<String> missing = new ArrayList<>();
        forEachCommand(englishCommandLine(), (path, cl) -> {
            for (OptionSpec o : ownOptions(cl)) {
                if (o.arity().max() == 0) continue;
                if (kind(o) == Kind.INTEGER || kind(o) == Kind.DECIMAL || kind(o) == Kind.DURATION) {
                    String help = help(o);
                    if (NUMERIC_WITHOUT_RANGE.contains(o.longestName())) {
                        if (!help.contains("any whole number")) missing.add(path + " " + o.longestName() + ": " + help);
                    } else if (!SPAN.matcher(help).find()) {
                        missing.add(path + " " + o.longestName() + ": " + help);
                    }
                }
            }
        });
        assertThat(missing).as("numeric options whose help has no range (write it as MIN–MAX)").isEmpty();
    }

    @Test
    void theGeneratorReachesEveryCommandAndEnoughCases() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(AT_LEAST);
        Set<String> commands = all.stream().map(c -> c.args().isEmpty() ? "" : c.args().get(0)).collect(Collectors.toSet());
        assertThat(commands).contains("demo", "run", "source", "check", "report", "plan", "calibrate", "sweep", "compare", "cluster", "help",
                "--lang");
        assertThat(all.stream().filter(c -> c.args().size() > 1 && c.args().get(0).equals("cluster")).map(c -> c.args().get(1)))
                .contains("start", "status", "stop", "frob");
        assertThat(all.stream().map(Case::toString).collect(Collectors.toSet())).as("no case twice").hasSameSizeAs(all);
        System.out.println(all.size() + " invalid invocations");
    }

    // ---------------------------------------------------------------- the generator

    /** The base arguments under which a command runs at all; a case changes one thing in them. */
    static List<String> base(String path) {
        return switch (path) {
            case "run" -> List.of("run", "phase1");
            case "check" -> List.of("check", "fix-delay", "--solution");
            case "report" -> List.of("report", fixture().emptyDir.toString());
            case "watch" -> List.of("watch", "http://127.0.0.1:9"); // nothing listens on the discard port: refused at once
            case "analyze" -> List.of("analyze", fixture().emptyDir.toString());
            case "" -> List.of();
            default -> List.of(path.split(" "));
        };
    }

    /** The base for one option, when the command's base would refuse it for another reason first. */
    static List<String> base(String path, OptionSpec o) {
        if (path.equals("run") && o.longestName().equals("--checkpoint"))
            return List.of("run", "phase1", "--source", fixture().liveSource()); // a checkpoint needs an external source
        return base(path);
    }

    static Stream<Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        CommandLine root = englishCommandLine();
        forEachCommand(root, (path, cl) -> {
            if (path.equals("help")) return; // picocli's own: hand-written below
            generic(path, cl).forEach(c -> cases.putIfAbsent(c.toString(), c));
            for (OptionSpec o : ownOptions(cl)) options(path, o).forEach(c -> cases.putIfAbsent(c.toString(), c));
            for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) positionals(path, p).forEach(c -> cases.putIfAbsent(c.toString(), c));
        });
        special().forEach(c -> cases.putIfAbsent(c.toString(), c));
        return cases.values().stream();
    }

    /** What every command refuses: unknown options, stray words, a language that is not one, a mistyped subcommand. */
    static List<Case> generic(String path, CommandLine cl) {
        List<Case> cases = new ArrayList<>();
        List<String> base = base(path);
        cases.add(of("unknown option", base, "--frobnicate"));
        cases.add(of("unknown option with a value", base, "--frobnicate=1"));
        cases.add(of("unknown short option", base, "-Z"));
        cases.add(of("unknown option that looks like a known one", base, "--batch"));
        cases.add(of("stray argument", base, "extra-word"));
        cases.add(of("--lang not a language", base, "--lang", "xx"));
        cases.add(of("--lang empty", base, "--lang="));
        cases.add(of("--lang without a value", base, "--lang"));
        cases.add(of("--lang a language the lab does not speak", base, "--lang", "fr"));
        if (!cl.getSubcommands().isEmpty()) {
            String first = cl.getSubcommands().keySet().iterator().next();
            cases.add(of("mistyped command", base, first + first.charAt(first.length() - 1)));
            cases.add(of("mistyped command", base, new StringBuilder(first).reverse().toString()));
            cases.add(of("command in upper case", base, first.toUpperCase(java.util.Locale.ROOT)));
            cases.add(of("unknown command", base, "frob"));
        }
        return cases;
    }

    /** Every value of this option's type that no run could use. */
    static List<Case> options(String path, OptionSpec o) {
        List<Case> cases = new ArrayList<>();
        List<String> base = base(path, o);
        String name = o.longestName();
        if (o.arity().max() == 0) {
            cases.add(of("a flag takes no value", base, name + "=abc"));
            return cases;
        }
        cases.add(of("missing value", base, name));
        Kind kind = kind(o);
        Span span = span(o);
        for (Map.Entry<String, String> bad : badValues(kind, span, name).entrySet())
            cases.add(of(bad.getValue(), base, name, bad.getKey()));
        return cases;
    }

    static List<Case> positionals(String path, PositionalParamSpec p) {
        List<Case> cases = new ArrayList<>();
        List<String> base = base(path);
        // the base holds the positional (and, after it, options): drop it to have it missing
        List<String> withoutIt = new ArrayList<>(base.subList(0, Math.min(base.size(), 1 + p.index().min())));
        for (int i = 1 + p.index().min() + 1; i < base.size(); i++) withoutIt.add(base.get(i));
        cases.add(of("missing " + p.paramLabel(), withoutIt));
        List<String> head = withoutIt.subList(0, 1);
        List<String> tail = withoutIt.subList(1, withoutIt.size());
        List<String> values = switch (p.paramLabel()) {
            case "JOB" -> List.of("phase9", "", "PHASE1", "fill_gaps");
            case "EXERCISE" -> List.of("phase2", "", "fillgaps");
            case "URL" -> List.of("", "localhost:4040", "4040", "ftp://127.0.0.1:4040", "http://127.0.0.1:9");
            case "PATH" -> List.of("/proc/nope/x.jsonl", "", fixture().regularFile.toString(), fixture().dir.resolve("nope").toString());
            default -> throw new AssertionError("no invalid values known for " + path + " " + p.paramLabel() + ": add them here");
        };
        for (String v : values) {
            List<String> args = new ArrayList<>(head);
            args.add(v);
            args.addAll(tail);
            cases.add(new Case(p.paramLabel() + " not usable", Map.of(), args));
        }
        return cases;
    }

    enum Kind { INTEGER, DECIMAL, DURATION, INTEGER_LIST, DURATION_LIST, ENUM, PATH, TEXT }

    static Kind kind(OptionSpec o) {
        Class<?> t = o.type();
        boolean list = o.typeInfo().isCollection();
        Class<?> element = list ? o.typeInfo().getAuxiliaryTypes()[0] : t;
        boolean duration = element == Duration.class;
        if (list) return duration ? Kind.DURATION_LIST : Kind.INTEGER_LIST;
        if (duration) return Kind.DURATION;
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return Kind.INTEGER;
        if (t == double.class || t == Double.class) return Kind.DECIMAL;
        if (t.isEnum()) return Kind.ENUM;
        if (t == Path.class) return Kind.PATH;
        if (t == String.class) return Kind.TEXT;
        throw new AssertionError("option " + o.longestName() + " has a type this test does not know: " + t);
    }

    /** The documented range, from the option's help text: "(1–10,000)", "(100 ms–10 min)". */
    record Span(double min, double max, boolean durations) {
    }

    static Span span(OptionSpec o) {
        Matcher m = SPAN.matcher(help(o));
        if (!m.find()) return null;
        boolean durations = kind(o) == Kind.DURATION || kind(o) == Kind.DURATION_LIST;
        return new Span(number(m.group(1), durations), number(m.group(2), durations), durations);
    }

    private static double number(String s, boolean duration) {
        String typed = s.replace("\u00A0", "").replace(" ", ""); // "100 ms" → "100ms", as it is typed
        if (duration) return DurationConverter.parse(typed).toNanos() / 1e6; // ms
        return Double.parseDouble(typed.replace(",", ""));
    }

    /** value → why it is bad. */
    static Map<String, String> badValues(Kind kind, Span span, String name) {
        Map<String, String> v = new LinkedHashMap<>();
        switch (kind) {
            case INTEGER -> {
                v.put("abc", "not a number");
                v.put("1x", "not a number");
                v.put("", "empty");
                v.put("1.5", "not a whole number");
                v.put("1e12", "huge, in exponent notation");
                v.put(name.equals("--seed") ? "99999999999999999999" : "99999999999", "huge");
                outside(v, span);
            }
            case DECIMAL -> {
                v.put("abc", "not a number");
                v.put("1x", "not a number");
                v.put("", "empty");
                v.put("NaN", "not a number");
                v.put("Infinity", "infinite");
                v.put("1e12", "huge");
                v.put("99999999999", "huge");
                outside(v, span);
            }
            case DURATION -> {
                v.put("abc", "not a duration");
                v.put("1x", "unknown unit");
                v.put("", "empty");
                v.put("15", "no unit");
                v.put("2 parsecs", "not a unit of time");
                v.put("1e12", "huge, without unit");
                v.put("99999999999h", "huge");
                outside(v, span);
            }
            case INTEGER_LIST -> {
                v.put("abc", "not a number");
                v.put("", "empty");
                v.put("2,,4", "an empty item");
                v.put("4,4", "a value twice");
                v.put("99999999999", "huge");
                outside(v, span);
            }
            case DURATION_LIST -> {
                v.put("fast", "not a duration");
                v.put("", "empty");
                v.put("5,10", "no unit");
                v.put("5ms,5ms", "a value twice");
                v.put("99999999999h", "huge");
                outside(v, span);
            }
            case ENUM -> {
                v.put("xx", "not one of the choices");
                v.put("", "empty");
                v.put("1", "an index, not a name");
            }
            case PATH -> {
                v.put("/proc/nope/x.jsonl", "cannot be created");
                v.put(fixture().regularFile.resolve("x.jsonl").toString(), "under a regular file");
                v.put("", "empty");
                if (name.equals("--metrics-out")) v.put(fixture().emptyDir.toString(), "a directory, not a file");
                else v.put(fixture().regularFile.toString(), "a file, not a directory");
            }
            case TEXT -> v.putAll(text(name));
        }
        return v;
    }

    /** Just below and just above the documented range, and the usual zero and negative when they are outside it. */
    private static void outside(Map<String, String> v, Span span) {
        if (span == null) return;
        if (span.durations()) {
            if (span.min() > 0) {
                v.put("0", "zero, below the range");
                v.put(DurationConverter.format(ms(span.min() / 2)), "below the range");
            }
            v.put("-1s", "negative");
            v.put(DurationConverter.format(ms(span.max() * 2)), "above the range");
            return;
        }
        boolean whole = span.min() == Math.rint(span.min()) && span.max() == Math.rint(span.max());
        if (!whole && span.min() > 0) v.putIfAbsent(String.valueOf(span.min() / 10), "a sliver above zero, below the range");
        if (span.min() > 0) v.putIfAbsent("0", "zero, below the range");
        if (span.min() >= 0) v.putIfAbsent("-1", "negative");
        if (whole && span.min() - 1 > -1) v.putIfAbsent(plain(span.min() - 1), "just below the range");
        v.putIfAbsent(plain(whole ? span.max() + 1 : span.max() * 10), "above the range");
    }

    private static Duration ms(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Strings: by what the option names. An option not listed here fails the generator: say what is invalid for it. */
    static Map<String, String> text(String name) {
        Map<String, String> v = new LinkedHashMap<>();
        switch (name) {
            case "--host", "--bind" -> {
                v.put("no.such.host.invalid", "unknown host");
                v.put("8.8.8.8", "not an address of this machine");
                v.put("", "empty");
                v.put("256.1.1.1", "not an address");
                v.put("http://127.0.0.1", "a URL, not an address");
            }
            case "--source" -> {
                v.put("no.such.host.invalid:9999", "unknown host");
                v.put("127.0.0.1:" + fixture().closedPort, "nothing listening there");
                v.put("127.0.0.1:0", "port 0");
                v.put("127.0.0.1:99999", "port above 65535");
                v.put("127.0.0.1:abc", "port not a number");
                v.put("127.0.0.1", "no port");
                v.put("", "empty");
                v.put("embeded", "mistyped 'embedded'");
            }
            case "--master" -> {
                v.put("local[100000]", "huge");
                v.put("local[0]", "no thread");
                v.put("local[1]", "the receiver holds the only slot");
                v.put("local[abc]", "not a number");
                v.put("local[-2]", "negative");
                v.put("yarn", "not a master the lab runs on");
                v.put("spark://", "no host");
                v.put("spark://127.0.0.1:99999", "port above 65535");
                v.put("", "empty");
            }
            case "--memory" -> {
                v.put("2", "no unit");
                v.put("lots", "not a size");
                v.put("512m", "less than an executor needs");
                v.put("0g", "zero");
                v.put("-1g", "negative");
                v.put("99999999999g", "huge");
                v.put("2t", "unknown unit");
                v.put("", "empty");
            }
            case "--job" -> {
                v.put("phase9", "no such job");
                v.put("", "empty");
                v.put("PHASE1", "job names are lower case");
            }
            case "--bootstrap-server" -> {
                v.put("no.such.host.invalid:9092", "unknown host");
                v.put("127.0.0.1:" + fixture().closedPort, "no broker listening there");
                v.put("127.0.0.1:99999", "port above 65535");
                v.put("127.0.0.1:abc", "port not a number");
                v.put("127.0.0.1", "no port");
                v.put("", "empty");
            }
            case "--app", "--query" -> {
                v.put("", "empty");
                v.put("  ", "blank");
            }
            case "--lang" -> {
                v.put("xx", "not a language");
                v.put("", "empty");
                v.put("english", "a language name, not its code");
            }
            default -> throw new AssertionError("no invalid values known for text option " + name + ": add them to InvalidInputTest.text");
        }
        return v;
    }

    /** What the model cannot know: combinations, the network, the machine. */
    static List<Case> special() {
        Fixture f = fixture();
        List<Case> cases = new ArrayList<>();
        // the root
        cases.add(new Case("SSP_LANG not a language", Map.of("SSP_LANG", "xx"), List.of("plan")));
        cases.add(of("--lang twice", List.of("--lang", "vi", "--lang", "xx", "plan")));
        cases.add(of("help for an unknown command", List.of("help", "frob")));
        cases.add(of("help for a mistyped command", List.of("help", "rnu")));
        cases.add(of("help with an unknown option", List.of("help", "--frobnicate")));
        cases.add(of("help for two commands", List.of("help", "run", "demo")));
        cases.add(of("options before the command", List.of("--batches", "5", "run", "phase1")));
        // run
        cases.add(of("an option twice", List.of("run", "phase1", "--batches", "5", "--batches", "6")));
        cases.add(of("--wal without --checkpoint", List.of("run", "phase1", "--wal")));
        cases.add(of("--checkpoint with the embedded source", List.of("run", "phase1", "--checkpoint", f.dir.resolve("ckpt").toString())));
        cases.add(of("--checkpoint in a folder that is not a checkpoint", List.of("run", "phase1", "--source", f.liveSource(), "--checkpoint",
                f.dir.toString())));
        cases.add(of("--format with a running source", List.of("run", "phase1", "--source", f.liveSource(), "--format", "stamped")));
        cases.add(of("--rate with a running source", List.of("run", "phase1", "--source", f.liveSource(), "--rate", "100")));
        cases.add(of("--cores-max on a local master", List.of("run", "phase1", "--cores-max", "4")));
        cases.add(of("no Spark master listening", List.of("run", "phase1", "--master", "spark://127.0.0.1:" + f.closedPort)));
        cases.add(of("knobs of an exercise live in its code", List.of("run", "fill-gaps", "--solution", "--partitions", "8")));
        cases.add(of("--solution for a phase", List.of("run", "phase1", "--solution")));
        cases.add(of("--expect lower case but not a verdict", List.of("run", "phase1", "--expect", "stabel")));
        cases.add(of("a cost per word of a whole second at 140 lines/s", List.of("run", "phase1", "--cost", "2s")));
        cases.add(of("a batch interval not in whole milliseconds", List.of("run", "phase1", "--batch-interval", "1500.5ms")));
        cases.add(of("--rate with a comma for a decimal point", List.of("run", "phase1", "--rate", "1,5")));
        // run on Kafka (docs/kafka.md): refused before Spark, and before any broker is started
        cases.add(of("--kafka-partitions 0", List.of("run", "phase1", "--source", "kafka", "--kafka-partitions", "0")));
        cases.add(of("--kafka-partitions without a Kafka source", List.of("run", "phase1", "--kafka-partitions", "4")));
        cases.add(of("a Kafka source without a topic", List.of("run", "phase1", "--source", "kafka://127.0.0.1:9092")));
        cases.add(of("no Kafka broker listening", List.of("run", "phase1", "--source", "kafka://127.0.0.1:" + f.closedPort + "/lines")));
        cases.add(of("a Kafka lesson on a socket source", List.of("run", "kafka-partitions", "--source", f.liveSource())));
        cases.add(of("--kafka-partitions 0 in a plan", List.of("plan", "--job", "kafka-partitions", "--kafka-partitions", "0")));
        cases.add(of("--max-rate-per-partition 0", List.of("run", "kafka-skew", "--max-rate-per-partition", "0")));
        cases.add(of("--max-rate-per-partition without a Kafka source", List.of("run", "phase1", "--max-rate-per-partition", "100")));
        cases.add(of("--max-rate-per-partition on a query", List.of("run", "ss-baseline", "--max-rate-per-partition", "100")));
        // source
        cases.add(of("port taken", List.of("source", "--port", TAKEN)));
        cases.add(of("listen on a wildcard and a port that is taken", List.of("source", "--host", "0.0.0.0", "--port", TAKEN)));
        // plan
        cases.add(of("no repartition and no receiver", List.of("plan", "--no-repartition", "--receivers", "0")));
        cases.add(of("--cores-max on a local master", List.of("plan", "--cores-max", "8")));
        cases.add(of("more receivers than cores", List.of("plan", "--master", "local[4]", "--receivers", "4")));
        cases.add(of("knobs of an exercise live in its code", List.of("plan", "--job", "fix-delay", "--solution", "--partitions", "3")));
        cases.add(of("--target zero", List.of("plan", "--target", "0")));
        cases.add(of("--solution for a phase", List.of("plan", "--solution")));
        // calibrate
        cases.add(of("calibrate on a cluster", List.of("calibrate", "--master", "spark://127.0.0.1:7077")));
        cases.add(of("the high setting above the partitions range", List.of("calibrate", "--partitions", "1000")));
        // sweep
        cases.add(of("cores the receiver leaves no slot of", List.of("sweep", "--cores", "1,2")));
        cases.add(of("--cores with a space", List.of("sweep", "--cores", "2, 4")));
        cases.add(of("rate with a batch interval too short", List.of("sweep", "--batch-interval", "50ms")));
        // check
        cases.add(of("an exercise that is not one", List.of("check", "phase2", "--solution")));
        cases.add(of("two exercises", List.of("check", "fill-gaps", "fix-delay")));
        // report
        cases.add(of("--out a file", List.of("report", f.emptyDir.toString(), "--out", f.regularFile.toString())));
        // cluster start
        cases.add(of("one task slot: the receiver holds it", List.of("cluster", "start", "--cores", "1")));
        cases.add(of("master and UI on one port", List.of("cluster", "start", "--port", "7077", "--ui-port", "7077")));
        cases.add(of("every interface", List.of("cluster", "start", "--host", "0.0.0.0")));
        cases.add(of("port taken", List.of("cluster", "start", "--port", TAKEN, "--ui-port", String.valueOf(f.closedPort))));
        cases.add(of("status takes no argument", List.of("cluster", "status", "now")));
        cases.add(of("stop takes no option", List.of("cluster", "stop", "--force")));
        // kafka start
        cases.add(of("port taken", List.of("kafka", "start", "--port", TAKEN)));
        cases.add(of("every interface: it cannot be advertised", List.of("kafka", "start", "--bind", "0.0.0.0")));
        cases.add(of("status takes no argument", List.of("kafka", "status", "now")));
        cases.add(of("stop takes no option", List.of("kafka", "stop", "--force")));
        // demo
        cases.add(of("--out a file", List.of("demo", "--out", f.regularFile.toString())));
        // compare
        cases.add(of("--out a file", List.of("compare", "--out", f.regularFile.toString())));
        cases.add(of("compare on a cluster", List.of("compare", "--master", "spark://127.0.0.1:7077")));
        cases.add(of("one task slot: the DStream receiver holds it", List.of("compare", "--master", "local[1]")));
        return cases;
    }

    /** Stands for a port that is taken while the case runs: the test binds it just before. */
    static final String TAKEN = "TAKEN";

    static Case of(String why, List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(Arrays.asList(more));
        return new Case(why, Map.of(), args);
    }

    // ---------------------------------------------------------------- running and the model

    static Outcome ssp(Map<String, String> extraEnv, List<String> args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putAll(extraEnv);
        ServerSocket taken = args.contains(TAKEN) ? new ServerSocket(0, 1, InetAddress.getLoopbackAddress()) : null;
        try {
            String[] a = args.stream().map(s -> s.equals(TAKEN) ? String.valueOf(taken.getLocalPort()) : s).toArray(String[]::new);
            int code = Main.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), a);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            Lang.use(Lang.EN);
            if (taken != null) taken.close();
        }
    }

    interface CommandVisitor {
        void visit(String path, CommandLine cl);
    }

    /** The root ("") and every subcommand, depth first, with its path ("cluster start"). */
    static void forEachCommand(CommandLine cl, CommandVisitor visitor) {
        forEachCommand(cl, "", visitor);
    }

    private static void forEachCommand(CommandLine cl, String path, CommandVisitor visitor) {
        visitor.visit(path, cl);
        Set<CommandLine> seen = new LinkedHashSet<>(cl.getSubcommands().values()); // aliases map to the same one
        for (CommandLine sub : seen) forEachCommand(sub, (path.isEmpty() ? "" : path + " ") + sub.getCommandName(), visitor);
    }

    /** Options a user types for this command: not --help/--version, not the --lang every command inherits (the generic cases cover it). */
    static List<OptionSpec> ownOptions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.inherited() && !o.hidden()).toList();
    }

    /**
     * The command line with its English help: the bundle's texts, the ranges filled in from the constants
     * in English (the spans {@link #span} reads). Built anew each time: a Vietnamese case in between
     * publishes the Vietnamese spans.
     */
    static CommandLine englishCommandLine() {
        return Main.localize(Main.commandLine(discard(), discard()), Lang.EN);
    }

    /** The option's help: the annotation's text, or (an option with only a descriptionKey) the English bundle's. */
    static String help(OptionSpec o) {
        String text = String.join(" ", o.description());
        if (text.isEmpty() && o.descriptionKey() != null && !o.descriptionKey().isEmpty())
            text = io.ssplab.core.Messages.bundle(io.ssplab.core.Lang.EN).getString(o.descriptionKey());
        return text;
    }

    static PrintStream discard() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
