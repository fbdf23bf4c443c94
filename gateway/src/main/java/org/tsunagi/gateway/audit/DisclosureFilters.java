package org.tsunagi.gateway.audit;

import java.util.List;
import java.util.Set;

/**
 * The query of {@code GET /audit/disclosures} as sent, bound by Spring MVC: nothing here is trusted until
 * {@link AuditSearches} has checked it, and only checked values reach the ledger's AUDIT_QUERY entry.
 *
 * @param subject   a 64-hex subject reference, or {@code scheme:value} identifiers
 * @param sender    a registered participant id
 * @param recipient a registered participant id
 * @param purpose   a purpose id
 * @param event     ledger event names, repeated or comma-separated
 * @param from      ISO-8601 instant, inclusive
 * @param to        ISO-8601 instant, exclusive
 * @param cursor    the {@code next} of the previous page
 * @param limit     page size
 */
record DisclosureFilters(String subject, String sender, String recipient, String purpose, List<String> event,
                         String from, String to, String cursor, String limit) {

    /** Every parameter the search knows: a mistyped one must not silently widen the search. */
    static final Set<String> NAMES =
            Set.of("subject", "sender", "recipient", "purpose", "event", "from", "to", "cursor", "limit");
}
