package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.tsunagi.gateway.sftp.OpenSshClient;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;

/**
 * The whole hostile corpus dropped in one run over real SFTP into a running gateway, then a valid message from
 * another sender: each hostile drop refused with its code, quarantined byte for byte, recorded in the ledger and
 * answered with a signed receipt naming the code; the valid message delivered; the gateway healthy; nothing left in
 * the inbox, nothing lost, nothing disclosed.
 */
class HostileDropsTest extends PipelineTestBase {

    private static final String VALID_SENDER = "probation-nagoya";

    @TempDir
    Path work;

    @Autowired
    HealthEndpoint health;

    @Test
    void everyHostileDropIsRefusedWithItsCodeAndAValidMessageFromAnotherSenderStillGoesThrough() throws Exception {
        List<HostileCorpus.Case> corpus = HostileCorpus.cases();
        List<String> batch = new ArrayList<>(List.of("cd inbox"));
        for (HostileCorpus.Case drop : corpus) {
            Path local = Files.write(work.resolve(drop.name()), drop.bytes());
            batch.add("put " + local + " " + drop.name() + ".part");
            batch.add("rename " + drop.name() + ".part " + drop.name());
        }
        OpenSshClient attacker = OpenSshClient.as(HostileCorpus.SENDER, HostileCorpus.SENDER, sftp.port(), work);
        OpenSshClient.Run upload = attacker.sftp(batch.toArray(String[]::new));
        assertThat(upload.succeeded()).as(upload.output()).isTrue();

        String update = DemoParticipants.sample("ProbationCaseUpdate");
        byte[] valid = DemoParticipants.sealToGateway(update, VALID_SENDER);
        Path local = Files.write(work.resolve("update.p7m"), valid);
        OpenSshClient probation = OpenSshClient.as(VALID_SENDER, VALID_SENDER, sftp.port(), work);
        OpenSshClient.Run validUpload = probation.sftp("cd inbox", "put " + local + " update.p7m.part",
                "rename update.p7m.part update.p7m");
        assertThat(validUpload.succeeded()).as(validUpload.output()).isTrue();

        StoredDecision accepted = fixture.await(VALID_SENDER, "update.p7m", valid);
        assertThat(accepted.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(fixture.processed(accepted)).hasBinaryContent(valid);

        for (HostileCorpus.Case drop : corpus) {
            StoredDecision decision = fixture.await(HostileCorpus.SENDER, drop.name(), drop.bytes());
            assertThat(decision.verdict()).as(drop.name()).isEqualTo(Decision.Verdict.REFUSED);
            assertThat(decision.reasonCode()).as(drop.name()).isEqualTo(drop.reasonCode());
            assertThat(fixture.quarantined(decision)).as(drop.name()).hasBinaryContent(drop.bytes());
            assertThat(fixture.reason(decision)).as(drop.name()).containsEntry("reasonCode", drop.reasonCode());

            String receipt = DemoParticipants.open(fixture.receipt(decision), HostileCorpus.SENDER);
            assertThat(receipt).as(drop.name()).contains("<Outcome>REJECTED</Outcome>",
                    "<ReasonCode>" + drop.reasonCode() + "</ReasonCode>", "<To>" + HostileCorpus.SENDER + "</To>");

            String key = drop.messageIdKnown() ? receipt.substring(receipt.indexOf("<RefersTo>") + 10,
                    receipt.indexOf("</RefersTo>")) : decision.contentSha256();
            List<Map<String, Object>> entries = fixture.ledger(key);
            assertThat(entries).as(drop.name()).extracting(e -> e.get("event")).contains("QUARANTINED")
                    .doesNotContain("DISCLOSED");
            if (!drop.messageIdKnown()) {
                assertThat(receipt).contains("<RefersTo>" + Receipts.fileId(Drop.of(HostileCorpus.SENDER,
                        drop.name(), drop.bytes(), java.time.Instant.EPOCH)) + "</RefersTo>");
            }
        }

        try (Stream<Path> left = Files.list(homes.inbox(HostileCorpus.SENDER))) {
            assertThat(left).as("left in the inbox").isEmpty();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
