package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ssplab.core.BatchMetrics;
import io.ssplab.core.Lang;

class ChartRendererTest {
    @TempDir
    Path tmp;
    @TempDir
    static Path freshJvmDir;
    /** The fresh JVM of {@link #renderingDoesNotNeedADisplay}, started before the other tests: it renders while they do. */
    static Process freshJvm;
    static final java.util.concurrent.CompletableFuture<String> FRESH_JVM_OUTPUT = new java.util.concurrent.CompletableFuture<>();

    @BeforeAll
    static void startAFreshJvmWithoutADisplay() throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                RenderInAFreshJvm.class.getName(), freshJvmDir.resolve("child").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.redirectErrorStream(true);
        freshJvm = pb.start();
        Thread reader = new Thread(() -> {
            try {
                FRESH_JVM_OUTPUT.complete(new String(freshJvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                FRESH_JVM_OUTPUT.completeExceptionally(e);
            }
        }, "fresh-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterAll
    static void stopTheFreshJvm() {
        if (freshJvm != null) freshJvm.destroyForcibly();
    }

    private static RecordedRun run(String job, List<BatchMetrics> batches) {
        return SyntheticRuns.recorded(job, batches);
    }

    /** A slide-size PNG with something drawn on it: not all one colour. */
    private static void assertSlide(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        int first = image.getRGB(0, 0);
        long different = 0;
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) if (image.getRGB(x, y) != first) different++;
        }
        assertThat(different).as("drawn pixels in %s", png).isGreaterThan(500);
    }

    @Test
    void everyChartOfARunIsASlideSizePngInEachLanguage() throws IOException {
        List<Path> files = ChartRenderer.renderRun(run("phase2", SyntheticRuns.phase2(12)), tmp);
        assertThat(files).hasSize(2 * RunChart.values().length);
        for (RunChart c : RunChart.values()) {
            assertThat(files).contains(tmp.resolve(c.fileName("phase2")), tmp.resolve(c.fileName("phase2", Lang.VI)));
            assertThat(c.fileName("phase2", Lang.VI)).isEqualTo(c.fileName("phase2").replace(".png", "-vi.png"));
        }
        for (Path f : files) assertSlide(f);
    }

    @Test
    void theBeforeAfterPairIsOneSlide() throws IOException {
        for (Lang lang : Lang.values()) {
            Path file = ChartRenderer.renderBeforeAfter(run("phase2", SyntheticRuns.phase2(12)), run("phase3", SyntheticRuns.phase3(12)),
                    tmp.resolve("charts/pair-" + lang.code() + ".png"), lang);
            assertSlide(file);
        }
    }

    @Test
    void oddRunsStillDraw() throws IOException {
        // One batch; every value zero; a run with no input; a huge delay.
        List<List<BatchMetrics>> odd = List.of(
                SyntheticRuns.phase2(1),
                List.of(new BatchMetrics("z", SyntheticRuns.T0, 2000, 0, 0, 0, 0, 0, 0), new BatchMetrics("z", SyntheticRuns.T0 + 2000, 2000, 0, 0, 0, 0, 0, 0)),
                SyntheticRuns.simulate("silent", 5, 2000, 200, 0, 0, 1),
                SyntheticRuns.simulate("slow", 40, 500, 4000, 100, 70, 1));
        int i = 0;
        for (List<BatchMetrics> batches : odd) {
            Path dir = tmp.resolve("odd" + i++);
            for (Path f : ChartRenderer.renderRun(run(batches.get(0).job(), batches), dir, i % 2 == 0 ? Lang.VI : Lang.EN)) assertSlide(f);
        }
    }

    @Test
    void theYAxisIsRoundAndReachesTheBatchInterval() {
        RecordedRun stable = run("phase1", SyntheticRuns.phase1(8));
        assertThat(ChartRenderer.yMax(ChartData.Metric.PROCESSING_TIME, stable)).isEqualTo(2.25);
        assertThat(ChartRenderer.yMax(ChartData.Metric.SCHEDULING_DELAY, stable)).isEqualTo(2.25);
        RecordedRun slow = run("phase2", SyntheticRuns.phase2(12));
        double sdTop = ChartRenderer.yMax(ChartData.Metric.SCHEDULING_DELAY, slow, stable);
        assertThat(sdTop).isGreaterThan(ChartData.timeline(slow.batches(), ChartData.Metric.SCHEDULING_DELAY).maxY());
        assertThat(ChartRenderer.yMax(ChartData.Metric.INPUT_RATE, stable)).isEqualTo(160.0);
    }

    /**
     * What the lab's JVMs get: no {@code -Djava.awt.headless} on the command line and often no display
     * (a server, CI, SSH). A fresh JVM started that way must still write every chart: rendering must
     * not need a display, whatever the launcher passes.
     */
    @Test
    void renderingDoesNotNeedADisplay() throws Exception {
        Path out = freshJvmDir.resolve("child");
        boolean ended = freshJvm.waitFor(2, java.util.concurrent.TimeUnit.MINUTES);
        String output = ended ? FRESH_JVM_OUTPUT.get(10, java.util.concurrent.TimeUnit.SECONDS) : "(still running)";
        assertThat(ended).as(output).isTrue();
        assertThat(freshJvm.exitValue()).as(output).isZero();
        // the child really started without the property: nothing but the renderer set it
        assertThat(output).contains("java.awt.headless at start: null");
        for (RunChart c : RunChart.values()) {
            assertSlide(out.resolve(c.fileName("phase1")));
            assertSlide(out.resolve(c.fileName("phase1", Lang.VI)));
        }
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(2 * RunChart.values().length);
        }
    }

    /** The child JVM of {@link #renderingDoesNotNeedADisplay}: renders phase1's charts into {@code args[0]}. */
    public static final class RenderInAFreshJvm {
        public static void main(String[] args) throws IOException {
            System.out.println("java.awt.headless at start: " + System.getProperty("java.awt.headless"));
            System.out.println("DISPLAY: " + System.getenv("DISPLAY"));
            List<Path> files = ChartRenderer.renderRun(SyntheticRuns.recorded("phase1", SyntheticRuns.phase1(4)), Path.of(args[0]));
            System.out.println("wrote " + files.size() + " charts; headless " + java.awt.GraphicsEnvironment.isHeadless());
        }
    }
}
