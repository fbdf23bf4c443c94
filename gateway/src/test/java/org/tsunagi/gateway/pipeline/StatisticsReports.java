package org.tsunagi.gateway.pipeline;

import java.util.UUID;

/**
 * StatisticsReports for the differencing attack, built on the sample's header: counts of released people by
 * municipality (Nagoya 512 men and 61 women, Toyohashi 48 and 2, Otsu 39 and 1, Tottori 21 and 3) as a by-sex
 * table with totals, a male-only table and a table of totals.
 */
final class StatisticsReports {

    private static final String[][] MUNICIPALITIES = {{"231002", "名古屋市", "512", "61"}, {"232017", "豊橋市", "48", "2"},
            {"252018", "大津市", "39", "1"}, {"312011", "鳥取市", "21", "3"}};

    private StatisticsReports() {
    }

    /** The sample report's header with a new MessageId, the given year as reference period, and these tables. */
    static String report(String year, String tables) {
        String sample = DemoParticipants.sample("StatisticsReport");
        String head = sample.substring(0, sample.indexOf("<Table>"))
                .replaceFirst("<MessageId>[^<]+</MessageId>", "<MessageId>" + UUID.randomUUID() + "</MessageId>")
                .replace("<Start>2023-01-01</Start>", "<Start>" + year + "-01-01</Start>")
                .replace("<End>2023-12-31</End>", "<End>" + year + "-12-31</End>");
        return head + tables + "\n</StatisticsReport>\n";
    }

    /** The line (1-based) of the n-th {@code <Table>} start tag. */
    static int lineOfTable(String xml, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = xml.indexOf("<Table>", at + 1);
        }
        return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static String bySex() {
        StringBuilder rows = new StringBuilder();
        for (String[] m : MUNICIPALITIES) {
            rows.append(row(m, "MALE", m[2])).append(row(m, "FEMALE", m[3]))
                    .append(row(m, null, String.valueOf(Long.parseLong(m[2]) + Long.parseLong(m[3]))));
        }
        return table("MUNI-SEX", true, rows);
    }

    static String maleOnly() {
        StringBuilder rows = new StringBuilder();
        for (String[] m : MUNICIPALITIES) {
            rows.append(row(m, "MALE", m[2]));
        }
        return table("MUNI-MALE", true, rows);
    }

    static String areaTotals() {
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
