package io.ssplab.pipeline;

/**
 * CPU-bound per-record work: a calibrated busy loop of a deterministic computation (xorshift64, whose
 * result is published, so the JIT can neither drop nor shortcut it), sized so that 1 ms of cost keeps one
 * idle CPU core busy for 1 ms.
 *
 * <p>Why: the lab's default cost is a wait ({@link RecordCost}), which needs no CPU — 7 waiting tasks
 * run side by side on a 2-core laptop. Real per-record work (parsing, scoring, compressing) is often
 * CPU-bound: then 7 tasks on 2 cores progress no faster than 2 (docs/level2.md).
 *
 * <p>Calibration: how many iterations one core does per millisecond, measured once per JVM (about
 * 0.3 s, at the first CPU cost a job defines) or given by {@code bin/ssp calibrate} ({@link #use}). It
 * times many short runs of the loop and keeps the fastest: a run that was not interrupted by another
 * program is what an idle core does, which is what "1 ms of CPU" means here. The iterations per record
 * are computed on the driver and travel with the job's closures, so every executor does the same work.
 */
public final class CpuWork {
    /** Iterations per millisecond of one core; NaN until measured or given. */
    private static volatile double iterationsPerMs = Double.NaN;
    /** Where each burn's result goes, so the loop has an observable effect. */
    private static volatile long sink;
    /** How often (in iterations) a long burn looks at its thread's interrupt flag: a killed task stops within ~0.1 ms. */
    private static final long CHECK_EVERY = 1 << 16;

    static final int TRIALS = 40;
    static final long TRIAL_ITERATIONS = 200_000;

    private CpuWork() {
    }

    /** Iterations one core does per millisecond: the given calibration, else measured now (once per JVM). */
    public static double iterationsPerMs() {
        double r = iterationsPerMs;
        if (Double.isNaN(r)) {
            synchronized (CpuWork.class) {
                if (Double.isNaN(iterationsPerMs)) iterationsPerMs = measure();
                r = iterationsPerMs;
            }
        }
        return r;
    }

    /** Uses a calibration measured earlier ({@code bin/ssp calibrate}) instead of measuring at start-up. */
    public static void use(double perMs) {
        if (!(perMs > 0) || Double.isInfinite(perMs)) throw new IllegalArgumentException("iterations per ms must be positive, got " + perMs);
        iterationsPerMs = perMs;
    }

    /** Whether this JVM has its calibration already (measured or given). */
    public static boolean calibrated() {
        return !Double.isNaN(iterationsPerMs);
    }

    /** The iterations that keep one idle core busy for {@code costNanos}. */
    public static long iterationsFor(long costNanos) {
        if (costNanos <= 0) return 0;
        return Math.max(1, Math.round(costNanos / 1e6 * iterationsPerMs()));
    }

    /**
     * Burns {@code iterations} of the loop on this thread and returns its result. Stops early when the
     * thread is interrupted (a task being killed), keeping the flag.
     */
    public static long burn(long iterations) {
        long x = 0x9E3779B97F4A7C15L ^ iterations;
        long done = 0;
        while (done < iterations) {
            long chunk = Math.min(CHECK_EVERY, iterations - done);
            for (long i = 0; i < chunk; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            done += chunk;
            if (done < iterations && Thread.currentThread().isInterrupted()) break;
        }
        sink = x;
        return x;
    }

    /** Measures iterations per ms: JIT warm-up first, then the fastest of {@value #TRIALS} short runs. */
    public static double measure() {
        for (int i = 0; i < 200; i++) burn(20_000);      // the loop compiled by the JIT
        for (int i = 0; i < 10; i++) burn(TRIAL_ITERATIONS);
        double best = 0;
        for (int t = 0; t < TRIALS; t++) {
            long start = System.nanoTime();
            burn(TRIAL_ITERATIONS);
            long took = System.nanoTime() - start;
            if (took > 0) best = Math.max(best, TRIAL_ITERATIONS / (took / 1e6));
        }
        return best;
    }

    /**
     * How many cores' worth of this loop {@code threads} threads get at once, right now: each burns
     * {@code msEach} ms of calibrated work, and the wall time they need together says it (2 threads
     * on 2 idle cores: 2.0; on a machine other programs keep busy: less). For {@code bin/ssp calibrate}.
     */
    public static double effectiveParallelism(int threads, double msEach) throws InterruptedException {
        long iterations = Math.round(msEach * iterationsPerMs());
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> burn(iterations), "ssp-cpu-calibration-" + i);
            workers[i].start();
        }
        for (Thread w : workers) w.join();
        double wallMs = (System.nanoTime() - start) / 1e6;
        return Math.min(threads, threads * msEach / wallMs);
    }

    /** The last burn's result (keeps the loop observable; tests use it to see that work was done). */
    static long sink() {
        return sink;
    }
}
