package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.gateway.delivery.PendingCopy;
import org.tsunagi.routes.pipeline.Decision;

/**
 * The differencing attack across two reports sent on different occasions, through the real pipeline and its
 * database memory: Otsu City (252018) receives a by-sex table (total 40, men and women hidden), then a male-only
 * table. Each report uses its own reference period, so the memory of other tests' reports does not interfere.
 */
class StatisticsMemoryTest extends PipelineTestBase {

    private static final String OTSU = "252018";
    private static final List<String> RECIPIENTS = List.of("230006", "231002", OTSU);

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSecondReportDoesNotPrintWhatTheFirstHid() throws Exception {
        String first = StatisticsReports.report("2019", StatisticsReports.bySex());
        assertThat(drop(first).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        String firstCopy = latestCopy(OTSU);
        assertThat(firstCopy).contains("<Count>40</Count>", "<Count>512</Count>")
                .doesNotContain("<Count>39</Count>", "<Count>1</Count>");
        assertThat(remembered(OTSU, DemoParticipants.messageId(first))).as("every cell of the by-sex table")
                .isEqualTo(12);

        String second = StatisticsReports.report("2019", StatisticsReports.maleOnly());
        assertThat(drop(second).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        String secondCopy = latestCopy(OTSU);
        assertThat(secondCopy).as("the men of Otsu and Toyohashi stay hidden: 40 - 39 would give Otsu's one woman")
                .doesNotContain("<Count>39</Count>", "<Count>48</Count>")
                .contains("<Count>512</Count>", "<Count>21</Count>", "<Suppressed>COMPLEMENTARY</Suppressed>");

        // The same male-only table for a period nothing was released for prints every count: it is the memory.
        String fresh = StatisticsReports.report("2017", StatisticsReports.maleOnly());
        assertThat(drop(fresh).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(latestCopy(OTSU)).contains("<Count>39</Count>", "<Count>48</Count>");
    }

    @Test
    void aTableTheRecipientCouldSubtractIsRefusedAndTheReceiptSaysWhichTable() throws Exception {
        String first = StatisticsReports.report("2018", StatisticsReports.areaTotals() + StatisticsReports.maleOnly());
        assertThat(drop(first).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(latestCopy(OTSU)).contains("<Count>40</Count>", "<Count>39</Count>");

        String second = StatisticsReports.report("2018", StatisticsReports.maleOnly() + StatisticsReports.bySex());
        String messageId = DemoParticipants.messageId(second);
        Map<String, Integer> before = new java.util.HashMap<>();
        RECIPIENTS.forEach(r -> before.put(r, pending(r).size()));
        StoredDecision decision = drop(second);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
        int line = StatisticsReports.lineOfTable(second, 2);
        // Every recipient holds the totals and the male-only table: every copy is withheld, so the report is refused.
        String receipt = DemoParticipants.open(fixture.receipt(decision), "moj-stats");
        assertThat(receipt).contains("<Outcome>REJECTED</Outcome>",
                "<ReasonCode>STATISTICS_DISCLOSURE_RISK</ReasonCode>", "<Line>" + line + "</Line>",
                "<Path>StatisticsReport/Table</Path>");
        RECIPIENTS.forEach(r -> assertThat(receipt).contains("<Recipient>" + r + "</Recipient>"));
        assertThat(receipt).contains("<Position>2</Position>", "<TableId>MUNI-SEX</TableId>");
        RECIPIENTS.forEach(r -> assertThat(pending(r)).as("nothing sent to " + r).hasSize(before.get(r)));
        assertThat(fixture.ledger(messageId)).extracting(e -> e.get("event") + " " + e.get("recipient") + " "
                        + e.get("reason"))
                .containsExactlyInAnyOrder("QUARANTINED null STATISTICS_DISCLOSURE_RISK",
                        "REFUSED 230006 STATISTICS_DISCLOSURE_RISK", "REFUSED 231002 STATISTICS_DISCLOSURE_RISK",
                        "REFUSED 252018 STATISTICS_DISCLOSURE_RISK");
        RECIPIENTS.forEach(r -> assertThat(remembered(r, messageId)).as("nothing remembered of a refused report")
                .isZero());
    }

    private StoredDecision drop(String report) throws Exception {
        return fixture.drop("moj-stats", DemoParticipants.sealToGateway(report, "moj-stats"));
    }

    private String latestCopy(String recipient) {
        List<PendingCopy> copies = pending(recipient);
        return DemoParticipants.open(outbox.find(copies.get(copies.size() - 1).copyId(), recipient).orElseThrow()
                .copy().cms(), recipient);
    }

    private long remembered(String recipient, String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM statistics_release WHERE recipient_id = :r AND message_id = :m")
                .param("r", recipient).param("m", messageId).query(Long.class).single();
    }
}
