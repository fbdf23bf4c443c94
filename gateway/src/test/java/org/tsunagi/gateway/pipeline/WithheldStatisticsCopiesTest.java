package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tsunagi.gateway.statistics.StatisticsProperties;
import org.tsunagi.gateway.statistics.StatisticsReleases;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.Opened;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.Redacted;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.Routed;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.routes.redaction.LegalBasis;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.routes.redaction.PseudonymKey;
import org.tsunagi.routes.redaction.ReleasedCell;
import org.tsunagi.routes.redaction.Redactor;
import org.tsunagi.routes.redaction.StatisticsHistory;
import org.tsunagi.routes.redaction.StatisticsMemory;
import org.tsunagi.routes.routing.AgreementTerms;
import org.tsunagi.routes.routing.Disclosure;
import org.tsunagi.routes.routing.RoutingDecision;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.codec.MessageCodec;

/**
 * The redact step with the real redactor: a copy the recipient could subtract from what it (or its group) holds is
 * withheld and the others are made; with a group (tsunagi.statistics.groups), a member whose own history is empty is
 * withheld when a fellow member's releases pin the cell; when every copy is withheld, the message is refused.
 */
class WithheldStatisticsCopiesTest {

    private static final String AICHI = "230006";
    private static final String NAGOYA = "231002";
    private static final String OTSU = "252018";
    private static final String YEAR = "2014";

    private final MessageCodec codec = new MessageCodec();
    private final Redactor redactor = new Redactor("tsunagi-gateway", PolicyCatalog.load(Path.of("config/policies")),
            PseudonymKey.fromFile(Path.of("../keys-example/gateway/pseudonym-key.txt")), codec, Clock.systemUTC());
    private final Memory memory = new Memory();

    @Test
    void onlyTheCopyOfTheRecipientHoldingThePinningReleasesIsWithheld() {
        Redacted redacted = redacting(Map.of()).redact(routed(AICHI, NAGOYA, OTSU));

        assertThat(redacted.copies()).extracting(c -> c.disclosure().recipientId()).containsExactly(AICHI, NAGOYA);
        assertThat(redacted.withheld()).singleElement().satisfies(w -> {
            assertThat(w.recipientId()).isEqualTo(OTSU);
            assertThat(w.reasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
            assertThat(w.tables()).singleElement().satisfies(t -> {
                assertThat(t.position()).isEqualTo(2);
                assertThat(t.tableId()).isEqualTo("MUNI-SEX");
                assertThat(t.line()).isEqualTo(StatisticsReports.lineOfTable(report, 2));
            });
        });
        for (RedactedCopy copy : redacted.copies()) {
            assertThat(new String(copy.xml(), StandardCharsets.UTF_8)).doesNotContain("<Count>1</Count>",
                    "<Count>39</Count>");
        }
    }

    @Test
    void aGroupMemberIsWithheldWhenAFellowMembersReleasesPinTheCell() {
        Redacted redacted = redacting(Map.of("shiga-and-nagoya", List.of(NAGOYA, OTSU)))
                .redact(routed(AICHI, NAGOYA, OTSU));

        assertThat(redacted.copies()).extracting(c -> c.disclosure().recipientId()).containsExactly(AICHI);
        assertThat(redacted.withheld()).extracting(WithheldCopy::recipientId).containsExactly(NAGOYA, OTSU);
    }

    @Test
    void whenEveryCopyIsWithheldTheMessageIsRefusedNamingEachAndTheFirstTable() {
        MessageRefused refused = catchThrowableOfType(() -> redacting(Map.of()).redact(routed(OTSU)),
                MessageRefused.class);

        assertThat(refused.reasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
        assertThat(refused.stage()).isEqualTo(MessageRefused.Stage.REDACT);
        assertThat(refused.withheld()).extracting(WithheldCopy::recipientId).containsExactly(OTSU);
        assertThat(refused.location()).hasValueSatisfying(at -> {
            assertThat(at.line()).isEqualTo(StatisticsReports.lineOfTable(report, 2));
            assertThat(at.path()).isEqualTo("StatisticsReport/Table");
        });
    }

    /** The male-only and by-sex tables for the reference period {@link #YEAR}. */
    private final String report = StatisticsReports.report(YEAR,
            StatisticsReports.maleOnly() + StatisticsReports.bySex());

    /** Otsu alone holds what pins its one woman. */
    private Redacting redacting(Map<String, List<String>> groups) {
        remember(OTSU);
        return new Redacting(new RedactionCopies(redactor, codec,
                new StatisticsReleases(memory, new StatisticsProperties(10, groups), codec)));
    }

    /** The recipient holds the area totals (Otsu 40) and the male-only table (Otsu men 39) for the period. */
    private void remember(String recipient) {
        String earlier = StatisticsReports.report(YEAR, StatisticsReports.areaTotals() + StatisticsReports.maleOnly());
        new StatisticsReleases(memory, new StatisticsProperties(10, Map.of()), codec).remember(
                earlier.getBytes(StandardCharsets.UTF_8), "moj-stats", DemoParticipants.messageId(earlier), recipient,
                earlier.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private Routed routed(String... recipients) {
        byte[] xml = report.getBytes(StandardCharsets.UTF_8);
        Drop drop = Drop.of("moj-stats", "report.p7m", xml, Instant.now());
        ReadMessage read = new ReadMessage(new Opened(drop, "moj-stats", xml, Instant.now().plusSeconds(60)),
                codec.read(xml), MessageType.STATISTICS_REPORT, new MessageFacts(DemoParticipants.messageId(report),
                        "StatisticsReport", "moj-stats", null, null));
        List<Disclosure> disclosures = new ArrayList<>();
        for (String recipient : recipients) {
            disclosures.add(new Disclosure(recipient, new AgreementTerms(recipient + "-statistics",
                    "planning-statistics", LegalBasis.RECIDIVISM_PREVENTION_ACT, 3), Set.of()));
        }
        return new Routed(read, new RoutingDecision(disclosures, List.of(), null));
    }

    /** The memory's contract, in a list (the database implementation has its own test on H2 and PostgreSQL). */
    private static final class Memory implements StatisticsMemory {

        private record Row(String recipient, String sender, String period, ReleasedCell cell) {
        }

        private final List<Row> rows = new ArrayList<>();

        @Override
        public StatisticsHistory recall(Set<String> recipients, String senderId, String referencePeriod) {
            return new StatisticsHistory(rows.stream().filter(r -> recipients.contains(r.recipient())
                    && r.sender().equals(senderId) && r.period().equals(referencePeriod)).map(Row::cell).toList());
        }

        @Override
        public void remember(String recipientId, String senderId, String referencePeriod, String messageId,
                             List<ReleasedCell> cells, Instant releasedAt) {
            cells.forEach(c -> rows.add(new Row(recipientId, senderId, referencePeriod, c)));
        }
    }
}
