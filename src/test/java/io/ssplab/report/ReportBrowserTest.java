package io.ssplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report page in a real browser (headless Chromium, Debian's {@code chromium} package) and
 * checks what a person would see: every chart image loaded, the comparison table there, the language
 * switch working — the chosen language's words, numbers and charts shown, the other's hidden. Skipped, with the reason, where no Chromium is installed.
 *
 * <p>How: a copy of the page beside the original gets a small script that, once everything has
 * loaded, writes what it found into the DOM; {@code --dump-dom} prints the DOM. The page itself
 * carries no test code. The four browsers (each with a profile of its own, so no choice saved by one is seen
 * by another) start together: most of a browser's few seconds is waiting, not computing.
 */
class ReportBrowserTest {
    private static final Pattern PROBE = Pattern.compile("<pre id=\"probe\">PROBE (.*?) END</pre>");
    private static final String PROBE_SCRIPT = """
            <script>
            window.addEventListener('load', function () {
              var click = document.querySelector('[data-set-lang="CLICK"]');
              if (click) click.click();
              var images = Array.prototype.slice.call(document.images);
              var shownImages = images.filter(function (i) { return i.getClientRects().length > 0; });
              var vietnamese = function (i) { return /-vi[.]png$/.test(i.getAttribute('src')); };
              var text = document.body.innerText;
              var count = function (re) { return (text.match(re) || []).length; };
              var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); })
                                 .map(function (i) { return i.getAttribute('src'); });
              var table = document.getElementById('comparison');
              var shown = function (selector) { var e = document.querySelector(selector); return e ? getComputedStyle(e).display : 'missing'; };
              var out = document.createElement('pre');
              out.id = 'probe';
              out.textContent = 'PROBE images=' + images.length + ' broken=' + broken.length
                  + ' rows=' + (table ? table.tBodies[0].rows.length : -1)
                  + ' lang=' + document.documentElement.getAttribute('data-lang')
                  + ' en=' + shown('h1 .en') + ' vi=' + shown('h1 .vi')
                  + ' shownVi=' + shownImages.filter(vietnamese).length
                  + ' shownEn=' + shownImages.filter(function (i) { return !vietnamese(i); }).length
                  + ' pointDecimals=' + count(/\\d[.]\\d\\d?(?!\\d)/g) + ' commaDecimals=' + count(/\\d,\\d\\d?(?!\\d)/g)
                  + ' title=' + (document.title.indexOf('Báo cáo') === 0 ? 'vi' : 'en')
                  + ' brokenSrc=' + (broken.join('|') || '-') + ' END';
              document.body.appendChild(out);
            });
            </script>
            """;

    @TempDir
    static Path tmp;
    static Path chromium;
    static Path page;
    /** What each test's browser found: the page as it opens, with #vi, after a click on the VI button, and with a chart gone. */
    static Future<Map<String, String>> english;
    static Future<Map<String, String>> vietnamese;
    static Future<Map<String, String>> clickedVietnamese;
    static Future<Map<String, String>> chartGone;
    static ExecutorService browsers;
    private static final java.util.concurrent.atomic.AtomicInteger PROBES = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void renderThePageAndOpenItInEveryWay() throws IOException {
        chromium = findChromium();
        if (chromium == null) return;
        Path dir = SyntheticRuns.demoDir(tmp.resolve("run"), 8);
        RunLoader.Loaded loaded = RunLoader.load(List.of(dir));
        page = ReportWriter.write(loaded.runs(), loaded.problems(), dir, "index.html", "bin/ssp report " + dir);
        Path missingChart = pageWithoutOneChart();
        browsers = Executors.newFixedThreadPool(4);
        english = browsers.submit(() -> open(page, ""));
        vietnamese = browsers.submit(() -> open(page, "#vi"));
        // the page opens in English (no #vi, no saved choice, an English browser); the button switches it
        clickedVietnamese = browsers.submit(() -> open(page, "", "vi"));
        chartGone = browsers.submit(() -> open(missingChart, ""));
    }

    @AfterAll
    static void stopBrowsers() {
        if (browsers != null) browsers.shutdownNow();
    }

    /** Per test, so that each one is reported as skipped, with the reason, when there is no browser. */
    @BeforeEach
    void needsABrowser() {
        assumeTrue(chromium != null, "no Chromium found (/usr/bin/chromium or chromium on PATH): install Debian's 'chromium' package"
                + " (.ci/run does) to run the browser test of the report page");
    }

    /** The check must be able to fail: the same page with one chart gone. */
    private static Path pageWithoutOneChart() throws IOException {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve(ReportWriter.CHARTS_DIR));
        try (var charts = Files.list(page.resolveSibling(ReportWriter.CHARTS_DIR))) {
            for (Path png : charts.toList()) Files.copy(png, copy.resolve(ReportWriter.CHARTS_DIR).resolve(png.getFileName()));
        }
        Files.copy(page, copy.resolve("index.html"));
        Files.delete(copy.resolve(ReportWriter.CHARTS_DIR).resolve(RunChart.SCHEDULING_DELAY.fileName("phase2", io.ssplab.core.Lang.VI)));
        return copy.resolve("index.html");
    }

    private static Map<String, String> found(Future<Map<String, String>> browser) throws Exception {
        try {
            return browser.get(150, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error; // the browser's own failure, as it said it
            throw e;
        }
    }

    /** Every chart of the three acts and the before/after slide, once per language. */
    private static final int CHARTS_PER_LANGUAGE = 3 * RunChart.values().length + 1;

    @Test
    void everyChartLoadsAndTheComparisonTableIsThere() throws Exception {
        Map<String, String> probe = found(english);
        assertThat(probe.get("images")).isEqualTo(String.valueOf(2 * CHARTS_PER_LANGUAGE));
        assertThat(probe.get("broken")).as("images that did not load: %s", probe.get("brokenSrc")).isEqualTo("0");
        assertThat(probe.get("rows")).isEqualTo("3");
        assertThat(probe.get("lang")).isEqualTo("en");
        assertThat(probe.get("en")).isNotEqualTo("none");
        assertThat(probe.get("vi")).isEqualTo("none");
        // the English page shows the English charts and numbers only
        assertThat(probe.get("shownEn")).isEqualTo(String.valueOf(CHARTS_PER_LANGUAGE));
        assertThat(probe.get("shownVi")).isEqualTo("0");
        assertThat(Integer.parseInt(probe.get("pointDecimals"))).isPositive();
        assertThat(probe.get("commaDecimals")).isEqualTo("0");
        assertThat(probe.get("title")).isEqualTo("en");
    }

    @Test
    void theVietnamesePageShowsVietnameseOnly() throws Exception {
        assertVietnamese(found(vietnamese));
    }

    @Test
    void theLanguageButtonSwitchesTextNumbersAndCharts() throws Exception {
        assertVietnamese(found(clickedVietnamese));
    }

    /** Vietnamese words, Vietnamese numbers (decimal commas), and the Vietnamese charts: nothing English shows. */
    private static void assertVietnamese(Map<String, String> probe) {
        assertThat(probe.get("lang")).isEqualTo("vi");
        assertThat(probe.get("en")).isEqualTo("none");
        assertThat(probe.get("vi")).isNotEqualTo("none");
        assertThat(probe.get("broken")).isEqualTo("0");
        assertThat(probe.get("shownVi")).isEqualTo(String.valueOf(CHARTS_PER_LANGUAGE));
        assertThat(probe.get("shownEn")).isEqualTo("0");
        assertThat(Integer.parseInt(probe.get("commaDecimals"))).isPositive();
        assertThat(probe.get("pointDecimals")).as("numbers with a decimal point on the Vietnamese page").isEqualTo("0");
        assertThat(probe.get("title")).isEqualTo("vi");
    }

    @Test
    void aMissingChartIsCaught() throws Exception {
        Map<String, String> probe = found(chartGone);
        assertThat(probe.get("broken")).isEqualTo("1");
        assertThat(probe.get("brokenSrc")).isEqualTo("charts/" + RunChart.SCHEDULING_DELAY.fileName("phase2", io.ssplab.core.Lang.VI));
    }

    private static Map<String, String> open(Path original, String fragment) throws IOException, InterruptedException {
        return open(original, fragment, "none");
    }

    /**
     * Loads the page (plus the probe) in headless Chromium; returns the probe's key=value pairs.
     *
     * @param click the language whose button the probe clicks before it looks ("none": no click)
     */
    private static Map<String, String> open(Path original, String fragment, String click) throws IOException, InterruptedException {
        String html = Files.readString(original, StandardCharsets.UTF_8);
        // beside the original (its charts are relative links), one file per browser: two may open the same page at once
        Path probed = original.resolveSibling("probe-" + click + "-" + PROBES.incrementAndGet() + "-" + original.getFileName());
        Files.writeString(probed, html.replace("</body>", PROBE_SCRIPT.replace("CLICK", click) + "</body>"), StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        Path stderr = Files.createTempFile(tmp, "chromium", ".err");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", probed.toUri() + fragment));
        Process browser = new ProcessBuilder(command).redirectErrorStream(false).redirectError(stderr.toFile()).start();
        byte[] dom;
        try {
            // Read while it runs: the DOM can be larger than a pipe's buffer.
            dom = browser.getInputStream().readAllBytes();
            if (!browser.waitFor(120, TimeUnit.SECONDS)) fail("Chromium did not finish within 120 s");
        } finally {
            browser.destroyForcibly();
        }
        String out = new String(dom, StandardCharsets.UTF_8);
        Matcher m = PROBE.matcher(out);
        if (!m.find()) {
            fail("Chromium printed no probe result (exit " + browser.exitValue() + "); stderr tail:\n" + tail(stderr));
        }
        Map<String, String> values = new TreeMap<>();
        for (String pair : m.group(1).split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    static Path findChromium() {
        Path debian = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(debian)) return debian;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) return candidate;
            }
        }
        return null;
    }
}
