package org.tsunagi.routes.redaction;

import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/** A message that cannot be disclosed to a recipient; nothing is produced. {@link #reason()} is a stable code. */
public final class RedactionException extends RuntimeException {

    /** Stable reason codes (the ledger records them on REFUSED entries). */
    public enum Reason {
        /** The document is not a Tsunagi message (root element or namespace). */
        NOT_A_MESSAGE,
        /** No policy for the purpose (unknown purpose, or none configured). */
        NO_POLICY,
        /** The purpose's policy discloses nothing of this message type. */
        MESSAGE_TYPE_NOT_COVERED,
        /** The agreement's legal basis is unknown or not one the policy accepts. */
        LEGAL_BASIS_NOT_ACCEPTED,
        /** The policy requires the person's consent and the message does not record it. */
        CONSENT_MISSING,
        /** A statistics table whose structure small-cell control cannot protect (e.g. more than two dimensions). */
        STATISTICS_UNSUPPORTED,
        /**
         * Together with everything the recipient (or its group) already holds for the same sender and reference
         * period, a statistics table of the copy would let a suppressed small cell be narrowed to less than its
         * protection interval, and no further suppression in the copy widens it.
         */
        STATISTICS_DISCLOSURE_RISK,
        /** The redacted copy does not validate against the schema (a defect: nothing is sent). */
        INVALID_RESULT
    }

    private final Reason reason;
    private final List<Integer> tables;

    RedactionException(Reason reason, String detail) {
        this(reason, detail, 0);
    }

    RedactionException(Reason reason, String detail, int table) {
        this(reason, detail, table > 0 ? List.of(table) : List.of());
    }

    /** @param tables the 1-based positions of the report's tables the refusal is about, in report order */
    RedactionException(Reason reason, String detail, List<Integer> tables) {
        super(detail + " [" + reason + "]");
        this.reason = reason;
        this.tables = List.copyOf(new TreeSet<>(tables));
    }

    RedactionException(Reason reason, String detail, Throwable cause) {
        super(detail + " [" + reason + "]", cause);
        this.reason = reason;
        this.tables = List.of();
    }

    /** The table of a StatisticsReport the refusal is about: its 1-based position in the sender's report. */
    public OptionalInt table() {
        return tables.isEmpty() ? OptionalInt.empty() : OptionalInt.of(tables.get(0));
    }

    /** Every table of a StatisticsReport the refusal is about (1-based positions, ascending); empty if none. */
    public List<Integer> tables() {
        return tables;
    }

    public Reason reason() {
        return reason;
    }
}
