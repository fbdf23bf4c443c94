package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Complementary suppression over a whole {@link CellSystem}, by linear programming (the classic LP heuristic for
 * linked tables, as in τ-ARGUS and sdcTable, with commons-math's {@link SimplexSolver}).
 *
 * <p>For a sensitive cell and a direction (up, then down), we look for a <em>deviation</em> {@code y}: a change of
 * the cells that keeps every equation ({@code A y = 0}), keeps every cell non-negative ({@code x + y >= 0}), moves
 * the sensitive cell by at least its protection, and leaves every cell the recipient can see unchanged. Among
 * these we take the one of least information loss: moving a printed cell costs its value plus one per unit, moving
 * a hidden one (almost) nothing. The cells the deviation moves are then suppressed. Since {@code x + y} is then a
 * non-negative table that agrees with everything published, no attacker's programme can bound the sensitive cell
 * more tightly than {@code y} moved it; suppressing more later only widens the bounds. A cell for which no
 * deviation exists (every way to move it goes through cells the recipient already saw) cannot be protected.
 */
final class LinkedSuppression {

    private static final double HIDDEN_COST = 1e-3;
    private static final double MOVED = 1e-7;
    private static final int MAX_ITERATIONS = 100_000;

    private final CellSystem system;
    private final boolean[] hidden;
    private final boolean[] hideable;
    private final List<List<int[]>> relationsOf = new ArrayList<>();

    /**
     * @param hidden   cells the recipient does not see (updated in place as cells are suppressed)
     * @param hideable printed cells of the copy being made, which suppression may hide; every other cell that is not
     *                 hidden is something the recipient already holds
     */
    LinkedSuppression(CellSystem system, boolean[] hidden, boolean[] hideable) {
        this.system = system;
        this.hidden = hidden;
        this.hideable = hideable;
        for (int v = 0; v < system.size(); v++) {
            relationsOf.add(new ArrayList<>());
        }
        for (int[] r : system.relations()) {
            for (int t : r) {
                relationsOf.get(t).add(r);
            }
        }
    }

    /** @return false when the cell cannot be protected in one of the two directions */
    boolean protect(Protection need) {
        return widen(need, true) && widen(need, false);
    }

    private boolean free(int v) {
        return hidden[v] || hideable[v];
    }

    private boolean widen(Protection need, boolean up) {
        List<Integer> component = component(need.cell());
        Map<Integer, Integer> column = new HashMap<>();
        for (int v : component) {
            column.put(v, column.size());
        }
        int n = component.size() * 2;  // y+ then y- per cell
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int[] r : relationsWithin(component)) {
            double[] a = new double[n];
            for (int t = 0; t < r.length; t++) {
                Integer c = column.get(r[t]);
                if (c != null) {
                    double sign = t == 0 ? -1 : 1;
                    a[2 * c] += sign;
                    a[2 * c + 1] -= sign;
                }
            }
            constraints.add(new LinearConstraint(a, Relationship.EQ, 0));
        }
        double[] objective = new double[n];
        for (int v : component) {
            int c = column.get(v);
            Long value = system.value(v);
            double[] down = new double[n];
            down[2 * c + 1] = 1;
            // A cell of unknown value may only move up: it could be zero.
            constraints.add(new LinearConstraint(down, Relationship.LEQ, value == null ? 0 : value));
            double cost = hidden[v] ? HIDDEN_COST : 1.0 + (value == null ? 0 : value);
            objective[2 * c] = cost;
            objective[2 * c + 1] = cost;
        }
        double[] move = new double[n];
        int s = column.get(need.cell());
        move[2 * s] = up ? 1 : -1;
        move[2 * s + 1] = up ? -1 : 1;
        constraints.add(new LinearConstraint(move, Relationship.GEQ, up ? need.upper() : need.lower()));
        PointValuePair solution;
        try {
            solution = new SimplexSolver().optimize(new MaxIter(MAX_ITERATIONS),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints),
                    GoalType.MINIMIZE, new NonNegativeConstraint(true));
        } catch (NoFeasibleSolutionException | UnboundedSolutionException | TooManyIterationsException e) {
            return false;
        }
        double[] y = solution.getPoint();
        for (int v : component) {
            int c = column.get(v);
            if (y[2 * c] + y[2 * c + 1] > MOVED) {
                hidden[v] = true;
            }
        }
        return true;
    }

    /** The cells that can move together with {@code start}: linked by equations through cells not yet seen. */
    private List<Integer> component(int start) {
        List<Integer> found = new ArrayList<>();
        boolean[] in = new boolean[system.size()];
        in[start] = true;
        found.add(start);
        for (int i = 0; i < found.size(); i++) {
            for (int[] r : relationsOf.get(found.get(i))) {
                for (int t : r) {
                    if (!in[t] && free(t)) {
                        in[t] = true;
                        found.add(t);
                    }
                }
            }
        }
        return found;
    }

    private List<int[]> relationsWithin(List<Integer> component) {
        List<int[]> result = new ArrayList<>();
        java.util.Set<int[]> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int v : component) {
            for (int[] r : relationsOf.get(v)) {
                if (taken.add(r)) {
                    result.add(r);
                }
            }
        }
        return result;
    }
}
