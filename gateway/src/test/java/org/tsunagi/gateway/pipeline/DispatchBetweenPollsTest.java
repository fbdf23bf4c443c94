package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.routes.pipeline.Decision;

/**
 * A worker that finishes a drop takes the next listed one at once: with the poll an hour away, one poll is enough
 * for every drop waiting, not just for as many as there are workers (before, two workers sat idle until the next
 * poll, which is what bounded the pipeline's throughput).
 */
class DispatchBetweenPollsTest extends PipelineTestSupport {

    @DynamicPropertySource
    static void onePoll(DynamicPropertyRegistry registry) {
        registry.add("tsunagi.data-dir", () -> "./target/dispatch-test-" + UUID.randomUUID());
        registry.add("tsunagi.pipeline.poll-delay", () -> "1h"); // no scheduled poll during the test
        registry.add("tsunagi.pipeline.min-file-age", () -> "200ms");
        registry.add("tsunagi.pipeline.workers", () -> "2");
    }

    @Autowired
    DropDispatcher dispatcher;

    @Test
    void oneListingFeedsEveryWorkerUntilTheWorkAreaIsEmpty() throws Exception {
        homes.prepare("facility-nagoya");
        List<String> names = new ArrayList<>();
        List<byte[]> drops = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            byte[] sealed = DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"),
                    "facility-nagoya");
            String name = "n-" + i + ".p7m";
            Path file = homes.inbox("facility-nagoya").resolve(name);
            Files.write(file, sealed);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5))); // past min-file-age
            names.add(name);
            drops.add(sealed);
        }

        dispatcher.poll(); // the only poll: takes the seven, lists them, starts two

        for (int i = 0; i < names.size(); i++) {
            StoredDecision decision = fixture.await("facility-nagoya", names.get(i), drops.get(i));
            assertThat(decision.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        }
        assertThat(pending("231002")).hasSize(names.size()); // its own database: the seven copies and no more
        assertThat(pending("230006")).hasSize(names.size());
    }
}
