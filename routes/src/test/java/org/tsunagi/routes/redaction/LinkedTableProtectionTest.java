package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The differencing attacks of issue #15, as a curious recipient would try them, and the protection intervals that
 * now hold against everything the recipient holds. The attacker is {@link StatisticsWorld}'s programme, which knows
 * nothing of how the gateway models the tables.
 */
class LinkedTableProtectionTest {

    private static final SmallCellRule RULE = SmallCellRule.DEFAULT;  // k = 3, p = 10 %

    /** The sample report's municipality-by-sex figures: Nagoya 512/61, Toyohashi 48/2, Otsu 39/1, Tottori 21/3. */
    private static final StatisticsWorld SAMPLE = new StatisticsWorld(new long[][] {{512, 61}, {48, 2}, {39, 1},
            {21, 3}});
    private static final int OTSU = 2;
    private static final int TOYOHASHI = 1;
    private static final int FEMALE = 1;

    private static final StatisticsWorld.Spec BY_SEX_WITH_AREA_TOTALS =
            new StatisticsWorld.Spec(StatisticsWorld.Kind.BY_SEX, -1, true, false, false);
    private static final StatisticsWorld.Spec MALE_ONLY =
            new StatisticsWorld.Spec(StatisticsWorld.Kind.ONE_SEX, 0, false, false, false);
    private static final StatisticsWorld.Spec AREA_TOTALS =
            new StatisticsWorld.Spec(StatisticsWorld.Kind.AREA_TOTALS, -1, false, false, false);

    @Test
    void oneReportWithAMaleOnlyTableNoLongerGivesAwayOtsusOneWoman() {
        String report = SAMPLE.report(id(1), List.of(BY_SEX_WITH_AREA_TOTALS, MALE_ONLY));

        // Before: each table suppressed on its own. Otsu's total 40 stays, its male 39 is hidden in the first table
        // but printed in the second: 40 - 39 = 1.
        Document perTable = StatisticsWorld.parse(report);
        for (Element table : MessageElements.children(perTable.getDocumentElement())) {
            if (table.getLocalName().equals("Table")) {
                StatisticsControl.apply(table, RULE);
            }
        }
        List<StatisticsWorld.Seen> seenBefore = seen(SAMPLE, perTable);
        assertThat(SAMPLE.bounds(seenBefore, SAMPLE.cells(OTSU, FEMALE))).containsExactly(1.0, 1.0);
        assertThat(SAMPLE.bounds(seenBefore, SAMPLE.cells(TOYOHASHI, FEMALE))).containsExactly(2.0, 2.0);

        // Now: both tables as one system.
        Document linked = StatisticsWorld.parse(report);
        assertThat(ReportControl.apply(linked.getDocumentElement(), RULE, StatisticsHistory.NONE)).isTrue();
        List<StatisticsWorld.Seen> seen = seen(SAMPLE, linked);
        assertThat(checkProtected(SAMPLE, seen, List.of(linked))).isGreaterThanOrEqualTo(2);
        double[] otsu = SAMPLE.bounds(seen, SAMPLE.cells(OTSU, FEMALE));
        assertThat(otsu[0]).isLessThanOrEqualTo(0.0 + 1e-6);
        assertThat(otsu[1]).isGreaterThanOrEqualTo(2.0 - 1e-6);
        assertThat(published(linked)).as("the male-only table hides Otsu's and Toyohashi's men too")
                .doesNotContain(39L, 48L).contains(512L, 61L, 40L, 50L);
    }

    @Test
    void aSecondReportOnAnotherDayCannotCompleteTheSubtraction() {
        Document first = StatisticsWorld.parse(SAMPLE.report(id(1), List.of(BY_SEX_WITH_AREA_TOTALS)));
        Document firstSource = StatisticsWorld.parse(SAMPLE.report(id(1), List.of(BY_SEX_WITH_AREA_TOTALS)));
        ReportControl.apply(first.getDocumentElement(), RULE, StatisticsHistory.NONE);
        assertThat(published(first)).contains(40L).doesNotContain(1L, 39L);

        // Without a memory, the second day's male-only table is suppressed on its own (nothing small in it).
        Document forgetful = StatisticsWorld.parse(SAMPLE.report(id(2), List.of(MALE_ONLY)));
        ReportControl.apply(forgetful.getDocumentElement(), RULE, StatisticsHistory.NONE);
        List<StatisticsWorld.Seen> leaked = seen(SAMPLE, first);
        leaked.addAll(seen(SAMPLE, forgetful));
        assertThat(SAMPLE.bounds(leaked, SAMPLE.cells(OTSU, FEMALE))).containsExactly(1.0, 1.0);

        // With the memory of the first copy, the second protects what the first hid.
        StatisticsHistory history = new StatisticsHistory(ReleasedStatistics.cells(firstSource, first, id(1)));
        Document second = StatisticsWorld.parse(SAMPLE.report(id(2), List.of(MALE_ONLY)));
        ReportControl.apply(second.getDocumentElement(), RULE, history);
        List<StatisticsWorld.Seen> seen = seen(SAMPLE, first);
        seen.addAll(seen(SAMPLE, second));
        assertThat(checkProtected(SAMPLE, seen, List.of(first, second))).isGreaterThanOrEqualTo(2);
        assertThat(published(second)).doesNotContain(39L, 48L).contains(512L, 21L);
    }

    @Test
    void aCellTheRecipientCanAlreadyPinIsRefusedNamingTheTable() {
        // Day one: Otsu's total and its men, nothing small anywhere, so nothing to suppress.
        String dayOne = SAMPLE.report(id(1), List.of(AREA_TOTALS, MALE_ONLY));
        Document first = StatisticsWorld.parse(dayOne);
        ReportControl.apply(first.getDocumentElement(), RULE, StatisticsHistory.NONE);
        assertThat(published(first)).contains(40L, 39L);
        StatisticsHistory history = new StatisticsHistory(ReleasedStatistics.cells(StatisticsWorld.parse(dayOne),
                first, id(1)));

        // Day two: the by-sex table says a total is men plus women; women = 40 - 39 whatever it hides.
        Document second = StatisticsWorld.parse(SAMPLE.report(id(2), List.of(MALE_ONLY, BY_SEX_WITH_AREA_TOTALS)));
        assertThatThrownBy(() -> ReportControl.apply(second.getDocumentElement(), RULE, history))
                .isInstanceOfSatisfying(RedactionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RedactionException.Reason.STATISTICS_DISCLOSURE_RISK);
                    assertThat(e.table()).hasValue(2);
                    assertThat(e.getMessage()).contains("table T2").doesNotContain("39", "40");
                });
    }

    @Test
    void everyTableThatWouldGiveThePinnedCellAwayIsNamed() {
        String dayOne = SAMPLE.report(id(1), List.of(AREA_TOTALS, MALE_ONLY));
        Document first = StatisticsWorld.parse(dayOne);
        ReportControl.apply(first.getDocumentElement(), RULE, StatisticsHistory.NONE);
        StatisticsHistory history = new StatisticsHistory(ReleasedStatistics.cells(StatisticsWorld.parse(dayOne),
                first, id(1)));

        // The women of Otsu (1) and Toyohashi (2) are printed by the by-sex table and by a female-only table.
        StatisticsWorld.Spec femaleOnly = new StatisticsWorld.Spec(StatisticsWorld.Kind.ONE_SEX, 1, false, false,
                false);
        Document second = StatisticsWorld.parse(SAMPLE.report(id(2),
                List.of(MALE_ONLY, BY_SEX_WITH_AREA_TOTALS, femaleOnly)));
        assertThatThrownBy(() -> ReportControl.apply(second.getDocumentElement(), RULE, history))
                .isInstanceOfSatisfying(RedactionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RedactionException.Reason.STATISTICS_DISCLOSURE_RISK);
                    assertThat(e.tables()).containsExactly(2, 3);
                    assertThat(e.table()).hasValue(2);
                    assertThat(e.getMessage()).contains("table T2", "table T3").doesNotContain("39", "40");
                });
    }

    @Test
    void aRevisedValueOfAReleasedCellIsNotSilentlyLinked() {
        String dayOne = SAMPLE.report(id(1), List.of(AREA_TOTALS));
        Document first = StatisticsWorld.parse(dayOne);
        ReportControl.apply(first.getDocumentElement(), RULE, StatisticsHistory.NONE);
        StatisticsHistory history = new StatisticsHistory(ReleasedStatistics.cells(StatisticsWorld.parse(dayOne),
                first, id(1)));
        StatisticsWorld revised = new StatisticsWorld(new long[][] {{512, 61}, {48, 2}, {38, 1}, {21, 3}});
        Document second = StatisticsWorld.parse(revised.report(id(2), List.of(AREA_TOTALS)));
        assertThatThrownBy(() -> ReportControl.apply(second.getDocumentElement(), RULE, history))
                .isInstanceOfSatisfying(RedactionException.class, e -> assertThat(e.reason())
                        .isEqualTo(RedactionException.Reason.STATISTICS_DISCLOSURE_RISK));
    }

    @Test
    void onHundredsOfRandomLinkedTablesAndReleaseSequencesEverySensitiveCellKeepsItsProtectionInterval() {
        Random random = new Random(1515);
        int checked = 0;
        int releases = 0;
        int refusals = 0;
        for (int w = 0; w < 120; w++) {
            int areas = 2 + random.nextInt(3);
            int sexes = 2 + random.nextInt(2);
            long[][] counts = new long[areas][sexes];
            for (int a = 0; a < areas; a++) {
                for (int s = 0; s < sexes; s++) {
                    int kind = random.nextInt(10);
                    counts[a][s] = kind < 2 ? 0 : kind < 6 ? 1 + random.nextInt(4) : 5 + random.nextInt(60);
                }
            }
            StatisticsWorld world = new StatisticsWorld(counts);
            SmallCellRule rule = new SmallCellRule(3 + random.nextInt(2), 20, false, 10 + 10 * random.nextInt(3));
            List<ReleasedCell> memory = new ArrayList<>();
            List<Document> copies = new ArrayList<>();
            List<StatisticsWorld.Seen> seen = new ArrayList<>();
            int reports = 1 + random.nextInt(3);
            for (int r = 0; r < reports; r++) {
                List<StatisticsWorld.Spec> specs = new ArrayList<>();
                int tables = 1 + random.nextInt(2);
                for (int t = 0; t < tables; t++) {
                    specs.add(randomSpec(random, sexes));
                }
                String xml = world.report(id(w * 10 + r), specs);
                Document copy = StatisticsWorld.parse(xml);
                releases++;
                try {
                    ReportControl.apply(copy.getDocumentElement(), rule, new StatisticsHistory(memory));
                } catch (RedactionException e) {
                    assertThat(e.reason()).isEqualTo(RedactionException.Reason.STATISTICS_DISCLOSURE_RISK);
                    refusals++;
                    continue;  // nothing released
                }
                memory.addAll(ReleasedStatistics.cells(StatisticsWorld.parse(xml), copy, id(w * 10 + r)));
                copies.add(copy);
                seen.addAll(seen(world, copy));
                checked += checkProtected(world, seen, copies, rule);
            }
        }
        System.out.printf("linked tables: %d releases, %d refused, %d sensitive cells checked%n", releases, refusals,
                checked);
        assertThat(releases).isGreaterThan(200);
        assertThat(checked).as("sensitive cells checked").isGreaterThan(300);
        assertThat(refusals).as("refusals are the exception").isLessThan(releases / 4);
    }

    private static StatisticsWorld.Spec randomSpec(Random random, int sexes) {
        StatisticsWorld.Kind kind = StatisticsWorld.Kind.values()[random.nextInt(3)];
        // One-sex tables never for the last sex: the attacker here knows the list of sexes is complete, which the
        // gateway cannot know from tables that each list fewer (see README, "what the gateway assumes").
        return new StatisticsWorld.Spec(kind, random.nextInt(sexes - 1), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean());
    }

    private static int checkProtected(StatisticsWorld world, List<StatisticsWorld.Seen> seen, List<Document> copies) {
        return checkProtected(world, seen, copies, RULE);
    }

    /** Every cell printed in any copy whose true value is sensitive: its interval against everything seen. */
    private static int checkProtected(StatisticsWorld world, List<StatisticsWorld.Seen> seen, List<Document> copies,
                                      SmallCellRule rule) {
        int checked = 0;
        for (Document copy : copies) {
            for (Object[] row : world.rows(copy)) {
                boolean[][] cells = (boolean[][]) row[0];
                long value = world.sum(cells);
                if (value < 1 || value >= rule.minCount()) {
                    continue;
                }
                assertThat(row[1]).as("a small count is never printed").isNull();
                double[] b = world.bounds(seen, cells);
                Protection p = Protection.of(0, value, rule.protectionPercent());
                assertThat(p.metBy(b[0], b[1])).as("cell of value %d bounded to [%s, %s], needs -%s/+%s", value,
                        b[0], b[1], p.lower(), p.upper()).isTrue();
                checked++;
            }
        }
        return checked;
    }

    private static List<StatisticsWorld.Seen> seen(StatisticsWorld world, Document copy) {
        List<StatisticsWorld.Seen> seen = new ArrayList<>();
        for (Object[] row : world.rows(copy)) {
            if (row[1] != null) {
                seen.add(new StatisticsWorld.Seen((boolean[][]) row[0], (Long) row[1]));
            }
        }
        return seen;
    }

    private static List<Long> published(Document copy) {
        return SAMPLE.rows(copy).stream().filter(r -> r[1] != null).map(r -> (Long) r[1]).toList();
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }
}
