package org.tsunagi.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * Refuses a token whose issuer's registered certificate is not valid now: not chaining to a trust anchor, expired,
 * or revoked on the CRL. Verdicts are kept for a few seconds per participant, so that a burst of requests costs one
 * path validation; a revocation takes effect within that time plus the CRL re-check interval.
 */
@Component
class ParticipantCertificates implements OAuth2TokenValidator<Jwt> {

    static final String REFUSED = "certificate_refused";
    private static final Duration KEEP_VERDICT = Duration.ofSeconds(10);

    private record Verdict(String refusal, Instant until) {
    }

    private final ParticipantRegistry registry;
    private final SignerValidator validator;
    private final Clock clock;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    ParticipantCertificates(ParticipantRegistry registry, SignerValidator validator, Clock clock) {
        this.registry = registry;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String issuer = token.getClaimAsString("iss");
        Instant now = clock.instant();
        Verdict verdict = verdicts.get(issuer);
        if (verdict == null || now.isAfter(verdict.until())) {
            verdict = new Verdict(check(issuer, now), now.plus(KEEP_VERDICT));
            verdicts.put(issuer, verdict);
        }
        return verdict.refusal() == null ? OAuth2TokenValidatorResult.success()
                : TokenRules.failure(REFUSED, verdict.refusal());
    }

    private String check(String issuer, Instant now) {
        Participant participant = registry.find(issuer).orElse(null);
        if (participant == null) {
            return "participant " + issuer + " is not registered";
        }
        try {
            validator.validate(participant.certificate(), List.of(), now);
            return null;
        } catch (EnvelopeException e) {
            return "the registered certificate of " + issuer + " is refused (" + e.reason() + "): " + e.getMessage();
        }
    }
}
