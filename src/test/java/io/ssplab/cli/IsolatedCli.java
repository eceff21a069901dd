package io.ssplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For tests of the planner's commands: runs bin/ssp in-process with {@code ssp.home} in a temporary
 * folder, so the project's own runs/calibration.json never leaks into a test and a test's never into
 * the project, and keeps what the command printed.
 */
abstract class IsolatedCli {
    @TempDir
    Path home;
    private String previousHome;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void isolateSspHome() {
        previousHome = System.getProperty("ssp.home");
        System.setProperty("ssp.home", home.toString());
    }

    @AfterEach
    void restoreSspHome() {
        if (previousHome == null) System.clearProperty("ssp.home");
        else System.setProperty("ssp.home", previousHome);
    }

    int ssp(String... args) {
        return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /** {@code command ARGS…} */
    int ssp(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return ssp(all);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
