package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Small-cell control of a whole {@code StatisticsReport} copy, in place, against everything its recipient holds.
 *
 * <p>All tables of the report and every cell already released to the recipient (or its group) for the same sender
 * and reference period form one {@link CellSystem}. Sensitive cells are counts 1..k-1 and rate denominators below
 * the threshold; each must keep a protection interval ({@link Protection}) against a linear programme over the
 * whole system. {@link LinkedSuppression} chooses the complementary cells; measures of one row are hidden together
 * (a count and a rate's numerator can be the same number); then {@link DisclosureAudit} re-derives every sensitive
 * cell's interval from what the copy would publish, and the copy is refused
 * ({@link RedactionException.Reason#STATISTICS_DISCLOSURE_RISK}) if any is too narrow. A hidden cell keeps its
 * {@code Measure} and carries {@code Suppressed} (SMALL_CELL or COMPLEMENTARY) instead of its value.
 */
final class ReportControl {

    private ReportControl() {
    }

    /** @return whether the report has any cell at all (i.e. control was applied) */
    static boolean apply(Element report, SmallCellRule rule, StatisticsHistory history) {
        List<LinkedTables.Table> tables = LinkedTables.read(report);
        if (tables.stream().allMatch(t -> t.entries().isEmpty())) {
            return false;
        }
        CellSystem system = new CellSystem();
        Map<String, List<CellKey>> released = new LinkedHashMap<>();
        List<Integer> seenBefore = new ArrayList<>();
        List<Integer> printed = new ArrayList<>();
        for (ReleasedCell c : history.cells()) {
            CellKey key = CellKey.parse(c.key());
            int v = system.add(key);
            printed.add(v);
            if (c.value() != null) {
                system.value(v, c.value(), true, describe(tables.get(0)));
            }
            if (c.published()) {
                seenBefore.add(v);
            }
            released.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(key);
        }
        for (LinkedTables.Table table : tables) {
            for (LinkedTables.Entry e : table.entries()) {
                int v = system.add(e.key());
                printed.add(v);
                if (e.value() != null) {
                    system.value(v, e.value(), false, describe(table));
                }
            }
        }
        released.values().forEach(system::addTable);
        tables.forEach(t -> system.addTable(t.entries().stream().map(LinkedTables.Entry::key).toList()));
        system.addCrossTableBounds();
        system.deriveAndCheck();

        int n = system.size();
        boolean[] visibleBefore = new boolean[n];
        seenBefore.forEach(v -> visibleBefore[v] = true);
        boolean[] hidden = new boolean[n];
        boolean[] hideable = new boolean[n];
        boolean[] inCopy = new boolean[n];
        boolean[] primary = new boolean[n];
        for (LinkedTables.Table table : tables) {
            for (LinkedTables.Entry e : table.entries()) {
                int v = system.variable(e.key());
                inCopy[v] = true;
                if (e.value() == null || e.opaque() || sensitive(e.key(), e.value(), rule)) {
                    primary[v] = true;
                }
            }
        }
        List<Protection> needs = new ArrayList<>();
        boolean[] isPrinted = new boolean[n];
        printed.forEach(v -> isPrinted[v] = true);
        for (int v = 0; v < n; v++) {
            if (visibleBefore[v]) {
                continue;  // the recipient holds it already: publishing it again discloses nothing new
            }
            if (inCopy[v] && !primary[v]) {
                hideable[v] = true;
            } else {
                hidden[v] = true;
            }
            Long value = system.value(v);
            if (isPrinted[v] && value != null && sensitive(system.key(v), value, rule)) {
                needs.add(Protection.of(v, value, rule.protectionPercent()));
            }
        }

        LinkedSuppression suppression = new LinkedSuppression(system, hidden, hideable);
        // Every cell that cannot be protected is named (the sender's receipt lists each table), not just the first.
        List<Protection> unprotectable = new ArrayList<>();
        for (Protection need : needs) {
            if (!suppression.protect(need)) {
                unprotectable.add(need);
            }
        }
        if (!unprotectable.isEmpty()) {
            throw risk(tables, system, unprotectable);
        }
        Map<Element, Boolean> hiddenCells = hideRowsTogether(tables, system, hidden, visibleBefore);

        boolean[] visible = new boolean[n];
        for (int v = 0; v < n; v++) {
            visible[v] = !hidden[v];
        }
        DisclosureAudit audit = new DisclosureAudit(system, visible);
        List<Protection> tooNarrow = new ArrayList<>();
        for (Protection need : needs) {
            double[] b = audit.bounds(need.cell());
            if (b == null || !need.metBy(b[0], b[1])) {
                tooNarrow.add(need);
            }
        }
        if (!tooNarrow.isEmpty()) {
            throw risk(tables, system, tooNarrow);
        }
        for (LinkedTables.Table table : tables) {
            for (LinkedTables.Entry e : table.entries()) {
                if (primary[system.variable(e.key())]) {
                    hiddenCells.put(e.cell(), true);
                }
            }
        }
        for (LinkedTables.Table table : tables) {
            for (LinkedTables.Entry e : table.entries()) {
                Boolean small = hiddenCells.get(e.cell());
                if (small != null) {
                    hide(e.cell(), small ? "SMALL_CELL" : "COMPLEMENTARY");
                }
            }
        }
        return true;
    }

    /**
     * The DOM cells to hide (value: whether for their own sake): a cell with any hidden quantity, every cell of a
     * row with a hidden cell, every cell carrying a hidden key, until nothing changes.
     */
    private static Map<Element, Boolean> hideRowsTogether(List<LinkedTables.Table> tables, CellSystem system,
                                                          boolean[] hidden, boolean[] visibleBefore) {
        Map<Element, Boolean> result = new IdentityHashMap<>();
        Map<Node, List<LinkedTables.Entry>> rows = new IdentityHashMap<>();
        for (LinkedTables.Table table : tables) {
            for (LinkedTables.Entry e : table.entries()) {
                rows.computeIfAbsent(e.cell().getParentNode(), r -> new ArrayList<>()).add(e);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<LinkedTables.Entry> row : rows.values()) {
                boolean any = row.stream().anyMatch(e -> hidden[system.variable(e.key())]
                        || result.containsKey(e.cell()));
                if (!any) {
                    continue;
                }
                for (LinkedTables.Entry e : row) {
                    int v = system.variable(e.key());
                    if (!hidden[v] && !visibleBefore[v]) {
                        hidden[v] = true;
                        changed = true;
                    }
                    result.putIfAbsent(e.cell(), false);
                }
            }
        }
        return result;
    }

    static boolean sensitive(CellKey key, long value, SmallCellRule rule) {
        if (key.quantity().equals("Denominator")) {
            return value < rule.minRateDenominator();
        }
        return value >= 1 && value < rule.minCount();
    }

    private static RedactionException risk(List<LinkedTables.Table> tables, CellSystem system,
                                           List<Protection> needs) {
        Map<Integer, LinkedTables.Table> named = new TreeMap<>();
        // Every table that prints the cell (each would give it away), else the first with the same quantity.
        for (Protection need : needs) {
            CellKey key = system.key(need.cell());
            List<LinkedTables.Table> holding = tables.stream()
                    .filter(t -> t.entries().stream().anyMatch(e -> e.key().equals(key))).toList();
            if (holding.isEmpty()) {
                holding = List.of(tables.stream().filter(t -> t.entries().stream()
                                .anyMatch(e -> e.key().quantityKey().equals(key.quantityKey()))).findFirst()
                        .orElse(tables.get(0)));
            }
            holding.forEach(t -> named.put(t.ordinal(), t));
        }
        CellKey first = system.key(needs.get(0).cell());
        return new RedactionException(RedactionException.Reason.STATISTICS_DISCLOSURE_RISK,
                named.values().stream().map(ReportControl::describe).collect(Collectors.joining(", "))
                + " cannot be released to this recipient: with what it already holds, a suppressed "
                + first.quantityKey() + " cell could be narrowed to less than its protection interval, and no "
                + "further suppression in this copy widens it",
                List.copyOf(named.keySet()));
    }

    private static String describe(LinkedTables.Table table) {
        return "table " + table.tableId() + " (table " + table.ordinal() + " of the report)";
    }

    private static void hide(Element cell, String reason) {
        if (MessageElements.child(cell, "Suppressed") != null) {
            return;  // suppressed by the sender: keep its reason
        }
        Element measure = MessageElements.child(cell, "Measure");
        List<Node> drop = new ArrayList<>();
        for (Node n = cell.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n != measure) {
                drop.add(n);
            }
        }
        drop.forEach(cell::removeChild);
        Element suppressed = cell.getOwnerDocument().createElementNS(cell.getNamespaceURI(), "Suppressed");
        suppressed.setTextContent(reason);
        cell.appendChild(suppressed);
    }
}
