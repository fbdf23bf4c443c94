package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        String first = report("2019", bySex());
        assertThat(drop(first).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        String firstCopy = latestCopy(OTSU);
        assertThat(firstCopy).contains("<Count>40</Count>", "<Count>512</Count>")
                .doesNotContain("<Count>39</Count>", "<Count>1</Count>");
        assertThat(remembered(OTSU, DemoParticipants.messageId(first))).as("every cell of the by-sex table")
                .isEqualTo(12);

        String second = report("2019", maleOnly());
        assertThat(drop(second).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        String secondCopy = latestCopy(OTSU);
        assertThat(secondCopy).as("the men of Otsu and Toyohashi stay hidden: 40 - 39 would give Otsu's one woman")
                .doesNotContain("<Count>39</Count>", "<Count>48</Count>")
                .contains("<Count>512</Count>", "<Count>21</Count>", "<Suppressed>COMPLEMENTARY</Suppressed>");

        // The same male-only table for a period nothing was released for prints every count: it is the memory.
        String fresh = report("2017", maleOnly());
        assertThat(drop(fresh).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(latestCopy(OTSU)).contains("<Count>39</Count>", "<Count>48</Count>");
    }

    @Test
    void aTableTheRecipientCouldSubtractIsRefusedAndTheReceiptSaysWhichTable() throws Exception {
        String first = report("2018", areaTotals() + maleOnly());
        assertThat(drop(first).verdict()).isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(latestCopy(OTSU)).contains("<Count>40</Count>", "<Count>39</Count>");

        String second = report("2018", maleOnly() + bySex());
        String messageId = DemoParticipants.messageId(second);
        Map<String, Integer> before = new java.util.HashMap<>();
        RECIPIENTS.forEach(r -> before.put(r, pending(r).size()));
        StoredDecision decision = drop(second);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
        int line = lineOfSecondTable(second);
        assertThat(DemoParticipants.open(fixture.receipt(decision), "moj-stats")).contains(
                "<ReasonCode>STATISTICS_DISCLOSURE_RISK</ReasonCode>", "<Line>" + line + "</Line>",
                "<Path>StatisticsReport/Table</Path>");
        RECIPIENTS.forEach(r -> assertThat(pending(r)).as("nothing sent to " + r).hasSize(before.get(r)));
        assertThat(fixture.ledger(messageId)).extracting(e -> e.get("event") + " " + e.get("reason"))
                .contains("QUARANTINED STATISTICS_DISCLOSURE_RISK").noneMatch(e -> e.startsWith("DISCLOSED"));
        assertThat(remembered(OTSU, messageId)).as("nothing remembered of a refused report").isZero();
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

    private static int lineOfSecondTable(String xml) {
        int first = xml.indexOf("<Table>");
        int second = xml.indexOf("<Table>", first + 1);
        return (int) xml.substring(0, second).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The sample report's header with a new MessageId, the given year as reference period, and these tables. */
    private static String report(String year, String tables) {
        String sample = DemoParticipants.sample("StatisticsReport");
        String head = sample.substring(0, sample.indexOf("<Table>"))
                .replaceFirst("<MessageId>[^<]+</MessageId>", "<MessageId>" + UUID.randomUUID() + "</MessageId>")
                .replace("<Start>2023-01-01</Start>", "<Start>" + year + "-01-01</Start>")
                .replace("<End>2023-12-31</End>", "<End>" + year + "-12-31</End>");
        return head + tables + "\n</StatisticsReport>\n";
    }

    private static final String[][] MUNICIPALITIES = {{"231002", "名古屋市", "512", "61"}, {"232017", "豊橋市", "48", "2"},
            {"252018", "大津市", "39", "1"}, {"312011", "鳥取市", "21", "3"}};

    private static String bySex() {
        StringBuilder rows = new StringBuilder();
        for (String[] m : MUNICIPALITIES) {
            rows.append(row(m, "MALE", m[2])).append(row(m, "FEMALE", m[3]))
                    .append(row(m, null, String.valueOf(Long.parseLong(m[2]) + Long.parseLong(m[3]))));
        }
        return table("MUNI-SEX", true, rows);
    }

    private static String maleOnly() {
        StringBuilder rows = new StringBuilder();
        for (String[] m : MUNICIPALITIES) {
            rows.append(row(m, "MALE", m[2]));
        }
        return table("MUNI-MALE", true, rows);
    }

    private static String areaTotals() {
        StringBuilder rows = new StringBuilder();
        for (String[] m : MUNICIPALITIES) {
            rows.append(row(m, null, String.valueOf(Long.parseLong(m[2]) + Long.parseLong(m[3]))));
        }
        return table("MUNI-TOTAL", false, rows);
    }

    private static String table(String id, boolean bySex, StringBuilder rows) {
        return "<Table>\n<TableId>" + id + "</TableId>\n<Dimensions>\n<Dimension><Name>AREA</Name>"
                + "<AreaLevel>MUNICIPALITY</AreaLevel></Dimension>\n"
                + (bySex ? "<Dimension><Name>SEX</Name></Dimension>\n" : "")
                + "</Dimensions>\n<Measures>\n<Measure><Code>RELEASED</Code><Kind>COUNT</Kind></Measure>\n</Measures>\n"
                + "<Rows>\n" + rows + "</Rows>\n</Table>\n";
    }

    private static String row(String[] municipality, String sex, String count) {
        return "<Row><Area><Level>MUNICIPALITY</Level><LocalGovernmentCode>" + municipality[0]
                + "</LocalGovernmentCode><Name>" + municipality[1] + "</Name></Area>"
                + (sex == null ? "" : "<Sex>" + sex + "</Sex>")
                + "<Cell><Measure>RELEASED</Measure><Count>" + count + "</Count></Cell></Row>\n";
    }
}
