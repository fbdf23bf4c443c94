package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Complementary suppression over a whole {@link CellSystem}, by linear programming (the classic LP heuristic for
 * linked tables, as in τ-ARGUS and sdcTable, solved with ojAlgo's {@link ExpressionsBasedModel}).
 *
 * <p>For a sensitive cell and a direction (up, then down), we look for a <em>deviation</em> {@code y}: a change of
 * the cells that keeps every equation ({@code A y = 0}) and every "total at least its parts" bound, keeps every cell non-negative ({@code x + y >= 0}), moves
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

    private final CellSystem system;
    private final boolean[] hidden;
    private final boolean[] hideable;
    private final List<List<CellSystem.Relation>> relationsOf = new ArrayList<>();

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
        for (CellSystem.Relation r : system.relations()) {
            for (int t : r.terms()) {
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
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Map<Integer, Variable[]> moves = new HashMap<>();
        for (int v : component) {
            Long value = system.value(v);
            double cost = hidden[v] ? HIDDEN_COST : 1.0 + (value == null ? 0 : value);
            // y = up - down; a cell of unknown value may only move up: it could be zero.
            Variable upward = model.addVariable("u" + v).lower(0).weight(cost);
            Variable downward = model.addVariable("d" + v).lower(0).upper(value == null ? 0 : value).weight(cost);
            moves.put(v, new Variable[] {upward, downward});
        }
        int e = 0;
        for (CellSystem.Relation relation : relationsWithin(component)) {
            int[] r = relation.terms();
            Expression constraint = model.addExpression("r" + e++);
            double slack = 0;  // total - parts at the true values: how far the total may fall behind its parts
            for (int t = 0; t < r.length; t++) {
                double sign = t == 0 ? 1 : -1;
                Variable[] y = moves.get(r[t]);
                if (y != null) {
                    constraint.add(y[0], sign);
                    constraint.add(y[1], -sign);
                }
                Long value = system.value(r[t]);
                slack = value == null || Double.isNaN(slack) ? Double.NaN : slack + sign * value;
            }
            if (relation.equality()) {
                constraint.level(0);
            } else {
                // Unknown slack: keep the deviation from eating into it at all (it may be zero).
                constraint.lower(Double.isNaN(slack) ? 0 : -slack);
            }
        }
        Variable[] s = moves.get(need.cell());
        Expression move = model.addExpression("move");
        move.set(s[0], up ? 1 : -1).set(s[1], up ? -1 : 1).lower(up ? need.upper() : need.lower());
        Optimisation.Result result = model.minimise();
        if (!result.getState().isOptimal()) {
            return false;  // infeasible: every way to move the cell runs through cells the recipient saw
        }
        for (int v : component) {
            Variable[] y = moves.get(v);
            if (y[0].getValue().doubleValue() + y[1].getValue().doubleValue() > MOVED) {
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
            for (CellSystem.Relation r : relationsOf.get(found.get(i))) {
                for (int t : r.terms()) {
                    if (!in[t] && free(t)) {
                        in[t] = true;
                        found.add(t);
                    }
                }
            }
        }
        return found;
    }

    private List<CellSystem.Relation> relationsWithin(List<Integer> component) {
        List<CellSystem.Relation> result = new ArrayList<>();
        java.util.Set<CellSystem.Relation> taken =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int v : component) {
            for (CellSystem.Relation r : relationsOf.get(v)) {
                if (taken.add(r)) {
                    result.add(r);
                }
            }
        }
        return result;
    }
}
