package io.ssplab.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import io.ssplab.jobs.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/ssp}: the lab's command line. Every subcommand returns an exit code instead of calling
 * {@code System.exit}, so tests run it in-process: {@code Main.run(out, err, "run", "phase1", "--batches", "4")}.
 */
@Command(name = "ssp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Spark Streaming Performance Lab: batch interval, processing time and scheduling delay — measured, explained and predicted.",
        subcommands = {
                DemoCommand.class,
                RunCommand.class,
                SourceCommand.class,
                CheckCommand.class,
                ReportCommand.class,
                ClusterCommand.class,
                PlanCommand.class,
                CalibrateCommand.class,
                SweepCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Start with: bin/ssp demo", "Exit codes: 0 ok, 1 ran but failed (or not attempted), 2 bad input."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Bad input: one line that says what is wrong and how to fix it, exit code 2.
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName() + ": " + describe(ex) + " (see '" + qualifiedName(c) + " --help')");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InvalidSpecException) {
                c.getErr().println(c.getCommandName() + ": " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            throw ex;
        });
        return cli;
    }

    /**
     * A mistyped subcommand ({@code bin/ssp chek}) reads as "unknown command" with the closest names,
     * not as picocli's "Unmatched arguments from index 0"; everything else as picocli says it.
     */
    static String describe(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !c.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && c.getParseResult() != null && c.getParseResult().originalArgs().indexOf(u.getUnmatched().get(0)) == 0) {
            String typed = u.getUnmatched().get(0);
            if (!typed.startsWith("-")) {
                java.util.List<String> close = u.getSuggestions();
                return "unknown command '" + typed + "': choose one of " + String.join(", ", c.getSubcommands().keySet())
                        + (close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)");
            }
        }
        return ex.getMessage();
    }

    private static String qualifiedName(CommandLine c) {
        StringBuilder name = new StringBuilder(c.getCommandName());
        for (CommandLine p = c.getParent(); p != null; p = p.getParent()) name.insert(0, p.getCommandName() + " ");
        return name.toString().replaceFirst("^ssp", "bin/ssp");
    }

    /** Entry point of a job class's {@code main}, e.g. for spark-submit: {@code run <job> ARGS}. */
    public static void runJobMain(String job, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = job;
        System.arraycopy(args, 0, all, 2, args.length);
        main(all);
    }

    /** ARGS → --solution ARGS. */
    public static String[] withSolution(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "--solution";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ssp " + (v == null ? "(development build)" : v) + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                    + ", Java " + Runtime.version()};
        }
    }
}
