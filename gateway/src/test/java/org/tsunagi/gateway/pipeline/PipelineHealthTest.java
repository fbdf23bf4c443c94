package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** The pipeline's health component, and the names kept for files in processed/ and quarantine/. */
class PipelineHealthTest {

    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void isDownOnlyOnceFailuresFollowEachOtherWithoutAnyDecision() {
        PipelineHealth health = new PipelineHealth(3);
        health.failed("commit", new IllegalStateException("database down"), AT);
        health.failed("commit", new IllegalStateException("database down"), AT);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        health.failed("claim", new IllegalStateException("database down"), AT);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("consecutiveFailures", 3)
                .containsEntry("lastFailedStep", "claim")
                .containsEntry("lastFailure", "java.lang.IllegalStateException");

        health.decided();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("failures", 3L).containsEntry("decided", 1L);
    }

    @Test
    void aKeptNameLeavesRoomForTheDropKeyAndTheReasonFileWithinNameMax() {
        String key = "0123456789abcdef".repeat(4);
        String longest = "通".repeat(85) + ".p7m"; // 259 bytes: longer than any file system allows, still cut right

        String kept = Finishing.keptName(longest);

        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Finishing.MAX_KEPT_NAME_BYTES);
        assertThat(longest).startsWith(kept);
        String reasonFile = "." + Finishing.moveTarget(Path.of("q"), longest, key).getFileName()
                + ".reason.json.tmp";
        assertThat(reasonFile.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(Finishing.keptName("short.p7m")).isEqualTo("short.p7m");
    }
}
