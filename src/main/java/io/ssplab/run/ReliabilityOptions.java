package io.ssplab.run;

import java.nio.file.Path;

import io.ssplab.source.LineFormat;

/**
 * The run options of docs/reliability.md.
 *
 * @param format     line format of the embedded source (a running source has its own)
 * @param checkpoint checkpoint directory for driver recovery, or null
 * @param wal        whether the receiver writes what it receives to a write-ahead log (needs a checkpoint)
 */
public record ReliabilityOptions(LineFormat format, Path checkpoint, boolean wal) {
    public static final ReliabilityOptions DEFAULT = new ReliabilityOptions(LineFormat.CLASSIC, null, false);

    public ReliabilityOptions {
        if (format == null) format = LineFormat.CLASSIC;
    }
}
