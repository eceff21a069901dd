package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * How many batches a sweep's cells measure: a grid 4 unless told, a random sweep {@link SweepCommand#RANDOM_BATCHES}
 * (it judges the planner, and its worst figure needs the steadier median), {@code --batches} always wins. Parsed only:
 * nothing runs.
 */
class SweepBatchesTest {

    private static int batchesPerCell(String... args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine root = Main.commandLine(nowhere, nowhere);
        String[] all = new String[args.length + 1];
        all[0] = "sweep";
        System.arraycopy(args, 0, all, 1, args.length);
        root.parseArgs(all);
        return ((SweepCommand) root.getSubcommands().get("sweep").getCommand()).batchesPerCell();
    }

    @Test
    void aGridMeasuresFourBatchesACell() {
        assertThat(batchesPerCell()).isEqualTo(4);
        assertThat(batchesPerCell("--cores", "2,4")).isEqualTo(4);
    }

    @Test
    void aRandomSweepMeasuresTenUnlessTold() {
        assertThat(SweepCommand.RANDOM_BATCHES).isEqualTo(10);
        assertThat(batchesPerCell("--random", "12", "--seed", "2035")).isEqualTo(SweepCommand.RANDOM_BATCHES);
        assertThat(batchesPerCell("--random", "12", "--batches", "4")).isEqualTo(4);
        assertThat(batchesPerCell("--batches", "6")).isEqualTo(6);
    }

    /** The help of --batches types the random default (picocli's ${DEFAULT-VALUE} is the grid's): it must be this one. */
    @Test
    void theHelpQuotesTheRandomDefault() throws IOException {
        assertThat(help("en")).contains(SweepCommand.RANDOM_BATCHES + " with --random");
        assertThat(help("vi")).contains(SweepCommand.RANDOM_BATCHES + " với --random");
    }

    private static String help(String lang) throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = SweepBatchesTest.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return bundle.getProperty("ssp.sweep.batches");
    }
}
