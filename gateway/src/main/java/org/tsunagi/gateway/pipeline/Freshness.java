package org.tsunagi.gateway.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a date a sender gives (its {@code CreatedAt}, its signing time) lies within the window around the gateway's
 * clock: at most {@code max-age} back, at most {@code max-ahead} forward. Outside it a message is refused: a stale
 * one could be a replay of an old capture or skew what is derived from its date (age bands), a future-dated one
 * could outlive the checks made today.
 */
final class Freshness {

    static final String STALE = "STALE_MESSAGE";
    static final String FUTURE = "FUTURE_DATED";

    private final IntakeProperties intake;
    private final Clock clock;

    Freshness(IntakeProperties intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    /** The reason code if {@code when} is outside the window, else empty. */
    Optional<String> check(Instant when) {
        Instant now = clock.instant();
        if (when.isAfter(now.plus(intake.maxAhead()))) {
            return Optional.of(FUTURE);
        }
        if (when.isBefore(now.minus(intake.maxAge()))) {
            return Optional.of(STALE);
        }
        return Optional.empty();
    }
}
