package io.ssplab.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a running job to stop, from any thread (its stop rule, a timer, Ctrl-C, a test). The first
 * reason wins.
 *
 * <p>A command with several runs (the demo's acts, a sweep's cells) holds one signal that Ctrl-C
 * requests, and gives each run a {@link #child()}: stopping the command stops the run under way and
 * every later one, while a run that ends on its own does not stop the command.
 */
public final class StopSignal {
    private final CompletableFuture<String> reason = new CompletableFuture<>();
    private final List<StopSignal> children = new CopyOnWriteArrayList<>();

    public void request(String why) {
        if (reason.complete(why)) children.forEach(c -> c.request(why));
    }

    public boolean requested() {
        return reason.isDone();
    }

    /** A signal requested when this one is (with the same reason), but not the other way round. */
    public StopSignal child() {
        StopSignal child = new StopSignal();
        children.add(child);
        if (requested()) child.request(reason.getNow(""));
        return child;
    }

    /** The reason, or null if none yet after waiting {@code millis}. */
    public String await(long millis) throws InterruptedException {
        try {
            return reason.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reason, or null when none was given. */
    public String reason() {
        return reason.getNow(null);
    }
}
