package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a drop must respect besides its format: how long the gateway works on it, and how far its dates may lie from
 * the gateway's clock.
 *
 * @param processingDeadline the longest the gateway works on one attempt at a drop: checked while it is opened
 *                           (decryption, parsing, signature and chain checks) and before every later step; past it
 *                           the drop is refused with {@code PROCESSING_TIMEOUT} (default 30s)
 * @param maxAge             how far in the past {@code Header/CreatedAt} and the CMS signing time may lie; older:
 *                           {@code STALE_MESSAGE} (default 24h)
 * @param maxAhead           how far in the future they may lie (clock skew); later: {@code FUTURE_DATED} (default 5m)
 */
@Validated
@ConfigurationProperties("tsunagi.intake")
public record IntakeProperties(@DefaultValue("30s") @NotNull Duration processingDeadline,
                               @DefaultValue("24h") @NotNull Duration maxAge,
                               @DefaultValue("5m") @NotNull Duration maxAhead) {

    public IntakeProperties {
        if (processingDeadline.isNegative() || processingDeadline.isZero()) {
            throw new IllegalArgumentException("tsunagi.intake.processing-deadline must be positive");
        }
        if (maxAge.isNegative() || maxAhead.isNegative()) {
            throw new IllegalArgumentException("tsunagi.intake.max-age and max-ahead must not be negative");
        }
    }
}
