package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The solver the statistics programmes use, on the degenerate kind of programme suppression produces (cells fixed at
 * zero, several tables' totals over the same cells). commons-math 3.6.1's SimplexSolver answers 0 for this maximum
 * (a non-optimal vertex), which is why the gateway uses ojAlgo.
 */
class StatisticsSolverTest {

    @Test
    void theLargestValueOfAHiddenCellIsFoundOnADegenerateProgramme() {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = model.addVariable("x" + i).lower(0);
        }
        int[][] rows = {{0}, {1}, {5}, {6}, {7}, {0, 3, 6, 9}, {1, 4, 7, 10}, {2, 5, 8, 11},
                {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
        double[] values = {62, 0, 18, 51, 0, 118, 37, 24, 179};
        for (int r = 0; r < rows.length; r++) {
            Expression e = model.addExpression("r" + r).level(values[r]);
            for (int i : rows[r]) {
                e.set(x[i], 1);
            }
        }
        x[8].weight(1);
        Optimisation.Result max = model.maximise();
        assertThat(max.getState().isOptimal()).isTrue();
        assertThat(max.getValue()).isEqualTo(6.0);  // x2 + x8 + x11 = 24 - 18, nothing else bounds x8
        assertThat(model.minimise().getValue()).isEqualTo(0.0);
    }
}
