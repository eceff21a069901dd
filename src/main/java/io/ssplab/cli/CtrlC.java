package io.ssplab.cli;

import io.ssplab.core.Messages;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first Ctrl-C into a polite stop request (so a run still prints its summary and writes its
 * files), and a second Ctrl-C into an immediate exit.
 */
final class CtrlC implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;
    private volatile boolean pressed;

    private CtrlC(Runnable onFirst) {
        SignalHandler handler = sig -> {
            if (pressed) {
                System.err.println("\n" + Messages.get("cli.ctrlC.second"));
                Runtime.getRuntime().halt(130);
            }
            pressed = true;
            System.err.println("\n" + Messages.get("cli.ctrlC.first"));
            onFirst.run();
        };
        SignalHandler prev;
        try {
            prev = Signal.handle(INT, handler);
        } catch (IllegalArgumentException unsupported) {
            prev = null; // no SIGINT on this platform/JVM: Ctrl-C keeps its default meaning
        }
        this.previous = prev;
    }

    static CtrlC onFirstPress(Runnable onFirst) {
        return new CtrlC(onFirst);
    }

    @Override
    public void close() {
        if (previous != null) Signal.handle(INT, previous);
    }
}
