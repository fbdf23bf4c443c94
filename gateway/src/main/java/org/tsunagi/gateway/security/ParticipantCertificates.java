package org.tsunagi.gateway.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * Refuses a token whose issuer has no registered certificate valid now: none chaining to a trust anchor, all expired
 * or revoked on the CRLs. Which certificate signed it was settled by {@link ParticipantKeySelector}, which offers
 * only valid ones while there are any. Verdicts are {@link CurrentCertificates}' (kept a few seconds per
 * participant); a revocation takes effect within that time plus the CRL reload interval.
 */
@Component
class ParticipantCertificates implements OAuth2TokenValidator<Jwt> {

    static final String REFUSED = "certificate_refused";

    private final ParticipantRegistry registry;
    private final CurrentCertificates current;

    ParticipantCertificates(ParticipantRegistry registry, CurrentCertificates current) {
        this.registry = registry;
        this.current = current;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String issuer = token.getClaimAsString("iss");
        Participant participant = registry.find(issuer).orElse(null);
        if (participant == null) {
            return TokenRules.failure(REFUSED, "participant " + issuer + " is not registered");
        }
        return current.refusal(participant).map(refusal -> TokenRules.failure(REFUSED, refusal))
                .orElseGet(OAuth2TokenValidatorResult::success);
    }
}
