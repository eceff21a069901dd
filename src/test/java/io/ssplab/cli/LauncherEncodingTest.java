package io.ssplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.ssplab.InheritedJvmOptions;

/**
 * {@code LANG=vi_VN.UTF-8 bin/ssp --lang vi …} prints Vietnamese letters, not '?', even where the
 * vi_VN locale is not installed (a fresh container, most CI machines): Java takes its console charset
 * from the C library, which falls back to ASCII for a locale it does not have. The launcher's
 * encoding block is taken from bin/ssp itself and run with bash, and its options start a real JVM on
 * the lab's main class, so the test checks what the launcher does, not a copy of it.
 */
class LauncherEncodingTest {
    private static final Path PROJECT = Path.of(System.getProperty("ssp.project.dir", "."));
    private static final Pattern BLOCK = Pattern.compile("(?ms)^ENCODING_OPTIONS=\\(\\)$.*?^fi$");

    @Test
    void aUtf8LocaleTheMachineDoesNotHaveStillGetsVietnameseLetters() throws Exception {
        Map<String, String> env = Map.of("LANG", "vi_VN.UTF-8");
        List<String> options = launcherOptions(env);
        assertThat(options).contains("-Dfile.encoding=UTF-8");
        assertThat(help(options, env)).contains("Cách dùng: ssp").doesNotContain("C?ch");
    }

    @Test
    void aLocaleThatIsNotUtf8IsLeftAlone() throws Exception {
        assertThat(launcherOptions(Map.of("LANG", "C"))).isEmpty();
        assertThat(launcherOptions(Map.of("LC_ALL", "POSIX", "LANG", "vi_VN.UTF-8"))).as("LC_ALL wins over LANG").isEmpty();
    }

    /** The ENCODING_OPTIONS block of bin/ssp, run by bash in {@code env}: the options it chose, one per line. */
    private static List<String> launcherOptions(Map<String, String> env) throws IOException, InterruptedException {
        Matcher block = BLOCK.matcher(Files.readString(PROJECT.resolve("bin/ssp")));
        assertThat(block.find()).as("bin/ssp has its ENCODING_OPTIONS block").isTrue();
        String script = block.group() + "\nfor o in ${ENCODING_OPTIONS[@]+\"${ENCODING_OPTIONS[@]}\"}; do echo \"$o\"; done\n";
        return run(List.of("bash", "-c", script), env).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String help(List<String> options, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(InheritedJvmOptions.ofThisJvm());
        command.addAll(options);
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.ssplab.cli.Main", "--lang", "vi", "--help"));
        return run(command, env);
    }

    /** Runs {@code command} with only {@code env} (and PATH) as its environment; its stdout, read as UTF-8. */
    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
