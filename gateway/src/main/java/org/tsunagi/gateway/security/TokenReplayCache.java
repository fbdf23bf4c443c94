package org.tsunagi.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token ids ({@code jti}) already accepted, in the database so that every gateway instance sees them.
 * Insert-or-refuse on the primary key: exactly one request with a given (iss, jti) wins, even concurrently.
 */
@Component
class TokenReplayCache {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    TokenReplayCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Remembers a token id until {@code keepUntil}.
     *
     * @return {@code true} the first time, {@code false} if this issuer used this id before
     */
    boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
        purgeIfDue(now);
        try {
            jdbc.sql("INSERT INTO token_replay (issuer, jti, expires_at) VALUES (:issuer, :jti, :expiresAt)")
                    .param("issuer", issuer).param("jti", jti)
                    .param("expiresAt", keepUntil.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void purgeIfDue(Instant now) {
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
            jdbc.sql("DELETE FROM token_replay WHERE expires_at < :now")
                    .param("now", now.atOffset(ZoneOffset.UTC)).update();
        }
    }
}
