package org.tsunagi.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The checks on a verified token that neither Nimbus nor Spring has: a short lifetime, and a {@code jti} used once.
 * (Signature, algorithm, issuer's key, audience, required claims, {@code exp} and {@code nbf} are Nimbus's.)
 */
final class TokenRules {

    static final String LIFETIME_TOO_LONG = "token_lifetime_too_long";
    static final String REPLAYED = "token_replayed";
    static final int MAX_JTI_LENGTH = 128;

    private TokenRules() {
    }

    /** {@code exp} at most the allowed lifetime ahead, and {@code iat} not in the future. */
    static OAuth2TokenValidator<Jwt> shortLived(Duration maxLifetime, Duration skew, Clock clock) {
        return jwt -> {
            Instant now = clock.instant();
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now.plus(maxLifetime).plus(skew))) {
                return failure(LIFETIME_TOO_LONG, "exp is more than " + maxLifetime.toMinutes() + " minutes ahead");
            }
            if (jwt.getIssuedAt() != null && jwt.getIssuedAt().isAfter(now.plus(skew))) {
                return failure("invalid_token", "iat is in the future");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** The token's {@code jti} was never accepted before, from this issuer, on any instance. Runs last. */
    static OAuth2TokenValidator<Jwt> usedOnce(TokenReplayCache cache, Duration skew, Clock clock) {
        return jwt -> {
            String jti = jwt.getId();
            if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
                return failure("invalid_token", "jti is required, at most " + MAX_JTI_LENGTH + " characters");
            }
            if (!cache.firstUse(jwt.getClaimAsString("iss"), jti, jwt.getExpiresAt().plus(skew), clock.instant())) {
                return failure(REPLAYED, "this token (jti) was already used");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** Runs the validators in order and stops at the first failure (Spring's delegating validator runs them all). */
    @SafeVarargs
    static OAuth2TokenValidator<Jwt> inOrder(OAuth2TokenValidator<Jwt>... validators) {
        return jwt -> {
            for (OAuth2TokenValidator<Jwt> validator : validators) {
                OAuth2TokenValidatorResult result = validator.validate(jwt);
                if (result.hasErrors()) {
                    return result;
                }
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    static OAuth2TokenValidatorResult failure(String code, String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(code, description, null));
    }
}
