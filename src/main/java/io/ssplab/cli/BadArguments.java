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
        List<String> close = u.getSuggestions();
        String suggestion = close.isEmpty() ? "" : Messages.get("cli.didYouMean", close.get(0));
        boolean atCommandPosition = !c.getSubcommands().isEmpty() && c.getParseResult() != null
                && c.getParseResult().originalArgs().indexOf(typed) == c.getParseResult().originalArgs().indexOf(c.getCommandName()) + 1;
        if (!typed.startsWith("-") && !c.getSubcommands().isEmpty() && (atCommandPosition || c.getParent() == null))
            return Messages.get("cli.unknownCommand", typed, String.join(", ", Main.commandNames(c).stream().filter(n -> !n.equals("help")).toList()))
                    + suggestion;
        if (typed.startsWith("-")) return Messages.get("cli.unknownOption", typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed) + suggestion;
        return Messages.get("cli.unexpectedArgument", typed);
    }

    private static String missing(CommandLine.MissingParameterException m) {
        List<ArgSpec> missing = m.getMissing();
        if (missing == null || missing.isEmpty()) return oneLine(m);
        ArgSpec a = missing.get(0);
        if (a instanceof OptionSpec o) return Messages.get("cli.needsValue", o.longestName(), example(o.longestName(), o.paramLabel()));
        String label = a.paramLabel();
        String choices = a instanceof PositionalParamSpec p && p.completionCandidates() != null
                ? String.join(", ", (Iterable<String>) p.completionCandidates()) : "";
        return choices.isEmpty() ? Messages.get("cli.missing", label) : Messages.get("cli.missingOneOf", label, choices);
    }

    /** A value picocli could not convert: a number that is not one, a word outside a choice, a duration without unit. */
    private static String badValue(ArgSpec arg, String value, CommandLine.ParameterException ex) {
        String name = name(arg);
        Class<?> type = arg.type();
        if (type.isEnum()) {
            StringBuilder choices = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                if (choices.length() > 0) choices.append(", ");
                choices.append(constant.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return Messages.get("cli.notOneOf", name, value, choices);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class)
            return Messages.get("cli.notWholeNumber", name, value, example(name, arg.paramLabel()));
        if (type == double.class || type == Double.class)
            return Messages.get("cli.notNumber", name, value, example(name, arg.paramLabel()));
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

    /** "--rate 140", or "--rate LINES_PER_S" when no example is known. */
    private static String example(String option, String paramLabel) {
        return option + " " + EXAMPLES.getOrDefault(option, paramLabel);
    }

    private static Map<String, String> examples() {
        Map<String, String> m = new HashMap<>();
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

    /** A throwable's message on one line. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        return m.lines().findFirst().orElse(m).strip();
    }
}
