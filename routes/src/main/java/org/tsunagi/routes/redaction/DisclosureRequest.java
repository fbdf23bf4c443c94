package org.tsunagi.routes.redaction;

import java.util.Objects;

/**
 * To whom, for what and on what grounds a message is disclosed: taken from the recipient's active agreement.
 *
 * @param recipientId participant id of the recipient (keys its pseudonyms)
 * @param purpose     purpose id, e.g. {@code welfare-support}
 * @param legalBasis  legal basis id named by the agreement, e.g. {@code appi-art69-2-iii}
 * @param smallCells  statistics disclosure control for this recipient
 * @param history     the statistics already released to the recipient (or its group) by the same sender for the
 *                    same reference period (only read for a StatisticsReport)
 */
public record DisclosureRequest(String recipientId, String purpose, String legalBasis, SmallCellRule smallCells,
                                StatisticsHistory history) {

    public DisclosureRequest(String recipientId, String purpose, String legalBasis, SmallCellRule smallCells) {
        this(recipientId, purpose, legalBasis, smallCells, StatisticsHistory.NONE);
    }

    public DisclosureRequest {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(smallCells, "smallCells");
        Objects.requireNonNull(history, "history");
    }

    /** A request below national level with the default small-cell rule. */
    public DisclosureRequest(String recipientId, String purpose, String legalBasis) {
        this(recipientId, purpose, legalBasis, SmallCellRule.DEFAULT);
    }
}
