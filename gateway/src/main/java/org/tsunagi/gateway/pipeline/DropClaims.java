package org.tsunagi.gateway.pipeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who works on which drop ({@code drop_claim}, V50). A claim is one INSERT (a drop seen for the first time) or one
 * conditional UPDATE, so two instances (or two threads) racing for a drop cannot both win: the primary key or the
 * database's row lock serialises them and the loser sees the new owner. Each
 * claim counts an attempt before any work starts, so even an attempt that kills the JVM counts.
 */
final class DropClaims {

    /** A claim won: this instance works on the drop until {@code leaseUntil}. */
    record Claim(String takeId, int attempts, boolean takeover) {
    }

    private final JdbcClient jdbc;
    private final String owner;
    /** The claims this instance holds now: what the steps need to know of their drop's attempts. */
    private final Map<String, Claim> held = new ConcurrentHashMap<>();

    DropClaims(JdbcClient jdbc, String owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    /**
     * Claims the drop {@code takeId} until {@code leaseUntil}, if nobody holds it, its back-off is over and it was
     * not abandoned. A takeover is a claim on a drop whose previous owner's lease ran out.
     */
    Optional<Claim> claim(String takeId, String participantId, Instant now, Instant leaseUntil) {
        // The row: absent (first sight), or present with its owner (null: free).
        Optional<Optional<String>> row = jdbc.sql("SELECT owner FROM drop_claim WHERE take_id = :take")
                .param("take", takeId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
        if (row.isEmpty()) {
            try {
                // First sight and first claim in one statement (the usual case): the primary key lets only one
                // instance insert the row, and whoever does holds the drop, attempt 1.
                jdbc.sql("INSERT INTO drop_claim (take_id, participant_id, owner, lease_until, attempts, not_before) "
                                + "VALUES (:take, :participant, :owner, :lease, 1, :now)")
                        .param("take", takeId).param("participant", participantId).param("owner", owner)
                        .param("lease", utc(leaseUntil)).param("now", utc(now)).update();
                Claim claim = new Claim(takeId, 1, false);
                held.put(takeId, claim);
                return Optional.of(claim);
            } catch (DuplicateKeyException raced) {
                // Another instance saw it at the same moment: the UPDATE below decides who works on it.
            }
        }
        boolean takeover = row.isPresent() && row.get().isPresent() && !row.get().get().equals(owner);
        if (takeover && deadOnThisHost(row.get().get())) {
            // A previous run of a gateway on this host, killed before its lease ran out: no need to wait for it.
            int taken = jdbc.sql("UPDATE drop_claim SET owner = :owner, lease_until = :lease, attempts = attempts + 1 "
                            + "WHERE take_id = :take AND abandoned_at IS NULL AND owner = :dead")
                    .param("owner", owner).param("lease", utc(leaseUntil)).param("take", takeId)
                    .param("dead", row.get().get()).update();
            if (taken == 1) {
                return held(takeId, true);
            }
        }
        int won = jdbc.sql("""
                UPDATE drop_claim SET owner = :owner, lease_until = :lease, attempts = attempts + 1
                WHERE take_id = :take AND abandoned_at IS NULL AND not_before <= :now
                  AND (owner IS NULL OR lease_until < :now)
                """)
                .param("owner", owner).param("lease", utc(leaseUntil)).param("take", takeId).param("now", utc(now))
                .update();
        if (won == 0) {
            return Optional.empty();
        }
        return held(takeId, takeover);
    }

    private Optional<Claim> held(String takeId, boolean takeover) {
        int attempts = jdbc.sql("SELECT attempts FROM drop_claim WHERE take_id = :take AND owner = :owner")
                .param("take", takeId).param("owner", owner).query(Integer.class).optional().orElse(0);
        Claim claim = new Claim(takeId, attempts, takeover);
        held.put(takeId, claim);
        return Optional.of(claim);
    }

    /**
     * Whether {@code other} (host/pid/run) names a gateway run on this host that is gone: its process is not alive,
     * or it had this very process id in an earlier run (a restarted container is pid 1 again).
     */
    boolean deadOnThisHost(String other) {
        String[] theirs = other.split("/");
        String[] mine = owner.split("/");
        if (theirs.length != 3 || mine.length != 3 || !theirs[0].equals(mine[0])) {
            return false;
        }
        if (theirs[1].equals(mine[1])) {
            return !theirs[2].equals(mine[2]);
        }
        try {
            return ProcessHandle.of(Long.parseLong(theirs[1])).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The claim this instance holds on {@code takeId}, if any. */
    Optional<Claim> held(String takeId) {
        return takeId == null ? Optional.empty() : Optional.ofNullable(held.get(takeId));
    }

    /** This instance is done with its attempt on {@code takeId}, however it ended. */
    void forget(String takeId) {
        held.remove(takeId);
    }

    /** Lets go of a drop after a failed attempt: nobody tries it again before {@code notBefore}. */
    void release(String takeId, Instant notBefore, String step, Throwable failure) {
        jdbc.sql("""
                UPDATE drop_claim SET owner = NULL, lease_until = NULL, not_before = :notBefore,
                    last_step = :step, last_failure = :failure
                WHERE take_id = :take AND owner = :owner
                """)
                .param("notBefore", utc(notBefore)).param("step", step)
                .param("failure", failure == null ? null : truncate(failure.getClass().getName()))
                .param("take", takeId).param("owner", owner).update();
    }

    /** The drop has left the work area: its claim is no longer needed. */
    void done(String takeId) {
        jdbc.sql("DELETE FROM drop_claim WHERE take_id = :take").param("take", takeId).update();
    }

    /** Never try this drop again (it went to quarantine without a decision). */
    void abandon(String takeId, Instant at) {
        jdbc.sql("UPDATE drop_claim SET owner = NULL, lease_until = NULL, abandoned_at = :at WHERE take_id = :take")
                .param("at", utc(at)).param("take", takeId).update();
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
