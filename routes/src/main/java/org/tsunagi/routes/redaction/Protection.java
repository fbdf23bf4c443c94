package org.tsunagi.routes.redaction;

/**
 * How far from its true value a suppressed sensitive cell must remain uncertain to a recipient: the smallest and
 * largest value a linear programme over everything the recipient holds can derive must be at least {@code lower}
 * below and {@code upper} above the true value.
 *
 * @param cell  the sensitive cell (a variable of the {@link CellSystem})
 * @param value its true value
 * @param lower the lower protection (never more than the value: counts are not negative)
 * @param upper the upper protection
 */
record Protection(int cell, long value, double lower, double upper) {

    /** max(1, p % of the value) up and down (down at most to zero). */
    static Protection of(int cell, long value, int percent) {
        double level = Math.max(1.0, value * percent / 100.0);
        return new Protection(cell, value, Math.min(level, value), level);
    }

    /** Whether the interval an attacker can derive is wide enough (with a tolerance for the solver's arithmetic). */
    boolean metBy(double min, double max) {
        return min <= value - lower + 1e-6 && max >= value + upper - 1e-6;
    }
}
