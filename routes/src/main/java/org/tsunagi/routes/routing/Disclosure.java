package org.tsunagi.routes.routing;

import java.util.Objects;
import java.util.Set;

/**
 * One recipient that gets a copy, and the agreement it gets it under.
 *
 * @param recipientId    the recipient
 * @param terms          the agreement whose purpose selects the redaction policy
 * @param onlyItems      for an InformationResponse: the field paths the requester asked for (the copy may carry no
 *                       other), else empty (the purpose's policy alone decides)
 */
public record Disclosure(String recipientId, AgreementTerms terms, Set<String> onlyItems) {

    public Disclosure {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(terms, "terms");
        onlyItems = Set.copyOf(onlyItems);
    }
}
