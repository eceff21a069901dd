package io.ssplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** STUB until kafka-broker lands (helper A owns this class): only the subcommands of kafka-eo. */
@Command(name = "kafka", mixinStandardHelpOptions = true, subcommands = {KafkaExactlyOnceCommand.class, KafkaRealTimeCommand.class})
public final class KafkaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
