package io.ssplab.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * Everything a person reads comes from the message bundles (messages_en/_vi.properties), in the language
 * of {@code --lang}: a sentence written as a string literal in the code would be printed in English to a
 * Vietnamese reader. This test reads the main sources and fails, naming file:line, when a string literal
 * holding words reaches a place where people read it:
 * <ul>
 *   <li>printing: {@code println}, {@code print}, {@code printf}, {@code format} (an output stream's and
 *       {@code String.format}), {@code "…".formatted};</li>
 *   <li>a line handed to a consumer of lines: {@code notices.accept(…)}, {@code log.accept(…)},
 *       {@code progress.accept(…)} — any {@code .accept(…)} — or added to a list of lines or notes
 *       ({@code notes.add(…)}, any {@code .add(…)});</li>
 *   <li>a message that may be shown: {@code new BadInputException(…)}, {@code new MissingSolutionException(…)},
 *       any other {@code new …Exception(…)} except the programming errors listed in {@link #PROGRAMMING_ERRORS},
 *       a cluster's {@code new StartFailed(…)}, a report {@code new Note(…)}, the driver's {@code new Credentials(…)};</li>
 *   <li>a grade's lines: {@code Criterion.pass/fail/of(…)};</li>
 *   <li>picocli help texts: {@code description =}, {@code header =}, {@code footer =} of an annotation.</li>
 * </ul>
 * Every string literal inside the parentheses counts, also one nested in a call there (an English word
 * passed as an argument of a message is printed as it is) — except the arguments of calls that name
 * things for the machine (JSON field names: {@code node.path("id")}; path components: {@code Path.of(…)})
 * and a literal compared with a value ({@code "classic".equals(format)}).
 *
 * <p>Not text, and so never reported: message keys and other dotted names (spark.cores.max,
 * summary.json); paths and URLs without spaces (/streaming/, runs/); option names (--port, -Dx=y);
 * literals without a word of two or more letters once their format specifiers are removed ("%s", "  ",
 * "· ", "▲", "%-8s %9s%n"); and the small
 * {@link #ALLOWED_WORDS allow-list}, {@link #ALLOWED_LITERALS} and command-name prefixes ("cluster: ") below,
 * each with its reason.
 */
class UserFacingLiteralsTest {

    /**
     * TEMPORARY — remove after merging the branches that convert these packages (i18n-cli, i18n-report,
     * i18n-sweep): their findings are listed by {@link #pendingPackagesAreListed()} (a skipped test whose
     * reason names each one) instead of failing this build.
     */
    static final Set<String> TEMPORARILY_EXCLUDED_PACKAGES = Set.of();

    /**
     * Exceptions that report a broken invariant of the lab's own code (a bug), never a user's input:
     * their messages are for the developer reading a stack trace, in English. Anything a user can
     * trigger is a {@code BadInputException} (or an IOException whose message is shown) instead.
     */
    static final Set<String> PROGRAMMING_ERRORS = Set.of("IllegalArgumentException", "IllegalStateException", "UncheckedIOException",
            "AssertionError", "UnsupportedOperationException", "NullPointerException");

    /** Constructors whose text people read (besides exceptions). */
    static final Set<String> CONSTRUCTOR_SINKS = Set.of("StartFailed", "Note", "Credentials");

    /** Calls whose arguments are printed or become a printed line. */
    static final Set<String> METHOD_SINKS = Set.of("println", "print", "printf", "format", "accept", "add");

    /** Annotation attributes that picocli prints as help. */
    static final Set<String> ANNOTATION_SINKS = Set.of("description", "header", "footer");

    /**
     * Words written the same in both languages: units of measure as the lab prints them after a number,
     * and the Spark UI's abbreviations the glossary keeps in English (PT, SD, BI).
     */
    static final Set<String> ALLOWED_WORDS = Set.of("ms", "µs", "min", "KiB", "PT", "SD", "BI",
            // Verdicts are printed in English in both languages: they are values of summary.json and of --expect (glossary).
            "STABLE", "UNSTABLE", "INCONCLUSIVE");

    /**
     * Whole literals that are not sentences: prefixes naming the program or the part that speaks (its
     * name is the same in both languages), and master URL fragments.
     */
    static final Set<String> ALLOWED_LITERALS = Set.of(
            "[source] ", // the embedded source's lines in the run's console, like Spark's own log prefixes
            "[spark] ", // Spark's notices relayed by the run
            "local["); // a master URL being built

    /**
     * The program's and its commands' names before a line of theirs ("ssp: ", "cluster: "), as Unix tools
     * prefix their messages: typed the same in both languages.
     */
    private static final Pattern COMMAND_PREFIX = Pattern.compile("(ssp|demo|run|source|check|report|cluster|kafka|plan|calibrate|sweep): ");

    /** A java.util.Formatter specifier, removed before looking for words. */
    private static final Pattern SPECIFIER = Pattern.compile("%(\\d+\\$|<)?[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z%]");
    /** A word: two or more letters (a lone letter is a unit, a variable or a format conversion: s, P, f). */
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /** Dotted names: keys, settings, file names (see {@link #isMachineName}). */
    private static final Pattern INNER_DOT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");
    private static final Pattern LEADING_DOT = Pattern.compile("\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern TRAILING_DOT = Pattern.compile("([A-Za-z0-9_-]+\\.)+");
    /** Command-line options and JVM flags: --port, -cp, -Xmx1g, -Dspark.port.maxRetries=0. */
    private static final Pattern OPTION = Pattern.compile("-{1,2}[A-Za-z][\\w.-]*(=\\S*)?");
    /** A path or URL without spaces: /streaming/, runs/, http://host. */
    private static final Pattern PATH = Pattern.compile("[\\w.:~*-]*/[\\w./:~*-]*");

    record Finding(String file, int line, String literal, String sink) {
        String pkg() {
            String[] parts = file.split("/");
            return parts.length > 1 ? parts[0] : "";
        }

        @Override
        public String toString() {
            return file + ":" + line + ": \"" + literal.replace("\n", "\\n") + "\" (in " + sink + ")";
        }
    }

    // ---- the tests

    @Test
    void noUserFacingLiteralOutsideTheBundles() throws IOException {
        List<Finding> findings = scan().stream().filter(f -> !TEMPORARILY_EXCLUDED_PACKAGES.contains(f.pkg())).toList();
        assertThat(findings).as("string literals printed or shown outside the message bundles (put the sentence in "
                + "messages_en.properties and messages_vi.properties and use Messages.get)").isEmpty();
    }

    @Test
    void pendingPackagesAreListed() throws IOException {
        List<Finding> pending = scan().stream().filter(f -> TEMPORARILY_EXCLUDED_PACKAGES.contains(f.pkg())).toList();
        pending.forEach(f -> System.out.println("pending i18n: " + f));
        Assumptions.assumeTrue(pending.isEmpty(), () -> pending.size() + " literal(s) in " + TEMPORARILY_EXCLUDED_PACKAGES
                + " still to convert:\n" + String.join("\n", pending.stream().map(Finding::toString).toList()));
    }

    @Test
    void theScannerFindsWhatItShouldAndOnlyThat() {
        String code = """
                class X {
                    void f(java.io.PrintStream out) {
                        out.println("started the master");          // 3: a sentence printed
                        out.printf("%-8s %9s%n", a, b);              // format only
                        out.println(Messages.get("run.stopped", "interrupted")); // 5: a word passed to a message
                        throw new BadInputException("--port " + p + " is taken"); // 6
                    }
                    // out.println("in a comment");
                    /* out.println("in a block comment"); */
                    String s = "not printed";
                    void g() {
                        notices.accept(String.format(Locale.ROOT, "master ALIVE after %.1f s", t)); // 12
                        out.println("[source] " + line);
                        out.println("  " + x + " · " + y + " ▲");
                        throw new IllegalStateException("a bug: the lab's own invariant");
                        String t = \"""
                            a text block
                            \""".formatted(x);
                        log.accept(Criterion.fail("gap", m, h).name());
                        conf.set("spark.cores.max", String.valueOf(c)); out.println(Messages.get("summary.head") + " --port");
                        char c = '"'; out.println("it's \\"quoted\\"");
                        workers.add(new W(w.path("id").asText(), Path.of("bin", "java")));        // machine names
                        out.println("classic".equals(f) ? "x" : f + "/streaming/");       // compared, a path
                        notes.add("cluster: asking for " + n + " cores");                   // 24
                        out.println(v == STABLE ? "STABLE" : "…");
                        err.println("cluster: " + line); err.println("cluster: starting");     // 26: a prefix, then a sentence
                        out.println(now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));     // a date pattern
                    }
                }
                """;
        List<Finding> found = scan("x/X.java", code);
        assertThat(found).extracting(Finding::line).containsExactly(3, 5, 6, 12, 16, 19, 21, 24, 24, 26);
        assertThat(found.get(0).literal()).isEqualTo("started the master");
        assertThat(found.get(1).literal()).isEqualTo("interrupted");
        assertThat(found.get(3).sink()).isEqualTo("accept");
        assertThat(found.get(5).literal()).isEqualTo("gap");
        assertThat(found.get(6).literal()).isEqualTo("it's \\\"quoted\\\"");
    }

    // ---- the scanner

    static Path mainSources() {
        Path project = Path.of(System.getProperty("ssp.project.dir", "."));
        return project.resolve("src/main/java/io/ssplab");
    }

    static List<Finding> scan() throws IOException {
        Path root = mainSources();
        assertThat(root).as("main sources").isDirectory();
        List<Finding> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                all.addAll(scan(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    private enum Kind { IDENT, STRING, CHAR, OTHER }

    private record Token(Kind kind, String text, int line) {
        boolean is(String s) {
            return kind != Kind.STRING && kind != Kind.CHAR && text.equals(s);
        }
    }

    /** Java tokens, comments dropped; a string token's text is the literal's content as written (escapes kept). */
    static List<Token> tokens(String src) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int j = start;
                while (j < n && !(src.startsWith("\"\"\"", j) && src.charAt(j - 1) != '\\')) j++;
                String body = src.substring(start, Math.min(j, n));
                // a text block's content starts after the line break that follows its opening quotes
                int firstBreak = body.indexOf('\n');
                tokens.add(new Token(Kind.STRING, (firstBreak < 0 ? body : body.substring(firstBreak + 1)).stripIndent().strip(), line));
                line += count(src, i, Math.min(j + 3, n));
                i = Math.min(j + 3, n);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') j += src.charAt(j) == '\\' ? 2 : 1;
                tokens.add(new Token(c == '"' ? Kind.STRING : Kind.CHAR, src.substring(i + 1, Math.min(j, n)), line));
                i = Math.min(j + 1, n);
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) j++;
                tokens.add(new Token(Kind.IDENT, src.substring(i, j), line));
                i = j;
            } else {
                tokens.add(new Token(Kind.OTHER, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) if (s.charAt(k) == '\n') lines++;
        return lines;
    }

    /** The findings of one source file. */
    static List<Finding> scan(String file, String src) {
        List<Token> t = tokens(src);
        List<Finding> findings = new ArrayList<>();
        java.util.Set<Integer> reported = new java.util.HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            String sink = sinkAt(t, i);
            if (sink == null) continue;
            if (sink.equals("formatted")) {
                // "…".formatted(…): the literal is the receiver
                report(file, t, i - 2, sink, findings, reported);
                continue;
            }
            int open = i + 1;
            while (open < t.size() && !t.get(open).is("(") && !t.get(open).is("=")) open++;
            int depth = 0;
            java.util.Deque<String> calls = new java.util.ArrayDeque<>(); // the call each open parenthesis belongs to
            for (int k = open; k < t.size(); k++) {
                Token tok = t.get(k);
                if (tok.is("(") || tok.is("{")) {
                    depth++;
                    calls.push(tok.is("(") ? callBefore(t, k) : "{");
                } else if (tok.is(")") || tok.is("}")) {
                    depth--;
                    if (!calls.isEmpty()) calls.pop();
                    if (depth <= 0 && t.get(open).is("(")) break;
                    if (depth < 0) break;
                } else if (depth == 0 && t.get(open).is("=") && (tok.is(",") || tok.is(")"))) {
                    break; // end of an annotation attribute's value
                } else if (tok.kind() == Kind.STRING && !machineArgument(calls.peek()) && !comparedWith(t, k)) {
                    report(file, t, k, sink, findings, reported);
                }
            }
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::line));
        return findings;
    }

    /** "Path.of", "node.path", "Messages.get", "format": the call whose parenthesis opens at token k. */
    private static String callBefore(List<Token> t, int k) {
        if (k == 0 || t.get(k - 1).kind() != Kind.IDENT) return "";
        String name = t.get(k - 1).text();
        return k >= 3 && t.get(k - 2).is(".") && t.get(k - 3).kind() == Kind.IDENT ? t.get(k - 3).text() + "." + name : name;
    }

    /**
     * Arguments that name things for the machine, not for people: JSON field names ({@code node.path("id")},
     * {@code has}, {@code get} — but not {@code Messages.get}, whose other arguments are printed), path
     * components ({@code Path.of("runs", "cluster")}, {@code resolve}), date and regular-expression patterns
     * ({@code DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")}, {@code Pattern.compile}).
     */
    private static boolean machineArgument(String call) {
        if (call == null) return false;
        String name = call.substring(call.lastIndexOf('.') + 1);
        if (call.startsWith("Messages.")) return false;
        return Set.of("path", "has", "get", "at", "resolve", "resolveSibling", "getProperty", "getenv", "ofPattern", "compile").contains(name)
                || call.equals("Path.of") || call.equals("Paths.get");
    }

    /** {@code "classic".equals(x)}, {@code x.startsWith("no calibration")}: compared with a value, not printed. */
    private static boolean comparedWith(List<Token> t, int k) {
        Set<String> comparisons = Set.of("equals", "equalsIgnoreCase", "startsWith", "endsWith", "contains");
        boolean receiver = k + 2 < t.size() && t.get(k + 1).is(".") && comparisons.contains(t.get(k + 2).text());
        boolean argument = k >= 2 && t.get(k - 1).is("(") && comparisons.contains(t.get(k - 2).text());
        return receiver || argument;
    }

    private static void report(String file, List<Token> t, int k, String sink, List<Finding> findings, java.util.Set<Integer> reported) {
        if (k < 0 || t.get(k).kind() != Kind.STRING || !reported.add(k)) return;
        if (isText(t.get(k).text())) findings.add(new Finding(file, t.get(k).line(), t.get(k).text(), sink));
    }

    /** The sink starting at token i, or null. */
    private static String sinkAt(List<Token> t, int i) {
        Token tok = t.get(i);
        if (tok.kind() != Kind.IDENT || i + 1 >= t.size()) return null;
        boolean call = t.get(i + 1).is("(");
        boolean member = i > 0 && t.get(i - 1).is(".");
        if (call && member && METHOD_SINKS.contains(tok.text())) return tok.text();
        if (call && member && tok.text().equals("formatted") && i >= 2 && t.get(i - 2).kind() == Kind.STRING) return "formatted";
        if (call && i > 0 && t.get(i - 1).is("new")
                && (CONSTRUCTOR_SINKS.contains(tok.text()) || tok.text().endsWith("Exception") && !PROGRAMMING_ERRORS.contains(tok.text())))
            return "new " + tok.text();
        if (call && member && i >= 2 && t.get(i - 2).is("Criterion")) return "Criterion." + tok.text();
        if (t.get(i + 1).is("=") && ANNOTATION_SINKS.contains(tok.text()) && insideAnnotation(t, i)) return "@" + tok.text();
        return null;
    }

    /** Whether token i is an attribute inside the parentheses of an annotation (@Command(… description = …)). */
    private static boolean insideAnnotation(List<Token> t, int i) {
        int depth = 0;
        for (int k = i - 1; k > 0; k--) {
            if (t.get(k).is(")")) depth++;
            else if (t.get(k).is("(")) {
                if (depth == 0) return t.get(k - 1).kind() == Kind.IDENT && k >= 2 && t.get(k - 2).is("@");
                depth--;
            } else if (t.get(k).is(";") || t.get(k).is("{") || t.get(k).is("}")) {
                return false;
            }
        }
        return false;
    }

    /** Whether a literal reads as words for people (see the class comment for what does not). */
    static boolean isText(String literal) {
        if (ALLOWED_LITERALS.contains(literal) || COMMAND_PREFIX.matcher(literal).matches()) return false;
        if (isMachineName(literal)) return false;
        if (PATH.matcher(literal).matches()) return false;
        if (OPTION.matcher(literal.strip()).matches()) return false;
        String words = SPECIFIER.matcher(literal).replaceAll(" ");
        Matcher w = WORD.matcher(words);
        while (w.find()) if (!ALLOWED_WORDS.contains(w.group())) return true;
        return false;
    }

    /**
     * A message key or a fragment of one ("exercise.", ".hint", "noun.wave" of noun.wave.one), a Spark or
     * log4j setting (spark.cores.max), a file name (summary.json): names with a dot between, or before, names.
     */
    static boolean isMachineName(String literal) {
        if (Messages.has(literal)) return true;
        if (INNER_DOT.matcher(literal).matches() || LEADING_DOT.matcher(literal).matches()) return true;
        return TRAILING_DOT.matcher(literal).matches() && Messages.bundle(Lang.EN).keySet().stream().anyMatch(k -> k.startsWith(literal));
    }
}
