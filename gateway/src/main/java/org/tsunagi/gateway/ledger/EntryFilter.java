package org.tsunagi.gateway.ledger;

import java.time.Instant;
import java.util.Set;
import org.tsunagi.routes.ledger.SubjectReference;

/** Filters of an auditor's search; null means "any". Time range is [from, to). */
public record EntryFilter(SubjectReference subject, String sender, String recipient, String purpose,
                          Set<LedgerEvent> events, Instant from, Instant to) {

    public EntryFilter {
        events = events == null || events.isEmpty() ? null : Set.copyOf(events);
    }

    public static EntryFilter subject(SubjectReference subject) {
        return new EntryFilter(subject, null, null, null, null, null, null);
    }
}
