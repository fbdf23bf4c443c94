package org.tsunagi.routes.routing;

import java.util.List;

/**
 * Who gets a copy of a message and who is refused.
 *
 * @param disclosures one per recipient that gets a copy
 * @param refusals    the recipients refused (each recorded as REFUSED in the ledger)
 * @param unroutable  why the message has no recipient at all before any agreement was looked at (no place of
 *                    return, no matching request, ...), else null
 */
public record RoutingDecision(List<Disclosure> disclosures, List<Refusal> refusals, RefusalReason unroutable) {

    public RoutingDecision {
        disclosures = List.copyOf(disclosures);
        refusals = List.copyOf(refusals);
    }

    static RoutingDecision unroutable(RefusalReason reason) {
        return new RoutingDecision(List.of(), List.of(), reason);
    }

    /** True when nobody gets a copy: the message is refused as a whole. */
    public boolean deliversNothing() {
        return disclosures.isEmpty();
    }

    /** The reason code for refusing the whole message; only meaningful when {@link #deliversNothing()}. */
    public RefusalReason refusalReason() {
        if (unroutable != null) {
            return unroutable;
        }
        return refusals.isEmpty() ? RefusalReason.NO_AGREEMENT : refusals.get(0).reason();
    }
}
