package io.ssplab.source;

/**
 * What the source did for one client connection: the source's side of the record accounting.
 *
 * @param client          the connection's number at this source (the CLIENT of a {@link LineStamp})
 * @param peer            the client's address
 * @param sentLines       lines written and flushed to the connection
 * @param blockedMs       time its writes were blocked because the connection did not take more data
 *                        (TCP backpressure: the receiver reads slower than the source sends)
 * @param maxBacklogLines most lines that were due but not yet written at one moment: where the excess
 *                        waits once the connection's buffers are full
 * @param connected       whether the connection is still open
 * @param ending          why the connection ended ("" while connected)
 */
public record ClientStats(int client, String peer, long sentLines, long blockedMs, long maxBacklogLines,
                          boolean connected, String ending) {
}
