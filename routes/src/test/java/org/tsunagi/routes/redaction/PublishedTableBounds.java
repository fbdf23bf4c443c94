package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * What an attacker can learn about a suppressed cell from what is published: the smallest and largest value the
 * cell can take in any non-negative table that agrees with every published cell and with the additivity of the
 * rows, the columns and the totals. Independent of the suppression algorithm (a linear programme).
 */
final class PublishedTableBounds {

    private final long[][] grid;
    private final boolean[][] hidden;
    private final List<int[]> unknowns = new ArrayList<>();
    private final List<LinearConstraint> constraints = new ArrayList<>();

    /**
     * @param grid   (R+1) x (C+1) with totals in the last row and column
     * @param hidden the cells not published (suppressed, or absent from the table): unknowns of the programme
     */
    PublishedTableBounds(long[][] grid, boolean[][] hidden) {
        this.grid = grid;
        this.hidden = hidden;
        int rows = grid.length;
        int cols = grid[0].length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (hidden[i][j]) {
                    unknowns.add(new int[] {i, j});
                }
            }
        }
        // Row i: sum of cells (i, 0..C-1) - (i, C) = 0, for every row including the totals row; likewise columns.
        for (int i = 0; i < rows; i++) {
            List<int[]> line = new ArrayList<>();
            for (int j = 0; j < cols; j++) {
                line.add(new int[] {i, j, j == cols - 1 ? -1 : 1});
            }
            addLine(line);
        }
        for (int j = 0; j < cols; j++) {
            List<int[]> line = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                line.add(new int[] {i, j, i == rows - 1 ? -1 : 1});
            }
            addLine(line);
        }
    }

    private void addLine(List<int[]> line) {
        double[] coefficients = new double[unknowns.size()];
        double rhs = 0;
        boolean any = false;
        for (int[] cell : line) {
            int index = indexOf(cell[0], cell[1]);
            if (index >= 0) {
                coefficients[index] += cell[2];
                any = true;
            } else {
                rhs -= cell[2] * grid[cell[0]][cell[1]];
            }
        }
        if (any) {
            constraints.add(new LinearConstraint(coefficients, Relationship.EQ, rhs));
        }
    }

    private int indexOf(int i, int j) {
        for (int n = 0; n < unknowns.size(); n++) {
            if (unknowns.get(n)[0] == i && unknowns.get(n)[1] == j) {
                return n;
            }
        }
        return -1;
    }

    /** {min, max} of the cell over every table consistent with the publication. */
    double[] bounds(int i, int j) {
        int index = indexOf(i, j);
        if (index < 0) {
            throw new IllegalArgumentException("cell is published");
        }
        return new double[] {optimise(index, GoalType.MINIMIZE), optimise(index, GoalType.MAXIMIZE)};
    }

    private double optimise(int index, GoalType goal) {
        double[] objective = new double[unknowns.size()];
        objective[index] = 1;
        // Every cell is bounded by the grand total, so the maximum exists even when the grand total is hidden.
        List<LinearConstraint> all = new ArrayList<>(constraints);
        long cap = grid[grid.length - 1][grid[0].length - 1];
        for (int n = 0; n < unknowns.size(); n++) {
            double[] c = new double[unknowns.size()];
            c[n] = 1;
            all.add(new LinearConstraint(c, Relationship.LEQ, hidden[grid.length - 1][grid[0].length - 1]
                    ? Long.MAX_VALUE / 4.0 : cap));
        }
        PointValuePair p = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(objective, 0),
                new LinearConstraintSet(all), goal, new NonNegativeConstraint(true));
        return p.getValue();
    }

    List<int[]> unknowns() {
        return unknowns;
    }
}
