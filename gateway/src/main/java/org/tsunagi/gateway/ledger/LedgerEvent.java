package org.tsunagi.gateway.ledger;

/** What a ledger entry records. */
public enum LedgerEvent {
    /** A redacted copy was sealed for a recipient (written with the outbox row, in one transaction). */
    DISCLOSED,
    /** The recipient fetched its copy. */
    DELIVERED,
    /** The recipient acknowledged its copy. */
    ACKNOWLEDGED,
    /** A disclosure was refused (no agreement, role not allowed, ...): nothing left the gateway. */
    REFUSED,
    /** An input was quarantined (unreadable, bad signature, replay, ...). */
    QUARANTINED,
    /** An auditor queried the ledger: who, which filters, how many results. */
    AUDIT_QUERY
}
