package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.routes.redaction.LegalBasis;
import org.tsunagi.routes.routing.AgreementTerms;
import org.tsunagi.routes.routing.Disclosure;
import org.tsunagi.schemas.codec.ErrorLocation;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.model.Receipt;
import org.tsunagi.schemas.model.ReceiptOutcome;

/**
 * The sender's receipts as it opens them: sealed to it, signed by the gateway, valid against the message schema
 * (the codec validates every document it reads), and naming each withheld copy with its recipient, reason and tables.
 */
class ReceiptsTest {

    private static final ParticipantRegistry REGISTRY = ParticipantRegistry.load(Path.of("config/participants.yaml"),
            Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest", "InformationResponse",
                    "SupportOutcome", "StatisticsReport", "Receipt"), purpose -> true);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final MessageCodec codec = new MessageCodec();
    private final Receipts receipts = new Receipts("tsunagi-gateway", REGISTRY,
            DemoParticipants.currentCertificates(), codec, new MessageSealer(),
            DemoParticipants.credentials(DemoParticipants.KEYS.resolve("gateway/signing-cert.pem"),
                    DemoParticipants.KEYS.resolve("gateway/signing-key.pem")));
    private final Drop drop = Drop.of("moj-stats", "report.p7m", "sealed bytes".getBytes(StandardCharsets.UTF_8),
            NOW.minusSeconds(3));
    private final MessageFacts facts = new MessageFacts(UUID.randomUUID().toString(), "StatisticsReport", "moj-stats",
            null, null);

    @Test
    void anAcceptanceNamesEachWithheldCopyWithItsReasonAndTables() {
        WithheldCopy otsu = withheld("252018", new WithheldCopy.Table(2, "MUNI-SEX", 41, 8),
                new WithheldCopy.Table(3, "MUNI-AGE", 77, 8));
        WithheldCopy aichi = withheld("230006", new WithheldCopy.Table(1, null, -1, -1));

        Receipts.SealedReceipt sealed = receipts.accepted(drop, facts, List.of(otsu, aichi), NOW);
        String xml = DemoParticipants.open(sealed.cms(), "moj-stats");
        Receipt receipt = (Receipt) codec.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(sealed.fileName()).isEqualTo("receipt-" + facts.messageId() + ".p7m");
        assertThat(receipt.getOutcome()).isEqualTo(ReceiptOutcome.ACCEPTED);
        assertThat(receipt.getReasonCode()).isNull();
        assertThat(receipt.getWithheldCopy()).hasSize(2);
        Receipt.WithheldCopy first = receipt.getWithheldCopy().get(0);
        assertThat(first.getRecipient()).isEqualTo("252018");
        assertThat(first.getReasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
        assertThat(first.getReasonText()).contains("not sent").doesNotContainPattern("\\d");
        assertThat(first.getTable()).extracting(t -> t.getPosition().intValue(), Receipt.WithheldCopy.Table::getTableId,
                        t -> t.getLine().intValue(), t -> t.getColumn().intValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "MUNI-SEX", 41, 8),
                        org.assertj.core.groups.Tuple.tuple(3, "MUNI-AGE", 77, 8));
        Receipt.WithheldCopy second = receipt.getWithheldCopy().get(1);
        assertThat(second.getRecipient()).isEqualTo("230006");
        assertThat(second.getTable()).singleElement().satisfies(t -> {
            assertThat(t.getPosition()).isEqualTo(BigInteger.ONE);
            assertThat(t.getTableId()).isNull();
            assertThat(t.getLine()).as("an unknown position is left out, not written as -1").isNull();
            assertThat(t.getColumn()).isNull();
        });
        assertThat(xml).as("elements in schema order, after what 1.1 receipts had")
                .containsSubsequence("<ReceivedSha256>", "<WithheldCopy>", "<Recipient>252018</Recipient>",
                        "<ReasonCode>STATISTICS_DISCLOSURE_RISK</ReasonCode>", "<Table>", "<Position>2</Position>",
                        "<TableId>MUNI-SEX</TableId>", "<Line>41</Line>", "<Column>8</Column>");
    }

    @Test
    void anAcceptanceWithNothingWithheldIsAsBefore() {
        String xml = DemoParticipants.open(receipts.accepted(drop, facts, List.of(), NOW).cms(), "moj-stats");
        assertThat(((Receipt) codec.read(xml.getBytes(StandardCharsets.UTF_8))).getWithheldCopy()).isEmpty();
        assertThat(xml).doesNotContain("WithheldCopy");
    }

    @Test
    void aRejectionBecauseEveryCopyIsWithheldNamesEachAndTheFirstTable() {
        List<WithheldCopy> all = List.of(withheld("230006", new WithheldCopy.Table(2, "MUNI-SEX", 41, 8)),
                withheld("252018", new WithheldCopy.Table(2, "MUNI-SEX", 41, 8)));
        MessageRefused refused = new MessageRefused(MessageRefused.Stage.REDACT, "STATISTICS_DISCLOSURE_RISK",
                "every copy withheld", facts, List.of(), new ErrorLocation(41, 8, "StatisticsReport/Table"), all);

        String xml = DemoParticipants.open(receipts.rejected(drop, refused, NOW).cms(), "moj-stats");
        Receipt receipt = (Receipt) codec.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.getOutcome()).isEqualTo(ReceiptOutcome.REJECTED);
        assertThat(receipt.getReasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
        assertThat(receipt.getErrorLocation().getLine()).isEqualTo(BigInteger.valueOf(41));
        assertThat(receipt.getErrorLocation().getPath()).isEqualTo("StatisticsReport/Table");
        assertThat(receipt.getWithheldCopy()).extracting(Receipt.WithheldCopy::getRecipient)
                .containsExactly("230006", "252018");
    }

    private static WithheldCopy withheld(String recipient, WithheldCopy.Table... tables) {
        return new WithheldCopy(new Disclosure(recipient, new AgreementTerms(recipient + "-statistics",
                "planning-statistics", LegalBasis.RECIDIVISM_PREVENTION_ACT, 3), Set.of()),
                "STATISTICS_DISCLOSURE_RISK", List.of(tables));
    }
}
