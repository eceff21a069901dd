package io.ssplab.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;
import io.ssplab.exercises.MissingSolutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/ssp}: the lab's command line. Every subcommand returns an exit code instead of calling
 * {@code System.exit}, so tests run it in-process: {@code Main.run(out, err, "run", "phase1", "--batches", "4")}.
 *
 * <p>Bad input of any kind — an option picocli cannot read, a value outside its range, a path that
 * cannot be written — ends in one line on standard error that says what is wrong and how to fix it,
 * exit code 2, before anything starts; never a stack trace.
 */
@Command(name = "ssp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {
                DemoCommand.class,
                RunCommand.class,
                SourceCommand.class,
                CheckCommand.class,
                ReportCommand.class,
                ClusterCommand.class,
                KafkaCommand.class,
                PlanCommand.class,
                CalibrateCommand.class,
                SweepCommand.class,
                CompareCommand.class,
                HelpCommand.class})
public final class Main implements Runnable {
    /** Set to anything to get the stack trace of an unexpected error (it is one line otherwise). */
    static final String DEBUG_ENV = "SSP_DEBUG";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Read before picocli parses (see {@link #language}); declared so that every command accepts it and documents it.
     * Its help text has one key for every command ({@code descriptionKey}): picocli looks for it qualified by the command first.
     */
    @Option(names = "--lang", paramLabel = "vi|en", scope = ScopeType.INHERIT, descriptionKey = "ssp.lang")
    String lang;

    /** Where subcommands print (System.out/err, or a test's buffers). */
    final PrintStream out;
    final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    /** With the environment given (tests): it decides the language when {@code --lang} does not. */
    static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        try {
            Lang.use(language(args, env));
        } catch (BadInputException bad) {
            err.println("ssp: " + bad.getMessage());
            return ExitCodes.USAGE;
        }
        return localize(commandLine(out, err), Lang.current()).execute(args);
    }

    /**
     * The language of this command: {@code --lang X} or {@code --lang=X} anywhere on the line, else the
     * environment's ({@link Lang#fromEnvironment}). Decided before picocli parses, so that its help and
     * its errors are in that language too.
     */
    static Lang language(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--lang=") ? args[i].substring("--lang=".length())
                    : args[i].equals("--lang") ? (i + 1 < args.length ? args[i + 1] : "") : null;
            if (value == null) continue;
            if (value.isBlank()) throw new BadInputException(Messages.get("bad.langMissing"));
            Lang l = Lang.parse(value);
            if (l == null || !value.strip().matches("(?i)vi|en")) throw new BadInputException(Messages.get("bad.lang", value));
            return l;
        }
        return Lang.fromEnvironment(env);
    }

    /**
     * The help texts of every command in {@code lang}. The bundle is their only source: the annotations
     * carry names, labels and defaults, no words. picocli reads each text from the messages bundle
     * (keys {@code ssp.COMMAND.usage.description}, {@code ssp.COMMAND.OPTION}…; see the bundle's cli
     * section) and fills in the ranges they quote, {@code ${sys:ssp.range.NAME}}, from the constants
     * the commands check ({@link HelpRanges}), spelled in {@code lang}.
     */
    static CommandLine localize(CommandLine cli, Lang lang) {
        HelpRanges.publish(lang);
        cli.setResourceBundle(Messages.bundle(lang));
        // A heading ends in a space picocli's bundle keys cannot keep visibly: set in code.
        String usage = Messages.in(lang, "cli.help.usage") + " ";
        forEach(cli, c -> c.getCommandSpec().usageMessage().synopsisHeading(usage));
        return cli;
    }

    /** {@code cli} and every subcommand under it. */
    static void forEach(CommandLine cli, java.util.function.Consumer<CommandLine> action) {
        action.accept(cli);
        for (CommandLine sub : new java.util.LinkedHashSet<>(cli.getSubcommands().values())) forEach(sub, action);
    }

    /** The command line without its help texts, which {@link #run} then reads in the reader's language ({@link #localize}). */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // A number is a finite one: "NaN" and "Infinity" are refused like "abc" (Double.valueOf would take them).
        CommandLine.ITypeConverter<Double> finite = value -> {
            double d = Double.parseDouble(value.strip());
            if (!Double.isFinite(d)) throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
            return d;
        };
        cli.registerConverter(Double.class, finite);
        cli.registerConverter(Double.TYPE, finite);
        // Bad input: one line that says what is wrong and how to fix it, exit code 2.
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName() + ": " + BadArguments.describe(ex) + " " + Messages.get("cli.seeHelp", qualifiedName(c)));
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof BadInputException) {
                c.getErr().println(c.getCommandName() + ": " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof MissingSolutionException open) {
                c.getErr().println(open.getMessage());
                return ExitCodes.FAILED;
            }
            // Not bad input: a failure we did not foresee. One line, the stack trace only on request.
            c.getErr().println(c.getCommandName() + ": " + Messages.get("cli.unexpected", BadArguments.oneLine(ex), DEBUG_ENV));
            if (System.getenv(DEBUG_ENV) != null) ex.printStackTrace(c.getErr());
            return ExitCodes.FAILED;
        });
        return cli;
    }

    /** "bin/ssp run" for the run command: how the user typed it. */
    static String qualifiedName(CommandLine c) {
        StringBuilder name = new StringBuilder(c.getCommandName());
        for (CommandLine p = c.getParent(); p != null; p = p.getParent()) name.insert(0, p.getCommandName() + " ");
        return name.toString().replaceFirst("^ssp", "bin/ssp");
    }

    /** The subcommands' names, for "unknown command" messages. */
    static List<String> commandNames(CommandLine c) {
        return List.copyOf(c.getSubcommands().keySet());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ssp " + (v == null ? Messages.get("cli.version.dev") : v) + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                    + ", Java " + Runtime.version()};
        }
    }
}
