package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Small-cell control on report tables as the schema carries them (rows keyed by dimensions, rows omitting a
 * dimension are its totals), checked by an attacker's linear programme over exactly what the copy publishes.
 */
class StatisticsControlTest {

    private static final String[] SEXES = {"MALE", "FEMALE", "OTHER", "NOT_RECORDED"};

    private final Document doc = newDocument();

    @Test
    void onRandomReportTablesNothingHiddenCanBeRecomputedAndNoSmallCountIsPublished() {
        Random random = new Random(42);
        int hiddenChecked = 0;
        for (int t = 0; t < 200; t++) {
            int areas = 1 + random.nextInt(4);
            int sexes = 1 + random.nextInt(4);
            int k = 3 + random.nextInt(2);
            long[][] data = new long[areas][sexes];
            for (int i = 0; i < areas; i++) {
                for (int j = 0; j < sexes; j++) {
                    data[i][j] = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(9);
                }
            }
            long[][] grid = TableSuppressionTest.withTotals(data);
            boolean rowTotals = random.nextBoolean();
            boolean colTotals = random.nextBoolean();
            boolean grandTotal = random.nextBoolean();
            Element table = table(grid, rowTotals, colTotals, grandTotal);
            StatisticsControl.apply(table, SmallCellRule.withMinCount(k));

            // What the copy publishes: a value per row, or a flag; totals not in the table are unknowns too.
            boolean[][] hidden = new boolean[areas + 1][sexes + 1];
            for (int i = 0; i <= areas; i++) {
                for (int j = 0; j <= sexes; j++) {
                    hidden[i][j] = true;
                }
            }
            boolean[][] flagged = new boolean[areas + 1][sexes + 1];
            for (Element row : MessageElements.children(MessageElements.child(table, "Rows"))) {
                int i = row(row, areas);
                int j = column(row, sexes);
                Element cell = MessageElements.child(row, "Cell");
                if (MessageElements.child(cell, "Count") != null) {
                    long published = Long.parseLong(MessageElements.text(MessageElements.child(cell, "Count")));
                    assertThat(published).isEqualTo(grid[i][j]);
                    assertThat(published == 0 || published >= k).as("table %d publishes %d at (%d,%d)", t, published, i, j)
                            .isTrue();
                    hidden[i][j] = false;
                } else {
                    assertThat(MessageElements.text(MessageElements.child(cell, "Suppressed"))).isIn("SMALL_CELL", "COMPLEMENTARY");
                    assertThat(cell.getTextContent()).doesNotContain(String.valueOf(grid[i][j]) + "\u0000");
                    flagged[i][j] = true;
                }
            }
            PublishedTableBounds attacker = new PublishedTableBounds(grid, hidden);
            for (int i = 0; i <= areas; i++) {
                for (int j = 0; j <= sexes; j++) {
                    if (flagged[i][j] && grid[i][j] > 0) {
                        double[] b = attacker.bounds(i, j);
                        assertThat(b[1] - b[0]).as("table %d hidden (%d,%d)=%d bounded to [%s,%s]", t, i, j, grid[i][j],
                                b[0], b[1]).isGreaterThanOrEqualTo(2 - 1e-6);
                        hiddenChecked++;
                    }
                }
            }
        }
        assertThat(hiddenChecked).isGreaterThan(150);
    }

    @Test
    void totalsOverMoreThanTwoDimensionsAreRefusedNotGuessed() {
        Element table = MessageElements.element(doc, "Table");
        table.appendChild(MessageElements.leaf(doc, "TableId", "T3"));
        Element dims = MessageElements.element(doc, "Dimensions");
        for (String d : new String[] {"AREA", "SEX", "AGE_BAND"}) {
            Element dim = MessageElements.element(doc, "Dimension");
            dim.appendChild(MessageElements.leaf(doc, "Name", d));
            dims.appendChild(dim);
        }
        table.appendChild(dims);
        table.appendChild(measures());
        Element rows = MessageElements.element(doc, "Rows");
        rows.appendChild(row(0, "MALE", "20-29", 5));
        rows.appendChild(row(1, "FEMALE", "30-39", 2));
        rows.appendChild(row(-1, null, null, 7));
        table.appendChild(rows);
        assertThatThrownBy(() -> StatisticsControl.apply(table, SmallCellRule.DEFAULT))
                .isInstanceOfSatisfying(RedactionException.class,
                        e -> assertThat(e.reason()).isEqualTo(RedactionException.Reason.STATISTICS_UNSUPPORTED));
    }

    private Element table(long[][] grid, boolean rowTotals, boolean colTotals, boolean grandTotal) {
        int areas = grid.length - 1;
        int sexes = grid[0].length - 1;
        Element table = MessageElements.element(doc, "Table");
        table.appendChild(MessageElements.leaf(doc, "TableId", "T"));
        Element dims = MessageElements.element(doc, "Dimensions");
        for (String d : new String[] {"AREA", "SEX"}) {
            Element dim = MessageElements.element(doc, "Dimension");
            dim.appendChild(MessageElements.leaf(doc, "Name", d));
            dims.appendChild(dim);
        }
        table.appendChild(dims);
        table.appendChild(measures());
        Element rows = MessageElements.element(doc, "Rows");
        for (int i = 0; i <= areas; i++) {
            for (int j = 0; j <= sexes; j++) {
                boolean isRowTotal = j == sexes && i < areas;
                boolean isColTotal = i == areas && j < sexes;
                boolean isGrand = i == areas && j == sexes;
                if (isRowTotal && !rowTotals || isColTotal && !colTotals || isGrand && !grandTotal) {
                    continue;
                }
                rows.appendChild(row(i == areas ? -1 : i, j == sexes ? null : SEXES[j], null, grid[i][j]));
            }
        }
        table.appendChild(rows);
        return table;
    }

    private Element measures() {
        Element measures = MessageElements.element(doc, "Measures");
        Element m = MessageElements.element(doc, "Measure");
        m.appendChild(MessageElements.leaf(doc, "Code", "RELEASED"));
        m.appendChild(MessageElements.leaf(doc, "Kind", "COUNT"));
        measures.appendChild(m);
        return measures;
    }

    private Element row(int area, String sex, String ageBand, long count) {
        Element row = MessageElements.element(doc, "Row");
        if (area >= 0) {
            Element a = MessageElements.element(doc, "Area");
            a.appendChild(MessageElements.leaf(doc, "Level", "MUNICIPALITY"));
            a.appendChild(MessageElements.leaf(doc, "Name", "A" + area));
            row.appendChild(a);
        }
        if (sex != null) {
            row.appendChild(MessageElements.leaf(doc, "Sex", sex));
        }
        if (ageBand != null) {
            row.appendChild(MessageElements.leaf(doc, "AgeBand", ageBand));
        }
        Element cell = MessageElements.element(doc, "Cell");
        cell.appendChild(MessageElements.leaf(doc, "Measure", "RELEASED"));
        cell.appendChild(MessageElements.leaf(doc, "Count", String.valueOf(count)));
        row.appendChild(cell);
        return row;
    }

    private static int row(Element row, int areas) {
        Element area = MessageElements.child(row, "Area");
        return area == null ? areas : Integer.parseInt(MessageElements.text(MessageElements.child(area, "Name")).substring(1));
    }

    private static int column(Element row, int sexes) {
        String sex = MessageElements.text(MessageElements.child(row, "Sex"));
        return sex == null ? sexes : java.util.Arrays.asList(SEXES).indexOf(sex);
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
