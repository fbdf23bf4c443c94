package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 100 MB message seals and opens in a JVM limited to a 256 MB heap: both directions stream. */
class LargeMessageStreamingTest {

    @TempDir
    Path dir;

    @Test
    void hundredMegabytesSealAndOpenWithin256MegabytesOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LargeMessageMain.class.getName(), "100", dir.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("RESULT OK").contains("max_heap_mb=256");
        assertThat(process.exitValue()).as(output).isZero();
        System.out.println(output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse(output));
    }
}
