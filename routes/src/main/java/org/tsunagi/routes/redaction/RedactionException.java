package org.tsunagi.routes.redaction;

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
        /** The redacted copy does not validate against the schema (a defect: nothing is sent). */
        INVALID_RESULT
    }

    private final Reason reason;

    RedactionException(Reason reason, String detail) {
        super(detail + " [" + reason + "]");
        this.reason = reason;
    }

    RedactionException(Reason reason, String detail, Throwable cause) {
        super(detail + " [" + reason + "]", cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
