package org.tsunagi.routes.redaction;

import java.util.Arrays;

/**
 * Small-cell suppression of one two-way count table published together with its row totals, column totals and
 * grand total.
 *
 * <p>The table is given as an (R+1) x (C+1) grid: rows {@code 0..R-1} and columns {@code 0..C-1} are the data
 * cells, column {@code C} holds the row totals, row {@code R} the column totals and {@code [R][C]} the grand total.
 *
 * <p><b>Primary suppression</b>: every cell (data or total) whose value is 1..k-1.
 *
 * <p><b>Secondary suppression</b>: the published constraints are "each row sums to its total, each column sums to
 * its total, the totals sum to the grand total". Negating the totals turns these into "every line of the grid sums
 * to zero", so the grid is a bipartite graph (line nodes, cells as edges) and the unknown suppressed values can move
 * along any cycle of suppressed cells (alternately +1 and -1) without changing a published value. A suppressed cell
 * that lies on no such cycle is a bridge and is exactly determined by the published cells; one that lies on a cycle
 * of cells all at least 1 can be one lower or one higher without contradicting anything published. So: for every
 * suppressed cell, in turn, we suppress the cheapest path that closes a cycle through it, where already suppressed
 * cells cost nothing and a published cell costs its value (the information lost), ties broken by the number of
 * cells. Zero cells are never chosen (hiding a zero protects nothing and could pin a cycle at its lower bound). This
 * is the classic shortest-path ("cycle") heuristic for two-way tables: not an optimum, but cheap, deterministic
 * and guaranteed to leave every suppressed cell with an interval of at least [value-1, value+1].
 */
final class TableSuppression {

    private static final long PER_CELL = 1L;
    private static final long PER_UNIT = 1L << 20;

    private TableSuppression() {
    }

    /**
     * @param grid (R+1) x (C+1) counts including the margins, consistent and non-negative
     * @param k    the smallest count that may be published (counts 1..k-1 are suppressed); every total present
     * @return which cells to suppress, same shape as {@code grid}
     */
    static boolean[][] suppress(long[][] grid, int k) {
        return suppress(grid, new boolean[grid.length][grid[0].length], k, false);
    }

    /**
     * @param absent    cells the table does not publish at all (a missing total, a missing cell): they count as
     *                  hidden from the start and need no protection; an absent total's value in {@code grid} must be
     *                  the sum of its line, an absent data cell's value 0 (it is then never relied upon)
     * @param k         primary suppression of values below {@code k} (1..k-1); with {@code hideZero} also of zeros (rate
     *                  denominators)
     */
    static boolean[][] suppress(long[][] grid, boolean[][] absent, long k, boolean hideZero) {
        int rows = grid.length;
        int cols = grid[0].length;
        boolean[][] hidden = new boolean[rows][cols];
        boolean[][] primary = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                primary[i][j] = !absent[i][j] && grid[i][j] < k && (grid[i][j] >= 1 || hideZero);
                hidden[i][j] = absent[i][j] || primary[i][j];
            }
        }
        // Visit the primary cells in a fixed order, so that the same table always yields the same pattern.
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (primary[i][j] && grid[i][j] >= 1) {
                    closeCycle(grid, hidden, i, j);
                }
            }
        }
        return hidden;
    }

    /** Dijkstra from row node {@code r} to column node {@code c} without the edge (r, c); suppresses the path. */
    private static void closeCycle(long[][] grid, boolean[][] hidden, int r, int c) {
        int rows = grid.length;
        int cols = grid[0].length;
        int nodes = rows + cols;
        long[] dist = new long[nodes];
        int[] prev = new int[nodes];
        boolean[] done = new boolean[nodes];
        Arrays.fill(dist, Long.MAX_VALUE);
        Arrays.fill(prev, -1);
        dist[r] = 0;
        int target = rows + c;
        while (true) {
            int u = -1;
            for (int v = 0; v < nodes; v++) {
                if (!done[v] && dist[v] != Long.MAX_VALUE && (u < 0 || dist[v] < dist[u])) {
                    u = v;
                }
            }
            if (u < 0 || u == target) {
                break;
            }
            done[u] = true;
            for (int v = 0; v < nodes; v++) {
                boolean uRow = u < rows;
                if (uRow == (v < rows) || done[v]) {
                    continue;
                }
                int i = uRow ? u : v;
                int j = (uRow ? v : u) - rows;
                if (i == r && j == c) {
                    continue;
                }
                long cost = edgeCost(grid[i][j], hidden[i][j]);
                if (cost >= 0 && dist[u] + cost < dist[v]) {
                    dist[v] = dist[u] + cost;
                    prev[v] = u;
                }
            }
        }
        if (dist[target] == Long.MAX_VALUE) {
            // Cannot happen for a consistent table: the margins of a non-zero cell are non-zero and always close
            // the cycle (row total, grand total, column total). Refuse rather than publish a determinable cell.
            throw new IllegalStateException("no complementary suppression exists for cell (" + r + "," + c + ")");
        }
        for (int v = target; prev[v] >= 0; v = prev[v]) {
            int u = prev[v];
            int i = u < rows ? u : v;
            int j = (u < rows ? v : u) - rows;
            hidden[i][j] = true;
        }
    }

    private static long edgeCost(long value, boolean hidden) {
        if (value <= 0) {
            return -1;
        }
        if (hidden) {
            return 0;
        }
        return Math.addExact(Math.multiplyExact(value, PER_UNIT), PER_CELL);
    }
}
