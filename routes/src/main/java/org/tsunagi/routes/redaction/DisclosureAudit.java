package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
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
 * The attacker's programme, run before a copy is released: with every cell the recipient will then see fixed at its
 * value and every hidden cell a non-negative unknown tied by the equations, the smallest and largest value a hidden
 * cell can take. Formulated over the cells themselves (not over deviations, as {@link LinkedSuppression} is), so
 * that it checks the suppression rather than repeating it.
 */
final class DisclosureAudit {

    private static final int MAX_ITERATIONS = 100_000;

    private final CellSystem system;
    private final boolean[] visible;
    private final List<List<int[]>> relationsOf = new ArrayList<>();

    /** @param visible the cells the recipient will hold (printed in this copy or released before) */
    DisclosureAudit(CellSystem system, boolean[] visible) {
        this.system = system;
        this.visible = visible.clone();
        for (int v = 0; v < system.size(); v++) {
            relationsOf.add(new ArrayList<>());
        }
        for (int[] r : system.relations()) {
            for (int t : r) {
                relationsOf.get(t).add(r);
            }
        }
    }

    /** {min, max} of a hidden cell; max is infinite when nothing bounds it; null when the programme fails. */
    double[] bounds(int cell) {
        if (visible[cell]) {
            long v = system.value(cell);
            return new double[] {v, v};
        }
        List<Integer> unknowns = new ArrayList<>();
        Map<Integer, Integer> column = new HashMap<>();
        unknowns.add(cell);
        column.put(cell, 0);
        Set<int[]> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        List<int[]> equations = new ArrayList<>();
        for (int i = 0; i < unknowns.size(); i++) {
            for (int[] r : relationsOf.get(unknowns.get(i))) {
                if (!taken.add(r)) {
                    continue;
                }
                equations.add(r);
                for (int t : r) {
                    if (!visible[t] && !column.containsKey(t)) {
                        column.put(t, unknowns.size());
                        unknowns.add(t);
                    }
                }
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int[] r : equations) {
            double[] a = new double[unknowns.size()];
            double rhs = 0;
            for (int t = 0; t < r.length; t++) {
                double sign = t == 0 ? 1 : -1;  // total - parts = 0
                Integer c = column.get(r[t]);
                if (c != null) {
                    a[c] += sign;
                } else {
                    rhs -= sign * system.value(r[t]);
                }
            }
            constraints.add(new LinearConstraint(a, Relationship.EQ, rhs));
        }
        double[] objective = new double[unknowns.size()];
        objective[0] = 1;
        try {
            return new double[] {solve(objective, constraints, GoalType.MINIMIZE),
                    solve(objective, constraints, GoalType.MAXIMIZE)};
        } catch (NoFeasibleSolutionException | TooManyIterationsException e) {
            return null;
        }
    }

    private static double solve(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
        if (constraints.isEmpty()) {
            return goal == GoalType.MINIMIZE ? 0 : Double.POSITIVE_INFINITY;
        }
        try {
            return new SimplexSolver().optimize(new MaxIter(MAX_ITERATIONS), new LinearObjectiveFunction(objective, 0),
                    new LinearConstraintSet(constraints), goal, new NonNegativeConstraint(true)).getValue();
        } catch (UnboundedSolutionException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
