package org.tsunagi.gateway.pipeline;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.PendingCopy;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.sftp.EmbeddedSftpServer;
import org.tsunagi.gateway.sftp.ParticipantHomes;

/**
 * A running gateway and the fixture to drop files into it. Subclasses name the data directory (and so the database):
 * two gateways of this JVM must never share one, or each takes the other's claims for a dead predecessor's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PipelineTestSupport {

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
