package org.tsunagi.routes.redaction;

import static org.tsunagi.routes.redaction.MessageElements.child;
import static org.tsunagi.routes.redaction.MessageElements.children;
import static org.tsunagi.routes.redaction.MessageElements.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Small-cell control of one {@code StatisticsReport/Table} element, in place.
 *
 * <p>A table lists rows keyed by its dimensions (AREA, SEX, AGE_BAND, OFFENCE, PERIOD); a row that omits a
 * dimension is the total over it. Dimensions with a single value are ignored; the rest (at most two) span a
 * two-way grid with its totals, one grid per quantity: each COUNT measure, and each RATE measure's numerators and
 * denominators. Counts 1..k-1 and denominators below the threshold are hidden, then {@link TableSuppression} adds
 * complementary cells per grid. The union of the hidden positions is applied to every measure of the table, because
 * measures of one row can repeat each other (a count and a rate's numerator): a position hidden in one quantity is
 * hidden in all. A hidden cell keeps its {@code Measure} and carries {@code Suppressed} (SMALL_CELL or COMPLEMENTARY)
 * instead of its value.
 *
 * <p>No longer used by the {@link Redactor}, which protects whole reports against everything a recipient holds
 * ({@link ReportControl}); kept as the per-table method that {@code bench/statistics-suppression.sh} and the attack
 * tests compare against.
 */
final class StatisticsControl {

    private StatisticsControl() {
    }

    /** @return whether the table has any cell at all (i.e. control was applied) */
    static boolean apply(Element table, SmallCellRule rule) {
        Element rowsElement = child(table, "Rows");
        List<String> dimensions = new ArrayList<>();
        Element dims = child(table, "Dimensions");
        if (dims != null) {
            for (Element d : children(dims)) {
                dimensions.add(text(child(d, "Name")));
            }
        }
        Map<String, String> measureKinds = new LinkedHashMap<>();
        Element measures = child(table, "Measures");
        if (measures != null) {
            for (Element m : children(measures)) {
                measureKinds.put(text(child(m, "Code")), text(child(m, "Kind")));
            }
        }
        List<Element> rows = rowsElement == null ? List.of() : children(rowsElement);
        if (rows.stream().noneMatch(r -> child(r, "Cell") != null)) {
            return false;
        }

        // Keys of each row per dimension (null = total over that dimension).
        List<String[]> keys = new ArrayList<>();
        for (Element row : rows) {
            String[] k = new String[dimensions.size()];
            for (int d = 0; d < dimensions.size(); d++) {
                k[d] = dimensionValue(row, dimensions.get(d));
            }
            keys.add(k);
        }
        List<Integer> varying = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            Set<String> values = new LinkedHashSet<>();
            for (String[] k : keys) {
                values.add(k[d]);
            }
            if (values.size() > 1) {
                varying.add(d);
            }
        }
        boolean anyTotal = keys.stream().anyMatch(k -> varying.stream().anyMatch(d -> k[d] == null));
        if (varying.size() > 2 && anyTotal) {
            throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "table "
                    + text(child(table, "TableId")) + " has totals over more than two dimensions; small-cell control "
                    + "supports one- and two-way tables with totals");
        }
        List<String[]> lines = new ArrayList<>();
        for (String[] k : keys) {
            if (varying.size() > 2) {
                // No totals: each row stands alone (one line of a one-way table without a total).
                StringBuilder all = new StringBuilder();
                varying.forEach(d -> all.append(k[d]).append('|'));
                lines.add(new String[] {all.toString(), "*"});
            } else {
                lines.add(new String[] {varying.size() > 0 ? k[varying.get(0)] : "*",
                        varying.size() > 1 ? k[varying.get(1)] : "*"});
            }
        }
        Grid grid = new Grid(lines);
        if (grid.hasDuplicates()) {
            throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "table "
                    + text(child(table, "TableId")) + " has two rows with the same dimension values");
        }

        boolean[][] hiddenAll = new boolean[grid.rows()][grid.cols()];
        boolean[][] primaryAll = new boolean[grid.rows()][grid.cols()];
        for (Map.Entry<String, String> measure : measureKinds.entrySet()) {
            boolean rate = "RATE".equals(measure.getValue());
            if (rate) {
                suppress(grid, rows, measure.getKey(), "Numerator", rule.minCount(), false, hiddenAll, primaryAll);
                suppress(grid, rows, measure.getKey(), "Denominator", rule.minRateDenominator(), true, hiddenAll,
                        primaryAll);
            } else {
                suppress(grid, rows, measure.getKey(), "Count", rule.minCount(), false, hiddenAll, primaryAll);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            int[] at = grid.position(r);
            if (hiddenAll[at[0]][at[1]]) {
                for (Element cell : children(rows.get(r))) {
                    if (cell.getLocalName().equals("Cell")) {
                        hide(cell, primaryAll[at[0]][at[1]] ? "SMALL_CELL" : "COMPLEMENTARY");
                    }
                }
            }
        }
        return true;
    }

    private static void suppress(Grid grid, List<Element> rows, String measure, String quantity, long k,
                                 boolean hideZero, boolean[][] hiddenAll, boolean[][] primaryAll) {
        long[][] values = new long[grid.rows()][grid.cols()];
        boolean[][] present = new boolean[grid.rows()][grid.cols()];
        boolean[][] unknown = new boolean[grid.rows()][grid.cols()];
        for (int r = 0; r < rows.size(); r++) {
            int[] at = grid.position(r);
            Element cell = cellOf(rows.get(r), measure);
            if (cell == null) {
                continue;
            }
            present[at[0]][at[1]] = true;
            String value = text(child(cell, quantity));
            if (value == null && child(cell, "Suppressed") == null && !quantity.equals("Count")) {
                // A rate without its numerator or denominator cannot be checked: treat it as too small.
                unknown[at[0]][at[1]] = true;
                continue;
            }
            if (value != null && value.length() <= 15) {
                values[at[0]][at[1]] = Long.parseLong(value);
            } else if (value != null) {
                unknown[at[0]][at[1]] = true;  // beyond any real count: never published below national level
            } else {
                unknown[at[0]][at[1]] = true;  // already suppressed by the sender
            }
        }
        int lastRow = grid.rows() - 1;
        int lastCol = grid.cols() - 1;
        boolean[][] absent = new boolean[grid.rows()][grid.cols()];
        for (int i = 0; i <= lastRow; i++) {
            for (int j = 0; j <= lastCol; j++) {
                absent[i][j] = !present[i][j] || unknown[i][j];
            }
        }
        // An absent total takes its line's sum (it is never published, only used to route complementary cells).
        for (int i = 0; i < lastRow; i++) {
            if (absent[i][lastCol]) {
                long sum = 0;
                for (int j = 0; j < lastCol; j++) {
                    sum += absent[i][j] ? 0 : values[i][j];
                }
                values[i][lastCol] = sum;
            }
        }
        for (int j = 0; j <= lastCol; j++) {
            if (absent[lastRow][j]) {
                long sum = 0;
                for (int i = 0; i < lastRow; i++) {
                    sum += values[i][j];
                }
                values[lastRow][j] = sum;
            }
        }
        boolean[][] hidden = TableSuppression.suppress(values, absent, k, hideZero);
        for (int i = 0; i <= lastRow; i++) {
            for (int j = 0; j <= lastCol; j++) {
                if (present[i][j] && (hidden[i][j] || unknown[i][j])) {
                    hiddenAll[i][j] = true;
                    boolean small = unknown[i][j] || values[i][j] < k && (values[i][j] >= 1 || hideZero);
                    primaryAll[i][j] |= small;
                }
            }
        }
    }

    private static Element cellOf(Element row, String measure) {
        for (Element cell : children(row)) {
            if (cell.getLocalName().equals("Cell") && measure.equals(text(child(cell, "Measure")))) {
                return cell;
            }
        }
        return null;
    }

    private static void hide(Element cell, String reason) {
        Element measure = child(cell, "Measure");
        List<Node> drop = new ArrayList<>();
        for (Node n = cell.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n != measure) {
                drop.add(n);
            }
        }
        drop.forEach(cell::removeChild);
        cell.appendChild(MessageElements.leaf(cell.getOwnerDocument(), "Suppressed", reason));
    }

    private static String dimensionValue(Element row, String dimension) {
        Element e = switch (dimension == null ? "" : dimension) {
            case "AREA" -> child(row, "Area");
            case "SEX" -> child(row, "Sex");
            case "AGE_BAND" -> child(row, "AgeBand");
            case "OFFENCE" -> child(row, "OffenceCategory");
            case "PERIOD" -> child(row, "Period");
            default -> null;
        };
        if (e == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (Element part : children(e)) {
            key.append(part.getLocalName()).append('=').append(text(part)).append(';');
        }
        return key.length() == 0 ? text(e) : key.toString();
    }

    /** Places each row in an (R+1) x (C+1) grid: data cells, then the totals row and column. */
    private static final class Grid {
        private final int[][] positions;
        private final int rows;
        private final int cols;

        Grid(List<String[]> lines) {
            Map<String, Integer> rowIndex = new LinkedHashMap<>();
            Map<String, Integer> colIndex = new LinkedHashMap<>();
            for (String[] line : lines) {
                if (line[0] != null) {
                    rowIndex.putIfAbsent(line[0], rowIndex.size());
                }
                if (line[1] != null) {
                    colIndex.putIfAbsent(line[1], colIndex.size());
                }
            }
            this.rows = rowIndex.size() + 1;
            this.cols = colIndex.size() + 1;
            this.positions = new int[lines.size()][];
            for (int r = 0; r < lines.size(); r++) {
                String[] line = lines.get(r);
                positions[r] = new int[] {line[0] == null ? rows - 1 : rowIndex.get(line[0]),
                        line[1] == null ? cols - 1 : colIndex.get(line[1])};
            }
        }

        boolean hasDuplicates() {
            Set<String> seen = new HashSet<>();
            for (int[] p : positions) {
                if (!seen.add(p[0] + "," + p[1])) {
                    return true;
                }
            }
            return false;
        }

        int rows() {
            return rows;
        }

        int cols() {
            return cols;
        }

        int[] position(int row) {
            return positions[row];
        }
    }
}
