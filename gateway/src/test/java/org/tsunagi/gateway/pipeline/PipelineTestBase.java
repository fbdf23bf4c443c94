package org.tsunagi.gateway.pipeline;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.PendingCopy;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.sftp.EmbeddedSftpServer;
import org.tsunagi.gateway.sftp.ParticipantHomes;

/** One running gateway (shared by the pipeline test classes) with its own data directory and database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PipelineTestBase {

    private static final String DATA = "./target/pipeline-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("tsunagi.data-dir", () -> DATA);
    }

    @Autowired
    EmbeddedSftpServer sftp;
    @Autowired
    ParticipantHomes homes;
    @Autowired
    Decisions decisions;
    @Autowired
    DisclosureLedger ledger;
    @Autowired
    Outbox outbox;

    PipelineFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new PipelineFixture(homes, decisions, ledger);
    }

    List<PendingCopy> pending(String recipient) {
        return outbox.pending(recipient, 0, Outbox.MAX_PAGE).items();
    }
}
