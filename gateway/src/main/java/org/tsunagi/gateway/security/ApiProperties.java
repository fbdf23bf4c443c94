package org.tsunagi.gateway.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the HTTPS API's client authentication and per-participant limits ({@code tsunagi.api.*}).
 *
 * @param maxTokenBytes    a bearer token longer than this is refused before it is parsed (below Tomcat's 8 KB
 *                         header limit, so that the refusal is a problem+json 401)
 * @param maxTokenLifetime how far ahead of now a token's {@code exp} may be (DESIGN: at most 5 minutes)
 * @param clockSkew        tolerance for the participants' clocks on {@code exp}, {@code nbf} and {@code iat}
 * @param limits           the limits of every participant unless overridden
 * @param overrides        per participant id, limits that replace the defaults
 */
@Validated
@ConfigurationProperties("tsunagi.api")
public record ApiProperties(
        @DefaultValue("4096") @Min(512) @Max(7168) int maxTokenBytes,
        @DefaultValue("5m") @NotNull Duration maxTokenLifetime,
        @DefaultValue("60s") @NotNull Duration clockSkew,
        @DefaultValue @Valid @NotNull Limits limits,
        Map<String, @Valid Limits> overrides) {

    public ApiProperties {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero() || maxTokenLifetime.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("tsunagi.api.max-token-lifetime must be more than 0 and at most 5m");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("tsunagi.api.clock-skew must be 0 to 5m");
        }
    }

    /** The limits that apply to one participant. */
    public Limits limitsFor(String participantId) {
        return overrides.getOrDefault(participantId, limits);
    }

    /**
     * @param requestsPerMinute sustained request rate (a token bucket refilled continuously)
     * @param burst             requests allowed at once before the rate applies
     * @param maxBodyBytes      largest request body (a sealed message upload, a receipt)
     */
    public record Limits(@DefaultValue("120") @Min(1) int requestsPerMinute,
                         @DefaultValue("30") @Min(1) int burst,
                         @DefaultValue("10485760") @Min(1024) long maxBodyBytes) {
    }
}
