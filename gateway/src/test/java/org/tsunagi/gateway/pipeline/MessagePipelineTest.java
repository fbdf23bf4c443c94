package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.gateway.delivery.PendingCopy;
import org.tsunagi.gateway.delivery.StoredCopy;
import org.tsunagi.gateway.sftp.OpenSshClient;
import org.tsunagi.routes.pipeline.Decision;

/**
 * The gateway end to end: a facility drops a sealed release notice over SFTP with OpenSSH's real client; Nagoya
 * City and Aichi Prefecture get redacted copies sealed to them, Otsu City nothing, the facility a signed
 * acceptance receipt, and the ledger records each disclosure.
 */
class MessagePipelineTest extends PipelineTestBase {

    @TempDir
    Path work;
    @Autowired
    MeterRegistry meters;

    @Test
    void aReleaseNoticeDroppedOverSftpReachesNagoyaAndAichiRedactedAndSealedAndNothingElse() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        byte[] sealed = DemoParticipants.sealToGateway(notice, "facility-nagoya");
        Path local = Files.write(work.resolve("notice.p7m"), sealed);
        long nagoyaBefore = pending("231002").size();
        long aichiBefore = pending("230006").size();
        long otsuBefore = pending("252018").size();

        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", sftp.port(), work);
        OpenSshClient.Run upload = facility.sftp("cd inbox", "put " + local + " notice.p7m.part",
                "rename notice.p7m.part notice.p7m");
        assertThat(upload.succeeded()).as(upload.output()).isTrue();
        StoredDecision decision = fixture.await("facility-nagoya", "notice.p7m", sealed);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(fixture.processed(decision)).hasBinaryContent(sealed);

        List<PendingCopy> nagoya = pending("231002");
        List<PendingCopy> aichi = pending("230006");
        assertThat(nagoya).hasSize((int) nagoyaBefore + 1);
        assertThat(aichi).hasSize((int) aichiBefore + 1);
        assertThat(pending("252018")).hasSize((int) otsuBefore);

        StoredCopy nagoyaCopy = outbox.find(nagoya.get(nagoya.size() - 1).copyId(), "231002").orElseThrow();
        String nagoyaXml = DemoParticipants.open(nagoyaCopy.copy().cms(), "231002");
        assertThat(nagoyaXml).contains("<Purpose>welfare-support</Purpose>", "<To>231002</To>",
                "中村区則武二丁目10番5号", messageId)
                .doesNotContain("<VictimRelatedRemarks>", "被害店舗", "NGY-2024-0153", "佐藤　和子", "052-000-0153");
        assertThat(nagoyaCopy.copy().jose()).matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}");

        StoredCopy aichiCopy = outbox.find(aichi.get(aichi.size() - 1).copyId(), "230006").orElseThrow();
        String aichiXml = DemoParticipants.open(aichiCopy.copy().cms(), "230006");
        assertThat(aichiXml).contains("<Purpose>housing-support</Purpose>", "<To>230006</To>")
                .doesNotContain("中村区則武二丁目10番5号", "1984-06-15", "療育手帳", "被害店舗", "NGY-2024-0153");

        Path receiptFile = work.resolve("receipt.p7m");
        OpenSshClient.Run download = facility.sftp("get outbox/" + decision.receiptName() + " " + receiptFile);
        assertThat(download.succeeded()).as(download.output()).isTrue();
        String receipt = DemoParticipants.open(Files.readAllBytes(receiptFile), "facility-nagoya");
        assertThat(receipt).contains("<Outcome>ACCEPTED</Outcome>", "<RefersTo>" + messageId + "</RefersTo>",
                "<To>facility-nagoya</To>").doesNotContain("231002", "230006", "ReasonCode");

        List<Map<String, Object>> entries = fixture.ledger(messageId);
        assertThat(entries).extracting(e -> e.get("event") + " " + e.get("recipient") + " " + e.get("purpose"))
                .containsExactlyInAnyOrder("DISCLOSED 231002 welfare-support", "DISCLOSED 230006 housing-support");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("sender")).isEqualTo("facility-nagoya");
            assertThat(e.get("subject")).asString().hasSize(64);
            assertThat(e.get("fields")).asList().isNotEmpty();
        });
        assertThat(entries).filteredOn(e -> "231002".equals(e.get("recipient")))
                .extracting(e -> e.get("sealedSha256")).containsExactly(nagoyaCopy.copy().cmsSha256());
        assertThat(entries.toString()).doesNotContain("佐藤", "NGY-2024-0153");

        assertThat(meters.get("tsunagi.messages").tags("type", "ReleaseNotice", "outcome", "accepted").counter()
                .count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("tsunagi.pipeline.stage").tag("stage", "seal").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("tsunagi.outbox.depth").gauge().value()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSecondMessageWithTheSameIdGetsADuplicateReceiptAndNoSecondCopy() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        StoredDecision first = fixture.drop("facility-nagoya", DemoParticipants.sealToGateway(notice,
                "facility-nagoya"));
        int nagoya = pending("231002").size();

        StoredDecision second = fixture.drop("facility-nagoya", DemoParticipants.sealToGateway(notice,
                "facility-nagoya"));

        assertThat(first.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(second.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(second.reasonCode()).isEqualTo("DUPLICATE_MESSAGE_ID");
        assertThat(pending("231002")).hasSize(nagoya);
        assertThat(DemoParticipants.open(fixture.receipt(second), "facility-nagoya"))
                .contains("<Outcome>REJECTED</Outcome>", "<ReasonCode>DUPLICATE_MESSAGE_ID</ReasonCode>",
                        "<RefersTo>" + messageId + "</RefersTo>");
        assertThat(fixture.ledger(messageId)).extracting(e -> e.get("event") + " " + e.get("reason"))
                .containsExactlyInAnyOrder("DISCLOSED null", "DISCLOSED null", "QUARANTINED DUPLICATE_MESSAGE_ID");
        assertThat(fixture.quarantined(second)).exists();
        assertThat(fixture.reason(second)).containsEntry("reasonCode", "DUPLICATE_MESSAGE_ID");
    }
}
