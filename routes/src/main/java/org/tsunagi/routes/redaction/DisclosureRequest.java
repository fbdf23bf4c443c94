package org.tsunagi.routes.redaction;

import java.util.Objects;

/**
 * To whom, for what and on what grounds a message is disclosed: taken from the recipient's active agreement.
 *
 * @param recipientId participant id of the recipient (keys its pseudonyms)
 * @param purpose     purpose id, e.g. {@code welfare-support}
 * @param legalBasis  legal basis id named by the agreement, e.g. {@code appi-art69-2-iii}
 * @param smallCells  statistics disclosure control for this recipient
 */
public record DisclosureRequest(String recipientId, String purpose, String legalBasis, SmallCellRule smallCells) {

    public DisclosureRequest {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(smallCells, "smallCells");
    }

    /** A request below national level with the default small-cell rule. */
    public DisclosureRequest(String recipientId, String purpose, String legalBasis) {
        this(recipientId, purpose, legalBasis, SmallCellRule.DEFAULT);
    }
}
