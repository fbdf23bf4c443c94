package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker's programme, run before a copy is released: with every cell the recipient will then see fixed at its
 * value and every hidden cell a non-negative unknown tied by the equations, the smallest and largest value a hidden
 * cell can take. Formulated over the cells themselves (not over deviations, as {@link LinkedSuppression} is), so
 * that it checks the suppression rather than repeating it.
 */
final class DisclosureAudit {

    private final CellSystem system;
    private final boolean[] visible;
    private final List<List<CellSystem.Relation>> relationsOf = new ArrayList<>();

    /** @param visible the cells the recipient will hold (printed in this copy or released before) */
    DisclosureAudit(CellSystem system, boolean[] visible) {
        this.system = system;
        this.visible = visible.clone();
        for (int v = 0; v < system.size(); v++) {
            relationsOf.add(new ArrayList<>());
        }
        for (CellSystem.Relation r : system.relations()) {
            for (int t : r.terms()) {
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
        Set<CellSystem.Relation> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CellSystem.Relation> equations = new ArrayList<>();
        for (int i = 0; i < unknowns.size(); i++) {
            for (CellSystem.Relation r : relationsOf.get(unknowns.get(i))) {
                if (!taken.add(r)) {
                    continue;
                }
                equations.add(r);
                for (int t : r.terms()) {
                    if (!visible[t] && !column.containsKey(t)) {
                        column.put(t, unknowns.size());
                        unknowns.add(t);
                    }
                }
            }
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[unknowns.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = model.addVariable("x" + unknowns.get(i)).lower(0);
        }
        int e = 0;
        for (CellSystem.Relation relation : equations) {
            int[] r = relation.terms();
            Expression constraint = model.addExpression("r" + e++);
            double rhs = 0;
            for (int t = 0; t < r.length; t++) {
                double sign = t == 0 ? 1 : -1;  // total - parts = 0, or >= 0
                Integer c = column.get(r[t]);
                if (c != null) {
                    constraint.add(x[c], sign);
                } else {
                    rhs -= sign * system.value(r[t]);
                }
            }
            if (relation.equality()) {
                constraint.level(rhs);
            } else {
                constraint.lower(rhs);
            }
        }
        x[0].weight(1);
        Optimisation.Result min = model.minimise();
        Optimisation.Result max = model.maximise();
        if (!min.getState().isOptimal() || !max.getState().isOptimal() && max.getState() != Optimisation.State.UNBOUNDED) {
            return null;
        }
        return new double[] {min.getValue(), max.getState() == Optimisation.State.UNBOUNDED ? Double.POSITIVE_INFINITY
                : max.getValue()};
    }
}
