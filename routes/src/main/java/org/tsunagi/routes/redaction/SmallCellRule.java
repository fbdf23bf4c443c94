package org.tsunagi.routes.redaction;

/**
 * Statistics disclosure control for one recipient (from its agreement and the gateway's settings).
 *
 * @param minCount           k: counts 1..k-1 are suppressed (default 3)
 * @param minRateDenominator a rate whose denominator is below this is suppressed (default 20)
 * @param national           true only for a national-level recipient, which receives the tables unsuppressed
 * @param protectionPercent  p: a suppressed sensitive cell of value v must stay uncertain to the recipient by at
 *                           least max(1, p % of v) below and above (default 10)
 */
public record SmallCellRule(int minCount, int minRateDenominator, boolean national, int protectionPercent) {

    /** The default protection level p (percent). */
    public static final int DEFAULT_PROTECTION_PERCENT = 10;

    /** k = 3, rates need a denominator of at least 20: for every recipient below national level by default. */
    public static final SmallCellRule DEFAULT = new SmallCellRule(3, 20, false);

    /** No suppression: only for national-level recipients. */
    public static final SmallCellRule NATIONAL = new SmallCellRule(1, 0, true);

    public SmallCellRule(int minCount, int minRateDenominator, boolean national) {
        this(minCount, minRateDenominator, national, DEFAULT_PROTECTION_PERCENT);
    }

    public SmallCellRule {
        if (protectionPercent < 0 || protectionPercent > 100) {
            throw new IllegalArgumentException("the protection level is a percentage, got " + protectionPercent);
        }
        if (!national && (minCount < 2 || minRateDenominator < 1)) {
            throw new IllegalArgumentException("below national level k must be at least 2 and the rate denominator "
                    + "threshold at least 1, got k=" + minCount + ", denominator=" + minRateDenominator);
        }
    }

    /** Below national level with the agreement's k and the default rate threshold. */
    public static SmallCellRule withMinCount(int k) {
        return new SmallCellRule(k, DEFAULT.minRateDenominator, false);
    }

    /** The same rule with another protection level. */
    public SmallCellRule withProtectionPercent(int percent) {
        return new SmallCellRule(minCount, minRateDenominator, national, percent);
    }
}
