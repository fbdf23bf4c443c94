package org.tsunagi.routes.redaction;

import static org.tsunagi.routes.redaction.MessageElements.child;
import static org.tsunagi.routes.redaction.MessageElements.children;
import static org.tsunagi.routes.redaction.MessageElements.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads the tables of a {@code StatisticsReport} as cells with {@link CellKey}s: every row's coordinates (a dimension
 * the row leaves out is its total, {@code *}), and per cell one entry per quantity (a count; a rate's numerator and
 * denominator). The DOM elements are kept so that suppression can hide them in place.
 */
final class LinkedTables {

    /**
     * Cells beyond this are refused (STATISTICS_UNSUPPORTED): the programmes grow with the number of cells, and one
     * report must not hold a pipeline worker for minutes (see bench/README.md for measured times).
     */
    static final int MAX_CELLS = 2_000;

    /**
     * One quantity of one {@code Cell} element.
     *
     * @param value  its value, or null when the sender already suppressed it (or it is not a count at all)
     * @param opaque the cell cannot be checked (a rate without its numerator or denominator): always hidden
     */
    record Entry(CellKey key, Long value, boolean opaque, Element cell) {
    }

    /** One table: its 1-based position in the report, its id and its entries in document order. */
    record Table(int ordinal, String tableId, List<Entry> entries) {
    }

    private LinkedTables() {
    }

    static List<Table> read(Element report) {
        List<Table> tables = new ArrayList<>();
        int ordinal = 0;
        int cells = 0;
        for (Element table : children(report)) {
            if (!table.getLocalName().equals("Table")) {
                continue;
            }
            ordinal++;
            Map<String, String> kinds = new HashMap<>();
            for (Element m : children(child(table, "Measures"))) {
                kinds.put(text(child(m, "Code")), text(child(m, "Kind")));
            }
            List<Entry> entries = new ArrayList<>();
            List<Element> rows = children(child(table, "Rows"));
            java.util.Set<String> areas = new java.util.LinkedHashSet<>();
            boolean areaTotal = false;
            for (Element row : rows) {
                String area = coordinates(row).get(CellKey.AREA);
                areaTotal |= CellKey.isTotal(area);
                if (!CellKey.isTotal(area)) {
                    areas.add(area);
                }
            }
            // A total row over areas, in a table by area, totals that table's areas.
            String areaTotalCoordinate = areaTotal && !areas.isEmpty()
                    ? CellKey.totalOver(CellKey.AREA, areas) : CellKey.TOTAL;
            for (Element row : rows) {
                List<String> coordinates = coordinates(row);
                if (CellKey.isTotal(coordinates.get(CellKey.AREA))) {
                    coordinates.set(CellKey.AREA, areaTotalCoordinate);
                }
                for (Element cell : children(row)) {
                    if (!cell.getLocalName().equals("Cell")) {
                        continue;
                    }
                    if (++cells > MAX_CELLS) {
                        throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "the report has "
                                + "more than " + MAX_CELLS + " statistics cells");
                    }
                    entries.addAll(entries(cell, kinds, coordinates));
                }
            }
            tables.add(new Table(ordinal, text(child(table, "TableId")), entries));
        }
        return tables;
    }

    private static List<Entry> entries(Element cell, Map<String, String> kinds, List<String> coordinates) {
        String measure = text(child(cell, "Measure"));
        boolean suppressed = child(cell, "Suppressed") != null;
        if ("RATE".equals(kinds.get(measure)) || child(cell, "Rate") != null) {
            Long numerator = count(child(cell, "Numerator"));
            Long denominator = count(child(cell, "Denominator"));
            boolean opaque = !suppressed && (numerator == null || denominator == null);
            return List.of(new Entry(new CellKey(measure, "Numerator", coordinates), numerator, opaque, cell),
                    new Entry(new CellKey(measure, "Denominator", coordinates), denominator, opaque, cell));
        }
        Long count = count(child(cell, "Count"));
        return List.of(new Entry(new CellKey(measure, "Count", coordinates), count, !suppressed && count == null,
                cell));
    }

    /** A count the programmes can hold; longer digit strings are beyond any real count and treated as unknown. */
    private static Long count(Element e) {
        String value = text(e);
        if (value == null || value.length() > 15 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }

    private static List<String> coordinates(Element row) {
        List<String> c = new ArrayList<>();
        Element area = child(row, "Area");
        if (area == null) {
            c.add(CellKey.TOTAL);
        } else {
            // The code names an area whatever its written name; the name only where there is no code.
            String code = text(child(area, "LocalGovernmentCode"));
            if (code == null) {
                code = text(child(area, "PoliceStationCode"));
            }
            c.add(text(child(area, "Level")) + ":" + (code != null ? code : "name=" + text(child(area, "Name"))));
        }
        c.add(orTotal(text(child(row, "Sex"))));
        c.add(orTotal(text(child(row, "AgeBand"))));
        c.add(orTotal(text(child(row, "OffenceCategory"))));
        Element period = child(row, "Period");
        c.add(period == null ? CellKey.TOTAL : text(child(period, "Start")) + "/" + text(child(period, "End")));
        return c;
    }

    private static String orTotal(String value) {
        return value == null ? CellKey.TOTAL : value;
    }

    /** The report's reference period as the memory keys it: {@code start/end}, or {@code none}. */
    static String referencePeriod(Element report) {
        Element period = child(report, "ReferencePeriod");
        return period == null ? "none" : text(child(period, "Start")) + "/" + text(child(period, "End"));
    }

    /**
     * The cells a copy releases, with the true value of each (taken from the sender's report for the cells the copy
     * suppresses).
     */
    static List<ReleasedCell> released(Element source, Element copy, String messageId) {
        Map<String, Long> truth = new LinkedHashMap<>();
        for (Table table : read(source)) {
            for (Entry e : table.entries()) {
                truth.putIfAbsent(table.ordinal() + "|" + e.key(), e.value());
            }
        }
        List<ReleasedCell> cells = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Table table : read(copy)) {
            String ref = messageId + "/" + table.ordinal() + "/" + table.tableId();
            for (Entry e : table.entries()) {
                String key = e.key().toString();
                if (seen.put(ref + "|" + key, Boolean.TRUE) != null) {
                    continue;
                }
                boolean published = e.value() != null && !e.opaque();
                Long value = published ? e.value() : truth.get(table.ordinal() + "|" + e.key());
                cells.add(new ReleasedCell(ref, key, value, published));
            }
        }
        return cells;
    }
}
