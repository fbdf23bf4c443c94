package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TableSuppressionTest {

    /** Builds the (R+1) x (C+1) grid with its margins from the data cells. */
    static long[][] withTotals(long[][] data) {
        int r = data.length;
        int c = data[0].length;
        long[][] grid = new long[r + 1][c + 1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                grid[i][j] = data[i][j];
                grid[i][c] += data[i][j];
                grid[r][j] += data[i][j];
                grid[r][c] += data[i][j];
            }
        }
        return grid;
    }

    @Test
    void onRandomTablesNoSmallCountIsPublishedAndNoSuppressedCellCanBeRecomputed() {
        Random random = new Random(20261125L);
        int tables = 0;
        int suppressedCells = 0;
        for (int t = 0; t < 300; t++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(5);
            int k = 2 + random.nextInt(4);
            long[][] data = new long[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    // Mostly small counts, as in a municipality's table, with some zeros and some large cells.
                    int kind = random.nextInt(10);
                    data[i][j] = kind < 2 ? 0 : kind < 7 ? 1 + random.nextInt(k + 1) : random.nextInt(60);
                }
            }
            long[][] grid = withTotals(data);
            boolean[][] hidden = TableSuppression.suppress(grid, k);

            for (int i = 0; i < grid.length; i++) {
                for (int j = 0; j < grid[0].length; j++) {
                    if (!hidden[i][j]) {
                        assertThat(grid[i][j]).as("published cell (%d,%d) of table %d", i, j, t)
                                .satisfiesAnyOf(v -> assertThat(v).isZero(), v -> assertThat(v).isGreaterThanOrEqualTo(k));
                    }
                }
            }
            PublishedTableBounds attacker = new PublishedTableBounds(grid, hidden);
            for (int[] cell : attacker.unknowns()) {
                double[] bounds = attacker.bounds(cell[0], cell[1]);
                long value = grid[cell[0]][cell[1]];
                assertThat(bounds[0]).as("lower bound of hidden (%d,%d) in table %d", cell[0], cell[1], t)
                        .isLessThanOrEqualTo(value - 1 + 1e-6);
                assertThat(bounds[1]).as("upper bound of hidden (%d,%d) in table %d", cell[0], cell[1], t)
                        .isGreaterThanOrEqualTo(value + 1 - 1e-6);
                suppressedCells++;
            }
            tables++;
        }
        assertThat(tables).isEqualTo(300);
        assertThat(suppressedCells).as("the random tables exercise suppression").isGreaterThan(500);
    }

    @Test
    void whenSomeTotalsAreNotPublishedTheSameGuaranteesHold() {
        Random random = new Random(7L);
        int checked = 0;
        for (int t = 0; t < 250; t++) {
            int rows = 1 + random.nextInt(4);
            int cols = 1 + random.nextInt(4);
            int k = 3;
            long[][] data = new long[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    data[i][j] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(8);
                }
            }
            long[][] grid = withTotals(data);
            boolean[][] absent = new boolean[rows + 1][cols + 1];
            boolean rowTotals = random.nextBoolean();
            boolean colTotals = random.nextBoolean();
            for (int i = 0; i < rows; i++) {
                absent[i][cols] = !rowTotals;
            }
            for (int j = 0; j < cols; j++) {
                absent[rows][j] = !colTotals;
            }
            absent[rows][cols] = random.nextBoolean();
            boolean[][] hidden = TableSuppression.suppress(grid, absent, k, false);
            PublishedTableBounds attacker = new PublishedTableBounds(grid, hidden);
            for (int[] cell : attacker.unknowns()) {
                long value = grid[cell[0]][cell[1]];
                if (absent[cell[0]][cell[1]]) {
                    continue;  // not published by the table itself: nothing to protect
                }
                assertThat(value).as("only small or complementary non-zero cells are hidden").isPositive();
                double[] b = attacker.bounds(cell[0], cell[1]);
                assertThat(b[0]).as("table %d cell (%d,%d)", t, cell[0], cell[1]).isLessThanOrEqualTo(value - 1 + 1e-6);
                assertThat(b[1]).as("table %d cell (%d,%d)", t, cell[0], cell[1]).isGreaterThanOrEqualTo(value + 1 - 1e-6);
                checked++;
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    if (!hidden[i][j]) {
                        assertThat(grid[i][j] == 0 || grid[i][j] >= k).as("published (%d,%d)", i, j).isTrue();
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @Test
    void aLoneSmallCellIsProtectedByTheCheapestComplementaryCells() {
        //        A   B   C | total
        // x      1  10   0 |  11
        // y      5  20   7 |  32
        long[][] grid = withTotals(new long[][] {{1, 10, 0}, {5, 20, 7}});
        boolean[][] hidden = TableSuppression.suppress(grid, 3);
        // The cheapest cycle through (x,A)=1 is (x,B)=10, (y,B)=20, (y,A)=5: total loss 35, versus routes through
        // the totals column (11 + 32 + ...). Zero (x,C) is never used.
        assertThat(hidden).isDeepEqualTo(new boolean[][] {
                {true, true, false, false},
                {true, true, false, false},
                {false, false, false, false}});
    }

    @Test
    void withoutSecondarySuppressionTheSmallCellWouldBeRecomputable() {
        long[][] grid = withTotals(new long[][] {{1, 10}, {5, 20}});
        boolean[][] primaryOnly = new boolean[3][3];
        primaryOnly[0][0] = true;
        double[] bounds = new PublishedTableBounds(grid, primaryOnly).bounds(0, 0);
        assertThat(bounds).containsExactly(1.0, 1.0);  // the attacker model does detect disclosure

        boolean[][] hidden = TableSuppression.suppress(grid, 3);
        double[] protectedBounds = new PublishedTableBounds(grid, hidden).bounds(0, 0);
        assertThat(protectedBounds[0]).isLessThanOrEqualTo(0.0);
        assertThat(protectedBounds[1]).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aSmallRowTotalIsSuppressedAndProtected() {
        long[][] grid = withTotals(new long[][] {{1, 1}, {30, 40}});
        boolean[][] hidden = TableSuppression.suppress(grid, 3);
        assertThat(hidden[0][2]).as("row total 2").isTrue();
        PublishedTableBounds attacker = new PublishedTableBounds(grid, hidden);
        for (int[] cell : attacker.unknowns()) {
            double[] b = attacker.bounds(cell[0], cell[1]);
            assertThat(b[1] - b[0]).isGreaterThanOrEqualTo(2.0);
        }
    }
}
