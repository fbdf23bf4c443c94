package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every cell a recipient holds or is about to hold for one sender and reference period, as one linear system:
 * one variable per {@link CellKey} (so tables that repeat each other's cells share variables) and one equation per
 * total ("a total is the sum of the cells it totals"), derived per table from the full lattice of its dimensions,
 * including the totals a table does not print (an attacker knows they exist). Cells are non-negative.
 */
final class CellSystem {

    /** Cells (printed or implied) beyond this are refused: each audit programme is dense in them. */
    static final int MAX_VARIABLES = 20_000;

    private final List<CellKey> keys = new ArrayList<>();
    private final Map<CellKey, Integer> index = new HashMap<>();
    private final List<Long> values = new ArrayList<>();
    private final List<Boolean> fromHistory = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();
    private final Set<List<Integer>> seen = new HashSet<>();

    int size() {
        return keys.size();
    }

    CellKey key(int variable) {
        return keys.get(variable);
    }

    Integer variable(CellKey key) {
        return index.get(key);
    }

    /** The true value, when the gateway knows it. */
    Long value(int variable) {
        return values.get(variable);
    }

    /**
     * {@code terms[0]} is a total and the rest are cells it covers: the total equals their sum (within one table,
     * whose listed values are all the values), or is at least their sum (values of one dimension seen in
     * different tables, which need not be all the values).
     */
    record Relation(int[] terms, boolean equality) {
    }

    List<Relation> relations() {
        return relations;
    }

    int add(CellKey key) {
        Integer existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        if (keys.size() >= MAX_VARIABLES) {
            throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "the tables span more than "
                    + MAX_VARIABLES + " cells with their totals");
        }
        keys.add(key);
        values.add(null);
        fromHistory.add(false);
        index.put(key, keys.size() - 1);
        return keys.size() - 1;
    }

    /**
     * Records a cell's true value. Two different values for one cell are two different statistics under one key: a
     * report whose tables disagree cannot be linked, and a value that differs from one already released is a
     * revision the memory does not cover.
     */
    void value(int variable, long value, boolean history, String table) {
        Long known = values.get(variable);
        if (known == null) {
            values.set(variable, value);
            fromHistory.set(variable, history);
        } else if (known != value) {
            boolean revision = history || fromHistory.get(variable);
            throw new RedactionException(revision ? RedactionException.Reason.STATISTICS_DISCLOSURE_RISK
                    : RedactionException.Reason.STATISTICS_UNSUPPORTED, revision
                    ? "table " + table + " revises a cell already released to this recipient for the same reference "
                    + "period; the statistics memory of the period must be reset first"
                    : "table " + table + " disagrees with another table of the report about the same cell");
        }
    }

    /**
     * Adds the equations of one table: per quantity, the dimensions along which its rows vary span a lattice
     * (each value, or the total); every lattice point with a total coordinate is the sum over that dimension's
     * values. The values listed are taken to be all the values (as the table's own totals assume).
     */
    void addTable(List<CellKey> cells) {
        Map<String, List<CellKey>> byQuantity = new LinkedHashMap<>();
        for (CellKey k : cells) {
            byQuantity.computeIfAbsent(k.quantityKey(), q -> new ArrayList<>()).add(k);
        }
        for (List<CellKey> group : byQuantity.values()) {
            int dims = CellKey.DIMENSIONS.size();
            List<List<String>> values = new ArrayList<>();
            List<String> totals = new ArrayList<>();
            boolean[] varying = new boolean[dims];
            long points = 1;
            for (int d = 0; d < dims; d++) {
                Set<String> all = new LinkedHashSet<>();
                for (CellKey k : group) {
                    all.add(k.coordinates().get(d));
                }
                varying[d] = all.size() > 1;
                List<String> proper = new ArrayList<>();
                for (String c : all) {
                    if (!CellKey.isTotal(c)) {
                        proper.add(c);
                    }
                }
                values.add(proper);
                // The table's own total coordinate when it prints one (for areas: named by all its rows' areas).
                totals.add(all.stream().filter(CellKey::isTotal).findFirst()
                        .orElse(CellKey.totalOver(d, proper)));
                if (varying[d]) {
                    points *= proper.size() + 1;
                    if (points > MAX_VARIABLES) {
                        throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "a table spans "
                                + "more than " + MAX_VARIABLES + " cells with its totals");
                    }
                }
            }
            CellKey first = group.get(0);
            List<CellKey> lattice = new ArrayList<>(List.of(first));
            for (int d = 0; d < dims; d++) {
                if (!varying[d]) {
                    continue;
                }
                List<CellKey> next = new ArrayList<>();
                for (CellKey p : lattice) {
                    for (String v : values.get(d)) {
                        next.add(p.with(d, v));
                    }
                    next.add(p.with(d, totals.get(d)));
                }
                lattice = next;
            }
            for (CellKey p : lattice) {
                int total = add(p);
                for (int d = 0; d < dims; d++) {
                    if (varying[d] && CellKey.isTotal(p.coordinates().get(d))) {
                        int[] relation = new int[values.get(d).size() + 1];
                        relation[0] = total;
                        for (int v = 0; v < values.get(d).size(); v++) {
                            relation[v + 1] = add(p.with(d, values.get(d).get(v)));
                        }
                        List<Integer> signature = new ArrayList<>();
                        signature.add(relation[0]);
                        int[] parts = Arrays.copyOfRange(relation, 1, relation.length);
                        Arrays.sort(parts);
                        for (int part : parts) {
                            signature.add(part);
                        }
                        if (seen.add(signature)) {
                            relations.add(new Relation(relation, true));
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds, for every total, that it is at least the sum of every value of its dimension seen anywhere in the system
     * (a recipient holding a by-area total and a male-only table knows the other sexes are at most the difference).
     * Call once, after the last table.
     */
    void addCrossTableBounds() {
        int dims = CellKey.DIMENSIONS.size();
        List<Map<CellKey, List<Integer>>> byRest = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            byRest.add(new LinkedHashMap<>());
        }
        int size = keys.size();
        for (int v = 0; v < size; v++) {
            CellKey k = keys.get(v);
            for (int d = 0; d < dims; d++) {
                if (!CellKey.isTotal(k.coordinates().get(d))) {
                    byRest.get(d).computeIfAbsent(k.with(d, "\u0000"), x -> new ArrayList<>()).add(v);
                }
            }
        }
        for (int v = 0; v < size; v++) {
            CellKey k = keys.get(v);
            for (int d = 0; d < dims; d++) {
                if (!k.coordinates().get(d).equals(CellKey.TOTAL)) {
                    continue;  // a value, or a total over some areas only (its table's equation covers it)
                }
                List<Integer> parts = byRest.get(d).get(k.with(d, "\u0000"));
                if (parts == null) {
                    continue;
                }
                List<Integer> signature = new ArrayList<>();
                signature.add(v);
                parts.stream().sorted().forEach(signature::add);
                if (!seen.add(signature)) {
                    continue;  // the same cells as a table's own equation
                }
                int[] terms = new int[parts.size() + 1];
                terms[0] = v;
                for (int i = 0; i < parts.size(); i++) {
                    terms[i + 1] = parts.get(i);
                }
                relations.add(new Relation(terms, false));
            }
        }
    }

    /**
     * Fills in the values the equations determine (unprinted totals of known cells), and checks that the tables
     * add up: tables that do not cannot be protected by reasoning about their sums.
     */
    void deriveAndCheck() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Relation relation : relations) {
                int[] r = relation.terms();
                int unknown = -1;
                int unknowns = 0;
                long balance = 0;  // total - sum of parts, over the known terms
                for (int t = 0; t < r.length; t++) {
                    Long v = values.get(r[t]);
                    if (v == null) {
                        unknowns++;
                        unknown = t;
                    } else {
                        balance += t == 0 ? v : -v;
                    }
                }
                if (unknowns == 0 && (relation.equality() ? balance != 0 : balance < 0)) {
                    throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "a total of the "
                            + "report's tables (" + key(r[0]).quantityKey() + ") is not the sum of its cells");
                }
                if (unknowns == 1 && relation.equality()) {
                    long derived = unknown == 0 ? -balance : balance;
                    if (derived < 0) {
                        throw new RedactionException(RedactionException.Reason.STATISTICS_UNSUPPORTED, "a total of "
                                + "the report's tables (" + key(r[0]).quantityKey() + ") is less than its cells");
                    }
                    values.set(r[unknown], derived);
                    changed = true;
                }
            }
        }
    }
}
