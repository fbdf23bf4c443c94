package org.tsunagi.routes.pipeline;

import java.util.List;
import java.util.Objects;
import org.tsunagi.routes.routing.Disclosure;

/**
 * A recipient's copy the gateway could not make although the message is otherwise delivered: nothing is sealed or
 * sent to that recipient, the ledger records a REFUSED entry for it and the sender's receipt lists it. Today only
 * statistics copies are withheld ({@code STATISTICS_DISCLOSURE_RISK}: what the recipient already holds would let it
 * narrow a suppressed small cell).
 *
 * @param disclosure the agreement the copy would have been made under
 * @param reasonCode the stable reason code
 * @param tables     the report's tables that could not be released to the recipient (empty if not about a table)
 */
public record WithheldCopy(Disclosure disclosure, String reasonCode, List<Table> tables) {

    public WithheldCopy {
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(reasonCode, "reasonCode");
        tables = List.copyOf(tables);
    }

    public String recipientId() {
        return disclosure.recipientId();
    }

    /**
     * One table of a StatisticsReport, as the sender can find it in what it sent.
     *
     * @param position 1-based among the report's tables
     * @param tableId  its TableId, null if unknown
     * @param line     the line of its start tag, or -1
     * @param column   the column after its start tag, or -1
     */
    public record Table(int position, String tableId, int line, int column) {

        public Table {
            if (position < 1) {
                throw new IllegalArgumentException("a table position is 1-based");
            }
        }
    }
}
