package io.ssplab.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssplab.core.Knobs;
import io.ssplab.core.Master;
import io.ssplab.core.Lang;
import io.ssplab.core.RunSummary;
import io.ssplab.core.Verdict;
import io.ssplab.metrics.Batches;
import io.ssplab.metrics.Summarizer;
import io.ssplab.model.BatchArithmetic;
import io.ssplab.model.Workload;

/** What the demo's story asks of each act, judged on recorded (made-up) summaries, in both languages: no Spark. */
class StoryTest {
    /** A summary of {@code knobs} over ten 2 s batches of {@code records} lines with these processing times. */
    static RunSummary act(Knobs knobs, long records, long pt) {
        return Summarizer.summarize(knobs, Batches.simulate(records, Batches.repeat(pt, 10)));
    }

    static final RunSummary PHASE1 = act(Phase1Baseline.KNOBS, 280, 300);
    static final RunSummary PHASE2 = act(Phase2Bottleneck.KNOBS, 280, 2600);
    static final RunSummary PHASE3 = act(Phase3Parallelism.KNOBS, 280, 1400);

    @Test
    void theActsAreThePhasesInOrder() {
        assertThat(Story.ACTS).containsExactly("phase1", "phase2", "phase3");
        assertThat(Story.BACKPRESSURE_ACT).isEqualTo("phase4");
        assertThat(Story.CALIBRATING_ACT).isEqualTo("phase1");
        assertThat(Phase1Baseline.KNOBS.cost()).as("the calibrating act has no cost: its PT is all overhead").isZero();
        assertThat(Story.EXPECTED).containsEntry("phase1", Verdict.STABLE).containsEntry("phase2", Verdict.UNSTABLE)
                .containsEntry("phase3", Verdict.STABLE).doesNotContainKey("phase4");
    }

    @Test
    void theStoryHoldsWhenEachActShowsItsVerdict() {
        assertThat(List.of(PHASE1.verdict(), PHASE2.verdict(), PHASE3.verdict())).containsExactly(Verdict.STABLE, Verdict.UNSTABLE, Verdict.STABLE);
        for (Lang lang : Lang.values()) assertThat(Story.failures(List.of(PHASE1, PHASE2, PHASE3), lang)).as(lang.name()).isEmpty();
    }

    @Test
    void anActWithTheWrongVerdictIsNamedInTheReadersLanguage() {
        RunSummary slowPhase3 = act(Phase3Parallelism.KNOBS, 280, 2600);
        List<RunSummary> acts = List.of(PHASE1, PHASE2, slowPhase3);
        assertThat(Story.failures(acts, Lang.EN)).containsExactly("phase3 should be STABLE but was UNSTABLE");
        assertThat(Story.failures(acts, Lang.VI)).containsExactly("phase3 lẽ ra STABLE nhưng lại UNSTABLE");
    }

    @Test
    void backpressureHoldsWhenTheDelayIsBoundedAndTheInputThrottled() {
        // 200 lines per 2 s batch = 100 lines/s, under 90 % of the source's 140; PT under BI, SD 0
        RunSummary throttled = act(Phase4Backpressure.KNOBS, 200, 1900);
        assertThat(throttled.meanInputRatePerSec()).isEqualTo(100);
        assertThat(Story.backpressureFailure(throttled, Lang.EN)).isNull();
        assertThat(Story.failures(List.of(PHASE1, PHASE2, PHASE3, throttled), Lang.EN)).isEmpty();
        // the source's rate is the one the act ran with: at a source of 100 lines/s, 100 lines/s is not throttled
        RunSummary slowSource = act(Phase4Backpressure.KNOBS.withRate(100), 200, 1900);
        assertThat(Story.backpressureFailure(slowSource, Lang.EN)).endsWith("input 100 lines/s of the source's 100 (limit 90%)");
    }

    @Test
    void backpressureThatDoesNotBoundTheDelayIsAFailureInBothLanguages() {
        // phase2's overload at the full rate: SD grows 600 ms per batch, to 5.4 s after ten batches
        RunSummary unbounded = act(Phase4Backpressure.KNOBS, 280, 2600);
        assertThat(unbounded.finalSchedulingDelayMs()).isEqualTo(5400);
        assertThat(Story.backpressureFailure(unbounded, Lang.EN))
                .isEqualTo("phase4 should keep scheduling delay bounded with ingestion throttled, but: final SD 5.40 s (limit 2.00 s, trend +600 ms/batch), "
                        + "input 140 lines/s of the source's 140 (limit 90%)");
        assertThat(Story.backpressureFailure(unbounded, Lang.VI)).contains("SD cuối 5,40 s (giới hạn 2,00 s, xu hướng +600 ms/batch)")
                .contains("nhận 140 dòng/s trên 140 của source");
        assertThat(Story.failures(List.of(PHASE1, PHASE2, PHASE3, unbounded), Lang.VI)).singleElement().asString().startsWith("phase4 lẽ ra");
    }

    @Test
    void overKafkaEachActKeepsTheSocketStorysFreeSlotsAndWaves() {
        for (String act : Story.ACTS) {
            Knobs socket = Jobs.byName(act, false).defaults();
            Knobs kafka = Story.onKafka(socket);
            assertThat(Master.parse(kafka.master()).cores()).as(act).isEqualTo(Master.parse(socket.master()).cores() - 1);
            Workload withReceiver = Workload.of(socket);
            // The demo's Kafka topics have 2 partitions; the phases repartition to P, so P sets the tasks either way.
            Workload noReceiver = Workload.kafka(kafka, Master.parse(kafka.master()).cores(), 2, true);
            assertThat(noReceiver.freeSlots()).as(act + " free slots").isEqualTo(withReceiver.freeSlots());
            // The costly stage's waves and time: what decides the verdict (the input stage differs: 2 topic
            // partitions instead of BI / blockInterval receiver blocks).
            BatchArithmetic overKafka = BatchArithmetic.of(noReceiver);
            BatchArithmetic overSocket = BatchArithmetic.of(withReceiver);
            assertThat(overKafka.waves()).as(act + " waves of the costly stage").isEqualTo(overSocket.waves());
            assertThat(overKafka.costTimeMs()).as(act + " cost time").isEqualTo(overSocket.costTimeMs());
        }
        assertThat(Story.onKafka(Jobs.byName("phase3", false).defaults().withMaster("spark://127.0.0.1:7077")).master())
                .as("a cluster's cores are not the URL's").isEqualTo("spark://127.0.0.1:7077");
    }
}
