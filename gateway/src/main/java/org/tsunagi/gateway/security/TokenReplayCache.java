package org.tsunagi.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token ids ({@code jti}) already accepted, in the database so that every gateway instance sees them.
 * Insert-or-refuse on the primary key ({@code INSERT ... ON CONFLICT DO NOTHING}: no prior SELECT, no exception for
 * a replay): exactly one request with a given (iss, jti) wins, even concurrently and across instances.
 *
 * <p>Requests arriving together share one transaction (group commit): while one batch is being written, the next
 * requests queue, and the first of them writes the whole queue as one JDBC batch and one commit. Each request still
 * waits for the commit that holds its own row, so an accepted token is durable before its request goes on.
 */
@Component
class TokenReplayCache {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final String INSERT = """
            INSERT INTO token_replay (issuer, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final TransactionTemplate transaction;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);
    private final Object lock = new Object();
    private List<Use> queued = new ArrayList<>();
    private boolean writing;

    TokenReplayCache(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batchJdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** One request's token id, and what the batch that wrote it found. */
    private static final class Use {
        final String issuer;
        final String jti;
        final Instant keepUntil;
        boolean done;
        boolean first;
        RuntimeException failure;

        Use(String issuer, String jti, Instant keepUntil) {
            this.issuer = issuer;
            this.jti = jti;
            this.keepUntil = keepUntil;
        }
    }

    /**
     * Remembers a token id until {@code keepUntil}.
     *
     * @return {@code true} the first time, {@code false} if this issuer used this id before
     */
    boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
        purgeIfDue(now);
        Use use = new Use(issuer, jti, keepUntil);
        List<Use> batch;
        synchronized (lock) {
            queued.add(use);
            while (true) {
                if (use.done) {
                    return outcome(use);
                }
                if (!writing) {
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the replay check was written", e);
                }
            }
            // This request writes everything queued so far, its own use included.
            writing = true;
            batch = queued;
            queued = new ArrayList<>();
        }
        // One key order for every batch: two instances' batches then never wait on each other crosswise.
        batch.sort(Comparator.comparing((Use u) -> u.issuer).thenComparing(u -> u.jti));
        RuntimeException failure = null;
        int[] counts = null;
        try {
            counts = write(batch);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            for (int i = 0; i < batch.size(); i++) {
                Use u = batch.get(i);
                u.failure = failure;
                u.first = failure == null && counts[i] > 0;
                u.done = true;
            }
            writing = false;
            lock.notifyAll();
        }
        return outcome(use);
    }

    private static boolean outcome(Use use) {
        if (use.failure != null) {
            throw use.failure;
        }
        return use.first;
    }

    private int[] write(List<Use> batch) {
        int[] counts = transaction.execute(status -> batchJdbc.batchUpdate(INSERT, batch, batch.size(),
                (statement, use) -> {
                    statement.setString(1, use.issuer);
                    statement.setString(2, use.jti);
                    statement.setObject(3, use.keepUntil.atOffset(ZoneOffset.UTC));
                })[0]);
        if (counts == null || counts.length != batch.size()) {
            throw new IllegalStateException("the replay cache batch did not report one count per token");
        }
        for (int count : counts) {
            if (count < 0) {
                // A driver that does not say which rows it inserted cannot tell a replay from a first use.
                throw new IllegalStateException("the database did not report the rows the replay check inserted");
            }
        }
        return counts;
    }

    private void purgeIfDue(Instant now) {
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
            jdbc.sql("DELETE FROM token_replay WHERE expires_at < :now")
                    .param("now", now.atOffset(ZoneOffset.UTC)).update();
        }
    }
}
