package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Information loss and disclosures of the per-table method (each table suppressed on its own, no memory) against
 * the linked method (all tables of a report and everything released before as one system), on the same random
 * worlds, tables and release sequences. The attacker is {@link StatisticsWorld}'s programme over every copy the
 * recipient received. Usage: {@code SuppressionLossBench [worlds] [seed] [single]}.
 */
public final class SuppressionLossBench {

    private static final class Tally {
        long copies;
        long refused;
        long cells;
        long hidden;
        long hiddenValue;
        long sensitive;
        long disclosed;
        long nanos;
    }

    private SuppressionLossBench() {
    }

    public static void main(String[] args) {
        int worlds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026L;
        // "single": one by-sex table per world, one report (where the per-table method is already safe).
        boolean single = args.length > 2 && args[2].equals("single");
        Random random = new Random(seed);
        Tally perTable = new Tally();
        Tally linked = new Tally();
        for (int w = 0; w < worlds; w++) {
            int areas = 3 + random.nextInt(6);
            int sexes = 2 + random.nextInt(2);
            long[][] counts = new long[areas][sexes];
            for (int a = 0; a < areas; a++) {
                for (int s = 0; s < sexes; s++) {
                    int kind = random.nextInt(10);
                    counts[a][s] = kind < 2 ? 0 : kind < 6 ? 1 + random.nextInt(4) : 5 + random.nextInt(60);
                }
            }
            StatisticsWorld world = new StatisticsWorld(counts);
            List<String> reports = new ArrayList<>();
            int n = single ? 1 : 1 + random.nextInt(3);
            for (int r = 0; r < n; r++) {
                List<StatisticsWorld.Spec> specs = new ArrayList<>();
                int tables = single ? 1 : 1 + random.nextInt(2);
                for (int t = 0; t < tables; t++) {
                    specs.add(new StatisticsWorld.Spec(StatisticsWorld.Kind.values()[single ? 0 : random.nextInt(3)],
                            random.nextInt(sexes - 1), random.nextBoolean(), random.nextBoolean(),
                            random.nextBoolean()));
                }
                reports.add(world.report(String.format("00000000-0000-4000-8000-%012d", w * 10 + r), specs));
            }
            run(world, reports, perTable, false);
            run(world, reports, linked, true);
        }
        System.out.printf(Locale.ROOT, "%d worlds (seed %d, %s), k = 3, p = 10 %%%n", worlds, seed,
                single ? "one by-sex table each" : "1-3 reports of 1-2 linked tables each");
        System.out.println("| method | copies released | refused | cells printed | cells suppressed | value suppressed "
                + "| sensitive cells | disclosed (interval < protection) | time per report |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        print("per table, no memory (before)", perTable);
        print("linked tables + memory (now)", linked);
    }

    private static void print(String name, Tally t) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d (%.1f %%) | %d | %d | %d | %.1f ms |%n", name, t.copies,
                t.refused, t.cells, t.hidden, 100.0 * t.hidden / Math.max(1, t.cells), t.hiddenValue, t.sensitive,
                t.disclosed, t.nanos / 1e6 / Math.max(1, t.copies + t.refused));
    }

    private static void run(StatisticsWorld world, List<String> reports, Tally tally, boolean linked) {
        SmallCellRule rule = SmallCellRule.DEFAULT;
        List<ReleasedCell> memory = new ArrayList<>();
        List<Document> copies = new ArrayList<>();
        List<StatisticsWorld.Seen> seen = new ArrayList<>();
        for (int r = 0; r < reports.size(); r++) {
            String xml = reports.get(r);
            Document copy = StatisticsWorld.parse(xml);
            long start = System.nanoTime();
            try {
                if (linked) {
                    ReportControl.apply(copy.getDocumentElement(), rule, new StatisticsHistory(memory));
                } else {
                    for (Element table : MessageElements.children(copy.getDocumentElement())) {
                        if (table.getLocalName().equals("Table")) {
                            StatisticsControl.apply(table, rule);
                        }
                    }
                }
            } catch (RedactionException e) {
                tally.nanos += System.nanoTime() - start;
                tally.refused++;
                continue;
            }
            tally.nanos += System.nanoTime() - start;
            tally.copies++;
            if (linked) {
                memory.addAll(ReleasedStatistics.cells(StatisticsWorld.parse(xml), copy, "m" + r));
            }
            copies.add(copy);
            for (Object[] row : world.rows(copy)) {
                tally.cells++;
                if (row[1] == null) {
                    tally.hidden++;
                    tally.hiddenValue += world.sum((boolean[][]) row[0]);
                } else {
                    seen.add(new StatisticsWorld.Seen((boolean[][]) row[0], (Long) row[1]));
                }
            }
        }
        // After the whole sequence: every small cell printed in any copy, against everything received.
        for (Document copy : copies) {
            for (Object[] row : world.rows(copy)) {
                long value = world.sum((boolean[][]) row[0]);
                if (value < 1 || value >= rule.minCount()) {
                    continue;
                }
                tally.sensitive++;
                double[] b = world.bounds(seen, (boolean[][]) row[0]);
                if (!Protection.of(0, value, rule.protectionPercent()).metBy(b[0], b[1])) {
                    tally.disclosed++;
                }
            }
        }
    }
}
