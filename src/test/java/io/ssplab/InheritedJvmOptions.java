package io.ssplab;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The options a child JVM a test starts (a plain app, {@code bin/ssp}'s Main, a launcher check) takes from the test
 * JVM's own: Spark's module options ({@code --add-opens}, see JvmOptionsTest), Spark's Netty settings, and the
 * compiler setting of the pom's execution (C1 only in the parallel one: a child with C2 took the CPU its neighbours
 * needed). Not the test JVM's heap size, agents or debugger: each child sets its own heap.
 */
public final class InheritedJvmOptions {
    private static final List<String> PREFIXES = List.of("--add-opens", "-XX:+IgnoreUnrecognizedVMOptions", "-Dio.netty",
            "-XX:TieredStopAtLevel");

    private InheritedJvmOptions() {
    }

    /** This test JVM's options a child JVM repeats, in their order. */
    public static List<String> ofThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> PREFIXES.stream().anyMatch(option::startsWith)).toList();
    }
}
