package io.ssplab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The launcher and the test JVM must carry Spark's own Java 17 options (without java.nio opened,
 * Kryo fails inside repartition). bin/ssp and the pom each hold a copy of the list: this test keeps
 * both in step with the Spark version on the classpath.
 */
class JvmOptionsTest {
    /** Left out on purpose (see bin/ssp): only MLlib's BLAS needs it, and it prints a warning at every start. */
    private static final String LEFT_OUT = "--add-modules=jdk.incubator.vector";
    /** Netty settings Spark's launcher adds that our JVMs do not need to repeat (Spark sets them itself where it matters). */
    private static boolean essential(String option) {
        return option.startsWith("--add-opens") || option.startsWith("--add-exports") || option.equals("-XX:+IgnoreUnrecognizedVMOptions");
    }

    private static Path project() {
        return Path.of(System.getProperty("ssp.project.dir", "."));
    }

    private static List<String> sparkOptions() {
        List<String> options = new ArrayList<>();
        for (String o : JavaModuleOptions.defaultModuleOptionArray()) {
            if (!o.equals(LEFT_OUT) && essential(o)) options.add(o);
        }
        return options;
    }

    @Test
    void launcherCarriesEverySparkModuleOption() throws Exception {
        String launcher = Files.readString(project().resolve("bin/ssp"));
        Matcher block = Pattern.compile("SPARK_JVM_OPTIONS=\\(([^)]*)\\)", Pattern.DOTALL).matcher(launcher);
        assertThat(block.find()).isTrue();
        List<String> inLauncher = Arrays.stream(block.group(1).split("\\s+")).filter(s -> !s.isBlank()).toList();
        assertThat(inLauncher).containsAll(sparkOptions());
    }

    @Test
    void pomAndThisVeryJvmCarryEverySparkModuleOption() throws Exception {
        String pom = Files.readString(project().resolve("pom.xml"));
        Matcher m = Pattern.compile("<spark.jvm.options>([^<]*)</spark.jvm.options>").matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(Arrays.asList(m.group(1).trim().split("\\s+"))).containsAll(sparkOptions());
        List<String> thisJvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(thisJvm).containsAll(sparkOptions());
    }
}
