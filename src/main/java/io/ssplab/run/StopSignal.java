package io.ssplab.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks a running job to stop, from any thread (batch limit, timer, Ctrl-C, a test). The first reason wins. */
public final class StopSignal {
    private final CompletableFuture<String> reason = new CompletableFuture<>();

    public void request(String why) {
        reason.complete(why);
    }

    public boolean requested() {
        return reason.isDone();
    }

    /** The reason, or null if none yet after waiting {@code millis}. */
    public String await(long millis) throws InterruptedException {
        try {
            return reason.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
