package io.ssplab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ssplab.core.BadInputException;
import io.ssplab.core.ExitCodes;
import io.ssplab.core.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/ssp help [COMMAND [SUBCOMMAND]]}: the help of a command, like {@code bin/ssp COMMAND --help}.
 * picocli's own help command prints the lab's help for {@code help --frob} and {@code help run demo} and
 * says "Unknown subcommand" in English only; this one refuses what it cannot show, in one line, exit code 2.
 */
@Command(name = "help")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "mixinStandardHelpOptions.help")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..2", descriptionKey = "ssp.help.commands")
    List<String> commands = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine shown = spec.commandLine().getParent();
        for (String name : commands) {
            CommandLine next = shown.getSubcommands().get(name);
            if (next == null) {
                List<String> choices = Main.commandNames(shown).stream().filter(n -> !n.equals(spec.name())).toList();
                if (choices.isEmpty()) throw new BadInputException(Messages.get("cli.unexpectedArgument", name));
                throw new BadInputException(Messages.get("cli.unknownCommand", name, String.join(", ", choices)) + BadArguments.suggestion(name, choices));
            }
            shown = next;
        }
        shown.usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
