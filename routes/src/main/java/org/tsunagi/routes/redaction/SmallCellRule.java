package org.tsunagi.routes.redaction;

/**
 * Statistics disclosure control for one recipient (from its agreement).
 *
 * @param minCount           k: counts 1..k-1 are suppressed (default 3)
 * @param minRateDenominator a rate whose denominator is below this is suppressed (default 20)
 * @param national           true only for a national-level recipient, which receives the tables unsuppressed
 */
public record SmallCellRule(int minCount, int minRateDenominator, boolean national) {

    /** k = 3, rates need a denominator of at least 20: for every recipient below national level by default. */
    public static final SmallCellRule DEFAULT = new SmallCellRule(3, 20, false);

    /** No suppression: only for national-level recipients. */
    public static final SmallCellRule NATIONAL = new SmallCellRule(1, 0, true);

    public SmallCellRule {
        if (!national && (minCount < 2 || minRateDenominator < 1)) {
            throw new IllegalArgumentException("below national level k must be at least 2 and the rate denominator "
                    + "threshold at least 1, got k=" + minCount + ", denominator=" + minRateDenominator);
        }
    }

    /** Below national level with the agreement's k and the default rate threshold. */
    public static SmallCellRule withMinCount(int k) {
        return new SmallCellRule(k, DEFAULT.minRateDenominator, false);
    }
}
