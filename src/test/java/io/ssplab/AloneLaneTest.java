package io.ssplab;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The quiet lane: the tests whose phenomenon a busy machine blurs, one after the other in one test JVM that keeps
 * the normal CPU priority while the other test JVMs of the parallel execution lower theirs ({@link
 * io.ssplab.lane.QuietLane}). They run beside the rest of the suite instead of after it, and still get the CPU
 * they ask for the moment they ask: their Spark work is mostly waiting (batch intervals, per-record sleeps), so
 * they need little of it, but they need it on time.
 *
 * <p>Its name sorts first (pom: runOrder alphabetical), so the first test JVM to ask for a class takes it before
 * that JVM has run, and lowered itself for, anything else. The classes it runs are excluded from the parallel
 * execution by name (pom), so they run once, here. A class run on its own ({@code -Dtest=DemoStoryTest}) runs as
 * any other.
 */
@Suite
@SelectClasses(names = {
        // the longest first: the lane is the parallel execution's longest thread of work
        "io.ssplab.plainapps.PlainQueryAppTest",
        "io.ssplab.demo.DemoStoryTest",
        "io.ssplab.cli.SweepCommandTest",
        "io.ssplab.plainapps.PlainDStreamAppTest",
        // the salted job's PT must stay under BI: under the parallel execution's load it read 1.9 s against 2 s (2026-12-01)
        "io.ssplab.grader.SkewGraderSparkTest",
        "io.ssplab.grader.QueryGraderSparkTest",
        "io.ssplab.grader.FixDelayGraderSparkTest"})
public class AloneLaneTest {
}
