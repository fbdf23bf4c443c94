package org.tsunagi.gateway.pipeline;

import org.tsunagi.routes.redaction.LegalBasis;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.routes.routing.PurposeRules;

/** What the disclosure policies say about each purpose, for routing. */
final class PolicyPurposeRules implements PurposeRules {

    private final PolicyCatalog policies;

    PolicyPurposeRules(PolicyCatalog policies) {
        this.policies = policies;
    }

    @Override
    public boolean discloses(String purpose, String messageType) {
        return policies.policy(purpose).map(p -> !p.rules(messageType).isEmpty()).orElse(false);
    }

    @Override
    public boolean accepts(String purpose, LegalBasis legalBasis) {
        return policies.policy(purpose).map(p -> p.legalBases().contains(legalBasis)).orElse(false);
    }

    @Override
    public boolean consentNeeded(String purpose) {
        return policies.policy(purpose).map(p -> p.consentNeeded()).orElse(false);
    }
}
