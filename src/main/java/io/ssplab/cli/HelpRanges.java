package io.ssplab.cli;

import java.util.Map;

import io.ssplab.core.Lang;
import io.ssplab.core.Limits;
import io.ssplab.core.Range;
import io.ssplab.grader.Grader;

/**
 * The ranges the help texts quote, by name: the one registry between the constants the commands check
 * and the words of the bundles. A help text in messages_en/_vi.properties never types a range's numbers;
 * it writes {@code ${sys:ssp.range.NAME}}, which picocli fills in when it renders the help, from the
 * system property {@link #publish} sets to that range's {@link Range#span(Lang) span} in the reader's
 * language ("0.01–100,000" / "0,01–100.000", "100 ms–10 min").
 *
 * <p><b>A new option with a range</b> (e.g. on the structured-streaming branch): define its {@link Range}
 * beside the code that checks it, add one line to {@link #RANGES} below, and write
 * {@code (${sys:ssp.range.NAME})} in its two help texts. cli.HelpTextTest fails on a name a bundle uses
 * that is not registered here, on a registered range no help quotes, and on a numeric option whose help
 * quotes no range.
 */
final class HelpRanges {
    private HelpRanges() {
    }

    /** The prefix of the system properties: {@code ${sys:ssp.range.partitions}} in a bundle. */
    static final String PROPERTY_PREFIX = "ssp.range.";

    /**
     * name → the range an option checks. Shared knobs keep a plain name; a range only one command has is
     * named after the command ("cluster.port").
     */
    static final Map<String, Range> RANGES = Map.ofEntries(
            // the knobs of a job (run, plan, sweep: JobKnobOptions and their own)
            Map.entry("local-cores", Limits.LOCAL_CORES),
            Map.entry("batch-interval", Limits.BATCH_INTERVAL),
            Map.entry("partitions", Limits.PARTITIONS),
            Map.entry("cost", Limits.COST),
            Map.entry("batch-cost", Limits.BATCH_COST),
            Map.entry("skew", Limits.SKEW),
            Map.entry("rate", Limits.RATE),
            Map.entry("words-per-line", Limits.WORDS_PER_LINE),
            Map.entry("cluster-cores", Limits.CLUSTER_CORES),
            Map.entry("receivers", Limits.RECEIVERS),
            Map.entry("block-interval", Limits.BLOCK_INTERVAL),
            Map.entry("kafka-partitions", Limits.KAFKA_PARTITIONS),
            Map.entry("max-rate-per-partition", Limits.MAX_RATE_PER_PARTITION),
            // how long a run lasts, and its UI
            Map.entry("batches", Limits.BATCHES),
            Map.entry("duration", Limits.DURATION),
            Map.entry("ui-port", Limits.UI_PORT),
            Map.entry("demo.batches", Options.DEMO_BATCHES),
            Map.entry("demo.batches.structured", Options.STRUCTURED_DEMO_BATCHES),
            Map.entry("kafka.exactly-once.lines", io.ssplab.jobs.kafka.ExactlyOnceLesson.LINES),
            Map.entry("kafka.real-time.duration", io.ssplab.jobs.kafka.RealTimeAct.MEASURE),
            Map.entry("check.batches", Grader.BATCHES),
            // calibrate's, also sweep's --batches: both check CalibrateCommand.BATCHES
            Map.entry("short-run.batches", CalibrateCommand.BATCHES),
            Map.entry("calibrate.partitions", CalibrateCommand.PARTITIONS),
            Map.entry("plan.overhead", PlanCommand.OVERHEAD),
            Map.entry("plan.target", PlanCommand.TARGET),
            Map.entry("plan.cores", FittedPlanView.CORES),
            Map.entry("analyze.interval", AnalyzeCommand.INTERVAL),
            Map.entry("sweep.cores", SweepCommand.CORES),
            Map.entry("sweep.partitions", SweepCommand.PARTITIONS),
            Map.entry("sweep.cost", SweepCommand.COSTS),
            Map.entry("sweep.random", SweepCommand.RANDOM),
            Map.entry("compare.batches", CompareCommand.BATCHES),
            // bin/ssp source
            Map.entry("source.port", Options.SOURCE_PORT),
            Map.entry("source.vocabulary", Options.VOCABULARY),
            Map.entry("source.status-every", Options.STATUS_EVERY),
            // bin/ssp cluster start
            Map.entry("cluster.workers", Options.WORKERS),
            Map.entry("cluster.cores", Options.WORKER_CORES),
            Map.entry("cluster.memory", Options.WORKER_MEMORY),
            Map.entry("cluster.port", Options.MASTER_PORT),
            Map.entry("cluster.ui-port", Options.MASTER_UI_PORT),
            Map.entry("cluster.timeout", Options.START_TIMEOUT),
            // bin/ssp kafka start
            Map.entry("kafka.port", Options.KAFKA_PORT));

    /** The system property a help text names as {@code ${sys:…}}. */
    static String property(String name) {
        return PROPERTY_PREFIX + name;
    }

    /**
     * Sets every range's system property to its {@linkplain #span span} in {@code lang}: called before
     * picocli renders the help in that language (Main.localize). The help reads the properties when it
     * is rendered, so the last language published is the one every help text shows.
     */
    static void publish(Lang lang) {
        RANGES.forEach((name, range) -> System.setProperty(property(name), span(range, lang)));
    }

    /**
     * The range as the help shows it: {@link Range#span(Lang)}, a number and its unit joined by a
     * no-break space, so that picocli never wraps a line between them ("0 ms–1" / "s").
     */
    static String span(Range range, Lang lang) {
        return range.span(lang).replace(' ', NO_BREAK_SPACE);
    }

    static final char NO_BREAK_SPACE = '\u00A0';
}
