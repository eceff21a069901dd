package io.ssplab.model;

import java.nio.file.Path;

import io.ssplab.core.Format;
import io.ssplab.core.Lang;
import io.ssplab.core.Messages;

/**
 * How many tasks' worth of CPU work run at once on this machine: the cores the JVM can use
 * ({@link Runtime#availableProcessors()}), or the effective parallelism {@code bin/ssp calibrate}
 * measured (on a machine other programs keep busy, less than the cores). CPU-bound tasks run
 * {@code min(free slots, this)} at a time; waits ignore it (docs/level2.md).
 *
 * @param cores      CPU cores' worth of work done at once
 * @param calibrated whether {@code bin/ssp calibrate} measured it (else: the JVM's processors)
 */
public record CpuCapacity(double cores, boolean calibrated) {

    public CpuCapacity {
        if (!(cores > 0) || Double.isInfinite(cores)) throw new IllegalArgumentException("CPU cores must be positive, got " + cores);
    }

    /** The cores the JVM can use. */
    public static CpuCapacity machine() {
        return new CpuCapacity(Runtime.getRuntime().availableProcessors(), false);
    }

    /** The calibration's effective parallelism when it has one, else the JVM's processors. */
    public static CpuCapacity load(Path calibration) {
        try {
            Double measured = Calibration.load(calibration).cpuParallelism();
            if (measured != null && measured > 0 && !measured.isInfinite()) return new CpuCapacity(measured, true);
        } catch (java.io.IOException | RuntimeException none) {
            // no calibration, or an unreadable one: the processors
        }
        return machine();
    }

    /**
     * The default calibration file's ({@link Calibration#defaultPath()}), else the JVM's processors. Read once per
     * file and again only when the file changes (its modification time or size; {@code bin/ssp calibrate} rewrites
     * it): every short {@link Workload} constructor asks for it, and a planner builds many.
     */
    public static CpuCapacity load() {
        Path file = Calibration.defaultPath().toAbsolutePath();
        Stamp stamp = Stamp.of(file);
        Read known = lastRead;
        if (known != null && known.file().equals(file) && known.stamp().equals(stamp)) return known.capacity();
        CpuCapacity read = load(file);
        lastRead = new Read(file, stamp, read);
        return read;
    }

    /** The default calibration last read: which file, as it was then, and what it said. */
    private record Read(Path file, Stamp stamp, CpuCapacity capacity) {
    }

    /** A file as it is now, without reading it: its modification time and size; NONE when there is no such file. */
    private record Stamp(java.nio.file.attribute.FileTime modified, long size) {
        static final Stamp NONE = new Stamp(null, -1);

        static Stamp of(Path file) {
            try {
                var a = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size());
            } catch (java.io.IOException | RuntimeException none) {
                return NONE;
            }
        }
    }

    private static volatile Read lastRead;

    /** "2 (the JVM's processors)", "1.6 (measured by bin/ssp calibrate)". */
    public String describe(Lang lang) {
        return Messages.in(lang, calibrated ? "cpu.capacity.calibrated" : "cpu.capacity.machine", Format.plain(lang, cores));
    }
}
