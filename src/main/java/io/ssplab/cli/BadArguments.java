package io.ssplab.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ssplab.core.Limits;
import io.ssplab.core.Messages;
import io.ssplab.core.Range;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's own refusals in the lab's words: what was typed, what is wrong with it and what to type
 * instead, in the reader's language — "--rate 'abc' is not a number: pass e.g. --rate 140" rather than
 * "Invalid value for option '--rate': 'abc' is not a double".
 */
final class BadArguments {
    /** An example value per option, from the documented ranges ({@link Limits}). */
    private static final Map<String, String> EXAMPLES = examples();

    private BadArguments() {
    }

    static String describe(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) return unmatched(c, u);
        if (ex instanceof CommandLine.MissingParameterException m) return missing(m);
        if (ex instanceof CommandLine.OverwrittenOptionException o) return Messages.get("cli.twice", name(o.getOverwritten()));
        ArgSpec arg = ex.getArgSpec();
        String value = ex.getValue();
        if (arg != null && value != null) return badValue(arg, value, ex);
        if (ex instanceof CommandLine.MaxValuesExceededException) return Messages.get("cli.tooMany", oneLine(ex));
        return oneLine(ex);
    }

    /** A mistyped command, an unknown option, or a word too many. */
    private static String unmatched(CommandLine c, CommandLine.UnmatchedArgumentException u) {
        String typed = u.getUnmatched().get(0);
        boolean option = typed.startsWith("-");
        String name = option && typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> candidates = option
                ? c.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).filter(n -> n.startsWith("--")).toList()
                : Main.commandNames(c);
        String suggestion = suggestion(name, candidates);
        boolean atCommandPosition = !c.getSubcommands().isEmpty() && c.getParseResult() != null
                && c.getParseResult().originalArgs().indexOf(typed) == c.getParseResult().originalArgs().indexOf(c.getCommandName()) + 1;
        if (!typed.startsWith("-") && !c.getSubcommands().isEmpty() && (atCommandPosition || c.getParent() == null))
            return Messages.get("cli.unknownCommand", typed, String.join(", ", Main.commandNames(c).stream().filter(n -> !n.equals("help")).toList()))
                    + suggestion;
        if (option) return Messages.get("cli.unknownOption", name) + suggestion;
        return Messages.get("cli.unexpectedArgument", typed);
    }

    private static String missing(CommandLine.MissingParameterException m) {
        List<ArgSpec> missing = m.getMissing();
        if (missing == null || missing.isEmpty()) return oneLine(m);
        ArgSpec a = missing.get(0);
        if (a instanceof OptionSpec o) return Messages.get("cli.needsValue", o.longestName(), example(o));
        String label = a.paramLabel();
        String choices = a instanceof PositionalParamSpec p && p.completionCandidates() != null
                ? String.join(", ", (Iterable<String>) p.completionCandidates()) : "";
        return choices.isEmpty() ? Messages.get("cli.missing", label) : Messages.get("cli.missingOneOf", label, choices);
    }

    /** A value picocli could not convert: a number that is not one, a word outside a choice, a duration without unit. */
    private static String badValue(ArgSpec arg, String value, CommandLine.ParameterException ex) {
        String name = name(arg);
        if (arg instanceof OptionSpec o && o.arity().max() == 0) return Messages.get("cli.flagNoValue", name);
        // A list (--cores 2,4,8): what is wrong is the item, of the list's element type.
        Class<?> type = arg.typeInfo().isCollection() ? arg.typeInfo().getAuxiliaryTypes()[0] : arg.type();
        if (type.isEnum()) {
            StringBuilder choices = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                if (choices.length() > 0) choices.append(", ");
                choices.append(constant.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return Messages.get("cli.notOneOf", name, value, choices);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class)
            return Messages.get("cli.notWholeNumber", name, value, example(arg));
        if (type == double.class || type == Double.class)
            return Messages.get("cli.notNumber", name, value, example(arg));
        // Our own converters (durations, lists) explain themselves: keep their reason, drop picocli's prefix.
        Throwable cause = ex.getCause();
        String reason = cause instanceof CommandLine.TypeConversionException t ? t.getMessage() : stripPicocliPrefix(oneLine(ex));
        return Messages.get("cli.badValue", name, value, reason);
    }

    private static String stripPicocliPrefix(String message) {
        int colon = message.indexOf("': ");
        return message.startsWith("Invalid value for") && colon > 0 ? message.substring(colon + 3) : message;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /**
     * "--rate 140": the option's default when it has one (it works, and it is this command's: --port
     * is 9999 for the source and 7077 for the cluster), else the example of its range in {@link Limits},
     * else its label ("--rate LINES_PER_S").
     */
    private static String example(ArgSpec arg) {
        String option = name(arg);
        String byDefault = arg.defaultValue();
        if (byDefault != null && !byDefault.isBlank()) return option + " " + byDefault;
        return option + " " + EXAMPLES.getOrDefault(option, arg.paramLabel());
    }

    private static Map<String, String> examples() {
        Map<String, String> m = new HashMap<>();
        // options without a default or a range of their own
        m.put("--master", "local[4]");
        m.put("--metrics-out", "runs/run.jsonl");
        m.put("--out", "runs/");
        m.put("--checkpoint", "runs/ckpt");
        m.put("--expect", "STABLE");
        for (Field f : Limits.class.getFields()) {
            if (f.getType() != Range.class || !Modifier.isStatic(f.getModifiers())) continue;
            try {
                Range r = (Range) f.get(null);
                m.putIfAbsent(r.what(), r.example());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    /** " (did you mean check?)" for the name closest to what was typed (a letter or two off, or a start of it), else "". */
    static String suggestion(String typed, List<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = n.startsWith(typed) && !typed.isEmpty() ? 1 : distance(typed.toLowerCase(java.util.Locale.ROOT), n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 ? Messages.get("cli.didYouMean", best) : "";
    }

    /** Levenshtein distance: letters to add, drop or change to turn a into b. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) row[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** A throwable's message on one line. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).strip();
    }
}
