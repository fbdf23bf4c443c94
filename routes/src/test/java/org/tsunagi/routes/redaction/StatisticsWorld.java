package org.tsunagi.routes.redaction;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A small world of counts (municipality x sex), the report tables a sender may publish about it, and the recipient as
 * an attacker: a linear programme whose unknowns are the world's cells themselves and whose equations are every
 * value the recipient has seen, in every copy. Written independently of the gateway's cell system (no cell keys, no
 * lattice, no deviations), so that it checks the gateway rather than repeating it.
 */
final class StatisticsWorld {

    static final String[] AREAS = {"231002", "232017", "252018", "312011", "232025", "232033", "252026", "312029"};
    static final String[] SEXES = {"MALE", "FEMALE", "OTHER"};

    /** The tables a report can hold. ONE_SEX is a table of one sex's counts by area (the "male-only" table). */
    enum Kind { BY_SEX, ONE_SEX, AREA_TOTALS }

    record Spec(Kind kind, int sex, boolean rowTotals, boolean columnTotals, boolean grandTotal) {
    }

    /** A value the recipient saw: the sum of the world's cells in {@code cells} is {@code value}. */
    record Seen(boolean[][] cells, long value) {
    }

    final long[][] counts;

    StatisticsWorld(long[][] counts) {
        this.counts = counts;
    }

    int areas() {
        return counts.length;
    }

    int sexes() {
        return counts[0].length;
    }

    /** The report's XML: its Header, ReferencePeriod and the tables, rows in a fixed order. */
    String report(String messageId, List<Spec> tables) {
        StringBuilder x = new StringBuilder("<StatisticsReport xmlns=\"urn:tsunagi:message:1\"><Header><MessageId>")
                .append(messageId).append("</MessageId><MessageType>StatisticsReport</MessageType><From>moj-stats"
                        + "</From><To>tsunagi-gateway</To><CreatedAt>2026-07-01T09:00:00+09:00</CreatedAt></Header>"
                        + "<ReferencePeriod><Start>2023-01-01</Start><End>2023-12-31</End></ReferencePeriod>");
        int id = 0;
        for (Spec spec : tables) {
            x.append("<Table><TableId>T").append(++id).append("</TableId><Dimensions><Dimension><Name>AREA</Name>"
                    + "<AreaLevel>MUNICIPALITY</AreaLevel></Dimension>");
            if (spec.kind() != Kind.AREA_TOTALS) {
                x.append("<Dimension><Name>SEX</Name></Dimension>");
            }
            x.append("</Dimensions><Measures><Measure><Code>RELEASED</Code><Kind>COUNT</Kind></Measure></Measures>"
                    + "<Rows>");
            switch (spec.kind()) {
                case BY_SEX -> {
                    for (int a = 0; a <= areas(); a++) {
                        for (int s = 0; s <= sexes(); s++) {
                            boolean areaTotal = a == areas();
                            boolean sexTotal = s == sexes();
                            if (sexTotal && !areaTotal && !spec.rowTotals() || areaTotal && !sexTotal
                                    && !spec.columnTotals() || areaTotal && sexTotal && !spec.grandTotal()) {
                                continue;
                            }
                            row(x, areaTotal ? -1 : a, sexTotal ? -1 : s);
                        }
                    }
                }
                case ONE_SEX -> {
                    for (int a = 0; a < areas(); a++) {
                        row(x, a, spec.sex());
                    }
                    if (spec.columnTotals()) {
                        row(x, -1, spec.sex());
                    }
                }
                case AREA_TOTALS -> {
                    for (int a = 0; a < areas(); a++) {
                        row(x, a, -1);
                    }
                    if (spec.grandTotal()) {
                        row(x, -1, -1);
                    }
                }
                default -> throw new IllegalStateException();
            }
            x.append("</Rows></Table>");
        }
        return x.append("</StatisticsReport>").toString();
    }

    private void row(StringBuilder x, int area, int sex) {
        x.append("<Row>");
        if (area >= 0) {
            x.append("<Area><Level>MUNICIPALITY</Level><LocalGovernmentCode>").append(AREAS[area])
                    .append("</LocalGovernmentCode></Area>");
        }
        if (sex >= 0) {
            x.append("<Sex>").append(SEXES[sex]).append("</Sex>");
        }
        x.append("<Cell><Measure>RELEASED</Measure><Count>").append(sum(cells(area, sex))).append("</Count></Cell>");
        x.append("</Row>");
    }

    boolean[][] cells(int area, int sex) {
        boolean[][] in = new boolean[areas()][sexes()];
        for (int a = 0; a < areas(); a++) {
            for (int s = 0; s < sexes(); s++) {
                in[a][s] = (area < 0 || area == a) && (sex < 0 || sex == s);
            }
        }
        return in;
    }

    long sum(boolean[][] in) {
        long total = 0;
        for (int a = 0; a < areas(); a++) {
            for (int s = 0; s < sexes(); s++) {
                total += in[a][s] ? counts[a][s] : 0;
            }
        }
        return total;
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a copy as (which world cells it sums, published value or null when suppressed). */
    List<Object[]> rows(Document copy) {
        List<Object[]> rows = new ArrayList<>();
        for (Element table : MessageElements.children(copy.getDocumentElement())) {
            if (!table.getLocalName().equals("Table")) {
                continue;
            }
            for (Element row : MessageElements.children(MessageElements.child(table, "Rows"))) {
                Element area = MessageElements.child(row, "Area");
                int a = area == null ? -1 : List.of(AREAS).indexOf(MessageElements.text(
                        MessageElements.child(area, "LocalGovernmentCode")));
                String sex = MessageElements.text(MessageElements.child(row, "Sex"));
                int s = sex == null ? -1 : List.of(SEXES).indexOf(sex);
                String count = MessageElements.text(MessageElements.child(MessageElements.child(row, "Cell"), "Count"));
                rows.add(new Object[] {cells(a, s), count == null ? null : Long.valueOf(count)});
            }
        }
        return rows;
    }

    /**
     * {min, max} of the sum of {@code target}'s cells over every non-negative world agreeing with {@code seen}: a
     * fresh ojAlgo model per question, over the world's cells (the gateway's programmes are over its cell keys).
     */
    double[] bounds(List<Seen> seen, boolean[][] target) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[][] x = new Variable[areas()][sexes()];
        for (int a = 0; a < areas(); a++) {
            for (int s = 0; s < sexes(); s++) {
                x[a][s] = model.addVariable("x" + a + "_" + s).lower(0);
            }
        }
        int n = 0;
        for (Seen seenValue : seen) {
            Expression e = model.addExpression("seen" + n++).level(seenValue.value());
            add(e, x, seenValue.cells());
        }
        Expression objective = model.addExpression("target").weight(1);
        add(objective, x, target);
        Optimisation.Result min = model.minimise();
        Optimisation.Result max = model.maximise();
        if (!min.getState().isOptimal()) {
            throw new IllegalStateException("what the recipient saw is inconsistent: " + min.getState());
        }
        return new double[] {min.getValue(), max.getState() == Optimisation.State.UNBOUNDED
                ? Double.POSITIVE_INFINITY : max.getValue()};
    }

    private void add(Expression e, Variable[][] x, boolean[][] in) {
        for (int a = 0; a < areas(); a++) {
            for (int s = 0; s < sexes(); s++) {
                if (in[a][s]) {
                    e.set(x[a][s], 1);
                }
            }
        }
    }

}
