package io.ssplab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layers of the lab, checked on the compiled classes: shared value types at the bottom, the
 * command line on top, no import running back up. A class that breaks this fails the build with the
 * offending import named.
 *
 * <pre>
 *   cli                                   the bin/ssp commands
 *   grader · sweep · report               tools built on runs
 *   jobs · exercises · solutions          the lessons
 *   run · cluster                         running a job; the standalone cluster
 *   accounting · recovery                 record accounting, checkpoint recovery
 *   source · pipeline · metrics · model   the line source, the pipelines, measuring, predicting,
 *   · page                                and the bilingual page and PNG writing the reports share
 *   core                                  knobs, master, cost unit, batch metrics, summary, verdict,
 *                                         bad input, numbers and messages, JSON
 * </pre>
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ssplab");
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("io.ssplab.core..")
                .layer("foundations").definedBy("io.ssplab.source..", "io.ssplab.pipeline..", "io.ssplab.metrics..", "io.ssplab.model..",
                        "io.ssplab.page..")
                .layer("accounting").definedBy("io.ssplab.accounting..", "io.ssplab.recovery..")
                .layer("running").definedBy("io.ssplab.run..", "io.ssplab.cluster..", "io.ssplab.kafka..")
                .layer("lessons").definedBy("io.ssplab.jobs..", "io.ssplab.exercises..", "io.ssplab.solutions..")
                .layer("tools").definedBy("io.ssplab.grader..", "io.ssplab.sweep..", "io.ssplab.report..")
                .layer("cli").definedBy("io.ssplab.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("lessons").mayOnlyBeAccessedByLayers("tools", "cli")
                .whereLayer("running").mayOnlyBeAccessedByLayers("lessons", "tools", "cli")
                .whereLayer("accounting").mayOnlyBeAccessedByLayers("running", "lessons", "tools", "cli")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("accounting", "running", "lessons", "tools", "cli")
                .check(classes);
    }

    @Test
    void theFoundationsAreIndependentOfEachOther() {
        // Each of source, pipeline, metrics, model and page stands on core alone: a change in one never ripples into another.
        for (String pkg : new String[] {"source", "pipeline", "metrics", "model", "page"}) {
            String[] others = java.util.stream.Stream.of("source", "pipeline", "metrics", "model", "page").filter(p -> !p.equals(pkg))
                    .map(p -> "io.ssplab." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.ssplab." + pkg + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                    .because(pkg + " stands on core alone").check(classes);
        }
    }

    @Test
    void theToolsAreIndependentOfEachOther() {
        for (String pkg : new String[] {"grader", "sweep", "report"}) {
            String[] others = java.util.stream.Stream.of("grader", "sweep", "report").filter(p -> !p.equals(pkg))
                    .map(p -> "io.ssplab." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.ssplab." + pkg + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.ssplab.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noJobImportsTheCommandLine() {
        noClasses().that().resideInAnyPackage("io.ssplab.jobs..", "io.ssplab.exercises..", "io.ssplab.solutions..")
                .should().dependOnClassesThat().resideInAPackage("io.ssplab.cli..")
                .because("a job class runs under plain spark-submit with its own main").check(classes);
    }
}
