package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.pipeline.Drop;

/**
 * Every way the gateway refuses a message: quarantined with a reason file, refused in the ledger, a signed
 * rejection receipt with the reason code for the sender, and nothing disclosed to anybody.
 */
class RefusalPathsTest extends PipelineTestBase {

    static final List<String> RECIPIENTS = List.of("230006", "231002", "252018", "probation-nagoya");

    /** Drops a file, expects its refusal with {@code reason}, and checks everything a refusal must leave behind. */
    StoredDecision refused(String participant, byte[] sealed, String reason, String messageId) throws Exception {
        Map<String, Integer> before = RECIPIENTS.stream().collect(java.util.stream.Collectors.toMap(r -> r,
                r -> pending(r).size()));

        StoredDecision decision = fixture.drop(participant, sealed);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo(reason);
        assertThat(fixture.quarantined(decision)).hasBinaryContent(sealed);
        assertThat(fixture.reason(decision)).containsEntry("reasonCode", reason)
                .containsEntry("sha256", decision.contentSha256());
        String receipt = DemoParticipants.open(fixture.receipt(decision), participant);
        String refersTo = messageId != null ? messageId
                : Receipts.fileId(Drop.of(participant, decision.fileName(), sealed, java.time.Instant.EPOCH))
                .toString();
        assertThat(receipt).contains("<Outcome>REJECTED</Outcome>", "<ReasonCode>" + reason + "</ReasonCode>",
                "<RefersTo>" + refersTo + "</RefersTo>", "<To>" + participant + "</To>",
                "<ReceivedFile>" + decision.fileName() + "</ReceivedFile>",
                "<ReceivedSha256>" + decision.contentSha256() + "</ReceivedSha256>");
        for (String recipient : RECIPIENTS) {
            assertThat(pending(recipient)).as("copies for " + recipient).hasSize(before.get(recipient));
        }
        List<Map<String, Object>> entries = fixture.ledger(messageId != null ? messageId : decision.contentSha256());
        assertThat(entries).extracting(e -> e.get("event")).contains("QUARANTINED").doesNotContain("DISCLOSED");
        assertThat(entries).filteredOn(e -> "QUARANTINED".equals(e.get("event")))
                .singleElement().satisfies(e -> assertThat(e.get("reason")).isEqualTo(reason));
        return decision;
    }

    @Test
    void aFileThatIsNotASealedMessage() throws Exception {
        refused("facility-nagoya", "not a CMS file".getBytes(StandardCharsets.UTF_8), "MALFORMED_CMS", null);
    }

    @Test
    void aMessageSignedByAnotherParticipantThanTheInboxOwner() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        refused("facility-nagoya", DemoParticipants.sealToGateway(notice, "231002"), "SIGNER_NOT_INBOX_OWNER", null);
    }

    @Test
    void aMessageSignedWithARevokedCertificate() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        refused("facility-nagoya", DemoParticipants.sealToGateway(notice,
                DemoParticipants.credentials(DemoParticipants.KEYS.resolve("test/revoked"))),
                "CERTIFICATE_REVOKED", null);
    }

    @Test
    void aMessageSignedUnderARogueCa() throws Exception {
        Path rogue = DemoParticipants.KEYS.resolve("test/rogue-ca");
        var credentials = DemoParticipants.credentials(rogue.resolve("participant-cert.pem"),
                rogue.resolve("participant-key.pem"));
        refused("facility-nagoya", DemoParticipants.sealToGateway(DemoParticipants.sample("ReleaseNotice"),
                credentials), "UNTRUSTED_SIGNER", null);
    }

    @Test
    void aHeaderFromThatIsNotTheSigner() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice")
                .replace("<From>facility-nagoya</From>", "<From>probation-nagoya</From>");
        refused("facility-nagoya", DemoParticipants.sealToGateway(notice, "facility-nagoya"), "FROM_NOT_SIGNER",
                DemoParticipants.messageId(notice));
    }

    @Test
    void aHeaderToThatIsNotTheGateway() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice")
                .replace("<To>tsunagi-gateway</To>", "<To>231002</To>");
        refused("facility-nagoya", DemoParticipants.sealToGateway(notice, "facility-nagoya"), "TO_NOT_GATEWAY",
                DemoParticipants.messageId(notice));
    }

    @Test
    void aMessageTypeTheSendersRoleMayNotSend() throws Exception {
        String outcome = DemoParticipants.sample("SupportOutcome").replace("<From>231002</From>",
                "<From>facility-nagoya</From>");
        refused("facility-nagoya", DemoParticipants.sealToGateway(outcome, "facility-nagoya"), "TYPE_NOT_ALLOWED",
                DemoParticipants.messageId(outcome));
    }

    @Test
    void aMessageThatFailsTheSchemaNamesWhereInTheReceipt() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice")
                .replace("<MunicipalityCode>231002</MunicipalityCode>", "<MunicipalityCode>231003</MunicipalityCode>");
        StoredDecision decision = refused("facility-nagoya", DemoParticipants.sealToGateway(notice,
                "facility-nagoya"), "INVALID_LOCAL_GOVERNMENT_CODE", null);

        assertThat(DemoParticipants.open(fixture.receipt(decision), "facility-nagoya"))
                .contains("<Path>ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode</Path>")
                .doesNotContain("佐藤");
    }

    @Test
    void aReleaseNoticeWhoseOnlyRecipientsLackConsentOrRegistrationRecordsEachRefusal() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice")
                .replace("<MunicipalityCode>231002</MunicipalityCode>", "<MunicipalityCode>252018</MunicipalityCode>")
                .replace("<Given>true</Given>", "<Given>false</Given>");
        String messageId = DemoParticipants.messageId(notice);

        refused("facility-nagoya", DemoParticipants.sealToGateway(notice, "facility-nagoya"), "NO_CONSENT",
                messageId);

        assertThat(fixture.ledger(messageId)).filteredOn(e -> "REFUSED".equals(e.get("event")))
                .extracting(e -> e.get("recipient") + " " + e.get("reason"))
                .containsExactlyInAnyOrder("252018 NO_CONSENT", "250007 RECIPIENT_NOT_REGISTERED");
    }

    @Test
    void aResponseToNoRequestGoesNowhere() throws Exception {
        String response = DemoParticipants.sample("InformationResponse").replaceFirst(
                "<CorrelationId>[^<]+</CorrelationId>", "<CorrelationId>" + UUID.randomUUID() + "</CorrelationId>");
        refused("facility-nagoya", DemoParticipants.sealToGateway(response, "facility-nagoya"),
                "NO_MATCHING_REQUEST", DemoParticipants.messageId(response));
    }

    @Test
    void aRequestGoesToTheNamedFacilityOverSftpAndOnlyItsRequesterGetsTheAnswerWithOnlyTheItemsAsked()
            throws Exception {
        String request = DemoParticipants.sample("InformationRequest");
        String requestId = DemoParticipants.messageId(request);
        List<Path> facilityOutboxBefore = fixture.outboxFiles("facility-nagoya");

        StoredDecision asked = fixture.drop("231002", DemoParticipants.sealToGateway(request, "231002"));

        assertThat(asked.verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        List<Path> arrived = fixture.outboxFiles("facility-nagoya").stream()
                .filter(f -> !facilityOutboxBefore.contains(f)).toList();
        assertThat(arrived).singleElement().satisfies(copy -> assertThat(DemoParticipants.open(
                Files.readAllBytes(copy), "facility-nagoya")).contains("<To>facility-nagoya</To>", requestId));

        String response = DemoParticipants.sample("InformationResponse").replaceFirst(
                "<CorrelationId>[^<]+</CorrelationId>", "<CorrelationId>" + requestId + "</CorrelationId>");
        int nagoya = pending("231002").size();
        StoredDecision answered = fixture.drop("facility-nagoya", DemoParticipants.sealToGateway(response,
                "facility-nagoya"));

        assertThat(answered.verdict()).as(answered.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
        var copies = pending("231002");
        assertThat(copies).hasSize(nagoya + 1);
        String answer = DemoParticipants.open(outbox.find(copies.get(copies.size() - 1).copyId(), "231002")
                .orElseThrow().copy().cms(), "231002");
        assertThat(answer).contains("<WelfareNeeds>", "<CorrelationId>" + requestId + "</CorrelationId>")
                .doesNotContain("<Person>", "佐藤", "<Offences>");

        String impostor = DemoParticipants.sample("InformationResponse").replaceFirst(
                "<CorrelationId>[^<]+</CorrelationId>", "<CorrelationId>" + requestId + "</CorrelationId>")
                .replace("<From>facility-nagoya</From>", "<From>probation-nagoya</From>");
        refused("probation-nagoya", DemoParticipants.sealToGateway(impostor, "probation-nagoya"),
                "NO_MATCHING_REQUEST", DemoParticipants.messageId(impostor));
    }

    @Test
    void statisticsGoToEveryLocalGovernmentWithAStatisticsAgreement() throws Exception {
        String report = DemoParticipants.sample("StatisticsReport");
        Map<String, Integer> before = Map.of("230006", pending("230006").size(), "231002",
                pending("231002").size(), "252018", pending("252018").size(), "probation-nagoya",
                pending("probation-nagoya").size());

        StoredDecision decision = fixture.drop("moj-stats", DemoParticipants.sealToGateway(report, "moj-stats"));

        assertThat(decision.verdict()).as(decision.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
        before.forEach((recipient, count) -> assertThat(pending(recipient)).as(recipient)
                .hasSize(recipient.startsWith("probation") ? count : count + 1));
        assertThat(fixture.ledger(DemoParticipants.messageId(report)))
                .extracting(e -> e.get("event") + " " + e.get("recipient") + " " + e.get("purpose"))
                .containsExactlyInAnyOrder("DISCLOSED 230006 planning-statistics",
                        "DISCLOSED 231002 planning-statistics", "DISCLOSED 252018 planning-statistics");
    }
}
